// SQS messages delivered by an event source mapping, `sqs`.

import { createHash } from 'node:crypto';
import type { SQSEvent, SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { regionalArn, shifted } from './format';
import { base64Id, digits, iamUserId, uuid } from './ids';
import { objectParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'sqs';

export type SqsOptions = { body: string; queue: string; count: number; attributes: JsonValue };

function md5(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

/** SQS's digest of message attributes: names sorted, each field length-prefixed (big-endian u32). */
export function md5OfMessageAttributes(attributes: SQSMessageAttributes): string {
  const parts: Buffer[] = [];
  const field = (text: string) => {
    const bytes = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    parts.push(length, bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const attribute = attributes[name];
    if (!attribute) continue;
    field(name);
    field(attribute.dataType);
    // Transport type 1 is a string value; the catalog produces only String and Number attributes.
    parts.push(Buffer.from([1]));
    field(attribute.stringValue ?? '');
  }
  return md5(Buffer.concat(parts));
}

function messageAttributes(value: JsonValue): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, item] of Object.entries(objectParam(NAME, 'attributes', value, '{"tenant":"acme","priority":2}'))) {
    if (typeof item !== 'string' && typeof item !== 'number') {
      throw new EventInputError(`Parameter "attributes" of ${NAME}: "${name}" must be a string or a number (message attributes are String or Number).`);
    }
    out[name] = {
      stringValue: String(item),
      stringListValues: [],
      binaryListValues: [],
      dataType: typeof item === 'number' ? 'Number' : 'String',
    };
  }
  return out;
}

export const sqsGenerator = defineEventGenerator<SqsOptions, SQSEvent>({
  name: NAME,
  description: 'SQS messages from an event source mapping (FIFO attributes for .fifo queues)',
  kind: 'sqs',
  params: {
    body: { description: 'Message body', type: 'string', default: 'Hello from SQS!' },
    queue: { description: 'Queue name (a .fifo name adds FIFO attributes)', type: 'string', default: 'MyQueue' },
    count: { description: 'Number of records in the batch (1-10000)', type: 'number', default: 1 },
    attributes: { description: 'Message attributes, e.g. {"tenant":"acme","priority":2}', type: 'json', default: {} },
  },
  build(o, ctx) {
    if (!Number.isInteger(o.count) || o.count < 1 || o.count > 10000) {
      throw new EventInputError(`Parameter "count" of ${NAME} must be a whole number from 1 to 10000 (the largest batch); got ${o.count}.`);
    }
    if (!/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(o.queue)) {
      throw new EventInputError(`Parameter "queue" of ${NAME}: "${o.queue}" is not a queue name (up to 80 letters, digits, - and _, optionally ending in .fifo).`);
    }
    const attributes = messageAttributes(o.attributes);
    const fifo = o.queue.endsWith('.fifo');
    const arn = regionalArn(ctx, 'sqs', o.queue);
    const senderId = iamUserId(ctx.ids);
    const firstSequence = BigInt(digits(ctx.ids, 20));
    const records: SQSRecord[] = [];
    for (let i = 0; i < o.count; i++) {
      records.push({
        messageId: uuid(ctx.ids),
        receiptHandle: `AQEB${base64Id(ctx.ids, 96)}`,
        body: o.body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(shifted(ctx.now, -20).getTime()),
          ...(fifo ? { SequenceNumber: String(firstSequence + BigInt(i)), MessageGroupId: 'group-1', MessageDeduplicationId: ctx.ids.hex(64) } : {}),
          SenderId: senderId,
          ApproximateFirstReceiveTimestamp: String(ctx.now.getTime()),
        },
        messageAttributes: attributes,
        md5OfMessageAttributes: Object.keys(attributes).length > 0 ? md5OfMessageAttributes(attributes) : undefined,
        md5OfBody: md5(o.body),
        eventSource: 'aws:sqs',
        eventSourceARN: arn,
        awsRegion: ctx.region,
      });
    }
    return { Records: records };
  },
});

export const generateSqs = (options?: Partial<SqsOptions>, ctx?: Partial<EventContext>): SQSEvent => sqsGenerator.build(options, ctx);
