// EventBridge's JSON 1.1 API (`X-Amz-Target: AWSEvents.<Operation>`): the operations SDK users call, with
// EventBridge's validation and error codes. Each operation takes the parsed body and returns the answer, or
// throws JsonServiceError.
import { compileEventPatternText, PatternError } from '../../event-sources/filtering';
import { checkTargetInput } from '../../event-sources/target-input';
import { parseScheduleExpression, ScheduleExpressionError, awsScheduleError } from '../../schedules/expression';
import { ruleArn } from '../../template/local-values';
import type { RuleState } from '../../template/resources/model';
import { JsonServiceError } from '../wire/json';
import type { ServiceRequest } from '../service';
import { EventBridge } from './bridge';
import { entrySize, eventOfEntry, MAX_ENTRIES_SIZE } from './envelope';
import type { ApiTarget, Rule } from './model';
import { page } from './paging';

type Params = Record<string, unknown>;
export type Operation = (bridge: EventBridge, params: Params, request: ServiceRequest) => unknown;

const NAME = /^[.\-_A-Za-z0-9]+$/;
const MAX_TARGETS = 5;

function validation(message: string): JsonServiceError {
  return new JsonServiceError('ValidationException', message);
}

function required(params: Params, key: string): string {
  const value = params[key];
  if (typeof value !== 'string' || value === '') {
    throw validation(`1 validation error detected: Value null at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

function optional(params: Params, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function checkName(value: string, field: string, max = 64): void {
  if (value.length > max) throw validation(`1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${max}`);
  if (!NAME.test(value)) throw validation(`1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`);
}

function busName(bridge: EventBridge, params: Params): string {
  const name = (optional(params, 'EventBusName') ?? 'default').replace(/^arn:[^:]+:events:[^:]*:[^:]*:event-bus\//, '');
  if (!bridge.hasBus(name)) throw new JsonServiceError('ResourceNotFoundException', `Event bus ${name} does not exist.`);
  return name;
}

function existingRule(bridge: EventBridge, params: Params, key = 'Name'): Rule {
  const bus = busName(bridge, params);
  const name = required(params, key);
  const rule = bridge.rule(bus, name);
  if (!rule) throw new JsonServiceError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus}.`);
  return rule;
}

function ruleSummary(rule: Rule): Record<string, unknown> {
  return {
    Name: rule.name,
    Arn: rule.arn,
    ...(rule.eventPattern !== undefined ? { EventPattern: rule.eventPattern } : {}),
    ...(rule.scheduleExpression !== undefined ? { ScheduleExpression: rule.scheduleExpression } : {}),
    State: rule.state,
    ...(rule.description !== undefined ? { Description: rule.description } : {}),
    ...(rule.roleArn !== undefined ? { RoleArn: rule.roleArn } : {}),
    EventBusName: rule.busName,
  };
}

function checkPattern(text: string): void {
  try {
    compileEventPatternText(text, 'eventbridge');
  } catch (error) {
    if (error instanceof PatternError) throw new JsonServiceError(error.code, error.awsMessage);
    throw error;
  }
}

function changed(bridge: EventBridge, rule: Rule): void {
  if (rule.origin === 'api') void bridge.save();
  bridge.schedulesChanged();
}

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  PutEvents(bridge, params, request) {
    const entries = params.Entries;
    if (!Array.isArray(entries) || entries.length === 0) throw validation("1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null");
    if (entries.length > 10) throw validation(`1 validation error detected: Value '[${entries.length} entries]' at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10`);
    const total = entries.reduce<number>((sum, entry) => sum + entrySize(typeof entry === 'object' && entry !== null ? (entry as Params) : {}), 0);
    if (total > MAX_ENTRIES_SIZE) throw validation('Total size of the entries in the request is over the limit.');
    let failed = 0;
    const results = entries.map((entry: unknown) => {
      const result = eventOfEntry(entry, bridge.scope, Date.now());
      if (!result.ok) {
        failed++;
        return { ErrorCode: result.ErrorCode, ErrorMessage: result.ErrorMessage };
      }
      // As on AWS, an event for a bus that does not exist is accepted and goes nowhere; the log says so.
      if (!bridge.hasBus(result.busName)) bridge.warn(`PutEvents: event ${result.event.id} names event bus ${result.busName}, which does not exist; it was accepted and dropped, as EventBridge does.`);
      else bridge.route(result.busName, result.event, request.chain);
      return { EventId: result.event.id };
    });
    return { FailedEntryCount: failed, Entries: results };
  },

  PutRule(bridge, params) {
    const name = required(params, 'Name');
    checkName(name, 'name');
    const bus = busName(bridge, params);
    const eventPattern = optional(params, 'EventPattern');
    const scheduleExpression = optional(params, 'ScheduleExpression');
    if (eventPattern === undefined && scheduleExpression === undefined) throw validation('Parameter(s) EventPattern or ScheduleExpression must be specified.');
    if (eventPattern !== undefined) checkPattern(eventPattern);
    if (scheduleExpression !== undefined) {
      if (bus !== 'default') throw validation('ScheduleExpression is supported only on the default event bus.');
      try {
        parseScheduleExpression(scheduleExpression, 'rule');
      } catch (error) {
        if (error instanceof ScheduleExpressionError) throw validation(awsScheduleError('rule', scheduleExpression));
        throw error;
      }
    }
    const state = (optional(params, 'State') ?? 'ENABLED') as RuleState;
    if (!['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'].includes(state)) {
      throw validation(`1 validation error detected: Value '${state}' at 'state' failed to satisfy constraint: Member must satisfy enum value set: [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]`);
    }
    const previous = bridge.rule(bus, name);
    const rule: Rule = {
      name,
      busName: bus,
      arn: ruleArn(name, bus, bridge.scope),
      ...(eventPattern !== undefined ? { eventPattern } : {}),
      ...(scheduleExpression !== undefined ? { scheduleExpression } : {}),
      state,
      ...(optional(params, 'Description') !== undefined ? { description: optional(params, 'Description') } : {}),
      ...(optional(params, 'RoleArn') !== undefined ? { roleArn: optional(params, 'RoleArn') } : {}),
      targets: previous?.targets ?? [],
      origin: previous?.origin ?? 'api',
      ...(previous?.logicalId ? { logicalId: previous.logicalId } : {}),
    };
    bridge.putRuleState(rule);
    changed(bridge, rule);
    return { RuleArn: rule.arn };
  },

  DescribeRule(bridge, params) {
    const rule = existingRule(bridge, params);
    return { ...ruleSummary(rule), CreatedBy: bridge.scope.accountId };
  },

  ListRules(bridge, params) {
    const prefix = optional(params, 'NamePrefix') ?? '';
    const rules = bridge.rulesOf(busName(bridge, params)).filter((rule) => rule.name.startsWith(prefix)).sort((a, b) => a.name.localeCompare(b.name));
    const { items, nextToken } = page(rules, params.NextToken, params.Limit);
    return { Rules: items.map(ruleSummary), ...(nextToken ? { NextToken: nextToken } : {}) };
  },

  DeleteRule(bridge, params) {
    const bus = busName(bridge, params);
    const name = required(params, 'Name');
    const rule = bridge.rule(bus, name);
    if (!rule) return {};
    if (rule.targets.length > 0) throw validation("Rule can't be deleted since it has targets.");
    bridge.rules.delete(EventBridge.key(bus, name));
    changed(bridge, rule);
    return {};
  },

  EnableRule(bridge, params) {
    const rule = existingRule(bridge, params);
    bridge.putRuleState({ ...rule, state: 'ENABLED' });
    changed(bridge, rule);
    return {};
  },

  DisableRule(bridge, params) {
    const rule = existingRule(bridge, params);
    bridge.putRuleState({ ...rule, state: 'DISABLED' });
    changed(bridge, rule);
    return {};
  },

  PutTargets(bridge, params) {
    const rule = existingRule(bridge, params, 'Rule');
    const targets = params.Targets;
    if (!Array.isArray(targets) || targets.length === 0) throw validation("1 validation error detected: Value null at 'targets' failed to satisfy constraint: Member must not be null");
    const merged = new Map(rule.targets.map((target) => [target.Id, target]));
    targets.forEach((raw: unknown, index) => {
      const target = (typeof raw === 'object' && raw !== null ? raw : {}) as ApiTarget;
      const field = `targets.${index + 1}.member`;
      if (typeof target.Id !== 'string' || target.Id === '') throw validation(`1 validation error detected: Value null at '${field}.id' failed to satisfy constraint: Member must not be null`);
      checkName(target.Id, `${field}.id`);
      if (typeof target.Arn !== 'string' || target.Arn === '') throw validation(`1 validation error detected: Value null at '${field}.arn' failed to satisfy constraint: Member must not be null`);
      const transformer = target.InputTransformer;
      const refusal = checkTargetInput(target.Id, {
        input: target.Input,
        inputPath: target.InputPath,
        inputTransformer: transformer ? { inputPathsMap: transformer.InputPathsMap, inputTemplate: transformer.InputTemplate } : undefined,
      });
      if (refusal) throw validation(refusal);
      merged.set(target.Id, target);
    });
    if (merged.size > MAX_TARGETS) throw new JsonServiceError('LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
    rule.targets = [...merged.values()];
    changed(bridge, rule);
    return { FailedEntryCount: 0, FailedEntries: [] };
  },

  RemoveTargets(bridge, params) {
    const rule = existingRule(bridge, params, 'Rule');
    const ids = Array.isArray(params.Ids) ? params.Ids.filter((id): id is string => typeof id === 'string') : [];
    if (ids.length === 0) throw validation("1 validation error detected: Value null at 'ids' failed to satisfy constraint: Member must not be null");
    rule.targets = rule.targets.filter((target) => !ids.includes(target.Id));
    changed(bridge, rule);
    return { FailedEntryCount: 0, FailedEntries: [] };
  },

  ListTargetsByRule(bridge, params) {
    const rule = existingRule(bridge, params, 'Rule');
    const { items, nextToken } = page(rule.targets, params.NextToken, params.Limit);
    return { Targets: items, ...(nextToken ? { NextToken: nextToken } : {}) };
  },

  ListRuleNamesByTarget(bridge, params) {
    const arn = required(params, 'TargetArn');
    const names = bridge.rulesOf(busName(bridge, params)).filter((rule) => rule.targets.some((target) => target.Arn === arn)).map((rule) => rule.name).sort();
    const { items, nextToken } = page(names, params.NextToken, params.Limit);
    return { RuleNames: items, ...(nextToken ? { NextToken: nextToken } : {}) };
  },

  TestEventPattern(_bridge, params) {
    const patternText = required(params, 'EventPattern');
    const eventText = required(params, 'Event');
    checkPattern(patternText);
    let event: unknown;
    try {
      event = JSON.parse(eventText);
    } catch {
      throw validation('Parameter Event is not valid.');
    }
    const mandatory = ['id', 'account', 'source', 'time', 'region', 'detail-type'];
    if (typeof event !== 'object' || event === null || Array.isArray(event) || !mandatory.every((key) => key in event)) throw validation('Parameter Event is not valid.');
    return { Result: compileEventPatternText(patternText, 'eventbridge').matches(event) };
  },

  CreateEventBus(bridge, params) {
    const name = required(params, 'Name');
    checkName(name, 'name', 256);
    if (bridge.hasBus(name)) throw new JsonServiceError('ResourceAlreadyExistsException', `Event bus ${name} already exists.`);
    const now = Math.floor(Date.now() / 1000);
    bridge.buses.set(name, { name, arn: bridge.busArn(name), ...(optional(params, 'Description') ? { description: optional(params, 'Description') } : {}), creationTime: now, lastModifiedTime: now, origin: 'api' });
    void bridge.save();
    return { EventBusArn: bridge.busArn(name) };
  },

  DescribeEventBus(bridge, params) {
    const name = busName(bridge, { EventBusName: params.Name });
    return busSummary(bridge, name);
  },

  DeleteEventBus(bridge, params) {
    const name = required(params, 'Name');
    if (name === 'default') throw validation('Cannot delete event bus default.');
    if (!bridge.buses.has(name)) return {};
    bridge.buses.delete(name);
    for (const rule of bridge.rulesOf(name)) bridge.rules.delete(EventBridge.key(name, rule.name));
    void bridge.save();
    bridge.schedulesChanged();
    return {};
  },

  ListEventBuses(bridge, params) {
    const prefix = optional(params, 'NamePrefix') ?? '';
    const names = ['default', ...[...bridge.buses.keys()].sort()].filter((name) => name.startsWith(prefix));
    const { items, nextToken } = page(names, params.NextToken, params.Limit);
    return { EventBuses: items.map((name) => busSummary(bridge, name)), ...(nextToken ? { NextToken: nextToken } : {}) };
  },
};

function busSummary(bridge: EventBridge, name: string): Record<string, unknown> {
  const bus = bridge.buses.get(name);
  const started = bridge.startedAt;
  return {
    Name: name,
    Arn: bridge.busArn(name),
    ...(bus?.description ? { Description: bus.description } : {}),
    CreationTime: bus?.creationTime ?? started,
    LastModifiedTime: bus?.lastModifiedTime ?? started,
  };
}
