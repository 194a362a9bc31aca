// Reads the resources the local AWS services serve. Each kind's reader checks what that service needs
// (and reports problems where they are written); a type not listed here is not served locally.
import type { LocatedEntry, LocatedMap } from '../located';
import { asMap, literalString, valueOf } from '../located';
import type { IntrinsicResolver } from '../intrinsics';
import type { SourceLocation } from '../model';
import { NO_VALUE, type Resolved } from '../resolved';
import type { ProblemSink } from '../located';
import type { LocalResource, ResourceCommon, ResourceKind } from './model';
import { EVENTBRIDGE_KINDS, propertyProblems, readEventBridgeResource } from './eventbridge-resources';
import { readTableDefinition } from './dynamodb';

export * from './model';

export const RESOURCE_KINDS: Readonly<Record<string, ResourceKind>> = {
  'AWS::S3::Bucket': 'bucket',
  'AWS::DynamoDB::Table': 'table',
  'AWS::Serverless::SimpleTable': 'table',
  'AWS::SQS::Queue': 'queue',
  'AWS::SNS::Topic': 'topic',
  'AWS::SNS::Subscription': 'subscription',
  'AWS::Events::EventBus': 'eventBus',
  'AWS::Events::Rule': 'rule',
  'AWS::Scheduler::Schedule': 'schedule',
};

export interface ResourceReadContext {
  templatePath: string;
  resolver: IntrinsicResolver;
  problems: ProblemSink;
}

/** True for the types the local services bring to life. */
export function isLocalResourceType(type: string): boolean {
  return type in RESOURCE_KINDS;
}

/** The resource an entry of `Resources` declares; undefined when its Condition is false or it cannot be read. */
export function readResource(entry: LocatedEntry, type: string, ctx: ResourceReadContext): LocalResource | undefined {
  const kind = RESOURCE_KINDS[type];
  const definition = asMap(entry.value);
  if (!kind || !definition) return undefined;
  const condition = literalString(valueOf(definition, 'Condition'));
  if (condition !== undefined && !ctx.resolver.conditions.evaluateNamed(condition, definition.loc)) return undefined;
  const propertiesNode = valueOf(definition, 'Properties');
  if (propertiesNode && propertiesNode.kind !== 'map') {
    ctx.problems.error(propertiesNode.loc, `Properties of ${entry.key} must be a map.`);
    return undefined;
  }
  const common: ResourceCommon = {
    logicalId: entry.key,
    type,
    name: ctx.resolver.resourceName(entry.key),
    templatePath: ctx.templatePath,
    location: entry.keyLoc,
    ...resolvedProperties(asMap(propertiesNode), ctx.resolver),
  };
  if (EVENTBRIDGE_KINDS.has(kind)) return readEventBridgeResource(kind, common, asMap(propertiesNode), ctx.problems);
  if (kind === 'table') {
    const table = readTableDefinition(common, propertyProblems(common, asMap(propertiesNode), ctx.problems));
    return table && { kind, ...common, table };
  }
  return { kind, ...common } as LocalResource;
}

function resolvedProperties(properties: LocatedMap | undefined, resolver: IntrinsicResolver): Pick<ResourceCommon, 'properties' | 'propertyLocations'> {
  const resolved: Record<string, Resolved> = {};
  const locations: Record<string, SourceLocation> = {};
  for (const entry of properties?.entries ?? []) {
    const value = resolver.resolve(entry.value);
    if (value === NO_VALUE) continue;
    resolved[entry.key] = value;
    locations[entry.key] = entry.value.loc;
  }
  return { properties: resolved, propertyLocations: locations };
}
