// An overwrite unlinks the old object and renames the new one into its place in one synchronous step
// (store-files.ts `replaceFile`); a reader that went through the thread pool could fall between the two and
// find no object. These readers are started, behind a busy thread pool, just before a commit whose step is
// held open for 200 ms, so a pool-thread open or folder read lands inside it: each must still see the old
// object or the new one.
import assert from 'node:assert/strict';
import { createHash, pbkdf2 } from 'node:crypto';
import fs, { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ObjectStore } from '../../../runtime/services/s3/store';
import { copyObjectFile, md5OfFile } from '../../../runtime/services/s3/store-files';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
/** How long the test holds the replacement's step open. */
const WINDOW_MS = 200;

/** Keeps the thread pool busy for a few milliseconds: what is queued behind runs a moment later, as on a loaded machine. */
function occupyThreadPool(): Promise<unknown> {
  return Promise.all(Array.from({ length: 8 }, () => new Promise((resolve) => pbkdf2('busy', 'salt', 10_000, 32, 'sha256', resolve))));
}

describe('local S3 store: readers during an overwrite', function () {
  this.timeout(30_000);
  let root: string;
  let store: ObjectStore;
  const original = fs.renameSync;

  beforeEach(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lambkin-s3-readers-'));
    store = new ObjectStore(root);
    await store.createBucket('readers-bucket');
    await put('old');
    // The rename of a ready file into place waits 30 ms first: the object is unlinked meanwhile.
    (fs as { renameSync: typeof fs.renameSync }).renameSync = (from, to) => {
      if (String(from).endsWith('%.ready')) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, WINDOW_MS);
      original(from, to);
    };
  });
  afterEach(() => {
    (fs as { renameSync: typeof fs.renameSync }).renameSync = original;
    rmSync(root, { recursive: true, force: true });
  });

  async function put(body: string): Promise<void> {
    await commit(await bodyFile(body), body);
  }
  async function bodyFile(body: string): Promise<string> {
    const temp = await store.tempFile();
    writeFileSync(temp, body);
    return temp;
  }
  async function commit(temp: string, body: string): Promise<void> {
    await store.commit('readers-bucket', 'k', temp, { contentType: 'text/plain', headers: {}, userMetadata: {}, etag: md5(body) });
  }

  it('a listing, an MD5 of the file and a copy of it started before the overwrite see the old or the new object', async () => {
    const file = (await store.head('readers-bucket', 'k'))!.file;
    const copy = path.join(root, 'copy');
    const temp = await bodyFile('new');
    const busy = occupyThreadPool();
    const readers = Promise.all([store.keys('readers-bucket'), md5OfFile(file), copyObjectFile(file, copy)]);
    // Right after the readers' first step (a stream opens its file on the next tick): anything they handed
    // to the (busy) thread pool runs while the commit's step is held open.
    await new Promise<void>((resolve, reject) => process.nextTick(() => commit(temp, 'new').then(resolve, reject)));
    await busy;
    const [keys, hash] = await readers;
    assert.deepEqual(keys, ['k']);
    assert.ok([md5('old'), md5('new')].includes(hash), hash);
    assert.ok(['old', 'new'].includes(readFileSync(copy, 'utf8')));
    const now = (await store.head('readers-bucket', 'k'))!;
    assert.equal(readFileSync(now.file, 'utf8'), 'new');
    assert.equal(now.etag, md5('new'));
  });
});
