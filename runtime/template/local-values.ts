// What the local AWS services call the template's resources, and what `!Ref` / `!GetAtt` of them give:
// one place for the naming rules, so the template reader, the services and the extension agree on every
// name, URL and ARN. Pure: the endpoint and account are inputs.

/** Where the local AWS endpoint listens when nothing else is said (LocalStack's port, the de-facto default). */
export const DEFAULT_AWS_PORT = 4566;
export const DEFAULT_AWS_ENDPOINT = `http://127.0.0.1:${DEFAULT_AWS_PORT}`;

export interface LocalScope {
  region: string;
  accountId: string;
  partition: string;
  /** The local AWS endpoint, e.g. `http://127.0.0.1:4566`. */
  awsEndpoint: string;
}

/** The property that names each resource type, when the template spells it out. */
export const NAME_PROPERTIES: Readonly<Record<string, string>> = {
  'AWS::S3::Bucket': 'BucketName',
  'AWS::DynamoDB::Table': 'TableName',
  'AWS::Serverless::SimpleTable': 'TableName',
  'AWS::SQS::Queue': 'QueueName',
  'AWS::SNS::Topic': 'TopicName',
  'AWS::Serverless::Function': 'FunctionName',
  'AWS::Lambda::Function': 'FunctionName',
  'AWS::Events::EventBus': 'Name',
  'AWS::Events::Rule': 'Name',
  'AWS::Scheduler::Schedule': 'Name',
  'AWS::Serverless::LayerVersion': 'LayerName',
  'AWS::Lambda::LayerVersion': 'LayerName',
};

/**
 * The local name of a resource whose name property is not written. CloudFormation would generate
 * `stack-LogicalId-RANDOM`; locally the logical id is unique in the template, stable across runs and readable.
 * Buckets are lower-cased because S3 names must be; FIFO queues and topics keep the `.fifo` their type needs.
 */
export function defaultResourceName(type: string, logicalId: string, fifo = false): string {
  if (type === 'AWS::S3::Bucket') return logicalId.toLowerCase();
  if ((type === 'AWS::SQS::Queue' || type === 'AWS::SNS::Topic') && fifo) return `${logicalId}.fifo`;
  return logicalId;
}

export function bucketArn(name: string, scope: Pick<LocalScope, 'partition'>): string {
  return `arn:${scope.partition}:s3:::${name}`;
}

/** Virtual-host style name of a bucket on the local endpoint (`uploads.localhost:4566`). */
export function bucketDomainName(name: string, scope: Pick<LocalScope, 'awsEndpoint'>): string {
  return `${name}.localhost:${new URL(scope.awsEndpoint).port || '80'}`;
}

export function tableArn(name: string, scope: LocalScope): string {
  return `arn:${scope.partition}:dynamodb:${scope.region}:${scope.accountId}:table/${name}`;
}

/**
 * A table's stream label. On AWS it is the time the stream was enabled; locally a stream is enabled when
 * the table is first created from the template, so the label would differ between the template reader and
 * the service. A fixed label keeps `!GetAtt T.StreamArn`, DescribeTable's LatestStreamArn and event records
 * identical across restarts (a stream that is disabled and re-enabled on AWS would get a new label).
 */
export const LOCAL_STREAM_LABEL = '2000-01-01T00:00:00.000';

export function tableStreamArn(name: string, scope: LocalScope): string {
  return `${tableArn(name, scope)}/stream/${LOCAL_STREAM_LABEL}`;
}

export function queueUrl(name: string, scope: LocalScope): string {
  return `${scope.awsEndpoint}/${scope.accountId}/${name}`;
}

export function queueArn(name: string, scope: LocalScope): string {
  return `arn:${scope.partition}:sqs:${scope.region}:${scope.accountId}:${name}`;
}

export function topicArn(name: string, scope: LocalScope): string {
  return `arn:${scope.partition}:sns:${scope.region}:${scope.accountId}:${name}`;
}

export function eventBusArn(name: string, scope: LocalScope): string {
  return `arn:${scope.partition}:events:${scope.region}:${scope.accountId}:event-bus/${name}`;
}

export function ruleArn(name: string, busName: string, scope: LocalScope): string {
  const path = busName === 'default' ? name : `${busName}/${name}`;
  return `arn:${scope.partition}:events:${scope.region}:${scope.accountId}:rule/${path}`;
}

export function scheduleArn(name: string, group: string, scope: LocalScope): string {
  return `arn:${scope.partition}:scheduler:${scope.region}:${scope.accountId}:schedule/${group}/${name}`;
}

export function functionArnOf(name: string, scope: Omit<LocalScope, 'awsEndpoint'>): string {
  return `arn:${scope.partition}:lambda:${scope.region}:${scope.accountId}:function:${name}`;
}

/** What `!Ref` of a resource gives locally; undefined when it is the resource's name (the default). */
export function localRef(type: string, name: string, scope: LocalScope): string | undefined {
  switch (type) {
    case 'AWS::SQS::Queue':
      return queueUrl(name, scope);
    case 'AWS::SNS::Topic':
      return topicArn(name, scope);
    default:
      return undefined;
  }
}

/** Names an attribute depends on besides the resource's own: a rule's bus, a schedule's group. */
export interface RelatedNames {
  eventBusName?: string;
  groupName?: string;
}

/** What `!GetAtt Resource.Attribute` gives locally; undefined when Lambkin has no local value for it. */
export function localAttribute(type: string, name: string, attribute: string, scope: LocalScope, related: RelatedNames = {}): string | undefined {
  switch (`${type}.${attribute}`) {
    case 'AWS::S3::Bucket.Arn':
      return bucketArn(name, scope);
    case 'AWS::S3::Bucket.DomainName':
    case 'AWS::S3::Bucket.RegionalDomainName':
    case 'AWS::S3::Bucket.DualStackDomainName':
      return bucketDomainName(name, scope);
    case 'AWS::S3::Bucket.WebsiteURL':
      return `http://${bucketDomainName(name, scope)}`;
    case 'AWS::DynamoDB::Table.Arn':
    case 'AWS::Serverless::SimpleTable.Arn':
      return tableArn(name, scope);
    case 'AWS::DynamoDB::Table.StreamArn':
      return tableStreamArn(name, scope);
    case 'AWS::SQS::Queue.Arn':
      return queueArn(name, scope);
    case 'AWS::SQS::Queue.QueueName':
      return name;
    case 'AWS::SQS::Queue.QueueUrl':
      return queueUrl(name, scope);
    case 'AWS::SNS::Topic.TopicArn':
      return topicArn(name, scope);
    case 'AWS::SNS::Topic.TopicName':
      return name;
    case 'AWS::Events::EventBus.Arn':
      return eventBusArn(name, scope);
    case 'AWS::Events::EventBus.Name':
      return name;
    case 'AWS::Events::Rule.Arn':
      return ruleArn(name, related.eventBusName ?? 'default', scope);
    case 'AWS::Scheduler::Schedule.Arn':
      return scheduleArn(name, related.groupName ?? 'default', scope);
    case 'AWS::Serverless::Function.Arn':
    case 'AWS::Lambda::Function.Arn':
      return functionArnOf(name, scope);
    default:
      return undefined;
  }
}
