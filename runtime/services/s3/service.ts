// The local S3 on the endpoint: reads a request's bucket, key and signature, runs its operation, and answers
// every failure with S3's own XML error. The template's buckets exist from the start; objects live on disk.
import { amzDateMs } from '../endpoint/sigv4';
import type { LocalModel, LocalService, ServiceContext, ServiceRequest } from '../service';
import { operationOf } from './api';
import { S3Calls } from './calls';
import { answerPreflight, applyCors } from './cors';
import { localChangeSource, S3Engine } from './engine';
import { BucketFolderWatch } from './folder-watch';
import { hostId, S3Error, sendS3Error } from './errors';
import { targetOf, type S3Call } from './wire';

/** Presigned URLs live at most 7 days. */
const MAX_PRESIGN_SECONDS = 604_800;

export class S3Service implements LocalService {
  readonly id = 's3' as const;
  readonly engine: S3Engine;
  private readonly calls: S3Calls;
  private readonly folderWatch: BucketFolderWatch;
  /** Uploads recovery completed at start, by bucket: notified once the template's rules are known (first sync). */
  private recovered = new Map<string, string[]>();

  constructor(private readonly ctx: ServiceContext) {
    this.engine = new S3Engine(ctx);
    this.calls = new S3Calls(this.engine);
    this.folderWatch = new BucketFolderWatch(this.engine, (message) => ctx.log('warn', message));
    // Before the watch: what recovery moves is not a change made by hand. The data folder is this process's
    // alone from here on (its lock), so nothing in it is another runtime's write in progress.
    try {
      this.recovered = this.engine.store.recover();
      for (const [bucket, keys] of this.recovered) {
        ctx.log('info', `S3: completed ${keys.length} upload(s) to ${bucket} that a stop of Lambkin interrupted (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', …' : ''}).`);
      }
    } catch (error) {
      ctx.log('warn', `S3: uploads a stop of Lambkin interrupted could not be sorted out: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.folderWatch.start();
  }

  async handle(request: ServiceRequest): Promise<void> {
    const { req, res } = request;
    // S3's request ids are 16 upper-case hex digits.
    const requestId = request.requestId.replace(/-/g, '').slice(0, 16).toUpperCase();
    const target = targetOf(req);
    const signature = request.signature.kind === 'signed' ? request.signature.signature : undefined;
    const call: S3Call = {
      engine: this.engine, req, res, requestId, hostId: hostId(requestId), ...target,
      source: {
        requestId, hostId: hostId(requestId), sourceIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1',
        principal: signature ? `AWS:${signature.accessKeyId}` : 'anonymous', chain: request.chain,
      },
    };
    try {
      if (call.bucket && (req.method === 'OPTIONS' || req.headers.origin !== undefined)) {
        const config = await this.engine.store.bucketConfig(call.bucket);
        const rules = config && this.engine.corsRules(call.bucket, config);
        if (await answerPreflight(call, rules)) return;
        applyCors(call, rules);
      }
      this.checkSignature(request);
      await operationOf(call)(call);
    } catch (error) {
      if (!(error instanceof S3Error)) this.ctx.log('error', `S3 ${req.method} ${req.url} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      const s3Error = error instanceof S3Error ? error : new S3Error('InternalError', `Lambkin's local S3 failed: ${error instanceof Error ? error.message : String(error)}`, 500);
      req.resume();
      if (res.headersSent) res.destroy();
      else sendS3Error(req, res, requestId, s3Error, req.url);
    }
  }

  /** Signatures are not verified, but a malformed one and an expired presigned URL are refused as S3 does. */
  private checkSignature(request: ServiceRequest): void {
    const reading = request.signature;
    if (reading.kind === 'malformed') {
      const presigned = request.url.searchParams.has('X-Amz-Credential');
      throw new S3Error(presigned ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed', reading.reason, 400);
    }
    if (reading.kind !== 'signed' || !reading.signature.presigned) return;
    const { amzDate, expiresSeconds } = reading.signature;
    if (expiresSeconds !== undefined && expiresSeconds > MAX_PRESIGN_SECONDS) {
      throw new S3Error('AuthorizationQueryParametersError', 'X-Amz-Expires must be less than a week (in seconds) that is 604800', 400);
    }
    const signedAt = amzDateMs(amzDate ?? '');
    const expiresAt = signedAt + (expiresSeconds ?? MAX_PRESIGN_SECONDS) * 1000;
    if (Date.now() > expiresAt) {
      throw new S3Error('AccessDenied', 'Request has expired', 403, { 'X-Amz-Expires': expiresSeconds ?? '', Expires: new Date(expiresAt).toISOString(), ServerTime: new Date().toISOString() });
    }
  }

  async sync(model: LocalModel): Promise<void> {
    await this.engine.sync(model);
    await this.notifyRecovered();
    this.folderWatch.start();
  }

  /**
   * An upload a stop interrupted after its commit point is an object created like any other: its notification
   * goes out once, at the first sync, as it would have had Lambkin not stopped (its client got no answer).
   */
  private async notifyRecovered(): Promise<void> {
    const recovered = this.recovered;
    this.recovered = new Map();
    for (const [bucket, keys] of recovered) {
      for (const key of keys) {
        const object = await this.engine.store.head(bucket, key);
        if (!object) continue;
        await this.engine.notify(bucket, 'ObjectCreated:Put', { key, size: object.size, etag: object.etag }, localChangeSource('R'));
      }
    }
  }

  async call(call: string, params: unknown): Promise<unknown> {
    return this.calls.answer(call, params);
  }

  /**
   * One bucket: its objects, uploads and API-set configuration go, the bucket stays. All: every bucket goes,
   * and the template's come back empty at the sync that follows.
   */
  async reset(resource?: string): Promise<void> {
    await this.folderWatch.quietly(() => this.clear(resource));
  }

  private async clear(resource: string | undefined): Promise<void> {
    if (!resource) {
      for (const name of await this.engine.store.bucketNames()) await this.engine.store.deleteBucket(name);
      return;
    }
    const config = await this.engine.store.bucketConfig(resource);
    if (!config) throw new Error(`There is no bucket ${resource}.`);
    await this.engine.store.deleteBucket(resource);
    await this.engine.store.createBucket(resource);
    await this.engine.store.saveBucketConfig(resource, { creationDate: config.creationDate });
  }

  async close(): Promise<void> {
    // Nothing else is held open between requests: every write is complete once its request is answered.
    this.folderWatch.close();
    await this.engine.md5Thread.close();
  }
}

export function s3Service(ctx: ServiceContext): S3Service {
  return new S3Service(ctx);
}
