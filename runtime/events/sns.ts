// SNS notifications delivered to a Lambda subscription, `sns`.

import type { SNSEvent, SNSMessageAttributes } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { dnsSuffixOf, regionalArn } from './format';
import { base64Id, uuid } from './ids';
import { objectParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'sns';

export type SnsOptions = { message: string; subject: string; topic: string; attributes: JsonValue };

function messageAttributes(value: JsonValue): SNSMessageAttributes {
  const out: SNSMessageAttributes = {};
  for (const [name, item] of Object.entries(objectParam(NAME, 'attributes', value, '{"tenant":"acme","priority":2}'))) {
    if (typeof item === 'string') out[name] = { Type: 'String', Value: item };
    else if (typeof item === 'number') out[name] = { Type: 'Number', Value: String(item) };
    else if (Array.isArray(item)) out[name] = { Type: 'String.Array', Value: JSON.stringify(item) };
    else throw new EventInputError(`Parameter "attributes" of ${NAME}: "${name}" must be a string, a number or an array.`);
  }
  return out;
}

export const snsGenerator = defineEventGenerator<SnsOptions, SNSEvent>({
  name: NAME,
  description: 'SNS notification to a Lambda subscription',
  kind: 'sns',
  params: {
    message: { description: 'Message text', type: 'string', default: 'Hello from SNS!' },
    subject: { description: 'Subject (empty: none)', type: 'string', default: 'TestInvoke' },
    topic: { description: 'Topic name', type: 'string', default: 'MyTopic' },
    attributes: { description: 'Message attributes, e.g. {"tenant":"acme","priority":2}', type: 'json', default: {} },
  },
  build(o, ctx) {
    if (!/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(o.topic)) {
      throw new EventInputError(`Parameter "topic" of ${NAME}: "${o.topic}" is not a topic name (letters, digits, - and _).`);
    }
    const topicArn = regionalArn(ctx, 'sns', o.topic);
    const subscriptionArn = `${topicArn}:${uuid(ctx.ids)}`;
    const endpoint = `https://sns.${ctx.region}.${dnsSuffixOf(ctx.region)}`;
    return {
      Records: [{
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: uuid(ctx.ids),
          TopicArn: topicArn,
          Subject: o.subject === '' ? undefined : o.subject,
          Message: o.message,
          Timestamp: ctx.now.toISOString(),
          SignatureVersion: '1',
          Signature: base64Id(ctx.ids, 256),
          SigningCertUrl: `${endpoint}/SimpleNotificationService-${ctx.ids.hex(32)}.pem`,
          UnsubscribeUrl: `${endpoint}/?Action=Unsubscribe&SubscriptionArn=${subscriptionArn}`,
          MessageAttributes: messageAttributes(o.attributes),
        },
      }],
    };
  },
});

export const generateSns = (options?: Partial<SnsOptions>, ctx?: Partial<EventContext>): SNSEvent => snsGenerator.build(options, ctx);
