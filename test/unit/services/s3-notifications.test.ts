// The local S3's parts that need no endpoint: keys as file names (escaped reversibly), S3's form-encoding of
// keys in events, aws-chunked framing, rule matching, and where notifications go (functions through an async
// invoke with loop tracking through S3, queues and topics through ctx.deliver, s3:TestEvent to those only);
// plus the template's S3 events checked where they are written.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AwsChunkedDecoder } from '../../../runtime/services/s3/chunked';
import { S3Engine } from '../../../runtime/services/s3/engine';
import { decodeSegment, encodeSegment, keyProblem } from '../../../runtime/services/s3/keys';
import { eventKey, matchesEvent, type NotificationRule } from '../../../runtime/services/s3/notifications';
import type { AsyncInvokeOptions, Delivery, ServiceContext } from '../../../runtime/services/service';
import { parseInline, problemWith } from '../template/helpers';

function recordingContext(folder: string) {
  const invoked: Array<{ name: string; payload: string; options?: AsyncInvokeOptions }> = [];
  const delivered: Array<{ arn: string; delivery: Delivery }> = [];
  const logs: string[] = [];
  const ctx: ServiceContext = {
    scope: { region: 'eu-west-1', accountId: '123456789012', partition: 'aws', awsEndpoint: 'http://127.0.0.1:4566' },
    dataFolder: (name) => path.join(folder, name),
    log: (_level, message) => logs.push(message),
    invokeAsync: (name, payload, options) => {
      invoked.push({ name, payload: payload.toString('utf8'), options });
      return { accepted: true, requestId: 'r-1' };
    },
    invoke: () => Promise.reject(new Error('not used')),
    deliver: async (arn, delivery) => {
      if (arn.includes('missing')) throw new Error('there is no queue missing');
      delivered.push({ arn, delivery });
    },
  };
  return { ctx, invoked, delivered, logs };
}

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
    Properties:
      NotificationConfiguration:
        QueueConfigurations:
          - Event: s3:ObjectCreated:*
            Queue: arn:aws:sqs:eu-west-1:123456789012:work
          - Event: s3:ObjectCreated:*
            Queue: arn:aws:sqs:eu-west-1:123456789012:missing
        TopicConfigurations:
          - Id: deletes
            Event: s3:ObjectRemoved:Delete
            Topic: arn:aws:sns:eu-west-1:123456789012:alerts
  Thumbs:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Photos:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: [s3:ObjectCreated:Put, s3:ObjectCreated:CompleteMultipartUpload]
            Filter: { S3Key: { Rules: [{ Name: suffix, Value: .jpg }] } }
`;

describe('local S3 without the wire', () => {
  it('keeps safe key segments as file names and escapes the rest reversibly', () => {
    assert.equal(encodeSegment('photo 1.jpg'), 'photo 1.jpg');
    assert.equal(encodeSegment('a:b?c'), 'a%3Ab%3Fc');
    assert.equal(encodeSegment('100%'), '100%25');
    assert.equal(encodeSegment('..'), '%2E%2E');
    assert.equal(encodeSegment(''), '%');
    assert.equal(encodeSegment('ends.'), 'ends%2E');
    for (const segment of ['photo 1.jpg', 'a:b?c', '100%', '..', '.', '', 'ends.', 'tab\there', 'ünïcode', '%41']) {
      assert.equal(decodeSegment(encodeSegment(segment)), segment);
    }
    assert.equal(keyProblem('k'.repeat(1025)), 'Your key is too long');
    assert.match(keyProblem(`${'s'.repeat(260)}/x`) ?? '', /file name/);
  });

  it('form-encodes event keys as S3 does: space → +, / kept, others %XX', () => {
    assert.equal(eventKey('photos/my file@v2.jpg'), 'photos/my+file%40v2.jpg');
    assert.equal(eventKey('ü+&=.txt'), '%C3%BC%2B%26%3D.txt');
  });

  it('matches event types with and without wildcards', () => {
    const rule: NotificationRule = { id: 'r', destination: 'function', arn: 'a', events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:Delete'], origin: 'api' };
    assert.ok(matchesEvent(rule, 'ObjectCreated:Copy'));
    assert.ok(matchesEvent(rule, 'ObjectRemoved:Delete'));
    assert.ok(!matchesEvent(rule, 'ObjectRemoved:DeleteMarkerCreated'));
  });

  it('undoes aws-chunked framing, signed chunks and trailers included', async () => {
    const framed = '5;chunk-signature=abc\r\nhello\r\n6;chunk-signature=def\r\n world\r\n0;chunk-signature=000\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n';
    const decoder = new AwsChunkedDecoder();
    const chunks: Buffer[] = [];
    // Split at awkward places: inside a size line, inside data, inside the trailer.
    const parts = [framed.slice(0, 3), framed.slice(3, 27), framed.slice(27, 60), framed.slice(60)];
    for await (const chunk of Readable.from(parts.map((part) => Buffer.from(part))).pipe(decoder)) chunks.push(chunk as Buffer);
    assert.equal(Buffer.concat(chunks).toString(), 'hello world');
    assert.equal(decoder.trailers.get('x-amz-checksum-crc32'), 'DUoRhQ==');
    await assert.rejects(async () => {
      for await (const chunk of Readable.from([Buffer.from('zz\r\nhello')]).pipe(new AwsChunkedDecoder())) void chunk;
    }, /not a chunk size/);
  });

  it('sends queues and topics the notification through deliver, and s3:TestEvent to them only; a missing target is logged', async () => {
    const folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-s3-unit-'));
    try {
      const { ctx, invoked, delivered, logs } = recordingContext(folder);
      const parsed = parseInline(TEMPLATE, { region: 'eu-west-1', accountId: '123456789012' });
      const engine = new S3Engine(ctx);
      await engine.sync({ functions: parsed.functions, resources: parsed.resources });
      const source = { requestId: 'ABCDEF0123456789', hostId: 'host', sourceIp: '127.0.0.1', principal: 'AWS:test', chain: { origin: 'aaaaaaaa', depth: 3 } };
      await engine.notify('uploads', 'ObjectCreated:Put', { key: 'a b.jpg', size: 3, etag: 'e' }, source);
      assert.deepEqual(invoked.map((call) => [call.name, call.options?.via, call.options?.chain]), [['arn:aws:lambda:eu-west-1:123456789012:function:Thumbs', 's3', source.chain]]);
      assert.deepEqual(delivered.map(({ arn }) => arn), ['arn:aws:sqs:eu-west-1:123456789012:work']);
      const record = (JSON.parse(delivered[0].delivery.body) as { Records: Array<{ awsRegion: string; s3: { object: { key: string } } }> }).Records[0];
      assert.equal(record.awsRegion, 'eu-west-1');
      assert.equal(record.s3.object.key, 'a+b.jpg');
      assert.deepEqual(delivered[0].delivery.chain, source.chain);
      assert.ok(logs.some((line) => line.includes('arn:aws:sqs:eu-west-1:123456789012:missing') && line.includes('could not be delivered')));
      await engine.notify('uploads', 'ObjectCreated:Put', { key: 'a.png', size: 3, etag: 'e' }, source);
      assert.equal(invoked.length, 1, 'the suffix filter keeps .png from the function');
      delivered.length = 0;
      await engine.notify('uploads', 'ObjectRemoved:Delete', { key: 'gone.jpg' }, source);
      assert.deepEqual(delivered.map(({ arn }) => arn), ['arn:aws:sns:eu-west-1:123456789012:alerts']);
      delivered.length = 0;
      await engine.sendTestEvent('uploads', engine.rules('uploads', undefined), source);
      assert.deepEqual(delivered.map(({ arn }) => arn), ['arn:aws:sqs:eu-west-1:123456789012:work', 'arn:aws:sns:eu-west-1:123456789012:alerts']);
      assert.equal((JSON.parse(delivered[0].delivery.body) as { Event: string }).Event, 's3:TestEvent');
      assert.equal(invoked.length, 1);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('reports S3 events that name no bucket of the template, or no S3 event type, at their lines', () => {
    const parsed = parseInline(`
Transform: AWS::Serverless-2016-10-31
Resources:
  Uploads:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      Events:
        Elsewhere:
          Type: S3
          Properties:
            Bucket: some-other-bucket
            Events: s3:ObjectCreated:*
        Wrong:
          Type: S3
          Properties:
            Bucket: !Ref Uploads
            Events: ObjectCreated
`);
    const bucket = problemWith(parsed, 'there is no bucket "some-other-bucket"');
    assert.equal(bucket.location.line, 15);
    const type = problemWith(parsed, '"ObjectCreated" is not an S3 event type');
    assert.equal(type.location.line, 21);
  });
});
