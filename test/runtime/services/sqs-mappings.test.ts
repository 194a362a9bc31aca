// SQS event source mappings end to end, with the real @aws-sdk/client-sqs sending: batches reach the function
// as Lambda's SQS records, a successful batch is deleted, a failing one comes back after the visibility
// timeout and lands in the dead-letter queue, partial batch responses, filter criteria (filtered-out messages
// deleted), FIFO order.
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import assert from 'node:assert/strict';
import type { InvocationResult } from '../../../runtime/protocol/control';
import path from 'node:path';
import { startServicesRuntime, type ServicesRuntime } from './support';

const SQS_APP_TEMPLATE = path.resolve(__dirname, '../../fixtures/sqs-app/template.yaml');

interface Record {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: { [key: string]: string };
  messageAttributes: { [key: string]: unknown };
  md5OfBody: string;
  md5OfMessageAttributes?: string;
  eventSource: string;
  eventSourceARN: string;
  awsRegion: string;
}

function recordsOf(result: InvocationResult): Record[] {
  return (JSON.parse(result.event) as { Records: Record[] }).Records;
}

async function waitFor(condition: () => boolean | Promise<boolean>, what: string, deadlineMs = 20_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('SQS event source mappings (client-sqs)', function () {
  this.timeout(60_000);
  let services: ServicesRuntime;
  let sqs: SQSClient;
  const url = (name: string) => `${services.endpoint}/123456789012/${name}`;
  const count = async (name: string, attribute: 'ApproximateNumberOfMessages' | 'ApproximateNumberOfMessagesNotVisible' = 'ApproximateNumberOfMessages') => Number((await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url(name), AttributeNames: ['All'] }))).Attributes?.[attribute]);

  before(async () => {
    services = await startServicesRuntime({ templates: [SQS_APP_TEMPLATE] });
    sqs = new SQSClient(services.clientConfig);
  });
  after(async () => {
    sqs.destroy();
    await services.close();
  });

  it('hands a batch to the function as Lambda\'s SQS records and deletes it once the function succeeds', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'Worker' && result.event.includes('batch-1'));
    await sqs.send(new SendMessageBatchCommand({
      QueueUrl: url('work'),
      Entries: [
        { Id: 'a', MessageBody: 'batch-1 a', MessageAttributes: { color: { DataType: 'String', StringValue: 'red' }, raw: { DataType: 'Binary', BinaryValue: new Uint8Array([255]) } } },
        { Id: 'b', MessageBody: 'batch-1 b' },
        { Id: 'c', MessageBody: 'batch-1 c' },
      ],
    }));
    const result = await invoked;
    assert.equal(result.status, 'success');
    const records = recordsOf(result);
    assert.deepEqual(records.map((record) => record.body), ['batch-1 a', 'batch-1 b', 'batch-1 c']);
    const [first, second] = records;
    assert.deepEqual(Object.keys(first), ['messageId', 'receiptHandle', 'body', 'attributes', 'messageAttributes', 'md5OfMessageAttributes', 'md5OfBody', 'eventSource', 'eventSourceARN', 'awsRegion']);
    assert.deepEqual(Object.keys(first.attributes), ['ApproximateReceiveCount', 'SentTimestamp', 'SenderId', 'ApproximateFirstReceiveTimestamp']);
    assert.equal(first.attributes.ApproximateReceiveCount, '1');
    assert.deepEqual(first.messageAttributes, {
      color: { stringValue: 'red', stringListValues: [], binaryListValues: [], dataType: 'String' },
      raw: { binaryValue: '/w==', stringListValues: [], binaryListValues: [], dataType: 'Binary' },
    });
    assert.equal(first.eventSource, 'aws:sqs');
    assert.equal(first.eventSourceARN, 'arn:aws:sqs:us-east-1:123456789012:work');
    assert.equal(first.awsRegion, 'us-east-1');
    assert.equal(second.md5OfMessageAttributes, undefined);
    assert.deepEqual(second.messageAttributes, {});
    await waitFor(async () => (await count('work')) + (await count('work', 'ApproximateNumberOfMessagesNotVisible')) === 0, 'the batch deleted');
    const mapping = services.runtime.services!.mappings().find((status) => status.eventSourceArn.endsWith(':work'));
    assert.equal(mapping?.type, 'SQS');
    assert.equal(mapping?.batchSize, 5);
    assert.equal(mapping?.lastProcessingResult, 'OK');
  });

  it('lets a failed batch come back after the visibility timeout and moves it to the dead-letter queue after maxReceiveCount', async () => {
    const attempts: string[] = [];
    const listener = services.runtime.onEvent((event) => {
      if (event.event === 'invocation.finished' && event.data.functionName === 'Failing') attempts.push(recordsOf(event.data)[0].attributes.ApproximateReceiveCount);
    });
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: url('failing'), MessageBody: 'doomed' }));
    try {
      await waitFor(async () => (await count('failing-dlq')) === 1, 'the message in the dead-letter queue');
      // The runtime reports an invocation once its environment has finished with it, which may come after the move.
      await waitFor(() => attempts.length === 2, 'both attempts reported');
    } finally {
      listener.dispose();
    }
    assert.deepEqual(attempts, ['1', '2']);
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url('failing-dlq'), MessageSystemAttributeNames: ['All'] }));
    assert.equal(dead.Messages?.[0].MessageId, sent.MessageId);
    assert.equal(dead.Messages?.[0].Body, 'doomed');
    assert.equal(dead.Messages?.[0].Attributes?.DeadLetterQueueSourceArn, 'arn:aws:sqs:us-east-1:123456789012:failing');
    const mapping = services.runtime.services!.mappings().find((status) => status.eventSourceArn.endsWith(':failing'));
    assert.equal(mapping?.lastProcessingResult, 'PROBLEM: Function call failed');
    assert.match(mapping?.lastError ?? '', /return after the queue's visibility timeout of 2 s/);
  });

  it('deletes what a partial batch response does not report, and retries only the reported messages', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'Partial');
    await sqs.send(new SendMessageBatchCommand({ QueueUrl: url('partial'), Entries: [{ Id: 'good', MessageBody: 'good one' }, { Id: 'bad', MessageBody: 'bad one' }] }));
    assert.equal(recordsOf(await invoked).length, 2);
    await waitFor(async () => (await count('partial-dlq')) === 1, 'the reported message dead-lettered');
    const dead = await sqs.send(new ReceiveMessageCommand({ QueueUrl: url('partial-dlq') }));
    assert.equal(dead.Messages?.[0].Body, 'bad one');
    assert.equal(await count('partial'), 0);
  });

  it('invokes only for messages the filter criteria match, and deletes the others', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'Worker' && result.event.includes('keep'));
    await sqs.send(new SendMessageBatchCommand({
      QueueUrl: url('filtered'),
      Entries: [{ Id: 'drop', MessageBody: JSON.stringify({ kind: 'drop' }) }, { Id: 'keep', MessageBody: JSON.stringify({ kind: 'keep' }) }, { Id: 'text', MessageBody: 'plain text' }],
    }));
    assert.deepEqual(recordsOf(await invoked).map((record) => JSON.parse(record.body) as unknown), [{ kind: 'keep' }]);
    await waitFor(async () => (await count('filtered')) + (await count('filtered', 'ApproximateNumberOfMessagesNotVisible')) === 0, 'filtered-out messages deleted');
    assert.equal(services.events.filter((event) => event.event === 'invocation.finished' && event.data.functionName === 'Worker' && event.data.event.includes('drop')).length, 0);
  });

  it('hands a FIFO queue\'s messages over in order within each group, with the FIFO attributes', async () => {
    const bodies: string[] = [];
    let fifoRecord: Record | undefined;
    const listener = services.runtime.onEvent((event) => {
      if (event.event !== 'invocation.finished' || event.data.functionName !== 'Ordered') return;
      for (const record of recordsOf(event.data)) {
        if (!record.body.startsWith('step')) continue;
        bodies.push(record.body);
        fifoRecord ??= record;
      }
    });
    try {
      for (let i = 1; i <= 12; i++) await sqs.send(new SendMessageCommand({ QueueUrl: url('orders.fifo'), MessageBody: `step ${i}`, MessageGroupId: 'order-1' }));
      await waitFor(() => bodies.length === 12, 'twelve messages delivered');
    } finally {
      listener.dispose();
    }
    assert.deepEqual(bodies, Array.from({ length: 12 }, (_, i) => `step ${i + 1}`));
    assert.deepEqual(Object.keys(fifoRecord!.attributes), ['ApproximateReceiveCount', 'SentTimestamp', 'SenderId', 'ApproximateFirstReceiveTimestamp', 'SequenceNumber', 'MessageGroupId', 'MessageDeduplicationId']);
    assert.equal(fifoRecord!.attributes.MessageGroupId, 'order-1');
  });

  it('stops a recursive loop through a queue after 16 invocations, as Lambda does', async function () {
    this.timeout(90_000);
    const stopped = new Promise<{ functionName: string; via: string; depth: number }>((resolve) => {
      const listener = services.runtime.onEvent((event) => {
        if (event.event !== 'loop.stopped') return;
        listener.dispose();
        resolve(event.data);
      });
    });
    await sqs.send(new SendMessageCommand({ QueueUrl: url('loop'), MessageBody: 'round and round' }));
    assert.deepEqual(await stopped, { functionName: 'Looper', via: 'sqs', depth: 17 });
    await waitFor(() => services.events.filter((event) => event.event === 'invocation.finished' && event.data.functionName === 'Looper').length === 16, 'sixteen invocations reported');
  });
});
