// The MD5 of a large upload (S3's ETag), worked out on a thread of its own while the body arrives. On 2 cores,
// hashing in the request's own thread made the 8 MB PutObject wait for it (about 12 ms of MD5 per 8 MB, in
// series with the socket reads); on its own thread it overlaps them (a bare server doing the same work moved
// 8 MB at about 330 MB/s hashing in-thread, 400 MB/s with the hash on a worker). Small bodies stay in-thread:
// handing them over costs more than hashing them.
import { createHash, type Hash } from 'node:crypto';
import { Worker } from 'node:worker_threads';

/** Bytes handed over and not yet hashed, past which the upload waits for the thread (memory stays bounded). */
const MAX_BEHIND = 8 * 1024 * 1024;

/** Runs in the worker: one hash per upload id; acknowledges each chunk so the sender can bound what is queued. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const hashes = new Map();
parentPort.on('message', (m) => {
  if (m.op === 'start') hashes.set(m.id, createHash('md5'));
  else if (m.op === 'chunk') { hashes.get(m.id).update(m.bytes); parentPort.postMessage({ id: m.id, op: 'ack', size: m.bytes.length }); }
  else if (m.op === 'end') { const hash = hashes.get(m.id); hashes.delete(m.id); parentPort.postMessage({ id: m.id, op: 'digest', bytes: hash.digest() }); }
  else if (m.op === 'drop') hashes.delete(m.id);
});
`;

type FromWorker = { id: number; op: 'ack'; size: number } | { id: number; op: 'digest'; bytes: Uint8Array };

/** The MD5 of one body: fed chunk by chunk, in order. */
export interface Md5Sum {
  /** Resolves once the chunk may be let go (at once, unless the thread is far behind). */
  update(chunk: Buffer): Promise<void> | undefined;
  digest(): Promise<Buffer>;
  /** The body was refused: forget it. */
  drop(): void;
}

/** One worker thread for every upload of the local S3, started on the first large body, ended by close(). */
export class Md5Thread {
  private worker: Worker | undefined;
  private failure: Error | undefined;
  private nextId = 0;
  private readonly jobs = new Map<number, ThreadSum>();

  /** An MD5 computed on the thread when the body is large, else in the caller's thread. */
  begin(expectedSize: number, smallBody: number): Md5Sum {
    if (!(expectedSize > smallBody) || this.failure) return new InThreadSum();
    const worker = this.start();
    const job = new ThreadSum(++this.nextId, worker, () => this.jobs.delete(job.id));
    this.jobs.set(job.id, job);
    worker.postMessage({ op: 'start', id: job.id });
    return job;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.fail(new Error('The local S3 stopped while an upload was arriving.'));
    await worker?.terminate();
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER_SOURCE, { eval: true, name: 'lambkin-s3-md5' });
    // The thread never keeps the runtime alive: it has nothing to do between uploads.
    worker.unref();
    worker.on('message', (message: FromWorker) => this.jobs.get(message.id)?.receive(message));
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`The MD5 thread exited with code ${code}.`)));
    this.worker = worker;
    return worker;
  }

  /** Uploads in flight fail (S3's InternalError, which SDKs retry); the next ones hash in-thread. */
  private fail(error: Error): void {
    if (this.worker) this.failure = error;
    for (const job of this.jobs.values()) job.fail(error);
    this.jobs.clear();
  }
}

class InThreadSum implements Md5Sum {
  private readonly hash: Hash = createHash('md5');

  update(chunk: Buffer): undefined {
    this.hash.update(chunk);
    return undefined;
  }

  async digest(): Promise<Buffer> {
    return this.hash.digest();
  }

  drop(): void {}
}

class ThreadSum implements Md5Sum {
  private behind = 0;
  private resume: (() => void) | undefined;
  private result: { resolve: (digest: Buffer) => void; reject: (error: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor(readonly id: number, private readonly worker: Worker, private readonly forget: () => void) {}

  update(chunk: Buffer): Promise<void> | undefined {
    if (this.failure) return Promise.reject(this.failure);
    // A copy of exactly these bytes, moved (not cloned again) to the thread; the chunk itself goes on to the file.
    const bytes = Uint8Array.prototype.slice.call(chunk);
    // Counted before the move: a transferred buffer is left empty here.
    this.behind += bytes.length;
    this.worker.postMessage({ op: 'chunk', id: this.id, bytes }, [bytes.buffer]);
    if (this.behind <= MAX_BEHIND) return undefined;
    return new Promise((resolve) => {
      this.resume = resolve;
    });
  }

  digest(): Promise<Buffer> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.result = { resolve, reject };
      this.worker.postMessage({ op: 'end', id: this.id });
    });
  }

  drop(): void {
    if (this.failure) return;
    this.failure = new Error('dropped');
    this.forget();
    this.worker.postMessage({ op: 'drop', id: this.id });
  }

  receive(message: FromWorker): void {
    if (message.op === 'ack') {
      this.behind -= message.size;
      if (this.resume && this.behind <= MAX_BEHIND) {
        const resume = this.resume;
        this.resume = undefined;
        resume();
      }
      return;
    }
    this.forget();
    this.result?.resolve(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.byteLength));
  }

  fail(error: Error): void {
    this.failure = error;
    this.result?.reject(error);
    const resume = this.resume;
    this.resume = undefined;
    // A waiting update learns of the failure from the stream's next step (digest rejects).
    resume?.();
  }
}
