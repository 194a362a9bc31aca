// S3, DynamoDB Streams, SQS, SNS and EventBridge events, field by field against Lambda's shapes.

import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  attributeMapSize, encodeS3Key, generateDynamoDbInsert, generateDynamoDbModify, generateDynamoDbRemove, generateEvent,
  generateEventBridge, generateS3Delete, generateS3Put, generateSchedule, generateSns, generateSqs, toAttributeMap,
} from '../../../runtime/events';
import { fixedContext, FIXED_NOW } from './fixtures';

describe('events: s3', () => {
  it('URL-form-encodes the key: space as +, slash kept, reserved characters escaped', () => {
    assert.equal(encodeS3Key('uploads/red flower.jpg'), 'uploads/red+flower.jpg');
    assert.equal(encodeS3Key('dt=2018-05-04/a+b (1).txt'), 'dt%3D2018-05-04/a%2Bb+%281%29.txt');
    assert.equal(encodeS3Key('naïve:x'), 'na%C3%AFve%3Ax');
    assert.equal(generateS3Put({ key: 'my photo.jpg' }, fixedContext()).Records[0]?.s3.object.key, 'my+photo.jpg');
  });

  it('puts carry size and eTag, the eventName has no s3: prefix, eventTime is ISO with ms', () => {
    const record = generateS3Put({ bucket: 'photos', size: 42, etag: 'abc' }, fixedContext()).Records[0];
    assert.ok(record);
    assert.equal(record.eventName, 'ObjectCreated:Put');
    assert.equal(record.eventTime, '2015-04-09T12:34:56.789Z');
    assert.equal(record.awsRegion, 'eu-west-2');
    assert.equal(record.eventSource, 'aws:s3');
    assert.equal(record.s3.bucket.arn, 'arn:aws:s3:::photos');
    assert.equal(record.s3.object.size, 42);
    assert.equal(record.s3.object.eTag, 'abc');
  });

  it('deletes carry neither size nor eTag', () => {
    const object = generateS3Delete({ key: 'a b' }, fixedContext()).Records[0]?.s3.object;
    assert.deepEqual(Object.keys(object ?? {}).sort(), ['key', 'sequencer']);
    assert.equal(object?.key, 'a+b');
  });

  it('rejects an s3: prefixed event name, a wrong family and a bad bucket', () => {
    assert.throws(() => generateS3Put({ eventName: 's3:ObjectCreated:Put' }), /write "ObjectCreated:Put" without "s3:"/);
    assert.throws(() => generateS3Put({ eventName: 'ObjectRemoved:Delete' }), /ObjectCreated:/);
    assert.throws(() => generateS3Delete({ bucket: 'My_Bucket' }), /not a valid bucket name/);
  });

  it('uses the partition of the region', () => {
    const record = generateS3Put({}, { ...fixedContext(), region: 'cn-north-1' }).Records[0];
    assert.equal(record?.s3.bucket.arn, 'arn:aws-cn:s3:::example-bucket');
  });
});

describe('events: dynamodb', () => {
  it('converts plain JSON to AttributeValue JSON with numbers as strings', () => {
    assert.deepEqual(toAttributeMap({ n: 1.5, s: 'x', b: true, z: null, l: [1, 'a'], m: { deep: [false] } }), {
      n: { N: '1.5' }, s: { S: 'x' }, b: { BOOL: true }, z: { NULL: true },
      l: { L: [{ N: '1' }, { S: 'a' }] }, m: { M: { deep: { L: [{ BOOL: false }] } } },
    });
  });

  it('computes SizeBytes as DynamoDB counts item size (matches the SAM sample sizes)', () => {
    assert.equal(generateDynamoDbInsert({}, fixedContext()).Records[0]?.dynamodb?.SizeBytes, 26);
    assert.equal(generateDynamoDbModify({}, fixedContext()).Records[0]?.dynamodb?.SizeBytes, 59);
    assert.equal(generateDynamoDbRemove({}, fixedContext()).Records[0]?.dynamodb?.SizeBytes, 38);
    assert.equal(attributeMapSize(toAttributeMap({ m: { a: 1 } })), 1 + 3 + 1 + 1 + 2);
  });

  it('fills record metadata: epoch-second time, string sequence number, stream ARN', () => {
    const record = generateDynamoDbInsert({ table: 'Orders', keys: { pk: 'o#1', sk: 7 } }, fixedContext()).Records[0];
    assert.equal(record?.eventName, 'INSERT');
    assert.equal(record?.eventVersion, '1.1');
    assert.equal(record?.dynamodb?.ApproximateCreationDateTime, Math.floor(FIXED_NOW.getTime() / 1000));
    assert.match(record?.dynamodb?.SequenceNumber ?? '', /^[1-9]\d{20}$/);
    assert.deepEqual(record?.dynamodb?.Keys, { pk: { S: 'o#1' }, sk: { N: '7' } });
    assert.deepEqual(record?.dynamodb?.NewImage, { pk: { S: 'o#1' }, sk: { N: '7' }, Message: { S: 'New item!' } });
    assert.equal(record?.eventSourceARN, 'arn:aws:dynamodb:eu-west-2:111122223333:table/Orders/stream/2015-04-09T12:34:56.789');
  });

  it('includes only the images the stream view type asks for', () => {
    const images = (view: string, gen: typeof generateDynamoDbModify) => {
      const d = gen({ streamViewType: view }, fixedContext()).Records[0]?.dynamodb ?? {};
      return ['NewImage', 'OldImage'].filter((k) => k in d);
    };
    assert.deepEqual(images('KEYS_ONLY', generateDynamoDbModify), []);
    assert.deepEqual(images('NEW_IMAGE', generateDynamoDbModify), ['NewImage']);
    assert.deepEqual(images('OLD_IMAGE', generateDynamoDbModify), ['OldImage']);
    assert.deepEqual(images('NEW_AND_OLD_IMAGES', generateDynamoDbModify), ['NewImage', 'OldImage']);
    assert.deepEqual(images('NEW_AND_OLD_IMAGES', generateDynamoDbInsert), ['NewImage']);
    assert.deepEqual(images('NEW_AND_OLD_IMAGES', generateDynamoDbRemove), ['OldImage']);
    assert.equal(generateDynamoDbModify({ streamViewType: 'KEYS_ONLY' }, fixedContext()).Records[0]?.dynamodb?.SizeBytes, 5);
  });

  it('rejects bad keys, conflicting images and unknown view types', () => {
    assert.throws(() => generateDynamoDbInsert({ keys: { a: 1, b: 2, c: 3 } }), /1 or 2 attributes/);
    assert.throws(() => generateDynamoDbInsert({ keys: { a: { nested: 1 } } }), /string or a number/);
    assert.throws(() => generateDynamoDbInsert({ keys: { Id: 1 }, newImage: { Id: 2 } }), /Id is 2 but keys say 1/);
    assert.throws(() => generateDynamoDbInsert({ streamViewType: 'ALL' }), /KEYS_ONLY, NEW_IMAGE/);
  });
});

describe('events: sqs', () => {
  it('builds count records with distinct ids, md5 of body and the queue ARN', () => {
    const { Records } = generateSqs({ body: 'hi', queue: 'jobs', count: 3 }, fixedContext());
    assert.equal(Records.length, 3);
    assert.equal(new Set(Records.map((r) => r.messageId)).size, 3);
    const first = Records[0];
    assert.equal(first?.md5OfBody, createHash('md5').update('hi').digest('hex'));
    assert.equal(first?.eventSourceARN, 'arn:aws:sqs:eu-west-2:111122223333:jobs');
    assert.equal(first?.attributes.ApproximateFirstReceiveTimestamp, String(FIXED_NOW.getTime()));
    assert.ok(!('md5OfMessageAttributes' in (first ?? {})));
  });

  it('shapes message attributes as Lambda delivers them, with their digest', () => {
    const record = generateSqs({ attributes: { tenant: 'acme', n: 2 } }, fixedContext()).Records[0];
    assert.deepEqual(record?.messageAttributes['tenant'], { stringValue: 'acme', stringListValues: [], binaryListValues: [], dataType: 'String' });
    assert.equal(record?.messageAttributes['n']?.dataType, 'Number');
    assert.match(record?.md5OfMessageAttributes ?? '', /^[0-9a-f]{32}$/);
  });

  it('adds FIFO attributes for .fifo queues, with increasing sequence numbers', () => {
    const { Records } = generateSqs({ queue: 'orders.fifo', count: 2 }, fixedContext());
    const [a, b] = Records.map((r) => r.attributes);
    assert.equal(a?.MessageGroupId, 'group-1');
    assert.equal(BigInt(b?.SequenceNumber ?? '0') - BigInt(a?.SequenceNumber ?? '0'), 1n);
  });

  it('rejects counts outside 1..10000', () => {
    assert.throws(() => generateSqs({ count: 0 }), /1 to 10000/);
    assert.throws(() => generateSqs({ count: 1.5 }), /1 to 10000/);
  });
});

describe('events: sns', () => {
  it('fills topic ARN, subscription ARN and timestamp; without a subject, Subject is null', () => {
    const record = generateSns({ topic: 'alerts', message: 'm', attributes: { k: 'v' } }, fixedContext()).Records[0];
    assert.equal(record?.Sns.TopicArn, 'arn:aws:sns:eu-west-2:111122223333:alerts');
    assert.ok(record?.EventSubscriptionArn.startsWith('arn:aws:sns:eu-west-2:111122223333:alerts:'));
    assert.equal(record?.Sns.Timestamp, '2015-04-09T12:34:56.789Z');
    assert.deepEqual(record?.Sns.MessageAttributes, { k: { Type: 'String', Value: 'v' } });
    assert.equal(generateSns({ subject: '' }, fixedContext()).Records[0]?.Sns.Subject, null);
  });
});

describe('events: eventbridge and schedule', () => {
  it('builds the envelope with time to the second', () => {
    const e = generateEventBridge({ source: 'com.shop', detailType: 'OrderPlaced', detail: { id: 1 } }, fixedContext());
    assert.equal(e.version, '0');
    assert.equal(e.time, '2015-04-09T12:34:56Z');
    assert.equal(e.source, 'com.shop');
    assert.equal(e['detail-type'], 'OrderPlaced');
    assert.deepEqual(e.detail, { id: 1 });
    assert.equal(e.account, '111122223333');
  });

  it('schedule events name their rule ARN', () => {
    const e = generateSchedule({ rule: 'Nightly' }, fixedContext());
    assert.equal(e.source, 'aws.events');
    assert.deepEqual(e.resources, ['arn:aws:events:eu-west-2:111122223333:rule/Nightly']);
    assert.deepEqual(e.detail, {});
  });

  it('an Input replaces the event', () => {
    assert.deepEqual(generateEvent('schedule', { input: '{"job":"cleanup"}' }, fixedContext()), { job: 'cleanup' });
  });
});
