// `lambkin data reset --bucket NAME` on the local S3's data: one bucket's objects (and their metadata and
// uploads) go, other buckets stay, and the bucket comes back empty at the next start; names that are not
// bucket names are refused before anything is touched.
import { PutObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { S3_APP_TEMPLATE } from './s3-support';
import { startServicesRuntime } from './support';

const BIN = path.resolve(__dirname, '../../../bin/lambkin.js');

describe('lambkin data reset --bucket (local S3)', function () {
  this.timeout(60_000);
  let dataFolder: string;

  before(() => {
    dataFolder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-s3-reset-'));
  });
  after(() => rmSync(dataFolder, { recursive: true, force: true }));

  it('empties one bucket while no runtime runs; the others keep their objects', async () => {
    let services = await startServicesRuntime({ templates: [S3_APP_TEMPLATE], dataFolder });
    let s3 = new S3Client({ ...services.clientConfig, forcePathStyle: true });
    await s3.send(new PutObjectCommand({ Bucket: 'reports-bucket', Key: 'r.csv', Body: 'r' }));
    await s3.send(new PutObjectCommand({ Bucket: 'loopbucket', Key: 'keep.txt', Body: 'k' }));
    s3.destroy();
    await services.close();

    const refused = spawnSync(process.execPath, [BIN, 'data', 'reset', '--data-dir', dataFolder, '--bucket', '../escape'], { encoding: 'utf8' });
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /is not a bucket name/);
    const reset = spawnSync(process.execPath, [BIN, 'data', 'reset', '--data-dir', dataFolder, '--bucket', 'reports-bucket'], { encoding: 'utf8' });
    assert.equal(reset.status, 0, reset.stderr);
    assert.match(reset.stdout, /Reset bucket reports-bucket in /);
    assert.equal(existsSync(path.join(dataFolder, 's3', 'reports-bucket')), false);

    services = await startServicesRuntime({ templates: [S3_APP_TEMPLATE], dataFolder });
    s3 = new S3Client({ ...services.clientConfig, forcePathStyle: true });
    try {
      assert.equal((await s3.send(new ListObjectsV2Command({ Bucket: 'reports-bucket' }))).KeyCount, 0, 'the template\'s bucket is back, empty');
      assert.deepEqual((await s3.send(new ListObjectsV2Command({ Bucket: 'loopbucket' }))).Contents?.map((object) => object.Key), ['keep.txt']);
    } finally {
      s3.destroy();
      await services.close();
    }
  });
});
