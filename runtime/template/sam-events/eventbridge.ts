// SAM function events that SAM turns into EventBridge resources: `Schedule`, `EventBridgeRule` and
// `CloudWatchEvent` become an AWS::Events::Rule targeting the function, `ScheduleV2` an
// AWS::Scheduler::Schedule. Checked when the function is read (problems at the event's lines), and turned
// into the same resources SAM would generate, so the services and the Resources view see one kind of rule.
import type { LocatedNode, ProblemSink } from '../located';
import { asMap, valueOf } from '../located';
import type { LocalScope } from '../local-values';
import { functionArnOf } from '../local-values';
import type { EventSourceConfig, FunctionConfig, SourceLocation } from '../model';
import { isRecord } from '../resolved';
import { busNameOf, readEventPattern, readRuleSchedule, readRuleState, readTargetInput, text } from '../resources/eventbridge';
import { locate, type PropertyProblems } from '../resources/locate';
import type { EventBusResource, LocalResource, RuleDefinition, RuleResource, ScheduleResource } from '../resources/model';
import { readScheduleProperties } from '../resources/schedule';

export const EVENTBRIDGE_EVENT_TYPES = new Set(['Schedule', 'ScheduleV2', 'EventBridgeRule', 'CloudWatchEvent']);

const SILENT: PropertyProblems = { at: () => ({ file: '', line: 1, column: 1 }), error: () => undefined };

function eventProblems(event: EventSourceConfig, definition: LocatedNode | undefined, problems: ProblemSink): PropertyProblems {
  const fallback: SourceLocation = event.location ?? { file: '', line: 1, column: 1 };
  const properties = definition && asMap(definition) ? valueOf(asMap(definition)!, 'Properties') : undefined;
  const at = (path: ReadonlyArray<string | number>) => locate(properties, path, fallback);
  return { at, error: (path, message) => problems.error(at(path), `Event ${event.name} (${event.type}): ${message}`) };
}

/** The rule a Schedule / EventBridgeRule / CloudWatchEvent event makes; undefined when it cannot be used. */
function ruleOfEvent(event: EventSourceConfig, functionArn: string, ruleLogicalId: string, problems: PropertyProblems): { name: string; rule: RuleDefinition } | undefined {
  const properties = event.properties;
  const state = properties.State !== undefined ? readRuleState(properties.State, ['State'], problems) : properties.Enabled === false || properties.Enabled === 'false' ? 'DISABLED' : 'ENABLED';
  const targetId = (isRecord(properties.Target) ? text(properties.Target.Id) : undefined) ?? `${ruleLogicalId}LambdaTarget`;
  const input = readTargetInput(properties, targetId, [], problems);
  const description = text(properties.Description);
  if (event.type === 'Schedule') {
    if (properties.Schedule === undefined) {
      problems.error([], 'A Schedule event needs Schedule: rate(5 minutes) or cron(0 12 * * ? *).');
      return undefined;
    }
    const scheduleExpression = readRuleSchedule(properties.Schedule, ['Schedule'], problems);
    if (scheduleExpression === undefined) return undefined;
    const rule: RuleDefinition = { eventBusName: 'default', scheduleExpression, state, targets: [{ id: targetId, arn: functionArn, ...input }], ...(description ? { description } : {}) };
    return { name: text(properties.Name) ?? ruleLogicalId, rule };
  }
  if (properties.Pattern === undefined) {
    problems.error([], `An ${event.type} event needs a Pattern, e.g. Pattern: { source: [my.app] }.`);
    return undefined;
  }
  const eventPattern = readEventPattern(properties.Pattern, ['Pattern'], problems);
  if (eventPattern === undefined) return undefined;
  const eventBusName = busNameOf(text(properties.EventBusName) ?? 'default');
  const rule: RuleDefinition = { eventBusName, eventPattern, state, targets: [{ id: targetId, arn: functionArn, ...input }], ...(description ? { description } : {}) };
  return { name: text(properties.RuleName) ?? text(properties.Name) ?? ruleLogicalId, rule };
}

/** Checks one function event of an EventBridge type; problems go to the event's lines. */
export function checkEventBridgeEvent(event: EventSourceConfig, definition: LocatedNode | undefined, problems: ProblemSink): void {
  if (!EVENTBRIDGE_EVENT_TYPES.has(event.type)) return;
  const sink = eventProblems(event, definition, problems);
  if (event.type === 'ScheduleV2') readScheduleProperties(event.properties, sink, { arn: 'function' });
  else ruleOfEvent(event, 'function', event.name, sink);
}

/** The rules and schedules SAM would generate for the functions' events, and the default bus when rules use it. */
export function eventBridgeResourcesOf(functions: readonly FunctionConfig[], templatePath: string, scope: LocalScope, declared: readonly LocalResource[]): LocalResource[] {
  const generated: LocalResource[] = [];
  for (const fn of functions) {
    const arn = functionArnOf(fn.name, scope);
    for (const event of fn.events) {
      if (!EVENTBRIDGE_EVENT_TYPES.has(event.type)) continue;
      const logicalId = `${fn.logicalId}${event.name}`;
      const common = {
        logicalId,
        templatePath,
        location: event.location ?? fn.location,
        properties: event.properties as RuleResource['properties'],
        propertyLocations: event.propertyLocations ?? {},
        generatedBy: { functionLogicalId: fn.logicalId, eventName: event.name },
      };
      if (event.type === 'ScheduleV2') {
        const input = event.properties.Input;
        const target = { arn, ...(input !== undefined ? { input: typeof input === 'string' ? input : JSON.stringify(input) } : {}) };
        const schedule = readScheduleProperties(event.properties, SILENT, target);
        if (schedule) generated.push({ kind: 'schedule', type: 'AWS::Scheduler::Schedule', name: text(event.properties.Name) ?? logicalId, ...common, schedule } satisfies ScheduleResource);
        continue;
      }
      const made = ruleOfEvent(event, arn, logicalId, SILENT);
      if (made) generated.push({ kind: 'rule', type: 'AWS::Events::Rule', name: made.name, ...common, rule: made.rule } satisfies RuleResource);
    }
  }
  const all = [...declared, ...generated];
  const firstOnDefault = all.find((resource): resource is RuleResource => resource.kind === 'rule' && resource.rule.eventBusName === 'default');
  const defaultDeclared = all.some((resource) => resource.kind === 'eventBus' && resource.name === 'default');
  if (firstOnDefault && !defaultDeclared) {
    const bus: EventBusResource = {
      kind: 'eventBus', type: 'AWS::Events::EventBus', logicalId: 'default', name: 'default', implicit: true, templatePath,
      location: firstOnDefault.location, properties: {}, propertyLocations: {},
    };
    generated.unshift(bus);
  }
  return generated;
}
