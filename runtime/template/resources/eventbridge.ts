// Reads EventBridge rules as the template writes them (AWS::Events::Rule, and the rules SAM makes of
// Schedule / EventBridgeRule / CloudWatchEvent function events), checking at parse time what EventBridge
// would refuse at deploy time: the pattern (through the shared filtering engine), the schedule expression,
// the targets and what they receive. Each problem points at the line that holds it.
import { compileEventPatternText, PatternError } from '../../event-sources/filtering';
import { checkTargetInput } from '../../event-sources/target-input';
import { parseScheduleExpression, ScheduleExpressionError } from '../../schedules/expression';
import { containsPlaceholder, isRecord, toText, type Resolved } from '../resolved';
import type { PropertyPath, PropertyProblems } from './locate';
import type { RuleDefinition, RuleState, RuleTarget } from './model';

const RULE_STATES: readonly RuleState[] = ['ENABLED', 'DISABLED', 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS'];
/** EventBridge's quota of targets per rule. */
export const MAX_TARGETS = 5;
const TARGET_ID = /^[.\-_A-Za-z0-9]{1,64}$/;

export function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : toText(value as Resolved);
}

/** `arn:…:event-bus/orders` or `orders` → `orders`. */
export function busNameOf(nameOrArn: string): string {
  return nameOrArn.replace(/^arn:[^:]+:events:[^:]*:[^:]*:event-bus\//, '');
}

/** An EventPattern written as a map or as JSON text → JSON text, checked; undefined (and a problem) when invalid. */
export function readEventPattern(value: unknown, path: PropertyPath, problems: PropertyProblems): string | undefined {
  const patternText = typeof value === 'string' ? value : JSON.stringify(value);
  if (typeof value !== 'string' && !isRecord(value)) {
    problems.error(path, 'EventPattern must be a map (or its JSON text), e.g. { source: [my.app], detail-type: [OrderPlaced] }.');
    return undefined;
  }
  try {
    compileEventPatternText(patternText, 'eventbridge');
    return patternText;
  } catch (error) {
    if (!(error instanceof PatternError)) throw error;
    const where = typeof value === 'string' ? path : [...path, ...error.path];
    problems.error(where, `EventPattern is not valid: ${error.message}`);
    return undefined;
  }
}

/** A rule's ScheduleExpression, checked as EventBridge checks it. */
export function readRuleSchedule(value: unknown, path: PropertyPath, problems: PropertyProblems): string | undefined {
  const expression = text(value);
  if (expression === undefined || containsPlaceholder(expression)) return expression;
  try {
    parseScheduleExpression(expression, 'rule');
    return expression;
  } catch (error) {
    if (!(error instanceof ScheduleExpressionError)) throw error;
    problems.error(path, `ScheduleExpression ${error.message}`);
    return undefined;
  }
}

export function readRuleState(value: unknown, path: PropertyPath, problems: PropertyProblems): RuleState {
  if (value === undefined) return 'ENABLED';
  const state = text(value);
  if (state && RULE_STATES.includes(state as RuleState)) return state as RuleState;
  problems.error(path, `State must be ENABLED or DISABLED (got ${JSON.stringify(value)}).`);
  return 'ENABLED';
}

/** The input settings of one target (Input, InputPath, InputTransformer), checked as PutTargets checks them. */
export function readTargetInput(properties: Record<string, unknown>, targetId: string, path: PropertyPath, problems: PropertyProblems): Omit<RuleTarget, 'id' | 'arn'> {
  const input = properties.Input === undefined ? undefined : typeof properties.Input === 'string' ? properties.Input : JSON.stringify(properties.Input);
  const inputPath = text(properties.InputPath);
  const transformer = isRecord(properties.InputTransformer) ? properties.InputTransformer : undefined;
  if (properties.InputTransformer !== undefined && !transformer) problems.error([...path, 'InputTransformer'], 'InputTransformer must be a map with InputPathsMap and InputTemplate.');
  const paths = transformer?.InputPathsMap;
  const inputTransformer = transformer
    ? { inputPathsMap: isRecord(paths) ? Object.fromEntries(Object.entries(paths).map(([key, value]) => [key, text(value) ?? ''])) : undefined, inputTemplate: text(transformer.InputTemplate) ?? '' }
    : undefined;
  const settings = { input, inputPath, inputTransformer };
  const refusal = checkTargetInput(targetId, settings);
  if (refusal) {
    const key = inputTransformer ? ['InputTransformer', ...(/^Input(Template|PathsMap)\b/.exec(refusal) ? [refusal.split(' ')[0]] : [])] : [inputPath !== undefined ? 'InputPath' : 'Input'];
    problems.error([...path, ...key], refusal);
    return {};
  }
  return Object.fromEntries(Object.entries(settings).filter(([, value]) => value !== undefined));
}

function readTargets(value: unknown, problems: PropertyProblems): RuleTarget[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problems.error(['Targets'], 'Targets must be a list of {Id, Arn}.');
    return [];
  }
  if (value.length > MAX_TARGETS) problems.error(['Targets'], `A rule has at most ${MAX_TARGETS} targets (this one has ${value.length}).`);
  const targets: RuleTarget[] = [];
  const ids = new Set<string>();
  value.forEach((item, index) => {
    const path = ['Targets', index];
    if (!isRecord(item)) return problems.error(path, 'Each target must be a map with Id and Arn.');
    const id = text(item.Id);
    const arn = text(item.Arn);
    if (!id || !TARGET_ID.test(id)) return problems.error([...path, 'Id'], `Target Id ${id === undefined ? 'is missing' : JSON.stringify(id) + ' is not valid'}: 1-64 letters, digits, ., - and _.`);
    if (!arn) return problems.error(path, `Target ${id} needs an Arn (e.g. !GetAtt MyFunction.Arn).`);
    if (ids.has(id)) return problems.error([...path, 'Id'], `Target Id ${id} is used twice in this rule.`);
    ids.add(id);
    const sqs = isRecord(item.SqsParameters) ? text(item.SqsParameters.MessageGroupId) : undefined;
    targets.push({ id, arn, ...readTargetInput(item, id, path, problems), ...(sqs ? { messageGroupId: sqs } : {}) });
  });
  return targets;
}

/** An AWS::Events::Rule's properties → its definition; undefined when it cannot be used. */
export function readRuleProperties(properties: Record<string, unknown>, problems: PropertyProblems): RuleDefinition | undefined {
  const eventBusName = busNameOf(text(properties.EventBusName) ?? 'default');
  const eventPattern = properties.EventPattern === undefined ? undefined : readEventPattern(properties.EventPattern, ['EventPattern'], problems);
  const scheduleExpression = properties.ScheduleExpression === undefined ? undefined : readRuleSchedule(properties.ScheduleExpression, ['ScheduleExpression'], problems);
  if (properties.EventPattern === undefined && properties.ScheduleExpression === undefined) {
    problems.error([], 'An AWS::Events::Rule needs an EventPattern or a ScheduleExpression.');
    return undefined;
  }
  if (properties.ScheduleExpression !== undefined && eventBusName !== 'default') {
    problems.error(['EventBusName'], 'ScheduleExpression is supported only on the default event bus: remove EventBusName, or use an AWS::Scheduler::Schedule.');
  }
  if (eventPattern === undefined && scheduleExpression === undefined) return undefined;
  return {
    eventBusName,
    ...(eventPattern !== undefined ? { eventPattern } : {}),
    ...(scheduleExpression !== undefined ? { scheduleExpression } : {}),
    state: readRuleState(properties.State, ['State'], problems),
    ...(text(properties.Description) ? { description: text(properties.Description) } : {}),
    targets: readTargets(properties.Targets, problems),
  };
}
