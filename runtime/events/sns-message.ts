// What an SNS notification carries wherever it is delivered (to Lambda or, enveloped, to SQS):
// topic and subscription ARNs, message attributes `{Type, Value}`, signature fields.

import type { SNSMessageAttributes } from 'aws-lambda';
import { dnsSuffixOf, regionalArn } from './format';
import { base64Id, uuid } from './ids';
import { objectParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

export function snsMessageAttributes(generator: string, value: JsonValue): SNSMessageAttributes {
  const out: SNSMessageAttributes = {};
  for (const [name, item] of Object.entries(objectParam(generator, 'attributes', value, '{"tenant":"acme","priority":2}'))) {
    if (typeof item === 'string') out[name] = { Type: 'String', Value: item };
    else if (typeof item === 'number') out[name] = { Type: 'Number', Value: String(item) };
    else if (Array.isArray(item)) out[name] = { Type: 'String.Array', Value: JSON.stringify(item) };
    else throw new EventInputError(`Parameter "attributes" of ${generator}: "${name}" must be a string, a number or an array.`);
  }
  return out;
}

export function checkTopicName(generator: string, topic: string): void {
  if (!/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(topic)) {
    throw new EventInputError(`Parameter "topic" of ${generator}: "${topic}" is not a topic name (letters, digits, - and _).`);
  }
}

export interface SnsNotification {
  topicArn: string;
  subscriptionArn: string;
  messageId: string;
  signature: string;
  signingCertUrl: string;
  unsubscribeUrl: string;
}

/** The ids, ARNs and signature fields of one notification on `topic`. */
export function snsNotification(ctx: EventContext, topic: string): SnsNotification {
  const topicArn = regionalArn(ctx, 'sns', topic);
  const subscriptionArn = `${topicArn}:${uuid(ctx.ids)}`;
  const endpoint = `https://sns.${ctx.region}.${dnsSuffixOf(ctx.region)}`;
  return {
    topicArn,
    subscriptionArn,
    messageId: uuid(ctx.ids),
    signature: base64Id(ctx.ids, 256),
    signingCertUrl: `${endpoint}/SimpleNotificationService-${ctx.ids.hex(32)}.pem`,
    unsubscribeUrl: `${endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
  };
}
