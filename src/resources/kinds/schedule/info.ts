// What the Resources view says about a schedule (a Scheduler schedule, or a rule with a ScheduleExpression):
// its next run, worked out here from the template and the schedules' state in the data folder (the rate's
// anchor, the last run, the pause), so it shows with the runtime stopped too, as the runtime would run it.
import path from 'node:path';
import { nextRun, parseScheduleExpression, type ScheduleExpression } from '../../../../runtime/schedules/expression';
import { readSchedulesState } from '../../../../runtime/schedules/state';
import type { LocalResource } from '../../../../runtime/template/resources/model';

export interface ScheduleInfo {
  /** The runner's id: `rule:<bus>/<name>` or `schedule:<group>/<name>`. */
  id: string;
  expression: string;
  timezone: string;
  enabled: boolean;
  paused: boolean;
  /** Epoch ms; undefined when paused, disabled, finished, or a rate the runtime has not counted from yet. */
  nextMs?: number;
  lastRun?: string;
}

function parsed(text: string, flavour: 'rule' | 'scheduler'): ScheduleExpression | undefined {
  try {
    return parseScheduleExpression(text, flavour);
  } catch {
    return undefined;
  }
}

/** The schedule a resource runs, or undefined when it has none (a rule with an EventPattern). */
export function scheduleInfo(resource: LocalResource, dataFolder: string | undefined, now = Date.now()): ScheduleInfo | undefined {
  let id: string;
  let text: string;
  let timezone = 'UTC';
  let enabled: boolean;
  let window: { startMs?: number; endMs?: number } = {};
  if (resource.kind === 'rule' && resource.rule.scheduleExpression !== undefined) {
    id = `rule:${resource.rule.eventBusName}/${resource.name}`;
    text = resource.rule.scheduleExpression;
    enabled = resource.rule.state !== 'DISABLED';
  } else if (resource.kind === 'schedule') {
    const { schedule } = resource;
    id = `schedule:${schedule.groupName}/${resource.name}`;
    text = schedule.scheduleExpression;
    timezone = schedule.timezone;
    enabled = schedule.state === 'ENABLED';
    window = { startMs: schedule.startDate ? Date.parse(schedule.startDate) : undefined, endMs: schedule.endDate ? Date.parse(schedule.endDate) : undefined };
  } else {
    return undefined;
  }
  const state = dataFolder ? readSchedulesState(path.join(dataFolder, 'scheduler')) : { paused: false, schedules: {} };
  const memory = state.schedules[id] ?? {};
  const info: ScheduleInfo = { id, expression: text, timezone, enabled, paused: state.paused, ...(memory.lastRun ? { lastRun: memory.lastRun } : {}) };
  const expression = parsed(text, resource.kind === 'rule' ? 'rule' : 'scheduler');
  if (!expression || !enabled || state.paused) return info;
  if (expression.kind === 'rate' && memory.anchorMs === undefined && window.startMs === undefined) return info;
  const next = nextRun(expression, now, { anchorMs: memory.anchorMs ?? now, timezone, ...window });
  return next === undefined ? info : { ...info, nextMs: next };
}

/** `in 4 min`, `at 14:05`, `Mon 7 Dec 09:30`: when the next run is, as a person reads it. */
export function formatWhen(ms: number, now = Date.now()): string {
  const minutes = Math.max(0, Math.round((ms - now) / 60_000));
  if (minutes < 60) return minutes === 0 ? 'in under a minute' : `in ${minutes} min`;
  const date = new Date(ms);
  const time = date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  if (date.toDateString() === new Date(now).toDateString()) return `at ${time}`;
  return `${date.toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' })} ${time}`;
}

/** The description after a schedule's name: when it runs next (or why it does not), then its expression. */
export function describeSchedule(info: ScheduleInfo, now = Date.now()): string {
  const expression = `${info.expression}${info.timezone !== 'UTC' ? ` ${info.timezone}` : ''}`;
  if (!info.enabled) return `disabled · ${expression}`;
  if (info.paused) return `paused · ${expression}`;
  if (info.nextMs === undefined) return `${info.expression.startsWith('rate(') ? 'starts with the runtime' : 'no next run'} · ${expression}`;
  return `next ${formatWhen(info.nextMs, now)} · ${expression}`;
}
