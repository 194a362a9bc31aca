// The local S3 without the wire: the store, the template's buckets and notification rules, and sending the
// notification of an object change to the functions, queues and topics whose rules match it, as S3 does
// (asynchronous invocation, one record per event, loop detection through S3).
import type { InvocationChain } from '../../event-sources/recursion';
import { bucketArn } from '../../template/local-values';
import { resourcesOfKind } from '../../template/resources/model';
import type { LocalModel, ServiceContext } from '../service';
import { templateCorsRules, type CorsRule } from './cors';
import { errors, hostId } from './errors';
import { Md5Thread } from './md5-thread';
import { eventKey, matchesEvent, matchesKey, templateRules, type NotificationRule } from './notifications';
import { isBucketName, type BucketConfig } from './object-model';
import { ObjectStore } from './store';

/** Who made a change, for the event record. */
export interface ChangeSource {
  requestId: string;
  hostId: string;
  sourceIp: string;
  /** `AWS:<access key id>` of the signed request, else `anonymous`. */
  principal: string;
  chain?: InvocationChain;
}

export interface ChangedObject {
  key: string;
  size?: number;
  /** Unquoted. */
  etag?: string;
}

/**
 * A change Lambkin itself found rather than a request made (`F`: a file changed in a bucket's folder, `R`: an
 * upload completed at start): a request id of S3's shape from the time, from the local machine.
 */
export function localChangeSource(kind: 'F' | 'R'): ChangeSource {
  const requestId = `${kind}${Date.now().toString(16).toUpperCase()}`.padEnd(16, '0').slice(0, 16);
  return { requestId, hostId: hostId(requestId), sourceIp: '127.0.0.1', principal: 'AWS:lambkin' };
}

/** S3's owner id in records, fixed locally. */
const OWNER_ID = 'LAMBKINLOCALOWNER';

export class S3Engine {
  readonly store: ObjectStore;
  /** Hashes large uploads' bodies off the request thread; ended by the service's close(). */
  readonly md5Thread = new Md5Thread();
  private rulesFromTemplate = new Map<string, NotificationRule[]>();
  private corsFromTemplate = new Map<string, CorsRule[]>();
  private lastSequence = 0n;

  constructor(private readonly ctx: ServiceContext) {
    this.store = new ObjectStore(ctx.dataFolder('s3'));
  }

  get scope(): ServiceContext['scope'] {
    return this.ctx.scope;
  }

  /** The template's buckets exist (kept with their objects across reloads and restarts); its rules replace the last ones. */
  async sync(model: LocalModel): Promise<void> {
    this.store.forgetFolders();
    const rules = new Map<string, NotificationRule[]>();
    const cors = new Map<string, CorsRule[]>();
    for (const bucket of resourcesOfKind(model.resources, 'bucket')) {
      if (!isBucketName(bucket.name)) {
        this.ctx.log('warn', `Bucket ${bucket.logicalId}: "${bucket.name}" is not a bucket name S3 accepts (3-63 lower-case letters, digits, dots and hyphens); it is not served.`);
        continue;
      }
      await this.store.createBucket(bucket.name);
      rules.set(bucket.name, templateRules(bucket, model.functions, this.ctx.scope));
      const corsRules = templateCorsRules(bucket.properties.CorsConfiguration);
      if (corsRules) cors.set(bucket.name, corsRules);
    }
    this.rulesFromTemplate = rules;
    this.corsFromTemplate = cors;
  }

  async requireBucket(bucket: string): Promise<BucketConfig> {
    const config = await this.store.bucketConfig(bucket);
    if (!config) throw errors.noSuchBucket(bucket);
    return config;
  }

  /** The template's rules for the bucket, then those the API set. */
  rules(bucket: string, config: BucketConfig | undefined): NotificationRule[] {
    const api = Array.isArray(config?.notification) ? (config.notification as NotificationRule[]) : [];
    return [...(this.rulesFromTemplate.get(bucket) ?? []), ...api];
  }

  /** The bucket's CORS rules: those PutBucketCors set, else the template's; undefined when it has none. */
  corsRules(bucket: string, config: BucketConfig | undefined): CorsRule[] | undefined {
    return Array.isArray(config?.cors) ? (config.cors as CorsRule[]) : this.corsFromTemplate.get(bucket);
  }

  /** Sends the event to every matching destination; never fails the request that caused it. */
  async notify(bucket: string, eventName: string, object: ChangedObject, source: ChangeSource): Promise<void> {
    const config = await this.store.bucketConfig(bucket);
    const matching = this.rules(bucket, config).filter((rule) => matchesEvent(rule, eventName) && matchesKey(rule, object.key));
    if (matching.length === 0) return;
    const sequencer = this.nextSequencer();
    const eventTime = new Date().toISOString();
    for (const rule of matching) {
      const record = {
        eventVersion: '2.1',
        eventSource: 'aws:s3',
        awsRegion: this.ctx.scope.region,
        eventTime,
        eventName,
        userIdentity: { principalId: source.principal },
        requestParameters: { sourceIPAddress: source.sourceIp },
        responseElements: { 'x-amz-request-id': source.requestId, 'x-amz-id-2': source.hostId },
        s3: {
          s3SchemaVersion: '1.0',
          configurationId: rule.id,
          bucket: { name: bucket, ownerIdentity: { principalId: OWNER_ID }, arn: bucketArn(bucket, this.ctx.scope) },
          object: {
            key: eventKey(object.key),
            ...(object.size !== undefined ? { size: object.size } : {}),
            ...(object.etag !== undefined ? { eTag: object.etag } : {}),
            sequencer,
          },
        },
      };
      await this.send(rule, bucket, JSON.stringify({ Records: [record] }), `S3 ${bucket}: ${eventName} ${object.key}`, source.chain);
    }
  }

  /** `s3:TestEvent`, which S3 sends to queues and topics (not functions) when a configuration is saved. */
  async sendTestEvent(bucket: string, rules: readonly NotificationRule[], source: ChangeSource): Promise<void> {
    const body = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: new Date().toISOString(), Bucket: bucket, RequestId: source.requestId, HostId: source.hostId });
    for (const rule of rules) if (rule.destination !== 'function') await this.send(rule, bucket, body, `S3 ${bucket}: s3:TestEvent`, source.chain);
  }

  private async send(rule: NotificationRule, bucket: string, body: string, trigger: string, chain: InvocationChain | undefined): Promise<void> {
    if (rule.destination === 'function') {
      const outcome = this.ctx.invokeAsync(rule.arn, Buffer.from(body), { chain, via: 's3', trigger });
      if (!outcome.accepted && outcome.reason === 'no-such-function') {
        this.ctx.log('warn', `S3 bucket ${bucket}: notification ${rule.id} names ${rule.arn}, which is no function of the template; the event was not sent.`);
      }
      return;
    }
    try {
      await this.ctx.deliver(rule.arn, { body, chain, sourceArn: bucketArn(bucket, this.ctx.scope), subject: 'Amazon S3 Notification' });
    } catch (error) {
      this.ctx.log('warn', `S3 bucket ${bucket}: notification ${rule.id} could not be delivered to ${rule.arn}: ${error instanceof Error ? error.message : String(error)}.`);
    }
  }

  /** Hex, increasing for every event of this runtime (so per key too), as S3's sequencer orders a key's events. */
  private nextSequencer(): string {
    const candidate = BigInt(Date.now()) * 1000n;
    this.lastSequence = candidate > this.lastSequence ? candidate : this.lastSequence + 1n;
    return this.lastSequence.toString(16).toUpperCase().padStart(18, '0');
  }
}
