// Kinesis, SQS FIFO, SNS-to-SQS, Kafka (MSK and self-managed) and CloudWatch Logs events, field by field.

import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import {
  generateCloudWatchLogs, generateEvent, generateKinesis, generateMsk, generateSelfManagedKafka, generateSnsSqs, generateSqsFifo,
} from '../../../runtime/events';
import { fixedContext, FIXED_NOW } from './fixtures';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

describe('events: kinesis', () => {
  it('base64-encodes the data and names stream, shard and role', () => {
    const { Records } = generateKinesis({ data: 'héllo', stream: 'orders', partitionKey: 'pk', shard: 3 }, fixedContext());
    const record = Records[0];
    assert.ok(record);
    assert.equal(Buffer.from(record.kinesis.data, 'base64').toString('utf8'), 'héllo');
    assert.equal(record.kinesis.partitionKey, 'pk');
    assert.equal(record.eventSource, 'aws:kinesis');
    assert.equal(record.eventName, 'aws:kinesis:record');
    assert.equal(record.eventSourceARN, 'arn:aws:kinesis:eu-west-2:111122223333:stream/orders');
    assert.equal(record.eventID, `shardId-000000000003:${record.kinesis.sequenceNumber}`);
    assert.equal(record.invokeIdentityArn, 'arn:aws:iam::111122223333:role/lambda-role');
    assert.equal(record.kinesis.approximateArrivalTimestamp, (FIXED_NOW.getTime() - 1000) / 1000);
  });

  it('gives each record a larger 56-digit sequence number', () => {
    const sequences = generateKinesis({ count: 3 }, fixedContext()).Records.map((r) => BigInt(r.kinesis.sequenceNumber));
    for (const s of sequences) assert.equal(String(s).length, 56);
    assert.ok(sequences[0]! < sequences[1]! && sequences[1]! < sequences[2]!);
  });

  it('rejects a bad stream name, an empty partition key and counts outside 1..10000', () => {
    assert.throws(() => generateKinesis({ stream: 'a b' }), /not a stream name/);
    assert.throws(() => generateKinesis({ partitionKey: '' }), /1-256 characters/);
    assert.throws(() => generateKinesis({ count: 10001 }), /1 to 10000/);
  });
});

describe('events: sqs-fifo', () => {
  it('carries MessageGroupId, increasing SequenceNumbers and a deduplication id per message', () => {
    const { Records } = generateSqsFifo({ queue: 'orders.fifo', groupId: 'customer-7', count: 3 }, fixedContext());
    assert.equal(Records.length, 3);
    const attributes = Records.map((r) => r.attributes);
    for (const a of attributes) {
      assert.equal(a.MessageGroupId, 'customer-7');
      assert.match(a.SequenceNumber ?? '', /^\d{20}$/);
    }
    assert.equal(BigInt(attributes[2]?.SequenceNumber ?? 0) - BigInt(attributes[0]?.SequenceNumber ?? 0), 2n);
    assert.equal(new Set(attributes.map((a) => a.MessageDeduplicationId)).size, 3);
    assert.equal(Records[0]?.eventSourceARN, 'arn:aws:sqs:eu-west-2:111122223333:orders.fifo');
  });

  it('uses the SHA-256 of the body with content-based deduplication', () => {
    const record = generateSqsFifo({ body: 'order 42', contentBasedDeduplication: true }, fixedContext()).Records[0];
    assert.equal(record?.attributes.MessageDeduplicationId, createHash('sha256').update('order 42').digest('hex'));
  });

  it('refuses what a FIFO queue cannot deliver', () => {
    assert.throws(() => generateSqsFifo({ queue: 'orders' }), /not a FIFO queue/);
    assert.throws(() => generateSqsFifo({ count: 11 }), /1 to 10 \(the largest batch from a FIFO queue\)/);
    assert.throws(() => generateSqsFifo({ contentBasedDeduplication: true, count: 2 }), /duplicates/);
    assert.throws(() => generateSqsFifo({ groupId: 'a b' }), /MessageGroupId/);
    assert.throws(() => generateEvent('sqs', { queue: 'q.fifo', count: '11' }), /1 to 10/);
  });
});

describe('events: sns-sqs', () => {
  it('puts the SNS envelope, as SNS formats it for queues, in the SQS body', () => {
    const record = generateSnsSqs({ topic: 'alerts', queue: 'inbox', message: '{"level":"high"}', attributes: { tenant: 'acme' } }, fixedContext()).Records[0];
    assert.ok(record);
    assert.match(record.body, /^\{\n {2}"Type" : "Notification",\n {2}"MessageId" : "/);
    const envelope = JSON.parse(record.body) as Record<string, unknown>;
    assert.equal(envelope['Message'], '{"level":"high"}');
    assert.equal(envelope['TopicArn'], 'arn:aws:sns:eu-west-2:111122223333:alerts');
    assert.equal(envelope['Timestamp'], '2015-04-09T12:34:56.789Z');
    assert.ok(!('Subject' in envelope), 'no Subject when none was given');
    assert.match(String(envelope['SigningCertURL']), /^https:\/\/sns\.eu-west-2\.amazonaws\.com\/SimpleNotificationService-[0-9a-f]{32}\.pem$/);
    assert.match(String(envelope['UnsubscribeURL']), /SubscriptionArn=arn:aws:sns:eu-west-2:111122223333:alerts:/);
    assert.deepEqual(envelope['MessageAttributes'], { tenant: { Type: 'String', Value: 'acme' } });
    assert.equal(record.md5OfBody, createHash('md5').update(record.body).digest('hex'));
    assert.equal(record.eventSourceARN, 'arn:aws:sqs:eu-west-2:111122223333:inbox');
    assert.deepEqual(record.messageAttributes, {});
  });

  it('omits MessageAttributes without attributes, and carries a given Subject', () => {
    const envelope = JSON.parse(generateSnsSqs({ subject: 'Hi' }, fixedContext()).Records[0]?.body ?? '{}') as Record<string, unknown>;
    assert.equal(envelope['Subject'], 'Hi');
    assert.ok(!('MessageAttributes' in envelope));
  });

  it('with raw delivery, the body is the message and attributes are SQS attributes', () => {
    const record = generateSnsSqs({ raw: true, message: 'plain', attributes: { n: 2 } }, fixedContext()).Records[0];
    assert.equal(record?.body, 'plain');
    assert.equal(record?.messageAttributes['n']?.dataType, 'Number');
    assert.match(record?.md5OfMessageAttributes ?? '', /^[0-9a-f]{32}$/);
  });
});

describe('events: msk and self-managed-kafka', () => {
  it('groups records by topic-partition with base64 key and value and byte-array headers', () => {
    const e = generateMsk({ topic: 'orders', partition: 2, value: '{"id":1}', key: 'k1', count: 2, headers: { traceId: 'abc' } }, fixedContext());
    assert.equal(e.eventSource, 'aws:kafka');
    assert.match(e.eventSourceArn, /^arn:aws:kafka:eu-west-2:111122223333:cluster\/demo-cluster-1\/[0-9a-f-]{36}-2$/);
    assert.match(e.bootstrapServers, /^b-2\.demo-cluster-1\.[a-z0-9]{6}\.c2\.kafka\.eu-west-2\.amazonaws\.com:9092,b-1\./);
    assert.deepEqual(Object.keys(e.records), ['orders-2']);
    const [first, second] = e.records['orders-2'] ?? [];
    assert.ok(first && second);
    assert.match(first.value, BASE64);
    assert.equal(Buffer.from(first.value, 'base64').toString('utf8'), '{"id":1}');
    assert.equal(Buffer.from(first.key, 'base64').toString('utf8'), 'k1');
    assert.equal(first.partition, 2);
    assert.equal(first.timestampType, 'CREATE_TIME');
    assert.equal(second.offset, first.offset + 1);
    assert.deepEqual(first.headers, [{ traceId: [...Buffer.from('abc')] }]);
  });

  it('self-managed records name the bootstrap servers and no cluster ARN', () => {
    const e = generateSelfManagedKafka({ bootstrapServers: 'k1.local:9092, k2.local:9093' }, fixedContext());
    assert.equal(e.eventSource, 'SelfManagedKafka');
    assert.equal(e.bootstrapServers, 'k1.local:9092,k2.local:9093');
    assert.ok(!('eventSourceArn' in e));
    for (const record of e.records['mytopic-0'] ?? []) assert.match(record.value, BASE64);
    assert.throws(() => generateSelfManagedKafka({ bootstrapServers: 'no-port' }), /host:port/);
    assert.throws(() => generateMsk({ topic: 'bad topic' }), /not a Kafka topic name/);
  });
});

describe('events: cloudwatch-logs', () => {
  it('awslogs.data gunzips to the DATA_MESSAGE JSON with the log events', () => {
    const e = generateCloudWatchLogs({ logGroup: '/aws/lambda/orders', filterName: 'errors', messages: ['[ERROR] a', '[ERROR] b'] }, fixedContext());
    assert.match(e.awslogs.data, /^H4sI/);
    const decoded = JSON.parse(gunzipSync(Buffer.from(e.awslogs.data, 'base64')).toString('utf8')) as {
      messageType: string; owner: string; logGroup: string; logStream: string; subscriptionFilters: string[];
      logEvents: Array<{ id: string; timestamp: number; message: string }>;
    };
    assert.equal(decoded.messageType, 'DATA_MESSAGE');
    assert.equal(decoded.owner, '111122223333');
    assert.equal(decoded.logGroup, '/aws/lambda/orders');
    assert.match(decoded.logStream, /^2015\/04\/09\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.deepEqual(decoded.subscriptionFilters, ['errors']);
    assert.deepEqual(decoded.logEvents.map((l) => l.message), ['[ERROR] a', '[ERROR] b']);
    for (const l of decoded.logEvents) assert.match(l.id, /^\d{56}$/);
    assert.ok(decoded.logEvents[0]!.timestamp < decoded.logEvents[1]!.timestamp);
  });

  it('rejects messages that are not a list of strings', () => {
    assert.throws(() => generateCloudWatchLogs({ messages: [] }), /non-empty JSON array of strings/);
    assert.throws(() => generateEvent('cloudwatch-logs', { messages: '"x"' }), /non-empty JSON array of strings/);
  });
});
