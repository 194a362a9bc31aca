// Reads EventBridge Scheduler schedules (AWS::Scheduler::Schedule, and SAM ScheduleV2 events), checking at
// parse time what Scheduler would refuse: the expression (rate, cron or at), the time zone, the dates, the
// flexible time window and the target.
import { isTimeZone, parseScheduleExpression, ScheduleExpressionError } from '../../schedules/expression';
import { containsPlaceholder, isRecord } from '../resolved';
import { text } from './eventbridge';
import type { PropertyProblems } from './locate';
import type { ScheduleDefinition, ScheduleTarget } from './model';

/** Start and end dates: ISO 8601 instants (`2030-01-01T00:00:00Z`). */
function readDate(value: unknown, key: string, problems: PropertyProblems): string | undefined {
  const written = text(value);
  if (written === undefined || containsPlaceholder(written)) return undefined;
  const ms = Date.parse(written);
  if (Number.isNaN(ms)) {
    problems.error([key], `${key} must be an ISO 8601 date and time, e.g. 2030-01-01T09:00:00Z (got ${JSON.stringify(written)}).`);
    return undefined;
  }
  return new Date(ms).toISOString();
}

function readTarget(value: unknown, problems: PropertyProblems): ScheduleTarget | undefined {
  if (!isRecord(value) || !text(value.Arn)) {
    problems.error(['Target'], 'A schedule needs a Target with an Arn (e.g. Target: { Arn: !GetAtt MyFunction.Arn, RoleArn: … }).');
    return undefined;
  }
  const input = value.Input === undefined ? undefined : typeof value.Input === 'string' ? value.Input : JSON.stringify(value.Input);
  const group = isRecord(value.SqsParameters) ? text(value.SqsParameters.MessageGroupId) : undefined;
  const bridge = isRecord(value.EventBridgeParameters) ? value.EventBridgeParameters : undefined;
  return {
    arn: text(value.Arn)!,
    ...(input !== undefined ? { input } : {}),
    ...(group ? { messageGroupId: group } : {}),
    ...(bridge ? { eventBridge: { detailType: text(bridge.DetailType) ?? '', source: text(bridge.Source) ?? '' } } : {}),
  };
}

function readWindow(value: unknown, problems: PropertyProblems): ScheduleDefinition['flexibleTimeWindow'] {
  if (value === undefined) return { mode: 'OFF' };
  const mode = isRecord(value) ? text(value.Mode) : undefined;
  if (mode !== 'OFF' && mode !== 'FLEXIBLE') {
    problems.error(['FlexibleTimeWindow'], 'FlexibleTimeWindow needs Mode OFF or FLEXIBLE (with MaximumWindowInMinutes 1-1440).');
    return { mode: 'OFF' };
  }
  if (mode === 'OFF') return { mode };
  const minutes = isRecord(value) ? Number(value.MaximumWindowInMinutes) : NaN;
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
    problems.error(['FlexibleTimeWindow', 'MaximumWindowInMinutes'], 'MaximumWindowInMinutes must be a whole number from 1 to 1440 when Mode is FLEXIBLE.');
    return { mode: 'OFF' };
  }
  return { mode, maximumWindowInMinutes: minutes };
}

/**
 * Scheduler's properties (the resource's, or a ScheduleV2 event's with `target` given) → the definition.
 * `target` is the function a SAM event targets; a resource names its own.
 */
export function readScheduleProperties(properties: Record<string, unknown>, problems: PropertyProblems, target?: ScheduleTarget): ScheduleDefinition | undefined {
  const expression = text(properties.ScheduleExpression);
  if (expression === undefined) {
    problems.error([], 'A schedule needs a ScheduleExpression: rate(5 minutes), cron(0 12 * * ? *) or at(2030-01-01T09:00:00).');
    return undefined;
  }
  let valid = containsPlaceholder(expression);
  if (!valid) {
    try {
      parseScheduleExpression(expression, 'scheduler');
      valid = true;
    } catch (error) {
      if (!(error instanceof ScheduleExpressionError)) throw error;
      problems.error(['ScheduleExpression'], `ScheduleExpression ${error.message}`);
    }
  }
  const timezone = text(properties.ScheduleExpressionTimezone) ?? 'UTC';
  if (!isTimeZone(timezone) && !containsPlaceholder(timezone)) {
    problems.error(['ScheduleExpressionTimezone'], `ScheduleExpressionTimezone ${JSON.stringify(timezone)} is not a time zone: use an IANA name such as Europe/Paris or America/New_York.`);
  }
  const state = text(properties.State) ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') problems.error(['State'], `State must be ENABLED or DISABLED (got ${JSON.stringify(state)}).`);
  const action = text(properties.ActionAfterCompletion) ?? 'NONE';
  if (action !== 'NONE' && action !== 'DELETE') problems.error(['ActionAfterCompletion'], 'ActionAfterCompletion must be NONE or DELETE.');
  const startDate = readDate(properties.StartDate, 'StartDate', problems);
  const endDate = readDate(properties.EndDate, 'EndDate', problems);
  if (startDate && endDate && startDate >= endDate) problems.error(['EndDate'], 'EndDate must be after StartDate.');
  const resolvedTarget = target ?? readTarget(properties.Target, problems);
  if (!valid || !resolvedTarget) return undefined;
  return {
    groupName: text(properties.GroupName) ?? 'default',
    scheduleExpression: expression,
    timezone: isTimeZone(timezone) ? timezone : 'UTC',
    state: state === 'DISABLED' ? 'DISABLED' : 'ENABLED',
    ...(text(properties.Description) ? { description: text(properties.Description) } : {}),
    ...(startDate ? { startDate } : {}),
    ...(endDate ? { endDate } : {}),
    flexibleTimeWindow: readWindow(properties.FlexibleTimeWindow, problems),
    actionAfterCompletion: action === 'DELETE' ? 'DELETE' : 'NONE',
    target: resolvedTarget,
  };
}
