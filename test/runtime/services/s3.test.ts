// The local S3 as the real @aws-sdk/client-s3 sees it: buckets from the template, objects on disk, the
// object API (metadata, ranges, conditions, checksums, copy, batch delete, listing), S3's errors, and data
// that survives a restart.
import {
  CopyObjectCommand, CreateBucketCommand, GetBucketCorsCommand, PutBucketCorsCommand, DeleteBucketCommand, DeleteObjectCommand, DeleteObjectsCommand, GetObjectCommand, GetObjectTaggingCommand,
  HeadBucketCommand, HeadObjectCommand, ListBucketsCommand, ListObjectsCommand, ListObjectsV2Command, PutObjectCommand, PutObjectTaggingCommand, S3Client,
} from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { rawRequest, rejectsWith, S3_APP_TEMPLATE } from './s3-support';
import { startServicesRuntime, type ServicesRuntime } from './support';

describe('local S3 (client-s3)', function () {
  this.timeout(60_000);
  let services: ServicesRuntime;
  let s3: S3Client;
  let dataFolder: string;

  before(async () => {
    dataFolder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-s3-data-'));
    services = await startServicesRuntime({ templates: [S3_APP_TEMPLATE], dataFolder });
    s3 = new S3Client({ ...services.clientConfig, forcePathStyle: true });
  });
  after(async () => {
    s3.destroy();
    await services.close();
    rmSync(dataFolder, { recursive: true, force: true });
  });

  it('has the template\'s buckets: BucketName, else the logical id in lower case', async () => {
    const answer = await s3.send(new ListBucketsCommand({}));
    const names = (answer.Buckets ?? []).map((bucket) => bucket.Name);
    assert.deepEqual(names, ['loopbucket', 'reports-bucket', 'uploadsbucket']);
    assert.ok(answer.Buckets?.every((bucket) => bucket.CreationDate instanceof Date));
    await s3.send(new HeadBucketCommand({ Bucket: 'uploadsbucket' }));
    await rejectsWith(s3.send(new HeadBucketCommand({ Bucket: 'missing-bucket' })), 'NotFound', 404);
  });

  it('puts and gets an object with its content type, metadata and quoted MD5 ETag; the object is a file', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'docs/hello world.txt', Body: 'hello, S3', ContentType: 'text/plain', Metadata: { owner: 'ann' }, CacheControl: 'max-age=60' }));
    assert.equal(put.ETag, `"${md5('hello, S3')}"`);
    assert.ok(put.ChecksumCRC32, 'the SDK sent a CRC32 and S3 echoes it');
    const got = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'docs/hello world.txt' }));
    assert.equal(await got.Body?.transformToString(), 'hello, S3');
    assert.equal(got.ContentType, 'text/plain');
    assert.equal(got.ContentLength, 9);
    assert.equal(got.CacheControl, 'max-age=60');
    assert.deepEqual(got.Metadata, { owner: 'ann' });
    assert.equal(got.ETag, put.ETag);
    assert.ok(got.LastModified instanceof Date);
    assert.equal(readFileSync(path.join(dataFolder, 's3', 'uploadsbucket', 'docs', 'hello world.txt'), 'utf8'), 'hello, S3');
  });

  it('stores a streamed body (aws-chunked with a CRC32 trailer) without its framing', async () => {
    const body = Buffer.alloc(300_000, 'x');
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'stream.bin', Body: Readable.from([body.subarray(0, 100_000), body.subarray(100_000)]), ContentLength: body.length }));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'uploadsbucket', Key: 'stream.bin' }));
    assert.equal(head.ContentLength, body.length);
    assert.equal(head.ETag, `"${md5(body)}"`);
    assert.ok(readFileSync(path.join(dataFolder, 's3', 'uploadsbucket', 'stream.bin')).equals(body));
  });

  it('checks and keeps every checksum the SDK computes (CRC32C, CRC64NVME, SHA1, SHA256); GetObject returns it for the SDK to validate', async () => {
    for (const algorithm of ['CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const) {
      const key = `sum-${algorithm}.txt`;
      const put = await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: key, Body: `checked with ${algorithm}`, ChecksumAlgorithm: algorithm }));
      const field = `Checksum${algorithm}` as const;
      assert.ok(put[field], `${algorithm} echoed`);
      const got = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: key, ChecksumMode: 'ENABLED' }));
      assert.equal(got[field], put[field]);
      assert.equal(await got.Body?.transformToString(), `checked with ${algorithm}`);
    }
    // A range is not the whole object: no checksum for the SDK to compare it with.
    const part = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'sum-SHA256.txt', ChecksumMode: 'ENABLED', Range: 'bytes=0-3' }));
    assert.equal(part.ChecksumSHA256, undefined);
  });

  it('refuses a body whose checksum does not match with BadDigest, and writes nothing', async () => {
    const error = await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'bad.txt', Body: 'abc', ChecksumCRC32: 'AAAAAA==' })), 'BadDigest', 400);
    assert.match(error.message, /CRC32/);
    await rejectsWith(s3.send(new HeadObjectCommand({ Bucket: 'uploadsbucket', Key: 'bad.txt' })), 'NotFound', 404);
    const md5Error = await rawRequest(services.endpoint, 'PUT', '/uploadsbucket/bad.txt', { 'Content-MD5': Buffer.alloc(16).toString('base64') }, 'abc');
    assert.equal(md5Error.status, 400);
    assert.match(md5Error.body, /<Code>BadDigest<\/Code>/);
    assert.equal(existsSync(path.join(dataFolder, 's3', 'uploadsbucket', 'bad.txt')), false);
  });

  it('gives a large body (hashed on its own thread) its MD5 as ETag, side by side with other uploads; a wrong Content-MD5 is BadDigest', async () => {
    // Above 1 MiB the MD5 is worked out on a worker thread while the body arrives: uploads in parallel must each keep their own sum.
    const bodies = ['a', 'b', 'c', 'd'].map((fill, index) => Buffer.alloc(3 * 1024 * 1024 + index * 65_537, fill));
    const puts = await Promise.all(bodies.map((Body, index) => s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: `large/${index}.bin`, Body }))));
    puts.forEach((put, index) => assert.equal(put.ETag, `"${createHash('md5').update(bodies[index]).digest('hex')}"`));
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'uploadsbucket', Key: 'large/2.bin' }));
    assert.equal(head.ContentLength, bodies[2].length);
    assert.equal(head.ETag, puts[2].ETag);
    const wrong = await rawRequest(services.endpoint, 'PUT', '/uploadsbucket/large/wrong.bin', { 'Content-MD5': createHash('md5').update('other').digest('base64') }, bodies[0]);
    assert.equal(wrong.status, 400);
    assert.match(wrong.body, /<Code>BadDigest<\/Code>/);
    assert.equal(existsSync(path.join(dataFolder, 's3', 'uploadsbucket', 'large', 'wrong.bin')), false);
    const right = await rawRequest(services.endpoint, 'PUT', '/uploadsbucket/large/right.bin', { 'Content-MD5': createHash('md5').update(bodies[1]).digest('base64') }, bodies[1]);
    assert.equal(right.status, 200);
  });

  it('refuses a truncated aws-chunked body with IncompleteBody and keeps the old object', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'kept.txt', Body: 'old' }));
    const answer = await rawRequest(services.endpoint, 'PUT', '/uploadsbucket/kept.txt', {
      'Content-Encoding': 'aws-chunked', 'x-amz-content-sha256': 'STREAMING-UNSIGNED-PAYLOAD-TRAILER', 'x-amz-decoded-content-length': '10',
    }, 'a\r\n01234');
    assert.equal(answer.status, 400);
    assert.match(answer.body, /<Code>IncompleteBody<\/Code>/);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'kept.txt' }));
    assert.equal(await got.Body?.transformToString(), 'old');
  });

  it('answers ranges with 206 and Content-Range, a range past the end with InvalidRange', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'digits.txt', Body: '0123456789' }));
    const part = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'digits.txt', Range: 'bytes=2-4' }));
    assert.equal(await part.Body?.transformToString(), '234');
    assert.equal(part.ContentRange, 'bytes 2-4/10');
    const tail = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'digits.txt', Range: 'bytes=-3' }));
    assert.equal(await tail.Body?.transformToString(), '789');
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'digits.txt', Range: 'bytes=10-' })), 'InvalidRange', 416);
  });

  it('honours conditional headers: If-None-Match → 304, If-Match → 412, response-content-type', async () => {
    const put = await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'cond.txt', Body: 'c' }));
    // A 304 has no body (as on S3), so the SDK can only name it by its status.
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'cond.txt', IfNoneMatch: put.ETag })), 'Unknown', 304);
    await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'cond.txt', IfMatch: '"0000"' })), 'PreconditionFailed', 412);
    const got = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'cond.txt', IfMatch: put.ETag, ResponseContentType: 'text/x-mine' }));
    assert.equal(got.ContentType, 'text/x-mine');
    await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'cond.txt', Body: 'd', IfNoneMatch: '*' })), 'PreconditionFailed', 412);
  });

  it('answers S3\'s errors: NoSuchKey with its XML body, NoSuchBucket, KeyTooLongError, InvalidBucketName', async () => {
    const noKey = await rejectsWith(s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'nothing-here' })), 'NoSuchKey', 404);
    assert.equal(noKey.message, 'The specified key does not exist.');
    await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'no-such-bucket', Key: 'a', Body: 'a' })), 'NoSuchBucket', 404);
    await rejectsWith(s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'k'.repeat(1025), Body: 'a' })), 'KeyTooLongError', 400);
    await rejectsWith(s3.send(new CreateBucketCommand({ Bucket: 'Bad_Name' })), 'InvalidBucketName', 400);
    // A "bucket" that would be a path outside the data folder is no bucket.
    const escape = await rawRequest(services.endpoint, 'PUT', '/..%2F..%2Fescaped/x.txt', {}, 'no');
    assert.equal(escape.status, 404);
    assert.match(escape.body, /<Code>NoSuchBucket<\/Code>/);
    assert.equal(existsSync(path.join(dataFolder, '..', 'escaped')), false);
    const raw = await rawRequest(services.endpoint, 'GET', '/uploadsbucket/nothing-here');
    assert.match(raw.body, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<Error><Code>NoSuchKey<\/Code><Message>The specified key does not exist.<\/Message><Key>nothing-here<\/Key>/);
    assert.match(String(raw.headers['x-amz-request-id']), /^[0-9A-F]{16}$/);
    assert.ok(raw.headers['x-amz-id-2']);
  });

  it('copies with the metadata directive; copying onto itself without changes is refused', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'src.txt', Body: 'copy me', ContentType: 'text/plain', Metadata: { a: '1' } }));
    const copied = await s3.send(new CopyObjectCommand({ Bucket: 'reports-bucket', Key: 'dst.txt', CopySource: 'uploadsbucket/src.txt' }));
    assert.equal(copied.CopyObjectResult?.ETag, `"${md5('copy me')}"`);
    const same = await s3.send(new HeadObjectCommand({ Bucket: 'reports-bucket', Key: 'dst.txt' }));
    assert.deepEqual(same.Metadata, { a: '1' });
    await s3.send(new CopyObjectCommand({ Bucket: 'reports-bucket', Key: 'dst.txt', CopySource: 'reports-bucket/dst.txt', MetadataDirective: 'REPLACE', Metadata: { b: '2' }, ContentType: 'text/csv' }));
    const replaced = await s3.send(new HeadObjectCommand({ Bucket: 'reports-bucket', Key: 'dst.txt' }));
    assert.deepEqual(replaced.Metadata, { b: '2' });
    assert.equal(replaced.ContentType, 'text/csv');
    await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: 'reports-bucket', Key: 'dst.txt', CopySource: 'reports-bucket/dst.txt' })), 'InvalidRequest', 400);
    await rejectsWith(s3.send(new CopyObjectCommand({ Bucket: 'reports-bucket', Key: 'x.txt', CopySource: 'uploadsbucket/none.txt' })), 'NoSuchKey', 404);
  });

  it('lists with prefix, delimiter and pages (v2 continuation token, v1 marker)', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'listing' }));
    for (const key of ['a.txt', 'b/1.txt', 'b/2.txt', 'b/c/3.txt', 'd.txt', 'é.txt', 'Z.txt']) await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: key, Body: key }));
    const top = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Delimiter: '/' }));
    assert.deepEqual(top.Contents?.map((object) => object.Key), ['Z.txt', 'a.txt', 'd.txt', 'é.txt']);
    assert.deepEqual(top.CommonPrefixes?.map((prefix) => prefix.Prefix), ['b/']);
    assert.equal(top.KeyCount, 5);
    const under = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', Prefix: 'b/', Delimiter: '/' }));
    assert.deepEqual(under.Contents?.map((object) => object.Key), ['b/1.txt', 'b/2.txt']);
    assert.deepEqual(under.CommonPrefixes?.map((prefix) => prefix.Prefix), ['b/c/']);
    const seen: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', MaxKeys: 2, ContinuationToken: token }));
      seen.push(...(page.Contents ?? []).map((object) => object.Key!));
      token = page.NextContinuationToken;
      pages++;
      assert.equal(page.IsTruncated, token !== undefined);
    } while (token);
    assert.deepEqual(seen, ['Z.txt', 'a.txt', 'b/1.txt', 'b/2.txt', 'b/c/3.txt', 'd.txt', 'é.txt']);
    assert.equal(pages, 4);
    const after = await s3.send(new ListObjectsV2Command({ Bucket: 'listing', StartAfter: 'b/2.txt' }));
    assert.deepEqual(after.Contents?.map((object) => object.Key), ['b/c/3.txt', 'd.txt', 'é.txt']);
    const v1 = await s3.send(new ListObjectsCommand({ Bucket: 'listing', Delimiter: '/', MaxKeys: 2, Marker: 'a.txt' }));
    assert.deepEqual([...(v1.Contents ?? []).map((object) => object.Key), ...(v1.CommonPrefixes ?? []).map((prefix) => prefix.Prefix)], ['d.txt', 'b/']);
    assert.equal(v1.NextMarker, 'd.txt');
    assert.equal(v1.IsTruncated, true);
  });

  it('deletes one object (204 even when missing) and many with DeleteObjects; a bucket with objects is not deleted', async () => {
    await s3.send(new CreateBucketCommand({ Bucket: 'deleting' }));
    for (const key of ['x/1', 'x/2', 'y']) await s3.send(new PutObjectCommand({ Bucket: 'deleting', Key: key, Body: key }));
    await rejectsWith(s3.send(new DeleteBucketCommand({ Bucket: 'deleting' })), 'BucketNotEmpty', 409);
    const one = await s3.send(new DeleteObjectCommand({ Bucket: 'deleting', Key: 'y' }));
    assert.equal(one.$metadata.httpStatusCode, 204);
    await s3.send(new DeleteObjectCommand({ Bucket: 'deleting', Key: 'y' }));
    const many = await s3.send(new DeleteObjectsCommand({ Bucket: 'deleting', Delete: { Objects: [{ Key: 'x/1' }, { Key: 'x/2' }, { Key: 'never' }] } }));
    assert.deepEqual(many.Deleted?.map((entry) => entry.Key), ['x/1', 'x/2', 'never']);
    assert.equal(existsSync(path.join(dataFolder, 's3', 'deleting', 'x')), false, 'empty folders go with their last object');
    await s3.send(new DeleteBucketCommand({ Bucket: 'deleting' }));
    await rejectsWith(s3.send(new HeadBucketCommand({ Bucket: 'deleting' })), 'NotFound', 404);
  });

  it('keeps tags', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'tagged.txt', Body: 't', Tagging: 'a=1&b=two' }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'uploadsbucket', Key: 'tagged.txt' }))).TagSet, [{ Key: 'a', Value: '1' }, { Key: 'b', Value: 'two' }]);
    await s3.send(new PutObjectTaggingCommand({ Bucket: 'uploadsbucket', Key: 'tagged.txt', Tagging: { TagSet: [{ Key: 'c', Value: '3' }] } }));
    assert.deepEqual((await s3.send(new GetObjectTaggingCommand({ Bucket: 'uploadsbucket', Key: 'tagged.txt' }))).TagSet, [{ Key: 'c', Value: '3' }]);
  });

  it('escapes keys that are not file names, and tells a key from a folder of the same name', async () => {
    const keys = ['odd/a:b?c*.txt', 'odd/..', 'odd/100%', 'odd/folder/', 'same', 'same/inside'];
    for (const key of keys) await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: key, Body: `body of ${key}` }));
    for (const key of keys) {
      const got = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: key }));
      assert.equal(await got.Body?.transformToString(), `body of ${key}`);
    }
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: 'uploadsbucket', Prefix: 'odd/' }));
    assert.deepEqual(listed.Contents?.map((object) => object.Key), ['odd/..', 'odd/100%', 'odd/a:b?c*.txt', 'odd/folder/']);
    const same = await s3.send(new ListObjectsV2Command({ Bucket: 'uploadsbucket', Prefix: 'same' }));
    assert.deepEqual(same.Contents?.map((object) => object.Key), ['same', 'same/inside']);
  });

  it('takes a file put in the bucket\'s folder by hand as an object, with its MD5 as ETag', async () => {
    writeFileSync(path.join(dataFolder, 's3', 'uploadsbucket', 'by-hand.json'), '{"x":1}');
    const head = await s3.send(new HeadObjectCommand({ Bucket: 'uploadsbucket', Key: 'by-hand.json' }));
    assert.equal(head.ETag, `"${md5('{"x":1}')}"`);
    assert.equal(head.ContentType, 'application/json');
    // Changed by hand after it was written through the API: the file is the truth.
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'edited.txt', Body: 'before' }));
    writeFileSync(path.join(dataFolder, 's3', 'uploadsbucket', 'edited.txt'), 'after!');
    const edited = await s3.send(new GetObjectCommand({ Bucket: 'uploadsbucket', Key: 'edited.txt' }));
    assert.equal(await edited.Body?.transformToString(), 'after!');
    assert.equal(edited.ETag, `"${md5('after!')}"`);
  });

  it('serves virtual-hosted requests (Host: bucket.localhost)', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'vhost.txt', Body: 'virtual' }));
    const answer = await rawRequest(services.endpoint, 'GET', '/vhost.txt', { Host: `uploadsbucket.localhost:${new URL(services.endpoint).port}` });
    assert.equal(answer.status, 200);
    assert.equal(answer.body, 'virtual');
  });

  it('answers CORS preflights by the bucket\'s rules (template, then PutBucketCors), and adds the headers to requests with an Origin', async () => {
    const preflight = (bucket: string, origin: string, method = 'PUT', requestHeaders = 'Content-Type') => rawRequest(services.endpoint, 'OPTIONS', `/${bucket}/upload.png`, { Origin: origin, 'Access-Control-Request-Method': method, ...(requestHeaders ? { 'Access-Control-Request-Headers': requestHeaders } : {}) });
    const allowed = await preflight('uploadsbucket', 'http://localhost:3000');
    assert.equal(allowed.status, 200);
    assert.equal(allowed.headers['access-control-allow-origin'], 'http://localhost:3000');
    assert.equal(allowed.headers['access-control-allow-methods'], 'GET, PUT');
    assert.equal(allowed.headers['access-control-allow-headers'], 'content-type');
    assert.equal(allowed.headers['access-control-max-age'], '600');
    const otherOrigin = await preflight('uploadsbucket', 'http://evil.example');
    assert.equal(otherOrigin.status, 403);
    assert.match(otherOrigin.body, /<Code>AccessForbidden<\/Code><Message>CORSResponse: This CORS request is not allowed/);
    const noCors = await preflight('loopbucket', 'http://localhost:3000');
    assert.match(noCors.body, /CORS is not enabled for this bucket/);
    await s3.send(new PutBucketCorsCommand({ Bucket: 'loopbucket', CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['GET'] }] } }));
    assert.deepEqual((await s3.send(new GetBucketCorsCommand({ Bucket: 'loopbucket' }))).CORSRules?.map((rule) => [rule.AllowedOrigins, rule.AllowedMethods]), [[['*'], ['GET']]]);
    assert.equal((await preflight('loopbucket', 'http://anything.example', 'GET', '')).headers['access-control-allow-origin'], '*');
    assert.equal((await preflight('loopbucket', 'http://anything.example', 'GET')).status, 403, 'a requested header no rule allows');
    await rejectsWith(s3.send(new GetBucketCorsCommand({ Bucket: 'reports-bucket' })), 'NoSuchCORSConfiguration', 404);
    await s3.send(new PutObjectCommand({ Bucket: 'uploadsbucket', Key: 'cors.txt', Body: 'c' }));
    const actual = await rawRequest(services.endpoint, 'GET', '/uploadsbucket/cors.txt', { Origin: 'http://localhost:3000' });
    assert.equal(actual.headers['access-control-allow-origin'], 'http://localhost:3000');
    assert.equal(actual.headers['access-control-expose-headers'], 'ETag');
    assert.equal((await rawRequest(services.endpoint, 'GET', '/uploadsbucket/cors.txt')).headers['access-control-allow-origin'], undefined);
  });

  it('keeps buckets and objects across a restart', async () => {
    await s3.send(new PutObjectCommand({ Bucket: 'listing', Key: 'survivor.txt', Body: 'still here', Metadata: { kept: 'yes' } }));
    await services.close();
    services = await startServicesRuntime({ templates: [S3_APP_TEMPLATE], dataFolder });
    s3.destroy();
    s3 = new S3Client({ ...services.clientConfig, forcePathStyle: true });
    const got = await s3.send(new GetObjectCommand({ Bucket: 'listing', Key: 'survivor.txt' }));
    assert.equal(await got.Body?.transformToString(), 'still here');
    assert.deepEqual(got.Metadata, { kept: 'yes' });
  });
});

function md5(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}
