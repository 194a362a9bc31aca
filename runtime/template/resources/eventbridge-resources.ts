// The EventBridge kinds of readResource: event buses, rules and schedules, with their typed definitions.
import type { LocatedMap, ProblemSink } from '../located';
import { readRuleProperties } from './eventbridge';
import { locate, type PropertyProblems } from './locate';
import type { LocalResource, ResourceCommon, ResourceKind } from './model';
import { readScheduleProperties } from './schedule';

/** Problems of one resource's properties, placed where each is written. */
export function propertyProblems(common: ResourceCommon, node: LocatedMap | undefined, problems: ProblemSink): PropertyProblems {
  const at = (path: ReadonlyArray<string | number>) => locate(node, path, common.location);
  return { at, error: (path, message) => problems.error(at(path), `${common.logicalId}: ${message}`) };
}

/** The resource of an EventBridge kind; undefined for other kinds, or when it cannot be used. */
export function readEventBridgeResource(kind: ResourceKind, common: ResourceCommon, node: LocatedMap | undefined, problems: ProblemSink): LocalResource | undefined {
  const sink = propertyProblems(common, node, problems);
  if (kind === 'eventBus') return { kind, ...common };
  if (kind === 'rule') {
    const rule = readRuleProperties(common.properties, sink);
    return rule && { kind, ...common, rule };
  }
  if (kind === 'schedule') {
    const schedule = readScheduleProperties(common.properties, sink);
    return schedule && { kind, ...common, schedule };
  }
  return undefined;
}

export const EVENTBRIDGE_KINDS: ReadonlySet<ResourceKind> = new Set(['eventBus', 'rule', 'schedule']);
