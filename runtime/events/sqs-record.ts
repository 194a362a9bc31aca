// SQS records as an event source mapping delivers them, shared by `sqs`, `sqs-fifo` and `sns-sqs`:
// ids, receipt handles, the MD5 digests SQS computes, and FIFO's group and sequence attributes.

import { createHash } from 'node:crypto';
import type { SQSMessageAttributes, SQSRecord } from 'aws-lambda';
import { regionalArn, shifted } from './format';
import { base64Id, digits, iamUserId, uuid } from './ids';
import { objectParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

export function md5Hex(data: string | Buffer): string {
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
  return md5Hex(Buffer.concat(parts));
}

/** `{"tenant":"acme","priority":2}` → String and Number message attributes. */
export function messageAttributesParam(generator: string, value: JsonValue): SQSMessageAttributes {
  const out: SQSMessageAttributes = {};
  for (const [name, item] of Object.entries(objectParam(generator, 'attributes', value, '{"tenant":"acme","priority":2}'))) {
    if (typeof item !== 'string' && typeof item !== 'number') {
      throw new EventInputError(`Parameter "attributes" of ${generator}: "${name}" must be a string or a number (message attributes are String or Number).`);
    }
    out[name] = { stringValue: String(item), stringListValues: [], binaryListValues: [], dataType: typeof item === 'number' ? 'Number' : 'String' };
  }
  return out;
}

export function checkQueueName(generator: string, queue: string): void {
  if (!/^[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(queue) || (queue.endsWith('.fifo') && queue.length > 80)) {
    throw new EventInputError(`Parameter "queue" of ${generator}: "${queue}" is not a queue name (up to 80 letters, digits, - and _, optionally ending in .fifo).`);
  }
}

/** Lambda's batch limits: 10,000 records, 10 from a FIFO queue. */
export function checkCount(generator: string, count: number, fifo: boolean): void {
  const max = fifo ? 10 : 10000;
  if (!Number.isInteger(count) || count < 1 || count > max) {
    throw new EventInputError(
      `Parameter "count" of ${generator} must be a whole number from 1 to ${max} (the largest batch${fifo ? ' from a FIFO queue' : ''}); got ${count}.`,
    );
  }
}

export interface FifoSpec {
  groupId: string;
  /** The message's deduplication id: the sender's, or the SHA-256 of the body with content-based deduplication. */
  deduplicationId(body: string): string;
}

export interface SqsBatchSpec {
  queue: string;
  body: string;
  count: number;
  attributes: SQSMessageAttributes;
  fifo?: FifoSpec;
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export function sqsRecords(ctx: EventContext, spec: SqsBatchSpec): SQSRecord[] {
  const arn = regionalArn(ctx, 'sqs', spec.queue);
  const senderId = iamUserId(ctx.ids);
  const firstSequence = BigInt(digits(ctx.ids, 20));
  const hasAttributes = Object.keys(spec.attributes).length > 0;
  const records: SQSRecord[] = [];
  for (let i = 0; i < spec.count; i++) {
    const fifo = spec.fifo;
    records.push({
      messageId: uuid(ctx.ids),
      receiptHandle: `AQEB${base64Id(ctx.ids, 96)}`,
      body: spec.body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: String(shifted(ctx.now, -20).getTime()),
        ...(fifo ? { SequenceNumber: String(firstSequence + BigInt(i)), MessageGroupId: fifo.groupId, MessageDeduplicationId: fifo.deduplicationId(spec.body) } : {}),
        SenderId: senderId,
        ApproximateFirstReceiveTimestamp: String(ctx.now.getTime()),
      },
      messageAttributes: spec.attributes,
      md5OfMessageAttributes: hasAttributes ? md5OfMessageAttributes(spec.attributes) : undefined,
      md5OfBody: md5Hex(spec.body),
      eventSource: 'aws:sqs',
      eventSourceARN: arn,
      awsRegion: ctx.region,
    });
  }
  return records;
}
