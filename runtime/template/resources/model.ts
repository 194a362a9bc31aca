// The template's resources that the local AWS services bring to life (buckets, tables, queues, topics, buses,
// rules, schedules): what each service needs to create and wire them, with the place each was declared.
import type { SourceLocation } from '../model';
import type { Resolved } from '../resolved';

export interface ResourceCommon {
  /** Logical id in the template. */
  logicalId: string;
  /** CloudFormation type, e.g. `AWS::S3::Bucket`. */
  type: string;
  /** The local name (see local-values.ts): the name property when written, else derived from the logical id. */
  name: string;
  /** Absolute path of the template that declares it. */
  templatePath: string;
  location: SourceLocation;
  /** Properties with intrinsics resolved (placeholders where a value cannot be known locally). */
  properties: Record<string, Resolved>;
  /** Where each top-level property is written, for problems found later (by a service at start). */
  propertyLocations: Record<string, SourceLocation>;
}

export interface BucketResource extends ResourceCommon {
  kind: 'bucket';
}

export interface TableIndex {
  IndexName: string;
  KeySchema: Array<{ AttributeName: string; KeyType: 'HASH' | 'RANGE' }>;
  Projection: { ProjectionType?: 'ALL' | 'KEYS_ONLY' | 'INCLUDE'; NonKeyAttributes?: string[] };
}

/** A table as DynamoDB's CreateTable takes it (names as the API spells them), plus its stream and TTL. */
export interface TableDefinition {
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: 'S' | 'N' | 'B' }>;
  KeySchema: Array<{ AttributeName: string; KeyType: 'HASH' | 'RANGE' }>;
  GlobalSecondaryIndexes: TableIndex[];
  LocalSecondaryIndexes: TableIndex[];
  /** StreamSpecification.StreamViewType; undefined when the table has no stream. */
  StreamViewType?: 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
  /** TimeToLiveSpecification.AttributeName when enabled. */
  TimeToLiveAttribute?: string;
}

export interface TableResource extends ResourceCommon {
  kind: 'table';
  table: TableDefinition;
}

export interface QueueResource extends ResourceCommon {
  kind: 'queue';
}

export interface TopicResource extends ResourceCommon {
  kind: 'topic';
}

export interface SubscriptionResource extends ResourceCommon {
  kind: 'subscription';
}

export interface EventBusResource extends ResourceCommon {
  kind: 'eventBus';
  /** The default bus, listed because rules of the template use it (it is not declared). */
  implicit?: boolean;
}

/** Where a rule or schedule came from when a SAM function event declared it (SAM generates the resource). */
export interface GeneratedBy {
  functionLogicalId: string;
  eventName: string;
}

/** One target of a rule: a function, queue, topic or bus, with what it receives. */
export interface RuleTarget {
  id: string;
  arn: string;
  input?: string;
  inputPath?: string;
  inputTransformer?: { inputPathsMap?: Record<string, string>; inputTemplate: string };
  /** FIFO queue targets: SqsParameters.MessageGroupId. */
  messageGroupId?: string;
}

export type RuleState = 'ENABLED' | 'DISABLED' | 'ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS';

export interface RuleDefinition {
  eventBusName: string;
  /** The pattern as JSON text (as PutRule takes it), checked at parse time. */
  eventPattern?: string;
  scheduleExpression?: string;
  state: RuleState;
  description?: string;
  targets: RuleTarget[];
}

export interface RuleResource extends ResourceCommon {
  kind: 'rule';
  rule: RuleDefinition;
  generatedBy?: GeneratedBy;
}

export interface ScheduleTarget {
  arn: string;
  input?: string;
  messageGroupId?: string;
  /** An event bus target's EventBridgeParameters. */
  eventBridge?: { detailType: string; source: string };
}

export interface ScheduleDefinition {
  groupName: string;
  scheduleExpression: string;
  /** IANA zone, default UTC. */
  timezone: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  /** ISO instants. */
  startDate?: string;
  endDate?: string;
  flexibleTimeWindow: { mode: 'OFF' | 'FLEXIBLE'; maximumWindowInMinutes?: number };
  actionAfterCompletion: 'NONE' | 'DELETE';
  target: ScheduleTarget;
}

export interface ScheduleResource extends ResourceCommon {
  kind: 'schedule';
  schedule: ScheduleDefinition;
  generatedBy?: GeneratedBy;
}

export type LocalResource =
  | BucketResource
  | TableResource
  | QueueResource
  | TopicResource
  | SubscriptionResource
  | EventBusResource
  | RuleResource
  | ScheduleResource;

export type ResourceKind = LocalResource['kind'];
export type ResourceOfKind<K extends ResourceKind> = Extract<LocalResource, { kind: K }>;

/** The resources of one kind, in template order. */
export function resourcesOfKind<K extends ResourceKind>(resources: readonly LocalResource[], kind: K): ResourceOfKind<K>[] {
  return resources.filter((resource): resource is ResourceOfKind<K> => resource.kind === kind);
}
