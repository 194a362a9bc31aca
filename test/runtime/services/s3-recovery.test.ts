// An upload a stop of Lambkin interrupted after its commit point (the object's record written, the body not yet
// renamed into place) is completed at the next start, and the functions its bucket's rules name are invoked for it
// then, once, as they would have been: the object exists, so its ObjectCreated event must not be lost with the
// crash. The interrupted commit is a real one, in a child process killed with SIGKILL before a file-system change.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ObjectStore } from '../../../runtime/services/s3/store';
import { startServicesRuntime, type ServicesRuntime } from './support';

const FIXTURE = path.resolve(__dirname, '../../fixtures/s3-app');
const CHILD = path.resolve(__dirname, '../../fixtures/s3-crash/commit-and-die.ts');
const KEY = 'incoming/interrupted.txt';
const BODY = 'the body of an upload a crash interrupted';

describe('local S3: an upload interrupted by a stop', function () {
  this.timeout(120_000);
  const folders: string[] = [];
  let services: ServicesRuntime | undefined;
  after(async () => {
    await services?.close();
    for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  });

  it('is completed at the next start and notified once, with its size and ETag', async () => {
    const project = mkdtempSync(path.join(os.tmpdir(), 'lambkin-s3-recovery-app-'));
    folders.push(project);
    cpSync(FIXTURE, project, { recursive: true });
    const template = path.join(project, 'template.yaml');
    // The buckets exist on disk, as after an earlier run.
    const pristine = mkdtempSync(path.join(os.tmpdir(), 'lambkin-s3-recovery-data-'));
    folders.push(pristine);
    await (await startServicesRuntime({ templates: [template], dataFolder: pristine })).close();

    // The first change before which a killed commit leaves an upload that recovery completes: found on a copy of
    // the data (recovery there changes it), then the same commit killed at the same change on another copy.
    const killedCommit = (limit: number): { folder: string; killed: boolean } => {
      const folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-s3-recovery-data-'));
      folders.push(folder);
      cpSync(pristine, folder, { recursive: true });
      const child = spawnSync(process.execPath, ['-r', 'tsx/cjs', CHILD, path.join(folder, 's3'), String(limit), BODY, md5(BODY), 'uploadsbucket', KEY], { encoding: 'utf8' });
      assert.ok(child.signal === 'SIGKILL' || child.status === 0, `the child failed: ${child.stderr}`);
      return { folder, killed: child.signal === 'SIGKILL' };
    };
    let data: string | undefined;
    for (let limit = 0; limit < 20 && !data; limit++) {
      const probe = killedCommit(limit);
      if (!probe.killed) break;
      if (new ObjectStore(path.join(probe.folder, 's3')).recover().get('uploadsbucket')?.includes(KEY)) data = killedCommit(limit).folder;
    }
    assert.ok(data, 'no killed commit left an upload for recovery to complete');

    services = await startServicesRuntime({ templates: [template], dataFolder: data });
    const isOurs = (event: string) => event.includes(JSON.stringify(KEY).slice(1, -1));
    const result = await Promise.race([
      services.nextFinished((finished) => finished.functionName === 'Reader' && isOurs(finished.event)),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('the completed upload invoked no function within 20 s')), 20_000).unref()),
    ]);
    const record = (JSON.parse(result.event) as { Records: Array<{ eventName: string; s3: { bucket: { name: string }; object: { key: string; size: number; eTag: string } } }> }).Records[0];
    assert.equal(record.eventName, 'ObjectCreated:Put');
    assert.deepEqual(record.s3.object, { ...record.s3.object, key: KEY, size: Buffer.byteLength(BODY), eTag: md5(BODY) });
    assert.equal(record.s3.bucket.name, 'uploadsbucket');
    // Once: not again when the template is read again.
    await services.runtime.reload();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const deliveries = services.events.filter((event) => event.event === 'invocation.finished' && event.data.functionName === 'Reader' && isOurs(event.data.event));
    assert.equal(deliveries.length, 1);
  });
});

function md5(text: string): string {
  return createHash('md5').update(text).digest('hex');
}
