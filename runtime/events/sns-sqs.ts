// SNS notifications delivered through an SQS subscription, `sns-sqs`: SQS records whose body is SNS's
// JSON envelope (SigningCertURL/UnsubscribeURL spelled as SNS sends them to queues, no Subject or
// MessageAttributes when there are none), or with raw message delivery the bare message, its
// attributes as SQS message attributes.

import type { SNSMessageAttributes, SQSEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { checkTopicName, snsMessageAttributes, snsNotification } from './sns-message';
import { checkQueueName, messageAttributesParam, sqsRecords } from './sqs-record';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'sns-sqs';

export type SnsSqsOptions = { message: string; subject: string; topic: string; queue: string; attributes: JsonValue; raw: boolean };

/** SNS's envelope text: one `"Key" : value` per line, as SNS formats it (handlers that log it show this). */
export function snsEnvelopeText(fields: Array<[string, string | SNSMessageAttributes | undefined]>): string {
  const lines: string[] = [];
  for (const [key, value] of fields) {
    if (value === undefined) continue;
    if (typeof value === 'string') {
      lines.push(`  ${JSON.stringify(key)} : ${JSON.stringify(value)}`);
      continue;
    }
    const inner = Object.entries(value).map(([name, attribute]) => `    ${JSON.stringify(name)} : ${JSON.stringify(attribute)}`);
    lines.push(`  ${JSON.stringify(key)} : {\n${inner.join(',\n')}\n  }`);
  }
  return `{\n${lines.join(',\n')}\n}`;
}

export const snsSqsGenerator = defineEventGenerator<SnsSqsOptions, SQSEvent>({
  name: NAME,
  description: 'SNS notification delivered to an SQS queue (SqsSubscription): the SNS envelope as the SQS body, or raw',
  kind: 'sqs',
  params: {
    message: { description: 'Message text', type: 'string', default: 'Hello from SNS!' },
    subject: { description: 'Subject (empty: none, and the envelope has no Subject)', type: 'string', default: '' },
    topic: { description: 'Topic name', type: 'string', default: 'MyTopic' },
    queue: { description: 'Subscribed queue name', type: 'string', default: 'MyQueue' },
    attributes: { description: 'Message attributes, e.g. {"tenant":"acme","priority":2}', type: 'json', default: {} },
    raw: { description: 'Raw message delivery: the body is the bare message', type: 'boolean', default: false },
  },
  build(o, ctx) {
    checkTopicName(NAME, o.topic);
    checkQueueName(NAME, o.queue);
    if (o.topic.endsWith('.fifo') || o.queue.endsWith('.fifo')) {
      throw new EventInputError(`Parameters of ${NAME}: only standard topics and queues are sampled; "${o.topic}" → "${o.queue}" is FIFO (use sqs-fifo for a FIFO queue's records).`);
    }
    if (o.raw) {
      const attributes = messageAttributesParam(NAME, o.attributes);
      return { Records: sqsRecords(ctx, { queue: o.queue, body: o.message, count: 1, attributes }) };
    }
    const snsAttributes = snsMessageAttributes(NAME, o.attributes);
    const n = snsNotification(ctx, o.topic);
    const body = snsEnvelopeText([
      ['Type', 'Notification'],
      ['MessageId', n.messageId],
      ['TopicArn', n.topicArn],
      ['Subject', o.subject === '' ? undefined : o.subject],
      ['Message', o.message],
      ['Timestamp', ctx.now.toISOString()],
      ['SignatureVersion', '1'],
      ['Signature', n.signature],
      ['SigningCertURL', n.signingCertUrl],
      ['UnsubscribeURL', n.unsubscribeUrl],
      ['MessageAttributes', Object.keys(snsAttributes).length > 0 ? snsAttributes : undefined],
    ]);
    return { Records: sqsRecords(ctx, { queue: o.queue, body, count: 1, attributes: {} }) };
  },
});

export const generateSnsSqs = (options?: Partial<SnsSqsOptions>, ctx?: Partial<EventContext>): SQSEvent => snsSqsGenerator.build(options, ctx);
