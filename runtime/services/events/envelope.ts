// The event EventBridge delivers: built from a PutEvents entry (checked entry by entry, as PutEvents answers
// failures at HTTP 200 with FailedEntryCount), or for a scheduled rule's run (the Scheduled Event).
import { randomUUID } from 'node:crypto';
import type { LocalScope } from '../../template/local-values';

export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  [other: string]: unknown;
}

export type EntryResult = { ok: true; event: EventEnvelope; busName: string } | { ok: false; ErrorCode: string; ErrorMessage: string };

/** The total size of PutEvents entries EventBridge accepts (256 KB). */
export const MAX_ENTRIES_SIZE = 262_144;

/** `2024-01-01T00:00:00Z`: EventBridge's time has no milliseconds. */
export function eventTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** AWS's way of measuring an entry against the 256 KB limit: Time (14 bytes) plus the UTF-8 text of the rest. */
export function entrySize(entry: Record<string, unknown>): number {
  let size = entry.Time !== undefined ? 14 : 0;
  for (const key of ['Source', 'DetailType', 'Detail'] as const) if (typeof entry[key] === 'string') size += Buffer.byteLength(entry[key] as string);
  if (Array.isArray(entry.Resources)) for (const resource of entry.Resources) if (typeof resource === 'string') size += Buffer.byteLength(resource);
  return size;
}

/** One PutEvents entry → the event to route, or the error EventBridge puts in its place in the answer. */
export function eventOfEntry(entry: unknown, scope: LocalScope, nowMs: number): EntryResult {
  const fields = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  const source = stringOf(fields.Source);
  if (!source) return { ok: false, ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Source is not valid. Reason: Source is a required argument.' };
  const detailType = stringOf(fields.DetailType);
  if (!detailType) return { ok: false, ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter DetailType is not valid. Reason: DetailType is a required argument.' };
  const detailText = stringOf(fields.Detail);
  if (!detailText) return { ok: false, ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid. Reason: Detail is a required argument.' };
  if (source.startsWith('aws.')) return { ok: false, ErrorCode: 'NotAuthorizedForSourceException', ErrorMessage: 'Not authorized for the source.' };
  let detail: unknown;
  try {
    detail = JSON.parse(detailText);
  } catch {
    detail = undefined;
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) return { ok: false, ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  const resources = Array.isArray(fields.Resources) ? fields.Resources.filter((item): item is string => typeof item === 'string') : [];
  const time = typeof fields.Time === 'number' ? fields.Time * 1000 : typeof fields.Time === 'string' && !Number.isNaN(Date.parse(fields.Time)) ? Date.parse(fields.Time) : nowMs;
  const busName = (stringOf(fields.EventBusName) ?? 'default').replace(/^arn:[^:]+:events:[^:]*:[^:]*:event-bus\//, '');
  const event: EventEnvelope = {
    version: '0',
    id: randomUUID(),
    'detail-type': detailType,
    source,
    account: scope.accountId,
    time: eventTime(time),
    region: scope.region,
    resources,
    detail,
  };
  return { ok: true, event, busName };
}

/** What a rule with a ScheduleExpression sends when it has no Input: the Scheduled Event. */
export function scheduledEvent(ruleArn: string, scheduledMs: number, scope: LocalScope): EventEnvelope {
  return {
    version: '0',
    id: randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: scope.accountId,
    time: eventTime(scheduledMs),
    region: scope.region,
    resources: [ruleArn],
    detail: {},
  };
}
