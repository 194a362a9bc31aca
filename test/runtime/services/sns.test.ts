// The local SNS as the real @aws-sdk/client-sns (query protocol) sees it: topics and subscriptions from the
// template (AWS::SNS::Topic with Subscription, AWS::SNS::Subscription, SAM SNS events with FilterPolicy and
// SqsSubscription) and the API; Publish and PublishBatch delivered to functions as Lambda's SNS records and to
// queues enveloped or raw; filter policies on attributes and on the body; FIFO topics to FIFO queues; SQS's
// errors; and an EventBridge rule with a queue target.
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  CreateTopicCommand, GetSubscriptionAttributesCommand, GetTopicAttributesCommand, ListSubscriptionsByTopicCommand, ListTopicsCommand, PublishBatchCommand,
  PublishCommand, SetSubscriptionAttributesCommand, SNSClient, SubscribeCommand, UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { CreateQueueCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import assert from 'node:assert/strict';
import path from 'node:path';
import type { InvocationResult } from '../../../runtime/protocol/control';
import { startServicesRuntime, type ServicesRuntime } from './support';

const SQS_APP_TEMPLATE = path.resolve(__dirname, '../../fixtures/sqs-app/template.yaml');
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:alerts';

function event(result: InvocationResult): { Records: Array<Record<string, unknown>> } {
  return JSON.parse(result.event) as { Records: Array<Record<string, unknown>> };
}

describe('local SNS (client-sns)', function () {
  this.timeout(40_000);
  let services: ServicesRuntime;
  let sns: SNSClient;
  let sqs: SQSClient;
  const url = (name: string) => `${services.endpoint}/123456789012/${name}`;
  const receive = async (name: string, wait = 10) => (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url(name), WaitTimeSeconds: wait, MessageAttributeNames: ['All'], MaxNumberOfMessages: 10 }))).Messages ?? [];

  before(async () => {
    services = await startServicesRuntime({ templates: [SQS_APP_TEMPLATE] });
    sns = new SNSClient(services.clientConfig);
    sqs = new SQSClient(services.clientConfig);
  });
  after(async () => {
    sns.destroy();
    sqs.destroy();
    await services.close();
  });

  it('delivers to a subscribed function as Lambda\'s SNS record, asynchronously, when the filter policy matches', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'Notified' && result.event.includes('disk full'));
    const published = await sns.send(new PublishCommand({
      TopicArn: TOPIC, Message: 'disk full', Subject: 'Alarm',
      MessageAttributes: { severity: { DataType: 'String', StringValue: 'high' }, tags: { DataType: 'String.Array', StringValue: '["a","b"]' }, blob: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) } },
    }));
    const result = await invoked;
    assert.equal(result.invocationType, 'Event');
    const [record] = event(result).Records;
    assert.deepEqual(Object.keys(record), ['EventSource', 'EventVersion', 'EventSubscriptionArn', 'Sns']);
    assert.equal(record.EventSource, 'aws:sns');
    assert.match(record.EventSubscriptionArn as string, /^arn:aws:sns:us-east-1:123456789012:alerts:[0-9a-f-]{36}$/);
    const sns_ = record.Sns as Record<string, unknown>;
    assert.deepEqual(Object.keys(sns_), ['Type', 'MessageId', 'TopicArn', 'Subject', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertUrl', 'UnsubscribeUrl', 'MessageAttributes']);
    assert.equal(sns_.Type, 'Notification');
    assert.equal(sns_.MessageId, published.MessageId);
    assert.equal(sns_.TopicArn, TOPIC);
    assert.equal(sns_.Subject, 'Alarm');
    assert.match(sns_.Timestamp as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.deepEqual(sns_.MessageAttributes, { severity: { Type: 'String', Value: 'high' }, tags: { Type: 'String.Array', Value: '["a","b"]' }, blob: { Type: 'Binary', Value: 'AQI=' } });
    // A message the policy does not match reaches no function, but the raw queue (no policy) still gets it.
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'low one', MessageAttributes: { severity: { DataType: 'String', StringValue: 'low' } } }));
    const raw = await receive('raw');
    assert.ok(raw.some((message) => message.Body === 'low one'));
    assert.equal(services.events.some((item) => item.event === 'invocation.finished' && item.data.functionName === 'Notified' && item.data.event.includes('low one')), false);
  });

  it('gives a raw subscription the bare message with SQS message attributes, and a SqsSubscription the envelope, filtered on the body, through to the function', async () => {
    const viaQueue = services.nextFinished((result) => result.functionName === 'Notified' && result.event.includes('aws:sqs') && result.event.includes('o-7'));
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: JSON.stringify({ kind: 'order', id: 'o-7' }), MessageAttributes: { origin: { DataType: 'String', StringValue: 'tests' } } }));
    await sns.send(new PublishCommand({ TopicArn: TOPIC, Message: JSON.stringify({ kind: 'refund', id: 'r-1' }) }));
    const [sqsRecord] = event(await viaQueue).Records;
    assert.equal(sqsRecord.eventSourceARN, 'arn:aws:sqs:us-east-1:123456789012:NotifiedOrdersQueue');
    const envelope = JSON.parse(sqsRecord.body as string) as Record<string, unknown>;
    assert.deepEqual(Object.keys(envelope), ['Type', 'MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL', 'UnsubscribeURL', 'MessageAttributes']);
    assert.deepEqual(JSON.parse(envelope.Message as string), { kind: 'order', id: 'o-7' });
    assert.deepEqual(envelope.MessageAttributes, { origin: { Type: 'String', Value: 'tests' } });
    const raw = await receive('raw');
    const order = raw.find((message) => message.Body?.includes('o-7'));
    assert.equal(order?.Body, JSON.stringify({ kind: 'order', id: 'o-7' }));
    assert.deepEqual(order?.MessageAttributes, { origin: { DataType: 'String', StringValue: 'tests' } });
    assert.equal(services.events.some((item) => item.event === 'invocation.finished' && item.data.event.includes('r-1') && item.data.event.includes('aws:sqs')), false);
  });

  it('creates topics and subscriptions through the API, publishes batches, and sets subscription attributes', async () => {
    const { TopicArn } = await sns.send(new CreateTopicCommand({ Name: 'api-topic', Attributes: { DisplayName: 'API' } }));
    assert.equal(TopicArn, 'arn:aws:sns:us-east-1:123456789012:api-topic');
    const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: 'api-subscriber' }));
    const { SubscriptionArn } = await sns.send(new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:api-subscriber', Attributes: { RawMessageDelivery: 'true' } }));
    const attributes = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    assert.equal(attributes.Attributes?.RawMessageDelivery, 'true');
    assert.equal(attributes.Attributes?.Protocol, 'sqs');
    await sns.send(new SetSubscriptionAttributesCommand({ SubscriptionArn, AttributeName: 'FilterPolicy', AttributeValue: JSON.stringify({ n: [{ numeric: ['>', 5] }] }) }));
    const batch = await sns.send(new PublishBatchCommand({
      TopicArn,
      PublishBatchRequestEntries: [
        { Id: 'small', Message: 'small', MessageAttributes: { n: { DataType: 'Number', StringValue: '1' } } },
        { Id: 'big', Message: 'big', MessageAttributes: { n: { DataType: 'Number', StringValue: '10' } } },
        { Id: 'empty', Message: '' },
      ],
    }));
    assert.deepEqual(batch.Successful?.map((entry) => entry.Id), ['small', 'big']);
    assert.deepEqual(batch.Failed, [{ Id: 'empty', Code: 'InvalidParameter', Message: 'Invalid parameter: Empty message', SenderFault: true }]);
    const received = (await sqs.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5, MaxNumberOfMessages: 10 }))).Messages ?? [];
    assert.deepEqual(received.map((message) => message.Body), ['big']);
    const topics = await sns.send(new ListTopicsCommand({}));
    assert.deepEqual(topics.Topics?.map((topic) => topic.TopicArn).sort(), ['arn:aws:sns:us-east-1:123456789012:alerts', 'arn:aws:sns:us-east-1:123456789012:api-topic', 'arn:aws:sns:us-east-1:123456789012:events.fifo']);
    const topicAttributes = await sns.send(new GetTopicAttributesCommand({ TopicArn }));
    assert.equal(topicAttributes.Attributes?.DisplayName, 'API');
    assert.equal(topicAttributes.Attributes?.SubscriptionsConfirmed, '1');
    const subscriptions = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: TOPIC }));
    assert.deepEqual(subscriptions.Subscriptions?.map((subscription) => subscription.Protocol).sort(), ['lambda', 'sqs', 'sqs']);
    await sns.send(new UnsubscribeCommand({ SubscriptionArn }));
    assert.equal((await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn }))).Subscriptions?.length, 0);
  });

  it('sends a FIFO topic\'s messages to its FIFO queue with their group, deduplicated by content', async () => {
    const topic = 'arn:aws:sns:us-east-1:123456789012:events.fifo';
    const first = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'first', MessageGroupId: 'g1' }));
    const again = await sns.send(new PublishCommand({ TopicArn: topic, Message: 'first', MessageGroupId: 'g1' }));
    assert.equal(again.MessageId, first.MessageId);
    assert.match(first.SequenceNumber ?? '', /^\d+$/);
    await sns.send(new PublishCommand({ TopicArn: topic, Message: 'second', MessageGroupId: 'g1' }));
    const messages = (await sqs.send(new ReceiveMessageCommand({ QueueUrl: url('fanout.fifo'), WaitTimeSeconds: 5, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['MessageGroupId'] }))).Messages ?? [];
    assert.deepEqual(messages.map((message) => (JSON.parse(message.Body ?? '{}') as { Message: string }).Message), ['first', 'second']);
    assert.equal(messages[0].Attributes?.MessageGroupId, 'g1');
    assert.equal((JSON.parse(messages[0].Body ?? '{}') as { SequenceNumber?: string }).SequenceNumber, first.SequenceNumber);
  });

  it('answers SNS\'s errors', async () => {
    await assert.rejects(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:nope', Message: 'x' })), (error: Error & { $metadata: { httpStatusCode?: number } }) => {
      assert.equal(error.name, 'NotFoundException'); // the SDK's modelled name for SNS's code NotFound
      assert.equal(error.message, 'Topic does not exist');
      assert.equal(error.$metadata.httpStatusCode, 404);
      return true;
    });
    await assert.rejects(sns.send(new PublishCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:events.fifo', Message: 'x' })), { name: 'InvalidParameterException', message: 'Invalid parameter: The MessageGroupId parameter is required for FIFO topics' });
    await assert.rejects(sns.send(new PublishCommand({ TopicArn: TOPIC, Message: 'x'.repeat(262_145) })), { name: 'InvalidParameterException', message: 'Invalid parameter: Message too long' });
    await assert.rejects(sns.send(new SubscribeCommand({ TopicArn: TOPIC, Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:123456789012:raw', Attributes: { FilterPolicy: '{"a": "not a list"}' } })), { name: 'InvalidParameterException' });
  });

  it('delivers an EventBridge rule\'s matching event to its queue target', async () => {
    const events = new EventBridgeClient(services.clientConfig);
    try {
      await events.send(new PutEventsCommand({ Entries: [{ Source: 'tests.sqs', DetailType: 'Ping', Detail: JSON.stringify({ n: 1 }) }] }));
      const [message] = await receive('from-events');
      const delivered = JSON.parse(message.Body ?? '{}') as Record<string, unknown>;
      assert.equal(delivered.source, 'tests.sqs');
      assert.deepEqual(delivered.detail, { n: 1 });
    } finally {
      events.destroy();
    }
  });
});
