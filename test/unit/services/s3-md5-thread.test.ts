// The MD5 thread of the local S3: large bodies are hashed on a worker thread while they arrive. The sums must be
// those of the bytes in order, uploads side by side must not mix, a sender far ahead must be held back, and a
// thread that stops must fail the uploads in flight (never give a wrong ETag) and leave the next ones hashed
// in-thread.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { Worker } from 'node:worker_threads';
import { Md5Thread } from '../../../runtime/services/s3/md5-thread';

const SMALL = 1024 * 1024;
const CHUNK = 64 * 1024;
const md5 = (bytes: Buffer) => createHash('md5').update(bytes).digest('hex');

/** Bytes that differ from chunk to chunk, so a chunk out of order or lost changes the sum. */
function body(size: number, seed: number): Buffer {
  const bytes = Buffer.alloc(size);
  for (let i = 0; i + 4 <= size; i += 4) bytes.writeUInt32LE((i * 2654435761 + seed) >>> 0, i);
  return bytes;
}

/** Feeds a body as a socket would, honouring the hold-back the sum asks for; counts the hold-backs. */
async function feed(sum: ReturnType<Md5Thread['begin']>, bytes: Buffer): Promise<number> {
  let heldBack = 0;
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const wait = sum.update(bytes.subarray(at, at + CHUNK));
    if (wait) {
      heldBack++;
      await wait;
    }
  }
  return heldBack;
}

describe('local S3: MD5 thread', function () {
  this.timeout(30_000);
  let thread: Md5Thread;

  beforeEach(() => {
    thread = new Md5Thread();
  });
  afterEach(async () => {
    await thread.close();
  });

  it('hashes large bodies side by side, each to the MD5 of its own bytes in order', async () => {
    const bodies = [body(3 * SMALL + 5, 1), body(2 * SMALL + 77, 2), body(4 * SMALL, 3)];
    const sums = bodies.map((bytes) => thread.begin(bytes.length, SMALL));
    // Interleaved chunk by chunk, as three sockets arriving together.
    for (let at = 0; at < 4 * SMALL + 5; at += CHUNK) {
      await Promise.all(sums.map((sum, index) => (at < bodies[index].length ? sum.update(bodies[index].subarray(at, at + CHUNK)) : undefined)));
    }
    const digests = await Promise.all(sums.map((sum) => sum.digest()));
    digests.forEach((digest, index) => assert.equal(digest.toString('hex'), md5(bodies[index])));
  });

  it('holds a sender back once 8 MB wait for the thread, and still sums every byte', async () => {
    const bytes = body(40 * SMALL, 4);
    const sum = thread.begin(bytes.length, SMALL);
    const heldBack = await feed(sum, bytes);
    assert.ok(heldBack > 0, 'a sender 40 MB ahead of the thread was never held back');
    assert.equal((await sum.digest()).toString('hex'), md5(bytes));
  });

  it('hashes small and unsized bodies in the caller\'s thread', async () => {
    for (const declared of [1024, Number.NaN]) {
      const bytes = body(2 * SMALL, 5);
      const sum = thread.begin(declared, SMALL);
      assert.equal(await feed(sum, bytes), 0);
      assert.equal((await sum.digest()).toString('hex'), md5(bytes));
    }
    assert.equal((thread as unknown as { worker?: Worker }).worker, undefined, 'a worker thread was started for bodies that did not need one');
  });

  it('fails the uploads in flight when the thread dies, and hashes the next ones in-thread', async () => {
    const bytes = body(8 * SMALL, 6);
    const arriving = thread.begin(bytes.length, SMALL);
    await feed(arriving, bytes.subarray(0, SMALL));
    // Its sum asked for while the thread still has 8 MB to hash: the answer must be the failure, not a hang.
    const complete = thread.begin(bytes.length, SMALL);
    await feed(complete, bytes);
    const pending = complete.digest();
    await (thread as unknown as { worker: Worker }).worker.terminate();
    await assert.rejects(pending, /exited/);
    await assert.rejects(arriving.digest(), /exited/);
    const next = thread.begin(bytes.length, SMALL);
    await feed(next, bytes);
    assert.equal((await next.digest()).toString('hex'), md5(bytes));
  });

  it('fails an upload in flight when the service closes', async () => {
    const bytes = body(3 * SMALL, 7);
    const sum = thread.begin(bytes.length, SMALL);
    await feed(sum, bytes.subarray(0, SMALL));
    await thread.close();
    await assert.rejects(sum.digest(), /stopped/);
  });
});
