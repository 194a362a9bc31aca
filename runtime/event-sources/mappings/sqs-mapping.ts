// An SQS event source mapping as the template declares it (SAM `Type: SQS` events, and the queue SAM makes
// for an SNS event's SqsSubscription), checked as Lambda checks CreateEventSourceMapping: batch size and
// window, maximum concurrency, filter criteria, response types.
import { createHash } from 'node:crypto';
import { compileFilterCriteria, PatternError, type RecordFilter } from '../filtering';
import type { EventSourceConfig, FunctionConfig } from '../../template/model';

export interface SqsMappingConfig {
  uuid: string;
  functionName: string;
  eventName: string;
  queueArn: string;
  enabled: boolean;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  /** ScalingConfig.MaximumConcurrency, or how many batches Lambkin runs at once without it. */
  maximumConcurrency: number;
  reportBatchItemFailures: boolean;
  filter: RecordFilter;
  /** The FilterCriteria as written, to tell changed mappings apart. */
  filterText: string;
  /** The function's timeout, checked against the queue's visibility timeout as Lambda does. */
  functionTimeout: number;
}

/** Without ScalingConfig, Lambda starts with five concurrent pollers; Lambkin stays there. */
export const DEFAULT_CONCURRENCY = 5;

/** A mapping's stable UUID: the same function and event name give the same id across restarts. */
export function mappingUuid(functionName: string, eventName: string): string {
  const hex = createHash('sha256').update(`${functionName}/${eventName}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function num(value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(number) ? number : NaN;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The mapping of one SQS event (or SNS event with SqsSubscription, given its queue's ARN); throws an Error
 * whose message says what to fix.
 */
export function readSqsMapping(fn: FunctionConfig, event: EventSourceConfig, queueArn: string, settings: Record<string, unknown> = event.properties): SqsMappingConfig {
  const fifo = queueArn.endsWith('.fifo');
  const batchSize = num(settings.BatchSize) ?? 10;
  const window = num(settings.MaximumBatchingWindowInSeconds) ?? 0;
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > (fifo ? 10 : 10_000)) throw new Error(`BatchSize must be a whole number from 1 to ${fifo ? '10 for a FIFO queue' : '10000'} (got ${String(settings.BatchSize)}).`);
  if (!Number.isInteger(window) || window < 0 || window > 300) throw new Error(`MaximumBatchingWindowInSeconds must be a whole number from 0 to 300 (got ${String(settings.MaximumBatchingWindowInSeconds)}).`);
  if (batchSize > 10 && window < 1) throw new Error('Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10: set MaximumBatchingWindowInSeconds (1-300) or a BatchSize of 10 or less.');
  const scaling = record(settings.ScalingConfig);
  const maximum = num(scaling.MaximumConcurrency);
  if (maximum !== undefined && (!Number.isInteger(maximum) || maximum < 2 || maximum > 1000)) throw new Error(`ScalingConfig.MaximumConcurrency must be a whole number from 2 to 1000 (got ${String(scaling.MaximumConcurrency)}).`);
  const types = Array.isArray(settings.FunctionResponseTypes) ? settings.FunctionResponseTypes : [];
  for (const type of types) if (type !== 'ReportBatchItemFailures') throw new Error(`FunctionResponseTypes may only hold ReportBatchItemFailures (got ${JSON.stringify(type)}).`);
  let filter: RecordFilter;
  try {
    filter = compileFilterCriteria(settings.FilterCriteria, 'sqs');
  } catch (error) {
    if (error instanceof PatternError) throw new Error(`FilterCriteria: ${error.message}`, { cause: error });
    throw error;
  }
  return {
    uuid: mappingUuid(fn.name, event.name),
    functionName: fn.name,
    eventName: event.name,
    queueArn,
    enabled: settings.Enabled !== false && settings.Enabled !== 'false',
    batchSize,
    maximumBatchingWindowInSeconds: window,
    maximumConcurrency: maximum ?? DEFAULT_CONCURRENCY,
    reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
    filter,
    filterText: JSON.stringify(settings.FilterCriteria ?? null),
    functionTimeout: fn.timeout,
  };
}

/** Everything but the compiled filter, to tell whether a mapping changed on reload. */
export function mappingKey(config: SqsMappingConfig): string {
  const { filter: _filter, ...rest } = config;
  return JSON.stringify(rest);
}
