// S3 triggers end to end: an upload through the real @aws-sdk/client-s3 (a Buffer, a multipart upload with
// lib-storage, a presigned PUT, a copy, a delete) invokes the function its template wires to the bucket with
// S3's own event, asynchronously; the handler reads the object with the SDK and no endpoint or credentials in
// its code, run from a folder with no node_modules above it. A function writing to its own trigger bucket is
// stopped as Lambda stops recursive loops.
import {
  CopyObjectCommand, DeleteObjectCommand, GetBucketNotificationConfigurationCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutBucketNotificationConfigurationCommand,
  PutObjectCommand, S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InvocationResult } from '../../../runtime/protocol/control';
import { RECURSION_LIMIT } from '../../../runtime/event-sources/recursion';
import { rejectsWith } from './s3-support';
import { startServicesRuntime, type ServicesRuntime } from './support';

const FIXTURE = path.resolve(__dirname, '../../fixtures/s3-app');

interface S3Record {
  eventVersion: string; eventSource: string; awsRegion: string; eventTime: string; eventName: string;
  userIdentity: { principalId: string }; requestParameters: { sourceIPAddress: string };
  responseElements: Record<string, string>;
  s3: { s3SchemaVersion: string; configurationId: string; bucket: { name: string; ownerIdentity: { principalId: string }; arn: string }; object: { key: string; size?: number; eTag?: string; sequencer: string } };
}

function recordOf(result: InvocationResult): S3Record {
  const event = JSON.parse(result.event) as { Records: S3Record[] };
  assert.equal(event.Records.length, 1);
  return event.Records[0];
}

async function waitFor(condition: () => boolean, what: string, deadlineMs = 30_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error(`${what}: not seen in time`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('S3 triggers (client-s3 → notification → function)', function () {
  this.timeout(90_000);
  let services: ServicesRuntime;
  let s3: S3Client;
  let project: string;

  before(async () => {
    // A copy outside the repository: the handler's `require('@aws-sdk/client-s3')` finds no node_modules above it.
    project = mkdtempSync(path.join(os.tmpdir(), 'lambkin-s3-app-'));
    cpSync(FIXTURE, project, { recursive: true });
    services = await startServicesRuntime({ templates: [path.join(project, 'template.yaml')], handlerSdk: 'install' });
    s3 = new S3Client({ ...services.clientConfig, forcePathStyle: true });
  });
  after(async () => {
    s3.destroy();
    await services.close();
    rmSync(project, { recursive: true, force: true });
  });

  it('a PutObject invokes the SAM S3 event\'s function with S3\'s event; the handler reads the object with the SDK', async () => {
    const key = 'incoming/my photo@v2.txt';
    const invoked = services.nextFinished((result) => result.functionName === 'Reader' && result.event.includes('my+photo'));
    const put = await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: key, Body: 'picture bytes', ContentType: 'text/plain' }));
    const result = await invoked;
    assert.equal(result.status, 'success', result.response);
    assert.deepEqual(JSON.parse(result.response), { key, body: 'picture bytes', contentType: 'text/plain' });
    const record = recordOf(result);
    assert.equal(record.eventVersion, '2.1');
    assert.equal(record.eventSource, 'aws:s3');
    assert.equal(record.awsRegion, 'us-east-1');
    assert.equal(record.eventName, 'ObjectCreated:Put');
    assert.match(record.eventTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(record.userIdentity.principalId, 'AWS:test');
    assert.equal(record.requestParameters.sourceIPAddress, '127.0.0.1');
    assert.match(record.responseElements['x-amz-request-id'], /^[0-9A-F]{16}$/);
    assert.ok(record.responseElements['x-amz-id-2']);
    assert.equal(record.s3.s3SchemaVersion, '1.0');
    assert.equal(record.s3.configurationId, 'ReaderUploads');
    assert.deepEqual(record.s3.bucket, { name: 'uploadsbucket', ownerIdentity: { principalId: record.s3.bucket.ownerIdentity.principalId }, arn: 'arn:aws:s3:::uploadsbucket' });
    assert.equal(record.s3.object.key, 'incoming/my+photo%40v2.txt');
    assert.equal(record.s3.object.size, 13);
    assert.equal(record.s3.object.eTag, put.ETag?.replace(/"/g, ''));
    assert.match(record.s3.object.sequencer, /^[0-9A-F]{18}$/);
    assert.equal(result.attempt, 1, 'S3 invokes asynchronously');
  });

  it('filters by the rule\'s prefix: a key outside it sends nothing', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'elsewhere/skip.txt', Body: 'no' }));
    const invoked = services.nextFinished((result) => result.functionName === 'Reader' && result.event.includes('after-skip'));
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/after-skip.txt', Body: 'yes' }));
    await invoked;
    assert.ok(!services.events.some((event) => event.event === 'invocation.finished' && event.data.event.includes('elsewhere/skip.txt')));
  });

  it('sequencers increase for one key\'s events', async () => {
    const first = services.nextFinished((result) => result.functionName === 'Reader' && result.event.includes('seq.txt'));
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/seq.txt', Body: '1' }));
    const one = recordOf(await first);
    const second = services.nextFinished((result) => result.functionName === 'Reader' && result.event.includes('seq.txt'));
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/seq.txt', Body: '2' }));
    const two = recordOf(await second);
    assert.ok(two.s3.object.sequencer > one.s3.object.sequencer, `${two.s3.object.sequencer} after ${one.s3.object.sequencer}`);
  });

  it('a multipart upload (lib-storage) is ObjectCreated:CompleteMultipartUpload with a -N ETag', async () => {
    const body = Buffer.alloc(11 * 1024 * 1024, 'm');
    const invoked = services.nextFinished((result) => result.functionName === 'Reader' && result.event.includes('big.bin'));
    const upload = new Upload({ client: s3, params: { Bucket: 'uploadsbucket', Key: 'incoming/big.bin', Body: body }, partSize: 5 * 1024 * 1024, queueSize: 2 });
    const done = await upload.done();
    assert.match(done.ETag ?? '', /^"[0-9a-f]{32}-3"$/);
    const record = recordOf(await invoked);
    assert.equal(record.eventName, 'ObjectCreated:CompleteMultipartUpload');
    assert.equal(record.s3.object.size, body.length);
    assert.equal(record.s3.object.eTag, done.ETag?.replace(/"/g, ''));
    const got = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/big.bin' }));
    assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(body));
    const part = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/big.bin', PartNumber: 3 }));
    assert.equal(part.ContentLength, 1024 * 1024);
    assert.equal(part.PartsCount, 3);
  });

  it('a presigned PUT uploads and triggers; a presigned GET reads; an expired URL is AccessDenied', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'Reader' && result.event.includes('presigned.txt'));
    const putUrl = await getSignedUrl(s3, new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/presigned.txt' }), { expiresIn: 60 });
    assert.match(putUrl, /X-Amz-Credential=/);
    const put = await fetch(putUrl, { method: 'PUT', body: 'from a browser' });
    assert.equal(put.status, 200, await put.text());
    assert.equal(JSON.parse((await invoked).response).body, 'from a browser');
    const getUrl = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/presigned.txt' }), { expiresIn: 60 });
    assert.equal(await (await fetch(getUrl)).text(), 'from a browser');
    const expired = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/presigned.txt' }), { expiresIn: 1, signingDate: new Date(Date.now() - 60_000) });
    const refused = await fetch(expired);
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
  });

  it('a delete matching the bucket\'s NotificationConfiguration (ObjectRemoved:*, suffix .csv) invokes its function', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'reports-bucket', Key: 'q1/report 1.csv', Body: 'a,b' }));
    const invoked = services.nextFinished((result) => result.functionName === 'Audit');
    await s3.send(new DeleteObjectCommand({ Bucket: 'reports-bucket', Key: 'q1/report 1.csv' }));
    const result = await invoked;
    assert.deepEqual(JSON.parse(result.response), { seen: ['ObjectRemoved:Delete q1/report+1.csv'] });
    const record = recordOf(result);
    assert.equal(record.s3.object.size, undefined);
    assert.equal(record.s3.object.eTag, undefined);
    assert.equal(record.s3.configurationId, 'ReportsBucketLambdaConfigurations1');
  });

  it('PutBucketNotificationConfiguration adds rules: a CopyObject is ObjectCreated:Copy', async () => {
    const auditArn = 'arn:aws:lambda:us-east-1:123456789012:function:Audit';
    await s3.send(new PutBucketNotificationConfigurationCommand({
      Bucket: 'reports-bucket',
      NotificationConfiguration: { LambdaFunctionConfigurations: [{ Id: 'copies', LambdaFunctionArn: auditArn, Events: ['s3:ObjectCreated:Copy'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'copies/' }] } } }] },
    }));
    const config = await s3.send(new GetBucketNotificationConfigurationCommand({ Bucket: 'reports-bucket' }));
    assert.deepEqual(config.LambdaFunctionConfigurations?.map((rule) => rule.Id), ['ReportsBucketLambdaConfigurations1', 'copies']);
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'to-copy.txt', Body: 'copied' }));
    const invoked = services.nextFinished((result) => result.functionName === 'Audit' && result.event.includes('copies/'));
    await s3.send(new CopyObjectCommand({ Bucket: 'reports-bucket', Key: 'copies/c.txt', CopySource: 'uploadsbucket/to-copy.txt' }));
    const record = recordOf(await invoked);
    assert.equal(record.eventName, 'ObjectCreated:Copy');
    assert.equal(record.s3.configurationId, 'copies');
    await rejectsWith(s3.send(new PutBucketNotificationConfigurationCommand({ Bucket: 'missing-bucket', NotificationConfiguration: {} })), 'NoSuchBucket', 404);
  });

  it('a file dropped into the bucket\'s folder is ObjectCreated:Put; deleting it by hand is ObjectRemoved:Delete', async () => {
    const folder = path.join(services.dataDir.root, 's3');
    const created = services.nextFinished((result) => result.functionName === 'Reader' && result.event.includes('dropped.txt'));
    mkdirSync(path.join(folder, 'uploadsbucket', 'incoming'), { recursive: true });
    writeFileSync(path.join(folder, 'uploadsbucket', 'incoming', 'dropped.txt'), 'dropped by hand');
    const result = await created;
    assert.equal(recordOf(result).eventName, 'ObjectCreated:Put');
    assert.deepEqual(JSON.parse(result.response), { key: 'incoming/dropped.txt', body: 'dropped by hand', contentType: 'text/plain' });
    const reportFile = path.join(folder, 'reports-bucket', 'by hand.csv');
    writeFileSync(reportFile, 'x,y');
    await waitFor(() => existsSync(path.join(folder, 'reports-bucket', '%meta', 'by hand.csv%.json')), 'the dropped file recorded');
    const removed = services.nextFinished((result) => result.functionName === 'Audit' && result.event.includes('by+hand.csv'));
    unlinkSync(reportFile);
    assert.deepEqual(JSON.parse((await removed).response), { seen: ['ObjectRemoved:Delete by+hand.csv'] });
  });

  it('a folder removed or moved by hand is ObjectRemoved:Delete for every object in it; the moved folder\'s files are new objects', async () => {
    const folder = path.join(services.dataDir.root, 's3', 'reports-bucket');
    for (const key of ['month/a.csv', 'month/week/b.csv']) await s3.send(new PutObjectCommand({ Bucket: 'reports-bucket', Key: key, Body: key }));
    const audited = (key: string) => services.nextFinished((result) => result.functionName === 'Audit' && result.event.includes(`"key":"${key}"`));
    let removed = [audited('month/a.csv'), audited('month/week/b.csv')];
    renameSync(path.join(folder, 'month'), path.join(folder, 'archive'));
    for (const result of await Promise.all(removed)) assert.equal(recordOf(result).eventName, 'ObjectRemoved:Delete');
    // Moved in by hand: objects (listed and served) without a request having made them.
    await waitFor(() => existsSync(path.join(folder, '%meta', 'archive', 'week', 'b.csv%.json')), 'the moved files recorded');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'reports-bucket', Prefix: 'archive/' }));
    assert.deepEqual(listed.Contents?.map((object) => object.Key), ['archive/a.csv', 'archive/week/b.csv']);
    removed = [audited('archive/a.csv'), audited('archive/week/b.csv')];
    rmSync(path.join(folder, 'archive'), { recursive: true });
    for (const result of await Promise.all(removed)) assert.equal(recordOf(result).eventName, 'ObjectRemoved:Delete');
  });

  it('resetting one bucket\'s data empties it, keeps the bucket, and notifies nothing', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'reports-bucket', Key: 'to-reset.csv', Body: '1' }));
    const before = services.events.length;
    await services.runtime.resetData('s3', 'reports-bucket');
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'reports-bucket' }));
    assert.equal(listed.KeyCount, 0);
    // A marker after the reset: once its notification has run, any from the reset would have too.
    const marker = services.nextFinished((result) => result.functionName === 'Reader' && result.event.includes('after-reset'));
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/after-reset.txt', Body: 'm' }));
    await marker;
    assert.ok(!services.events.slice(before).some((event) => event.event === 'invocation.finished' && event.data.functionName === 'Audit'));
    assert.ok(await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/after-reset.txt' })));
  });

  it('overwriting an object notifies one ObjectCreated:Put per put and no removal; GET, HEAD and List meanwhile always find it', async () => {
    const bodies = ['one', 'two, longer', 'three', 'four, longer still', 'five'];
    await s3.send(new PutObjectCommand({ Bucket: 'reports-bucket', Key: 'overwritten.csv', Body: 'zero' }));
    const before = services.events.length;
    const finished = (name: string, key: string) => services.events.slice(before).filter((event) => event.event === 'invocation.finished' && event.data.functionName === name && event.data.event.includes(key));
    let writing = true;
    // Readers of both keys in a loop while they are overwritten: each sees an old or a new version, never none.
    const reader = async () => {
      const seen: string[] = [];
      while (writing) {
        const [got, head, listed] = await Promise.all([
          s3.send(new GetObjectCommand({ Bucket: 'reports-bucket', Key: 'overwritten.csv' })).then((answer) => answer.Body!.transformToString()),
          s3.send(new HeadObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/overwritten.txt' })).catch((error: Error) => (error.name === 'NotFound' && seen.length === 0 ? undefined : Promise.reject(error))),
          s3.send(new ListObjectsV2Command({ Bucket: 'reports-bucket', Prefix: 'overwritten' })),
        ]);
        assert.ok(['zero', ...bodies].includes(got), got);
        assert.deepEqual(listed.Contents?.map((object) => object.Key), ['overwritten.csv']);
        if (head) seen.push(String(head.ContentLength));
      }
    };
    const readers = [reader(), reader()];
    for (const body of bodies) {
      await s3.send(new PutObjectCommand({ Bucket: 'reports-bucket', Key: 'overwritten.csv', Body: body }));
      await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'incoming/overwritten.txt', Body: body }));
    }
    writing = false;
    await Promise.all(readers);
    await waitFor(() => finished('Reader', 'incoming/overwritten.txt').length >= bodies.length, 'one Reader invocation per put');
    // Past the folder watch's quiet time: a report of the store's own unlink or rename would have settled by now.
    await new Promise((resolve) => setTimeout(resolve, 600));
    const created = finished('Reader', 'incoming/overwritten.txt').map((event) => (event.event === 'invocation.finished' ? recordOf(event.data).eventName : ''));
    assert.deepEqual(created, bodies.map(() => 'ObjectCreated:Put'));
    assert.deepEqual(finished('Audit', 'overwritten.csv'), [], 'no ObjectRemoved for an overwrite');
  });

  it('stops a function that writes to its own trigger bucket after about 16 rounds, with a warning', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'loopbucket', Key: 'round-0', Body: '0' }));
    const looperRounds = () => services.events.filter((event) => event.event === 'invocation.finished' && event.data.functionName === 'Looper');
    // The 17th invocation is stopped while the 16th is still finishing (its PutObject was answered first).
    await waitFor(() => services.events.some((event) => event.event === 'loop.stopped' && event.data.functionName === 'Looper') && looperRounds().length >= RECURSION_LIMIT, 'the loop stop');
    const rounds = looperRounds();
    assert.equal(rounds.length, RECURSION_LIMIT);
    const stop = services.events.find((event) => event.event === 'loop.stopped');
    assert.deepEqual(stop?.data, { functionName: 'Looper', via: 's3', depth: RECURSION_LIMIT + 1 });
    assert.ok(services.events.some((event) => event.event === 'runtime.log' && event.data.level === 'warn' && /recursive loop/.test(event.data.message)));
  });
});

describe('the example app\'s thumbnail function from a real upload', function () {
  this.timeout(90_000);
  let services: ServicesRuntime;
  let s3: S3Client;

  before(async () => {
    services = await startServicesRuntime({ templates: [path.resolve(__dirname, '../../../examples/hello-app/template.yaml')] });
    s3 = new S3Client({ ...services.clientConfig, forcePathStyle: true });
  });
  after(async () => {
    s3.destroy();
    await services.close();
  });

  it('runs ThumbnailFunction for a .jpg put under uploads/, with the key decoded', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'ThumbnailFunction');
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'uploads/summer trip.jpg', Body: Buffer.from([0xff, 0xd8, 0xff]) }));
    const result = await invoked;
    assert.equal(result.status, 'success', result.response);
    assert.deepEqual(JSON.parse(result.response), { thumbnails: [{ bucket: 'uploadsbucket', source: 'uploads/summer trip.jpg', thumbnail: 'thumbnails/summer trip-128.jpg' }] });
    assert.ok(result.logs.some((line) => line.includes('ObjectCreated:Put: s3://uploadsbucket/uploads/summer trip.jpg (3 bytes)')));
  });
});
