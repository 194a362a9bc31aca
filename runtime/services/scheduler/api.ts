// EventBridge Scheduler's REST-JSON API: schedules (Create/Get/Update/Delete/List) and schedule groups, with
// Scheduler's validation. Errors carry their code in `x-amzn-ErrorType` and a `Message` body, as the SDK reads them.
import { isTimeZone, parseScheduleExpression, ScheduleExpressionError, awsScheduleError } from '../../schedules/expression';
import { page } from '../events/paging';
import type { ApiScheduleTarget, ScheduleRecord } from './schedules';
import { Schedules } from './schedules';

export class SchedulerError extends Error {
  constructor(readonly code: 'ValidationException' | 'ResourceNotFoundException' | 'ConflictException' | 'UnknownOperationException' | 'InternalServerException', message: string, readonly status: number) {
    super(message);
  }
}

const validation = (message: string) => new SchedulerError('ValidationException', message, 400);
const notFound = (message: string) => new SchedulerError('ResourceNotFoundException', message, 404);
const NAME = /^[0-9a-zA-Z\-_.]{1,64}$/;

export interface RestRequest {
  method: string;
  /** Path segments after the first (`/schedules/a` → `['schedules', 'a']`). */
  segments: string[];
  query: URLSearchParams;
  body: Record<string, unknown>;
}

export function answer(schedules: Schedules, request: RestRequest): unknown {
  const [collection, rawName, ...rest] = request.segments;
  const name = rawName === undefined ? undefined : decodeURIComponent(rawName);
  if (rest.length === 0 && collection === 'schedules') {
    if (name === undefined && request.method === 'GET') return listSchedules(schedules, request.query);
    if (name !== undefined) {
      if (request.method === 'POST') return putSchedule(schedules, name, request.body, 'create');
      if (request.method === 'PUT') return putSchedule(schedules, name, request.body, 'update');
      if (request.method === 'GET') return describe(existing(schedules, name, request.query.get('groupName')));
      if (request.method === 'DELETE') return deleteSchedule(schedules, name, request.query.get('groupName'));
    }
  }
  if (rest.length === 0 && collection === 'schedule-groups') {
    if (name === undefined && request.method === 'GET') {
      const prefix = request.query.get('NamePrefix') ?? '';
      const groups = [...schedules.groups.values()].filter((group) => group.name.startsWith(prefix));
      const { items, nextToken } = page(groups, request.query.get('NextToken') ?? undefined, Number(request.query.get('MaxResults') ?? '100'));
      return { ScheduleGroups: items.map((group) => groupSummary(schedules, group.name, group.creationDate)), ...(nextToken ? { NextToken: nextToken } : {}) };
    }
    if (name !== undefined) return scheduleGroup(schedules, request.method, name);
  }
  if (collection === 'tags' && request.method === 'GET') return { Tags: [] };
  throw new SchedulerError('UnknownOperationException', `Lambkin's local EventBridge Scheduler does not serve ${request.method} /${request.segments.join('/')}.`, 400);
}

function groupSummary(schedules: Schedules, name: string, creationDate: number): Record<string, unknown> {
  return { Name: name, Arn: `arn:${schedules.scope.partition}:scheduler:${schedules.scope.region}:${schedules.scope.accountId}:schedule-group/${name}`, State: 'ACTIVE', CreationDate: creationDate, LastModificationDate: creationDate };
}

function scheduleGroup(schedules: Schedules, method: string, name: string): unknown {
  const group = schedules.groups.get(name);
  if (method === 'GET') {
    if (!group) throw notFound(`Schedule group ${name} does not exist.`);
    return groupSummary(schedules, name, group.creationDate);
  }
  if (method === 'POST') {
    if (!NAME.test(name)) throw validation(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$`);
    if (group) throw new SchedulerError('ConflictException', `Schedule group ${name} already exists.`, 409);
    schedules.groups.set(name, { name, creationDate: Math.floor(Date.now() / 1000) });
    void schedules.save();
    return { ScheduleGroupArn: groupSummary(schedules, name, 0).Arn };
  }
  if (method === 'DELETE') {
    if (name === 'default') throw validation('You cannot delete the default group.');
    if (!group) throw notFound(`Schedule group ${name} does not exist.`);
    schedules.groups.delete(name);
    for (const [key, record] of schedules.schedules) if (record.groupName === name) schedules.schedules.delete(key);
    void schedules.save();
    schedules.changed();
    return {};
  }
  throw new SchedulerError('UnknownOperationException', `${method} /schedule-groups/${name} is not a Scheduler operation.`, 400);
}

function existing(schedules: Schedules, name: string, group: string | null): ScheduleRecord {
  const record = schedules.schedules.get(Schedules.key(group || 'default', name));
  if (!record) throw notFound(`Schedule ${name} does not exist.`);
  return record;
}

function describe(record: ScheduleRecord): Record<string, unknown> {
  return {
    ActionAfterCompletion: record.actionAfterCompletion,
    Arn: record.arn,
    CreationDate: record.creationDate,
    ...(record.description !== undefined ? { Description: record.description } : {}),
    ...(record.endDate !== undefined ? { EndDate: record.endDate } : {}),
    FlexibleTimeWindow: record.flexibleTimeWindow,
    GroupName: record.groupName,
    LastModificationDate: record.lastModificationDate,
    Name: record.name,
    ScheduleExpression: record.scheduleExpression,
    ScheduleExpressionTimezone: record.timezone,
    ...(record.startDate !== undefined ? { StartDate: record.startDate } : {}),
    State: record.state,
    Target: record.target,
  };
}

function listSchedules(schedules: Schedules, query: URLSearchParams): unknown {
  const group = query.get('ScheduleGroup');
  const prefix = query.get('NamePrefix') ?? '';
  const state = query.get('State');
  const records = [...schedules.schedules.values()]
    .filter((record) => (!group || record.groupName === group) && record.name.startsWith(prefix) && (!state || record.state === state))
    .sort((a, b) => a.name.localeCompare(b.name));
  const { items, nextToken } = page(records, query.get('NextToken') ?? undefined, Number(query.get('MaxResults') ?? '100'));
  return {
    Schedules: items.map((record) => ({ Arn: record.arn, CreationDate: record.creationDate, GroupName: record.groupName, LastModificationDate: record.lastModificationDate, Name: record.name, State: record.state, Target: { Arn: record.target.Arn } })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
}

function deleteSchedule(schedules: Schedules, name: string, group: string | null): unknown {
  const record = existing(schedules, name, group);
  schedules.schedules.delete(Schedules.key(record.groupName, record.name));
  if (record.origin === 'api') void schedules.save();
  schedules.changed();
  return {};
}

function missing(field: string): SchedulerError {
  return validation(`1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`);
}

function putSchedule(schedules: Schedules, name: string, body: Record<string, unknown>, mode: 'create' | 'update'): unknown {
  if (!NAME.test(name)) throw validation(`1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9a-zA-Z-_.]+$`);
  const group = typeof body.GroupName === 'string' && body.GroupName !== '' ? body.GroupName : 'default';
  if (!schedules.groups.has(group)) throw notFound(`Schedule group ${group} does not exist.`);
  const expression = body.ScheduleExpression;
  if (typeof expression !== 'string') throw missing('scheduleExpression');
  try {
    parseScheduleExpression(expression, 'scheduler');
  } catch (error) {
    if (error instanceof ScheduleExpressionError) throw validation(awsScheduleError('scheduler', expression));
    throw error;
  }
  const timezone = typeof body.ScheduleExpressionTimezone === 'string' ? body.ScheduleExpressionTimezone : 'UTC';
  if (!isTimeZone(timezone)) throw validation(`Invalid Schedule Expression Timezone ${timezone}.`);
  const window = body.FlexibleTimeWindow as ScheduleRecord['flexibleTimeWindow'] | undefined;
  if (!window || typeof window !== 'object') throw missing('flexibleTimeWindow');
  if (window.Mode !== 'OFF' && window.Mode !== 'FLEXIBLE') throw validation(`1 validation error detected: Value '${String(window.Mode)}' at 'flexibleTimeWindow.mode' failed to satisfy constraint: Member must satisfy enum value set: [OFF, FLEXIBLE]`);
  if (window.Mode === 'FLEXIBLE' && !(Number.isInteger(window.MaximumWindowInMinutes) && window.MaximumWindowInMinutes! >= 1 && window.MaximumWindowInMinutes! <= 1440)) {
    throw validation('MaximumWindowInMinutes must be between 1 and 1440 when Mode is FLEXIBLE.');
  }
  const target = body.Target as ApiScheduleTarget | undefined;
  if (!target || typeof target !== 'object') throw missing('target');
  if (typeof target.Arn !== 'string' || target.Arn === '') throw missing('target.arn');
  if (typeof target.RoleArn !== 'string' || target.RoleArn === '') throw missing('target.roleArn');
  const state = body.State === undefined ? 'ENABLED' : body.State;
  if (state !== 'ENABLED' && state !== 'DISABLED') throw validation(`1 validation error detected: Value '${String(state)}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED]`);
  const action = body.ActionAfterCompletion === undefined ? 'NONE' : body.ActionAfterCompletion;
  if (action !== 'NONE' && action !== 'DELETE') throw validation(`1 validation error detected: Value '${String(action)}' at 'actionAfterCompletion' failed to satisfy constraint: Member must satisfy enum value set: [NONE, DELETE]`);
  const startDate = typeof body.StartDate === 'number' ? body.StartDate : undefined;
  const endDate = typeof body.EndDate === 'number' ? body.EndDate : undefined;
  if (startDate !== undefined && endDate !== undefined && endDate <= startDate) throw validation('The EndDate must be after the StartDate.');
  const key = Schedules.key(group, name);
  const previous = schedules.schedules.get(key);
  if (mode === 'create' && previous) throw new SchedulerError('ConflictException', `Schedule ${name} already exists.`, 409);
  if (mode === 'update' && !previous) throw notFound(`Schedule ${name} does not exist.`);
  const now = Math.floor(Date.now() / 1000);
  const record: ScheduleRecord = {
    name, groupName: group, arn: schedules.arn(group, name), scheduleExpression: expression, timezone, state, actionAfterCompletion: action,
    ...(typeof body.Description === 'string' ? { description: body.Description } : {}),
    ...(startDate !== undefined ? { startDate } : {}),
    ...(endDate !== undefined ? { endDate } : {}),
    flexibleTimeWindow: window.Mode === 'OFF' ? { Mode: 'OFF' } : { Mode: 'FLEXIBLE', MaximumWindowInMinutes: window.MaximumWindowInMinutes },
    target,
    creationDate: previous?.creationDate ?? now,
    lastModificationDate: now,
    origin: previous?.origin ?? 'api',
  };
  schedules.schedules.set(key, record);
  if (record.origin === 'api') void schedules.save();
  schedules.changed();
  return { ScheduleArn: record.arn };
}
