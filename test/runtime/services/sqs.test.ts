// The local SQS as the real @aws-sdk/client-sqs (AWS JSON 1.0) sees it: queues from the template and the API,
// messages with attributes and their digests, long polling, visibility, delay, batches, FIFO groups and
// deduplication, SQS's errors, and messages that survive a restart.
import {
  ChangeMessageVisibilityCommand, CreateQueueCommand, DeleteMessageBatchCommand, DeleteMessageCommand, DeleteQueueCommand, GetQueueAttributesCommand,
  GetQueueUrlCommand, ListQueuesCommand, PurgeQueueCommand, ReceiveMessageCommand, SendMessageBatchCommand, SendMessageCommand, SetQueueAttributesCommand, SQSClient,
} from '@aws-sdk/client-sqs';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { md5OfAttributes } from '../../../runtime/services/sqs/md5';
import { startServicesRuntime, type ServicesRuntime } from './support';

export const SQS_APP_TEMPLATE = path.resolve(__dirname, '../../fixtures/sqs-app/template.yaml');

/** The SDK names an error by SQS's query code when SQS sends one (`x-amzn-query-error`), else by its JSON shape. */
async function rejects(promise: Promise<unknown>, name: string, message: string | RegExp, code?: string): Promise<void> {
  await assert.rejects(promise, (error: Error & { Code?: string }) => {
    assert.equal(error.name, name, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    if (code) assert.equal(error.Code, code);
    return true;
  });
}

describe('local SQS (client-sqs)', function () {
  this.timeout(40_000);
  let services: ServicesRuntime;
  let sqs: SQSClient;

  before(async () => {
    services = await startServicesRuntime({ templates: [SQS_APP_TEMPLATE] });
    sqs = new SQSClient(services.clientConfig);
  });
  after(async () => {
    sqs.destroy();
    await services.close();
  });

  it('serves the template\'s queues at URLs on the local endpoint, with their attributes', async () => {
    const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: 'plain' }));
    assert.equal(QueueUrl, `${services.endpoint}/123456789012/plain`);
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    assert.equal(Attributes?.QueueArn, 'arn:aws:sqs:us-east-1:123456789012:plain');
    assert.equal(Attributes?.MessageRetentionPeriod, '3600');
    assert.equal(Attributes?.VisibilityTimeout, '30');
    assert.equal(Attributes?.MaximumMessageSize, '1048576');
    const failing = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${services.endpoint}/123456789012/failing`, AttributeNames: ['RedrivePolicy'] }));
    assert.deepEqual(JSON.parse(failing.Attributes?.RedrivePolicy ?? '{}'), { deadLetterTargetArn: 'arn:aws:sqs:us-east-1:123456789012:failing-dlq', maxReceiveCount: 2 });
    const fifo = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: `${services.endpoint}/123456789012/orders.fifo`, AttributeNames: ['FifoQueue', 'ContentBasedDeduplication'] }));
    assert.deepEqual(fifo.Attributes, { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'fail' }));
    assert.deepEqual(listed.QueueUrls, [`${services.endpoint}/123456789012/failing`, `${services.endpoint}/123456789012/failing-dlq`]);
  });

  it('sends and receives with attributes and SQS\'s digests, hides a received message for its visibility timeout, and deletes it', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'api-queue', Attributes: { VisibilityTimeout: '1' } }));
    const attributes = { color: { DataType: 'String', StringValue: 'red' }, count: { DataType: 'Number', StringValue: '3' }, blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2, 3]) } };
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'héllo', MessageAttributes: attributes }));
    assert.equal(sent.MD5OfMessageBody, createHash('md5').update('héllo').digest('hex'));
    // The digest of the attributes as SQS encodes them (computed independently here from the same rules).
    assert.equal(sent.MD5OfMessageAttributes, md5OfAttributes({ color: { DataType: 'String', StringValue: 'red' }, count: { DataType: 'Number', StringValue: '3' }, blob: { DataType: 'Binary', BinaryValue: 'AQID' } }));
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['All'] }));
    const [message] = received.Messages ?? [];
    assert.equal(message.MessageId, sent.MessageId);
    assert.equal(message.Body, 'héllo');
    assert.equal(message.MessageAttributes?.color.StringValue, 'red');
    assert.deepEqual([...(message.MessageAttributes?.blob.BinaryValue ?? [])], [1, 2, 3]);
    assert.equal(message.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.equal(message.Attributes?.ApproximateReceiveCount, '1');
    assert.match(message.Attributes?.SentTimestamp ?? '', /^\d{13}$/);
    const counts = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
    assert.deepEqual(counts.Attributes, { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '1' });
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
    // A long poll returns once the visibility timeout (1 s) has passed, with a new receipt handle.
    const again = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MessageSystemAttributeNames: ['ApproximateReceiveCount'] }));
    assert.equal(again.Messages?.[0].MessageId, sent.MessageId);
    assert.equal(again.Messages?.[0].Attributes?.ApproximateReceiveCount, '2');
    assert.notEqual(again.Messages?.[0].ReceiptHandle, message.ReceiptHandle);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: again.Messages?.[0].ReceiptHandle }));
    const after = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }));
    assert.equal(after.Attributes?.ApproximateNumberOfMessages, '0');
    assert.equal(after.Attributes?.ApproximateNumberOfMessagesNotVisible, '0');
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  });

  it('answers a long poll as soon as a message arrives, and delays messages by DelaySeconds', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'long-poll' }));
    const started = Date.now();
    const polling = sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 20 }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'now' }));
    assert.equal((await polling).Messages?.[0].Body, 'now');
    assert.ok(Date.now() - started < 5_000);
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later', DelaySeconds: 1 }));
    const delayed = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] }));
    assert.equal(delayed.Attributes?.ApproximateNumberOfMessagesDelayed, '1');
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages, undefined);
    const later = await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    assert.equal(later.Messages?.[0].Body, 'later');
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  });

  it('sends, deletes and changes visibility in batches, failing entries one by one', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'batches' }));
    const sent = await sqs.send(new SendMessageBatchCommand({
      QueueUrl,
      Entries: [
        { Id: 'a', MessageBody: 'one' },
        { Id: 'b', MessageBody: 'two', MessageAttributes: { n: { DataType: 'Number', StringValue: 'x' } } },
        { Id: 'c', MessageBody: 'three' },
      ],
    }));
    assert.deepEqual(sent.Successful?.map((entry) => entry.Id), ['a', 'c']);
    assert.deepEqual(sent.Failed, [{ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue', Message: "Can't cast the value of message (user) attribute 'n' to a number." }]);
    const received = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(received.Messages?.map((message) => message.Body), ['one', 'three']);
    const first = received.Messages![0];
    await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl, ReceiptHandle: first.ReceiptHandle, VisibilityTimeout: 0 }));
    assert.equal((await sqs.send(new ReceiveMessageCommand({ QueueUrl }))).Messages?.[0].Body, 'one');
    const deleted = await sqs.send(new DeleteMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'x', ReceiptHandle: received.Messages![1].ReceiptHandle }, { Id: 'y', ReceiptHandle: 'not-a-handle' }] }));
    assert.deepEqual(deleted.Successful, [{ Id: 'x' }]);
    assert.equal(deleted.Failed?.[0].Code, 'ReceiptHandleIsInvalid');
    await rejects(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [{ Id: 'same', MessageBody: '1' }, { Id: 'same', MessageBody: '2' }] })), 'BatchEntryIdsNotDistinct', 'Id same repeated.', 'AWS.SimpleQueueService.BatchEntryIdsNotDistinct');
    await rejects(sqs.send(new SendMessageBatchCommand({ QueueUrl, Entries: [] })), 'EmptyBatchRequest', /at least one SendMessageBatchRequestEntry/);
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  });

  it('delivers a FIFO group in order, one batch in flight per group, and drops duplicates for five minutes', async () => {
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'groups.fifo', Attributes: { FifoQueue: 'true' } }));
    const send = (body: string, group: string, id: string) => sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: body, MessageGroupId: group, MessageDeduplicationId: id }));
    const first = await send('a1', 'a', '1');
    await send('a2', 'a', '2');
    await send('b1', 'b', '3');
    const duplicate = await send('a1 again', 'a', '1');
    assert.equal(duplicate.MessageId, first.MessageId);
    assert.equal(duplicate.SequenceNumber, first.SequenceNumber);
    assert.match(first.SequenceNumber ?? '', /^\d{20}$/);
    const batch = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 1, MessageSystemAttributeNames: ['MessageGroupId', 'SequenceNumber'] }));
    assert.equal(batch.Messages?.[0].Body, 'a1');
    assert.equal(batch.Messages?.[0].Attributes?.MessageGroupId, 'a');
    // Group a has a message in flight: only group b is available.
    const next = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
    assert.deepEqual(next.Messages?.map((message) => message.Body), ['b1']);
    await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: batch.Messages![0].ReceiptHandle }));
    assert.deepEqual((await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }))).Messages?.map((message) => message.Body), ['a2']);
    await rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'no group', MessageDeduplicationId: 'z' })), 'MissingParameter', 'The request must contain the parameter MessageGroupId.', 'MissingParameter');
    await rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'no dedup', MessageGroupId: 'a' })), 'InvalidParameterValue', 'The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly', 'InvalidParameterValue');
    // Content-based deduplication: the same body is the same message.
    const orders = `${services.endpoint}/123456789012/orders.fifo`;
    const one = await sqs.send(new SendMessageCommand({ QueueUrl: orders, MessageBody: 'same body', MessageGroupId: 'g' }));
    const two = await sqs.send(new SendMessageCommand({ QueueUrl: orders, MessageBody: 'same body', MessageGroupId: 'g' }));
    assert.equal(two.MessageId, one.MessageId);
    await sqs.send(new DeleteQueueCommand({ QueueUrl }));
  });

  it('answers SQS\'s errors: missing queue, message over the size limit, bad attributes, invalid parameters, purge twice', async () => {
    await rejects(sqs.send(new GetQueueUrlCommand({ QueueName: 'nope' })), 'QueueDoesNotExist', 'The specified queue does not exist.', 'AWS.SimpleQueueService.NonExistentQueue');
    const QueueUrl = `${services.endpoint}/123456789012/plain`;
    await rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_577) })), 'InvalidParameterValue', 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.');
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'x'.repeat(1_048_576) }));
    await rejects(sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 11 })), 'InvalidParameterValue', 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.');
    await rejects(sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '50000' } })), 'InvalidAttributeValue', 'Invalid value for the parameter VisibilityTimeout.');
    await rejects(sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { Colour: 'blue' } as Record<string, string> })), 'InvalidAttributeName', 'Unknown Attribute Colour.');
    await rejects(sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'bad \u0001 char' })), 'InvalidMessageContents', /Invalid characters found/);
    await rejects(sqs.send(new CreateQueueCommand({ QueueName: 'plain', Attributes: { VisibilityTimeout: '7' } })), 'QueueNameExists', 'A queue already exists with the same name and a different value for attribute VisibilityTimeout', 'QueueAlreadyExists');
    await sqs.send(new PurgeQueueCommand({ QueueUrl }));
    await rejects(sqs.send(new PurgeQueueCommand({ QueueUrl })), 'PurgeQueueInProgress', 'Only one PurgeQueue operation on plain is allowed every 60 seconds.', 'AWS.SimpleQueueService.PurgeQueueInProgress');
  });
});

describe('local SQS across a restart', function () {
  this.timeout(40_000);
  let folder: string;

  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-sqs-restart-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps queued and in-flight messages, and the queues the API made', async () => {
    const first = await startServicesRuntime({ templates: [SQS_APP_TEMPLATE], dataFolder: folder });
    const sqs = new SQSClient(first.clientConfig);
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'kept' }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'in flight' }));
    await sqs.send(new ReceiveMessageCommand({ QueueUrl: `${first.endpoint}/123456789012/kept`, MaxNumberOfMessages: 1 }));
    await sqs.send(new SendMessageCommand({ QueueUrl, MessageBody: 'still here', MessageAttributes: { a: { DataType: 'String', StringValue: 'b' } } }));
    await sqs.send(new SendMessageCommand({ QueueUrl: `${first.endpoint}/123456789012/plain`, MessageBody: 'template queue message' }));
    sqs.destroy();
    await first.close();
    const second = await startServicesRuntime({ templates: [SQS_APP_TEMPLATE], dataFolder: folder });
    const again = new SQSClient(second.clientConfig);
    try {
      const url = `${second.endpoint}/123456789012/kept`;
      const counts = await again.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }));
      assert.deepEqual(counts.Attributes, { ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '1' });
      const received = await again.send(new ReceiveMessageCommand({ QueueUrl: url, MessageAttributeNames: ['All'] }));
      assert.equal(received.Messages?.[0].Body, 'still here');
      assert.equal(received.Messages?.[0].MessageAttributes?.a.StringValue, 'b');
      const plain = await again.send(new ReceiveMessageCommand({ QueueUrl: `${second.endpoint}/123456789012/plain` }));
      assert.equal(plain.Messages?.[0].Body, 'template queue message');
    } finally {
      again.destroy();
      await second.close();
    }
  });
});
