// A stream event source mapping's settings (SAM `Events` of Type DynamoDB, later Kinesis) as Lambda reads
// them, with Lambda's ranges and defaults. One reader for the template check (problems at the lines) and for
// the service that runs the mapping.
import { createHash } from 'node:crypto';
import { compileFilterCriteria, PatternError, type RecordFilter } from '../filtering';

export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

export interface StreamMappingSettings {
  streamArn: string;
  startingPosition: StartingPosition;
  /** Default 100, 1–10000. */
  batchSize: number;
  /** 0–300 s, default 0. */
  maximumBatchingWindowInSeconds: number;
  enabled: boolean;
  filterCriteria?: unknown;
  filter: RecordFilter;
  bisectBatchOnFunctionError: boolean;
  /** -1 (until the record expires) or 0–10000. */
  maximumRetryAttempts: number;
  /** -1 (until the record expires) or 60–604800. */
  maximumRecordAgeInSeconds: number;
  reportBatchItemFailures: boolean;
  /** DestinationConfig.OnFailure.Destination: a queue or topic ARN. */
  onFailure?: string;
}

/** Where a problem is, by the property that holds it. */
export type SettingsProblem = (property: string, message: string) => void;

function integerIn(value: unknown, property: string, min: number, max: number, fallback: number, problem: SettingsProblem, allowMinusOne = false): number {
  if (value === undefined || value === null) return fallback;
  const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isInteger(number) || ((number < min || number > max) && !(allowMinusOne && number === -1))) {
    problem(property, `${property} must be ${allowMinusOne ? '-1 or ' : ''}an integer from ${min} to ${max}; got ${JSON.stringify(value)}.`);
    return fallback;
  }
  return number;
}

function flag(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/** The settings of a DynamoDB stream event; undefined when it cannot run (problems said why). */
export function readStreamMappingSettings(properties: Record<string, unknown>, problem: SettingsProblem): StreamMappingSettings | undefined {
  const streamArn = properties.Stream;
  if (typeof streamArn !== 'string' || !/^arn:[^:]+:dynamodb:[^:]*:[^:]*:table\/[^/]+\/stream\/.+$/.test(streamArn)) {
    problem('Stream', 'A DynamoDB event needs Stream: the table\'s stream ARN, e.g. Stream: !GetAtt MyTable.StreamArn.');
    return undefined;
  }
  const position = properties.StartingPosition;
  if (position !== 'TRIM_HORIZON' && position !== 'LATEST') {
    problem('StartingPosition', `StartingPosition must be TRIM_HORIZON or LATEST for a DynamoDB stream${position === 'AT_TIMESTAMP' ? ' (AT_TIMESTAMP is for Kinesis)' : ''}.`);
    return undefined;
  }
  let filter: RecordFilter = { matches: () => true };
  if (properties.FilterCriteria !== undefined) {
    try {
      filter = compileFilterCriteria(properties.FilterCriteria, 'dynamodb');
    } catch (error) {
      if (!(error instanceof PatternError)) throw error;
      problem('FilterCriteria', `FilterCriteria is not valid: ${error.message}`);
      return undefined;
    }
  }
  const responseTypes = properties.FunctionResponseTypes;
  if (responseTypes !== undefined && (!Array.isArray(responseTypes) || responseTypes.some((type) => type !== 'ReportBatchItemFailures'))) {
    problem('FunctionResponseTypes', 'FunctionResponseTypes may only list ReportBatchItemFailures.');
  }
  const destination = (properties.DestinationConfig as { OnFailure?: { Destination?: unknown } } | undefined)?.OnFailure?.Destination;
  if (destination !== undefined && (typeof destination !== 'string' || !/^arn:[^:]+:(sqs|sns|s3):/.test(destination))) {
    problem('DestinationConfig', 'DestinationConfig.OnFailure.Destination must be the ARN of a queue, topic or bucket.');
  }
  const enabled = flag(properties.Enabled);
  return {
    streamArn,
    startingPosition: position,
    batchSize: integerIn(properties.BatchSize, 'BatchSize', 1, 10_000, 100, problem),
    maximumBatchingWindowInSeconds: integerIn(properties.MaximumBatchingWindowInSeconds, 'MaximumBatchingWindowInSeconds', 0, 300, 0, problem),
    enabled: enabled ?? true,
    ...(properties.FilterCriteria !== undefined ? { filterCriteria: properties.FilterCriteria } : {}),
    filter,
    bisectBatchOnFunctionError: flag(properties.BisectBatchOnFunctionError) ?? false,
    maximumRetryAttempts: integerIn(properties.MaximumRetryAttempts, 'MaximumRetryAttempts', 0, 10_000, -1, problem, true),
    maximumRecordAgeInSeconds: integerIn(properties.MaximumRecordAgeInSeconds, 'MaximumRecordAgeInSeconds', 60, 604_800, -1, problem, true),
    reportBatchItemFailures: Array.isArray(responseTypes) && responseTypes.includes('ReportBatchItemFailures'),
    ...(typeof destination === 'string' ? { onFailure: destination } : {}),
  };
}

/** A mapping's UUID, stable across restarts: derived from the function and the event's name. */
export function mappingUuid(functionName: string, eventName: string): string {
  const hex = createHash('sha1').update(`${functionName}\u0000${eventName}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
