// Messages from a FIFO queue, `sqs-fifo`: one message group in order, with sequence numbers and
// deduplication ids; Lambda delivers at most 10 FIFO messages per batch.

import type { SQSEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { uuid } from './ids';
import { checkCount, checkQueueName, messageAttributesParam, sha256Hex, sqsRecords } from './sqs-record';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'sqs-fifo';

export type SqsFifoOptions = {
  body: string; queue: string; groupId: string; count: number; contentBasedDeduplication: boolean; attributes: JsonValue;
};

export const sqsFifoGenerator = defineEventGenerator<SqsFifoOptions, SQSEvent>({
  name: NAME,
  description: 'SQS FIFO messages of one message group, with MessageGroupId, SequenceNumber and deduplication id',
  kind: 'sqs',
  params: {
    body: { description: 'Message body', type: 'string', default: 'Hello from SQS FIFO!' },
    queue: { description: 'Queue name, ending in .fifo', type: 'string', default: 'MyQueue.fifo' },
    groupId: { description: 'MessageGroupId of the batch', type: 'string', default: 'group-1' },
    count: { description: 'Number of records in the batch (1-10)', type: 'number', default: 1 },
    contentBasedDeduplication: {
      description: 'Deduplication id = SHA-256 of the body (the queue setting); otherwise the sender sets one per message',
      type: 'boolean',
      default: false,
    },
    attributes: { description: 'Message attributes, e.g. {"tenant":"acme","priority":2}', type: 'json', default: {} },
  },
  build(o, ctx) {
    checkQueueName(NAME, o.queue);
    if (!o.queue.endsWith('.fifo')) {
      throw new EventInputError(`Parameter "queue" of ${NAME}: "${o.queue}" is not a FIFO queue; FIFO queue names end in .fifo (use the sqs generator for standard queues).`);
    }
    checkCount(NAME, o.count, true);
    if (!/^[\x21-\x7e]{1,128}$/.test(o.groupId)) {
      throw new EventInputError(`Parameter "groupId" of ${NAME}: a MessageGroupId is 1-128 printable ASCII characters without spaces; got ${JSON.stringify(o.groupId)}.`);
    }
    if (o.contentBasedDeduplication && o.count > 1) {
      throw new EventInputError(
        `Parameters of ${NAME}: with contentBasedDeduplication, ${o.count} messages with the same body are duplicates and SQS delivers only one; use count=1.`,
      );
    }
    const deduplicationId = o.contentBasedDeduplication ? (body: string) => sha256Hex(body) : () => uuid(ctx.ids);
    const attributes = messageAttributesParam(NAME, o.attributes);
    return { Records: sqsRecords(ctx, { queue: o.queue, body: o.body, count: o.count, attributes, fifo: { groupId: o.groupId, deduplicationId } }) };
  },
});

export const generateSqsFifo = (options?: Partial<SqsFifoOptions>, ctx?: Partial<EventContext>): SQSEvent => sqsFifoGenerator.build(options, ctx);
