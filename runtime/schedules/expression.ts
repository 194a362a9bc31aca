// Schedule expressions as EventBridge rules and EventBridge Scheduler write them: `rate(5 minutes)`,
// `cron(0 12 * * ? *)` and (Scheduler only) `at(2030-01-01T09:00:00)`; parsed once, with a reason a person
// can act on when they are wrong, and the next run after any instant (croner does the calendar work).
import { Cron } from 'croner';
import { CronError, cronerOptions, parseAwsCron } from './cron';

export type ScheduleFlavour = 'rule' | 'scheduler';

export type RateUnit = 'minute' | 'hour' | 'day';

export type ScheduleExpression =
  | { kind: 'rate'; text: string; value: number; unit: RateUnit; intervalMs: number }
  | { kind: 'cron'; text: string; fields: string[]; pattern: string }
  | { kind: 'at'; text: string; localTime: string };

export class ScheduleExpressionError extends Error {
  constructor(readonly expression: string, readonly reason: string) {
    super(`${JSON.stringify(expression)} is not a valid schedule expression: ${reason}.`);
  }
}

const UNIT_MS: Record<RateUnit, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

/** Parses an expression; throws ScheduleExpressionError (the API answers AWS's words, see `awsScheduleError`). */
export function parseScheduleExpression(text: string, flavour: ScheduleFlavour): ScheduleExpression {
  const fail = (reason: string): never => {
    throw new ScheduleExpressionError(text, reason);
  };
  const call = /^(rate|cron|at)\((.*)\)$/s.exec(text);
  if (!call) {
    if (text !== text.trim()) fail('it has spaces around it; remove them');
    return fail(flavour === 'rule' ? 'write rate(value unit) or cron(minutes hours day-of-month month day-of-week year)' : 'write rate(value unit), cron(minutes hours day-of-month month day-of-week year) or at(yyyy-mm-ddThh:mm:ss)');
  }
  const [, kind, body] = call;
  if (kind === 'rate') return parseRate(text, body, fail);
  if (kind === 'cron') {
    try {
      return { kind: 'cron', text, ...parseAwsCron(body) };
    } catch (error) {
      if (error instanceof CronError) return fail(error.message);
      throw error;
    }
  }
  if (flavour === 'rule') return fail('at() one-time schedules belong to EventBridge Scheduler (AWS::Scheduler::Schedule, SAM ScheduleV2); rules take rate() or cron()');
  return parseAt(text, body, fail);
}

function parseRate(text: string, body: string, fail: (reason: string) => never): ScheduleExpression {
  const match = /^(\S+) (\S+)$/.exec(body);
  if (!match) return fail('write rate(value unit), e.g. rate(1 minute) or rate(5 minutes), with one space and nothing around them');
  const [, valueText, unitText] = match;
  if (!/^\d+$/.test(valueText) || Number(valueText) === 0) return fail(`the value "${valueText}" must be a whole number of at least 1`);
  const value = Number(valueText);
  const unit = /^(minute|hour|day)s?$/.exec(unitText)?.[1] as RateUnit | undefined;
  if (!unit) return fail(`the unit "${unitText}" must be minute(s), hour(s) or day(s), in lower case`);
  const plural = unitText.endsWith('s');
  if (value === 1 && plural) return fail(`a value of 1 takes the singular: rate(1 ${unit})`);
  if (value !== 1 && !plural) return fail(`a value other than 1 takes the plural: rate(${value} ${unit}s)`);
  return { kind: 'rate', text, value, unit, intervalMs: value * UNIT_MS[unit] };
}

function parseAt(text: string, body: string, fail: (reason: string) => never): ScheduleExpression {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) return fail('write at(yyyy-mm-ddThh:mm:ss), a local time without zone or milliseconds (the zone is ScheduleExpressionTimezone)');
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return fail(`${body} is not a date and time that exists`);
  }
  return { kind: 'at', text, localTime: body };
}

/** AWS's own error text for an invalid expression, as each API answers it. */
export function awsScheduleError(flavour: ScheduleFlavour, expression: string): string {
  return flavour === 'rule' ? 'Parameter ScheduleExpression is not valid.' : `Invalid Schedule Expression ${expression}.`;
}

/** True for an IANA time zone this Node knows (`America/New_York`, `UTC`). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone !== '';
  } catch {
    return false;
  }
}

export interface NextRunOptions {
  timezone?: string;
  /** Where a rate counts from (its creation, or StartDate); runs fall on anchor + k × interval. */
  anchorMs: number;
  startMs?: number;
  endMs?: number;
}

/** The first run strictly after `afterMs`, or undefined when there is none (a past `at`, an EndDate reached). */
export function nextRun(expression: ScheduleExpression, afterMs: number, options: NextRunOptions): number | undefined {
  const from = options.startMs !== undefined ? Math.max(afterMs, options.startMs - 1) : afterMs;
  let next: number | undefined;
  if (expression.kind === 'rate') {
    const anchor = options.startMs ?? options.anchorMs;
    const steps = from < anchor ? 0 : Math.floor((from - anchor) / expression.intervalMs) + 1;
    next = anchor + steps * expression.intervalMs;
  } else {
    const pattern = expression.kind === 'cron' ? expression.pattern : expression.localTime;
    const run = new Cron(pattern, expression.kind === 'cron' ? cronerOptions(options.timezone ?? 'UTC') : { timezone: options.timezone ?? 'UTC', paused: true }).nextRun(new Date(from));
    next = run?.getTime();
    if (expression.kind === 'at' && next !== undefined && next <= afterMs) next = undefined;
  }
  if (next === undefined || (options.endMs !== undefined && next >= options.endMs)) return undefined;
  return next;
}

/** The next `count` runs after `afterMs` (fewer when the schedule ends). */
export function nextRuns(expression: ScheduleExpression, afterMs: number, options: NextRunOptions, count: number): number[] {
  const runs: number[] = [];
  let after = afterMs;
  while (runs.length < count) {
    const next = nextRun(expression, after, options);
    if (next === undefined) break;
    runs.push(next);
    after = next;
  }
  return runs;
}
