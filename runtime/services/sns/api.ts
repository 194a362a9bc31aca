// SNS's query protocol operations (`Action=<Operation>`, form in, XML out), as @aws-sdk/client-sns sends them:
// each takes the parsed parameters and returns the `<ActionResult>` content, or throws SnsError.
import { randomUUID } from 'node:crypto';
import { PatternError } from '../../event-sources/filtering';
import type { InvocationChain } from '../../event-sources/recursion';
import type { QueryParams } from '../wire/query';
import type { XmlValue } from '../wire/xml';
import type { PublishedAttribute, Subscription, Topic } from './model';
import type { SnsTopics } from './topics';

export class SnsError extends Error {
  constructor(readonly code: string, message: string, readonly status = 400) {
    super(message);
  }
}

export type Operation = (topics: SnsTopics, params: QueryParams, chain: InvocationChain | undefined) => Record<string, XmlValue> | undefined;

/** SNS's limit on a message and its attributes. */
export const MAX_MESSAGE_BYTES = 262_144;
const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;
const PAGE = 100;

const invalid = (message: string): SnsError => new SnsError('InvalidParameter', `Invalid parameter: ${message}`);

function required(params: QueryParams, name: string): string {
  const value = params.string(name);
  if (value === undefined || value === '') throw invalid(name);
  return value;
}

function topicOf(topics: SnsTopics, arn: string): Topic {
  const topic = topics.topicByArn(arn);
  if (!topic) throw new SnsError('NotFound', 'Topic does not exist', 404);
  return topic;
}

function subscriptionOf(topics: SnsTopics, arn: string): Subscription {
  const subscription = topics.subscriptions.get(arn);
  if (!subscription) throw new SnsError('NotFound', 'Subscription does not exist', 404);
  return subscription;
}

function entries(map: Record<string, string>): XmlValue {
  return { entry: Object.entries(map).map(([key, value]) => ({ key, value })) };
}

function topicAttributes(topics: SnsTopics, topic: Topic): Record<string, string> {
  const subscriptions = topics.subscriptionsOf(topic.arn);
  const account = topic.arn.split(':')[4];
  return {
    TopicArn: topic.arn,
    Owner: account,
    Policy: JSON.stringify({ Version: '2008-10-17', Id: '__default_policy_ID', Statement: [{ Sid: '__default_statement_ID', Effect: 'Allow', Principal: { AWS: '*' }, Action: ['SNS:Publish', 'SNS:Subscribe', 'SNS:GetTopicAttributes'], Resource: topic.arn, Condition: { StringEquals: { 'AWS:SourceOwner': account } } }] }),
    DisplayName: '',
    SubscriptionsConfirmed: String(subscriptions.length),
    SubscriptionsPending: '0',
    SubscriptionsDeleted: '0',
    EffectiveDeliveryPolicy: JSON.stringify({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' }, disableSubscriptionOverrides: false } }),
    ...(topic.fifo ? { FifoTopic: 'true', ContentBasedDeduplication: String(topic.contentBasedDeduplication) } : {}),
    ...topic.attributes,
  };
}

function subscriptionAttributes(subscription: Subscription): Record<string, string> {
  return {
    SubscriptionArn: subscription.arn,
    TopicArn: subscription.topicArn,
    Protocol: subscription.protocol,
    Endpoint: subscription.endpoint,
    Owner: subscription.topicArn.split(':')[4],
    PendingConfirmation: 'false',
    ConfirmationWasAuthenticated: 'true',
    RawMessageDelivery: String(subscription.rawMessageDelivery),
    ...(subscription.filterPolicy !== undefined ? { FilterPolicy: subscription.filterPolicy, FilterPolicyScope: subscription.filterPolicyScope } : {}),
  };
}

/** Applies one subscription attribute as SetSubscriptionAttributes and Subscribe's Attributes do. */
function setSubscriptionAttribute(subscription: Subscription, name: string, value: string): Subscription {
  switch (name) {
    case 'RawMessageDelivery':
      if (value !== 'true' && value !== 'false') throw invalid('Attributes Reason: RawMessageDelivery: Invalid value [' + value + ']. Must be true or false.');
      if (subscription.protocol !== 'sqs' && subscription.protocol !== 'http' && subscription.protocol !== 'https' && subscription.protocol !== 'firehose') throw invalid('Attributes Reason: Delivery protocol [' + subscription.protocol + '] does not support raw message delivery.');
      return { ...subscription, rawMessageDelivery: value === 'true' };
    case 'FilterPolicy':
      return value === '' ? { ...subscription, filterPolicy: undefined } : { ...subscription, filterPolicy: value };
    case 'FilterPolicyScope':
      if (value !== 'MessageAttributes' && value !== 'MessageBody') throw invalid(`Attributes Reason: FilterPolicyScope: Invalid value [${value}]. Please use either MessageBody or MessageAttributes`);
      return { ...subscription, filterPolicyScope: value };
    case 'RedrivePolicy':
    case 'DeliveryPolicy':
    case 'SubscriptionRoleArn':
      return subscription;
    default:
      throw invalid(`AttributeName`);
  }
}

function putChecked(topics: SnsTopics, subscription: Subscription): void {
  try {
    topics.put(subscription);
  } catch (error) {
    if (error instanceof PatternError) throw new SnsError('InvalidParameter', error.awsMessage.startsWith('Invalid parameter') ? error.awsMessage : `Invalid parameter: FilterPolicy: ${error.message}`);
    throw error;
  }
}

/** MessageAttributes.entry.N.Name / .Value.DataType|StringValue|BinaryValue under `prefix`. */
function readAttributes(params: QueryParams, prefix: string): Record<string, PublishedAttribute> {
  const attributes: Record<string, PublishedAttribute> = {};
  for (const [name, valuePrefix] of params.structureMap(`${prefix}MessageAttributes`)) {
    const dataType = params.string(`${valuePrefix}.DataType`) ?? '';
    const stringValue = params.string(`${valuePrefix}.StringValue`);
    const binaryValue = params.string(`${valuePrefix}.BinaryValue`);
    if (!/^(String|Number|Binary)(\.[A-Za-z0-9_.-]+)?$/.test(dataType)) throw new SnsError('ParameterValueInvalid', `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`);
    if (dataType.startsWith('Binary') ? !binaryValue : stringValue === undefined || stringValue === '') throw new SnsError('ParameterValueInvalid', `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType.split('.')[0]}'.`);
    if (dataType === 'String.Array') {
      let list: unknown;
      try {
        list = JSON.parse(stringValue ?? '');
      } catch {
        list = undefined;
      }
      if (!Array.isArray(list)) throw new SnsError('ParameterValueInvalid', `The message attribute '${name}' with type 'String.Array' has an invalid value.`);
    }
    if (dataType.startsWith('Number') && !/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test((stringValue ?? '').trim())) throw new SnsError('ParameterValueInvalid', `Could not cast message attribute '${name}' value to number.`);
    attributes[name] = dataType.startsWith('Binary') ? { DataType: dataType, BinaryValue: binaryValue } : { DataType: dataType, StringValue: stringValue };
  }
  if (Object.keys(attributes).length > 10) throw new SnsError('InvalidParameter', 'Invalid parameter: Number of message attributes [' + Object.keys(attributes).length + '] exceeds the allowed maximum [10].');
  return attributes;
}

/** One Publish (or PublishBatch entry, under `prefix`). */
function publishOne(topics: SnsTopics, topic: Topic, params: QueryParams, prefix: string, chain: InvocationChain | undefined): { messageId: string; sequenceNumber?: string } {
  const message = params.string(`${prefix}Message`);
  if (message === undefined || message === '') throw invalid('Empty message');
  const subject = params.string(`${prefix}Subject`);
  if (subject !== undefined && (subject.length > 100 || subject === '' || /[\n\r]/.test(subject))) throw invalid('Subject');
  const attributes = readAttributes(params, prefix);
  const size = Buffer.byteLength(message) + Object.entries(attributes).reduce((sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(value.DataType) + Buffer.byteLength(value.StringValue ?? value.BinaryValue ?? ''), 0);
  if (size > MAX_MESSAGE_BYTES) throw invalid('Message too long');
  let perProtocol: Record<string, string> | undefined;
  if (params.string(`${prefix}MessageStructure`) === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(message);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || typeof (parsed as Record<string, unknown>).default !== 'string') throw invalid('Message Structure - No default entry in JSON message body');
    perProtocol = parsed as Record<string, string>;
  }
  const groupId = params.string(`${prefix}MessageGroupId`);
  const deduplicationId = params.string(`${prefix}MessageDeduplicationId`);
  if (topic.fifo) {
    if (!groupId) throw invalid('The MessageGroupId parameter is required for FIFO topics');
    if (!deduplicationId && !topic.contentBasedDeduplication) throw invalid('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  } else if (deduplicationId) {
    throw invalid('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
  }
  return topics.publish({ topic, message, ...(subject !== undefined ? { subject } : {}), ...(perProtocol ? { perProtocol } : {}), attributes, ...(groupId ? { groupId } : {}), ...(deduplicationId ? { deduplicationId } : {}) }, chain);
}

function page<T>(items: readonly T[], token: string | undefined): { items: T[]; next?: string } {
  const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) || 0 : 0;
  const next = start + PAGE < items.length ? Buffer.from(String(start + PAGE)).toString('base64') : undefined;
  return { items: items.slice(start, start + PAGE), ...(next ? { next } : {}) };
}

function subscriptionMember(subscription: Subscription): XmlValue {
  return { SubscriptionArn: subscription.arn, Owner: subscription.topicArn.split(':')[4], Protocol: subscription.protocol, Endpoint: subscription.endpoint, TopicArn: subscription.topicArn };
}

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateTopic(topics, params) {
    const name = required(params, 'Name');
    const attributes = Object.fromEntries(params.map('Attributes', 'key', 'value'));
    const fifo = attributes.FifoTopic === 'true';
    const base = name.endsWith('.fifo') ? name.slice(0, -5) : name;
    if (!TOPIC_NAME.test(base) || fifo !== name.endsWith('.fifo')) {
      throw invalid(fifo || name.endsWith('.fifo') ? 'Topic Name: Fifo Topic names must end with .fifo and must be made up of only uppercase and lowercase ASCII letters, numbers, underscores, and hyphens, and must be between 1 and 256 characters long.' : 'Topic Name');
    }
    const arn = topics.arnOf(name);
    if (!topics.topicByArn(arn)) {
      const { FifoTopic: _fifo, ContentBasedDeduplication: dedup, ...rest } = attributes;
      topics.topics.set(arn, { name, arn, fifo, contentBasedDeduplication: dedup === 'true', attributes: rest, origin: 'api' });
      void topics.save();
    }
    return { TopicArn: arn };
  },

  DeleteTopic(topics, params) {
    const arn = required(params, 'TopicArn');
    topics.topics.delete(arn);
    for (const subscription of topics.subscriptionsOf(arn)) if (subscription.origin === 'api') topics.subscriptions.delete(subscription.arn);
    void topics.save();
    return undefined;
  },

  ListTopics(topics, params) {
    const { items, next } = page([...topics.topics.values()].sort((a, b) => a.arn.localeCompare(b.arn)), params.string('NextToken'));
    return { Topics: { member: items.map((topic) => ({ TopicArn: topic.arn })) }, ...(next ? { NextToken: next } : {}) };
  },

  GetTopicAttributes(topics, params) {
    return { Attributes: entries(topicAttributes(topics, topicOf(topics, required(params, 'TopicArn')))) };
  },

  SetTopicAttributes(topics, params) {
    const topic = topicOf(topics, required(params, 'TopicArn'));
    const name = required(params, 'AttributeName');
    const value = params.string('AttributeValue') ?? '';
    if (name === 'FifoTopic') throw invalid('AttributeName');
    if (name === 'ContentBasedDeduplication') {
      if (!topic.fifo) throw invalid('ContentBasedDeduplication Reason: Content based deduplication can only be set for FIFO topics');
      topic.contentBasedDeduplication = value === 'true';
    } else {
      topic.attributes[name] = value;
    }
    if (topic.origin === 'api') void topics.save();
    return undefined;
  },

  Subscribe(topics, params) {
    const topic = topicOf(topics, required(params, 'TopicArn'));
    const protocol = required(params, 'Protocol').toLowerCase();
    const endpoint = params.string('Endpoint') ?? '';
    if (!['lambda', 'sqs', 'http', 'https', 'email', 'email-json', 'sms', 'application', 'firehose'].includes(protocol)) throw invalid('Protocol');
    if ((protocol === 'lambda' || protocol === 'sqs') && !new RegExp(`^arn:[^:]+:${protocol}:`).test(endpoint)) throw invalid(`${protocol === 'sqs' ? 'SQS' : 'Lambda'} endpoint ARN`);
    if (protocol === 'sqs' && topic.fifo !== endpoint.endsWith('.fifo') && topic.fifo) throw invalid('Invalid parameter: Endpoint Reason: FIFO SNS Topics can only have FIFO SQS Queues as subscriptions');
    const existing = topics.subscriptionsOf(topic.arn).find((subscription) => subscription.protocol === protocol && subscription.endpoint === endpoint);
    let subscription: Subscription = existing ?? { arn: `${topic.arn}:${randomUUID()}`, topicArn: topic.arn, protocol, endpoint, rawMessageDelivery: false, filterPolicyScope: 'MessageAttributes', origin: 'api' };
    for (const [name, value] of params.map('Attributes', 'key', 'value')) subscription = setSubscriptionAttribute(subscription, name, value);
    putChecked(topics, subscription);
    void topics.save();
    return { SubscriptionArn: subscription.arn };
  },

  Unsubscribe(topics, params) {
    const arn = required(params, 'SubscriptionArn');
    topics.subscriptions.delete(arn);
    void topics.save();
    return undefined;
  },

  ListSubscriptions(topics, params) {
    const { items, next } = page([...topics.subscriptions.values()], params.string('NextToken'));
    return { Subscriptions: { member: items.map(subscriptionMember) }, ...(next ? { NextToken: next } : {}) };
  },

  ListSubscriptionsByTopic(topics, params) {
    const topic = topicOf(topics, required(params, 'TopicArn'));
    const { items, next } = page(topics.subscriptionsOf(topic.arn), params.string('NextToken'));
    return { Subscriptions: { member: items.map(subscriptionMember) }, ...(next ? { NextToken: next } : {}) };
  },

  GetSubscriptionAttributes(topics, params) {
    return { Attributes: entries(subscriptionAttributes(subscriptionOf(topics, required(params, 'SubscriptionArn')))) };
  },

  SetSubscriptionAttributes(topics, params) {
    const subscription = subscriptionOf(topics, required(params, 'SubscriptionArn'));
    putChecked(topics, setSubscriptionAttribute(subscription, required(params, 'AttributeName'), params.string('AttributeValue') ?? ''));
    void topics.save();
    return undefined;
  },

  Publish(topics, params, chain) {
    const arn = params.string('TopicArn') ?? params.string('TargetArn');
    if (!arn) throw invalid(params.string('PhoneNumber') ? 'PhoneNumber Reason: Lambkin does not send SMS' : 'TopicArn or TargetArn Reason: no value for required parameter');
    const published = publishOne(topics, topicOf(topics, arn), params, '', chain);
    return { MessageId: published.messageId, ...(published.sequenceNumber ? { SequenceNumber: published.sequenceNumber } : {}) };
  },

  PublishBatch(topics, params, chain) {
    const topic = topicOf(topics, required(params, 'TopicArn'));
    const prefixes = params.structures('PublishBatchRequestEntries');
    if (prefixes.length === 0) throw new SnsError('EmptyBatchRequest', 'The batch request doesn\'t contain any entries');
    if (prefixes.length > 10) throw new SnsError('TooManyEntriesInBatchRequest', 'The batch request contains more entries than permissible');
    const ids = prefixes.map((prefix) => params.string(`${prefix}.Id`) ?? '');
    if (new Set(ids).size !== ids.length) throw new SnsError('BatchEntryIdsNotDistinct', 'Two or more batch entries in the request have the same Id');
    if (ids.some((id) => !/^[A-Za-z0-9_-]{1,80}$/.test(id))) throw new SnsError('InvalidBatchEntryId', 'The Id of a batch entry in a batch request doesn\'t abide by the specification');
    const successful: XmlValue[] = [];
    const failed: XmlValue[] = [];
    prefixes.forEach((prefix, index) => {
      try {
        const published = publishOne(topics, topic, params, `${prefix}.`, chain);
        successful.push({ Id: ids[index], MessageId: published.messageId, ...(published.sequenceNumber ? { SequenceNumber: published.sequenceNumber } : {}) });
      } catch (error) {
        if (!(error instanceof SnsError)) throw error;
        failed.push({ Id: ids[index], Code: error.code, Message: error.message, SenderFault: true });
      }
    });
    return { Successful: { member: successful }, Failed: { member: failed } };
  },
};
