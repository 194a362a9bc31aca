// SNS's resources as the local service holds them: topics and their subscriptions, from the template (rebuilt
// on every reload, with stable ARNs) and from the API (kept in the data folder).
import type { SnsFilter } from '../../event-sources/filtering';

export type Origin = 'template' | 'api';

export interface Topic {
  name: string;
  arn: string;
  fifo: boolean;
  contentBasedDeduplication: boolean;
  /** Other attributes as set (DisplayName, Policy, …), answered by GetTopicAttributes. */
  attributes: Record<string, string>;
  origin: Origin;
}

export interface Subscription {
  arn: string;
  topicArn: string;
  /** `lambda`, `sqs`, `http`, `https`, `email`, … (only lambda and sqs are delivered locally). */
  protocol: string;
  endpoint: string;
  rawMessageDelivery: boolean;
  /** The policy as JSON text, as the attribute holds it. */
  filterPolicy?: string;
  filterPolicyScope: 'MessageAttributes' | 'MessageBody';
  origin: Origin;
  /** Where the template declares it, for messages. */
  declaredBy?: string;
}

export interface CompiledSubscription extends Subscription {
  filter?: SnsFilter;
}

/** A message attribute as Publish takes it (BinaryValue base64). */
export interface PublishedAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

/** One message published on a topic, before it is fanned out. */
export interface Publication {
  messageId: string;
  topic: Topic;
  message: string;
  subject?: string;
  /** MessageStructure json: the message per protocol (`default`, `sqs`, `lambda`, …). */
  perProtocol?: Record<string, string>;
  attributes: Record<string, PublishedAttribute>;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  /** Epoch ms. */
  timestamp: number;
}

export interface StoredSns {
  topics: Topic[];
  subscriptions: Subscription[];
}
