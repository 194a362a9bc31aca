// SQS messages delivered by an event source mapping, `sqs`.

import type { SQSEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { checkCount, checkQueueName, messageAttributesParam, sqsRecords } from './sqs-record';
import type { EventContext, JsonValue } from './types';

export { md5OfMessageAttributes } from './sqs-record';

const NAME = 'sqs';

export type SqsOptions = { body: string; queue: string; count: number; attributes: JsonValue };

export const sqsGenerator = defineEventGenerator<SqsOptions, SQSEvent>({
  name: NAME,
  description: 'SQS messages from an event source mapping (FIFO attributes for .fifo queues)',
  kind: 'sqs',
  params: {
    body: { description: 'Message body', type: 'string', default: 'Hello from SQS!' },
    queue: { description: 'Queue name (a .fifo name adds FIFO attributes)', type: 'string', default: 'MyQueue' },
    count: { description: 'Number of records in the batch (1-10000; 1-10 from a .fifo queue)', type: 'number', default: 1 },
    attributes: { description: 'Message attributes, e.g. {"tenant":"acme","priority":2}', type: 'json', default: {} },
  },
  build(o, ctx) {
    checkQueueName(NAME, o.queue);
    const fifo = o.queue.endsWith('.fifo');
    checkCount(NAME, o.count, fifo);
    const attributes = messageAttributesParam(NAME, o.attributes);
    // Each message of a .fifo queue gets its own deduplication id, as a sender that sets them would give.
    const fifoSpec = fifo ? { groupId: 'group-1', deduplicationId: () => ctx.ids.hex(64) } : undefined;
    return { Records: sqsRecords(ctx, { queue: o.queue, body: o.body, count: o.count, attributes, fifo: fifoSpec }) };
  },
});

export const generateSqs = (options?: Partial<SqsOptions>, ctx?: Partial<EventContext>): SQSEvent => sqsGenerator.build(options, ctx);
