// SNS's state and behaviour without the wire: topics and subscriptions (the template's, rebuilt on each
// reload with stable ARNs, and the API's, saved atomically), publishing (FIFO groups, deduplication, sequence
// numbers) and the fan-out: each subscription's filter policy, then an asynchronous invoke for functions and a
// message for queues, each carrying the publisher's invocation chain for loop detection.
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { compileSnsFilterPolicy } from '../../event-sources/filtering';
import type { InvocationChain } from '../../event-sources/recursion';
import { snsSubscriptionQueueArn } from '../../template/sam-events/sns';
import { functionArnOf, topicArn } from '../../template/local-values';
import type { FunctionConfig } from '../../template/model';
import { resourcesOfKind, type LocalResource } from '../../template/resources/model';
import type { ServiceContext } from '../service';
import type { CompiledSubscription, Publication, StoredSns, Subscription, Topic } from './model';
import { lambdaRecord, queueMessage } from './notification';

const STATE_FILE = 'sns.json';
const DEDUPLICATION_MS = 5 * 60 * 1000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** A template subscription's ARN: the topic's and a UUID derived from what declares it, the same on every run. */
function stableSubscriptionArn(topic: string, declaredBy: string): string {
  const hex = createHash('sha256').update(`${topic}|${declaredBy}`).digest('hex');
  return `${topic}:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export class SnsTopics {
  readonly topics = new Map<string, Topic>();
  readonly subscriptions = new Map<string, CompiledSubscription>();
  private readonly deduplication = new Map<string, { messageId: string; sequenceNumber?: string; expiresAt: number }>();
  private nextSequence = 10_000_000_000_000_000_000n;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ServiceContext, private readonly folder: string) {
    this.load();
  }

  topicByArn(arn: string): Topic | undefined {
    return this.topics.get(arn);
  }

  arnOf(name: string): string {
    return topicArn(name, this.ctx.scope);
  }

  /** Follows the template: its topics and subscriptions replace the previous template's; the API's stay. */
  syncTemplate(resources: readonly LocalResource[], functions: readonly FunctionConfig[]): void {
    for (const [arn, topic] of this.topics) if (topic.origin === 'template') this.topics.delete(arn);
    for (const [arn, subscription] of this.subscriptions) if (subscription.origin === 'template') this.subscriptions.delete(arn);
    for (const resource of resourcesOfKind(resources, 'topic')) {
      const properties = resource.properties as Record<string, unknown>;
      const fifo = properties.FifoTopic === true || properties.FifoTopic === 'true';
      const arn = this.arnOf(resource.name);
      const displayName = text(properties.DisplayName);
      this.topics.set(arn, { name: resource.name, arn, fifo, contentBasedDeduplication: properties.ContentBasedDeduplication === true || properties.ContentBasedDeduplication === 'true', attributes: displayName ? { DisplayName: displayName } : {}, origin: 'template' });
      const inline = Array.isArray(properties.Subscription) ? properties.Subscription : [];
      inline.forEach((item: unknown, index) => {
        if (!isRecord(item)) return;
        this.addTemplateSubscription({ topicArn: arn, protocol: text(item.Protocol) ?? '', endpoint: text(item.Endpoint) ?? '', declaredBy: `${resource.logicalId}.Subscription[${index}]` });
      });
    }
    for (const resource of resourcesOfKind(resources, 'subscription')) {
      const properties = resource.properties as Record<string, unknown>;
      this.addTemplateSubscription({
        topicArn: text(properties.TopicArn) ?? '', protocol: text(properties.Protocol) ?? '', endpoint: text(properties.Endpoint) ?? '', declaredBy: resource.logicalId,
        filterPolicy: properties.FilterPolicy, filterPolicyScope: text(properties.FilterPolicyScope), raw: properties.RawMessageDelivery === true || properties.RawMessageDelivery === 'true',
      });
    }
    for (const fn of functions) {
      for (const event of fn.events) {
        if (event.type !== 'SNS') continue;
        const topic = text(event.properties.Topic);
        if (!topic) {
          this.ctx.log('error', `Function ${fn.name}, event ${event.name} (SNS): Topic must be a topic's ARN, e.g. !Ref MyTopic.`);
          continue;
        }
        const queue = snsSubscriptionQueueArn(fn, event, this.ctx.scope);
        this.addTemplateSubscription({
          topicArn: topic, protocol: queue ? 'sqs' : 'lambda', endpoint: queue ?? functionArnOf(fn.name, this.ctx.scope), declaredBy: `${fn.logicalId}.Events.${event.name}`,
          filterPolicy: event.properties.FilterPolicy, filterPolicyScope: text(event.properties.FilterPolicyScope), raw: false,
        });
      }
    }
  }

  /** Adds or replaces a subscription, its filter policy compiled once (throws PatternError for a bad policy). */
  put(subscription: Subscription): CompiledSubscription {
    const compiled: CompiledSubscription = { ...subscription };
    const filter = subscription.filterPolicy !== undefined ? compileSnsFilterPolicy(subscription.filterPolicy, subscription.filterPolicyScope) : undefined;
    Object.defineProperty(compiled, 'filter', { enumerable: false, value: filter, writable: true });
    this.subscriptions.set(subscription.arn, compiled);
    return compiled;
  }

  subscriptionsOf(topicArn: string): CompiledSubscription[] {
    return [...this.subscriptions.values()].filter((subscription) => subscription.topicArn === topicArn);
  }

  /**
   * Checks FIFO rules, deduplicates, numbers and fans out one message; answers its id (a duplicate's is the
   * original's). Throws Error with SNS's message for a FIFO message without what it needs.
   */
  publish(input: Omit<Publication, 'messageId' | 'timestamp' | 'sequenceNumber'>, chain: InvocationChain | undefined): { messageId: string; sequenceNumber?: string } {
    const now = Date.now();
    const { topic } = input;
    let deduplicationId = input.deduplicationId;
    if (topic.fifo) {
      deduplicationId ??= topic.contentBasedDeduplication ? createHash('sha256').update(input.message).digest('hex') : undefined;
      for (const [id, entry] of this.deduplication) if (entry.expiresAt <= now) this.deduplication.delete(id);
      const key = `${topic.arn}|${deduplicationId}`;
      const previous = this.deduplication.get(key);
      if (previous) return previous;
      const publication: Publication = { ...input, deduplicationId, messageId: randomUUID(), timestamp: now, sequenceNumber: String(this.nextSequence++) };
      this.deduplication.set(key, { messageId: publication.messageId, sequenceNumber: publication.sequenceNumber, expiresAt: now + DEDUPLICATION_MS });
      this.fanOut(publication, chain);
      return { messageId: publication.messageId, sequenceNumber: publication.sequenceNumber };
    }
    const publication: Publication = { ...input, messageId: randomUUID(), timestamp: now };
    this.fanOut(publication, chain);
    return { messageId: publication.messageId };
  }

  /** Writes what the API created (atomically). */
  save(): Promise<void> {
    const stored: StoredSns = {
      topics: [...this.topics.values()].filter((topic) => topic.origin === 'api'),
      subscriptions: [...this.subscriptions.values()].filter((subscription) => subscription.origin === 'api').map((subscription) => ({ ...subscription })),
    };
    const body = JSON.stringify(stored, null, 2) + '\n';
    this.saving = this.saving.then(() => writeFileAtomic(path.join(this.folder, STATE_FILE), body)).catch((error: unknown) => {
      this.ctx.log('error', `Could not save SNS's topics in ${this.folder}: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.saving;
  }

  flushed(): Promise<void> {
    return this.saving;
  }

  clear(): void {
    for (const [arn, topic] of this.topics) if (topic.origin === 'api') this.topics.delete(arn);
    for (const [arn, subscription] of this.subscriptions) if (subscription.origin === 'api') this.subscriptions.delete(arn);
  }

  private fanOut(publication: Publication, chain: InvocationChain | undefined): void {
    const body = publication.message;
    const attributes = Object.fromEntries(Object.entries(publication.attributes).map(([name, value]) => [name, { Type: value.DataType, Value: value.BinaryValue ?? value.StringValue ?? '' }]));
    for (const subscription of this.subscriptionsOf(publication.topic.arn)) {
      if (subscription.filter && !subscription.filter.matches({ body, attributes })) continue;
      void this.deliver(publication, subscription, chain);
    }
  }

  private async deliver(publication: Publication, subscription: CompiledSubscription, chain: InvocationChain | undefined): Promise<void> {
    const trigger = `SNS ${publication.topic.name}: ${publication.subject ?? publication.messageId}`;
    if (subscription.protocol === 'lambda') {
      const payload = Buffer.from(JSON.stringify({ Records: [lambdaRecord(publication, subscription, this.ctx.scope)] }));
      const outcome = this.ctx.invokeAsync(subscription.endpoint, payload, { chain, via: 'sns', trigger });
      if (!outcome.accepted && outcome.reason === 'no-such-function') this.ctx.log('warn', `SNS topic ${publication.topic.name}: subscription ${subscription.arn} names ${subscription.endpoint}, which is not a function in the template; message ${publication.messageId} was not delivered to it.`);
      return;
    }
    if (subscription.protocol === 'sqs') {
      const message = queueMessage(publication, subscription, this.ctx.scope);
      const fifo = publication.topic.fifo;
      try {
        await this.ctx.deliver(subscription.endpoint, {
          body: message.body, ...(message.attributes ? { attributes: message.attributes } : {}), chain, sourceArn: publication.topic.arn,
          ...(fifo ? { messageGroupId: publication.groupId, deduplicationId: publication.deduplicationId ?? createHash('sha256').update(message.body).digest('hex') } : {}),
        });
      } catch (error) {
        this.ctx.log('warn', `SNS topic ${publication.topic.name} could not deliver message ${publication.messageId} to ${subscription.endpoint}: ${error instanceof Error ? error.message : String(error)}.`);
      }
      return;
    }
    this.ctx.log('info', `SNS topic ${publication.topic.name}: subscription ${subscription.arn} (${subscription.protocol} ${subscription.endpoint}) is not delivered locally (functions and queues are); message ${publication.messageId} skipped it.`);
  }

  private addTemplateSubscription(spec: { topicArn: string; protocol: string; endpoint: string; declaredBy: string; filterPolicy?: unknown; filterPolicyScope?: string; raw?: boolean }): void {
    if (!spec.topicArn || !spec.protocol || !spec.endpoint) {
      this.ctx.log('error', `SNS subscription ${spec.declaredBy} needs TopicArn, Protocol and Endpoint.`);
      return;
    }
    const scope = spec.filterPolicyScope === 'MessageBody' ? 'MessageBody' : 'MessageAttributes';
    try {
      this.put({
        arn: stableSubscriptionArn(spec.topicArn, spec.declaredBy), topicArn: spec.topicArn, protocol: spec.protocol.toLowerCase(), endpoint: spec.endpoint,
        rawMessageDelivery: spec.raw === true, ...(spec.filterPolicy !== undefined ? { filterPolicy: typeof spec.filterPolicy === 'string' ? spec.filterPolicy : JSON.stringify(spec.filterPolicy) } : {}),
        filterPolicyScope: scope, origin: 'template', declaredBy: spec.declaredBy,
      });
    } catch (error) {
      this.ctx.log('error', `SNS subscription ${spec.declaredBy}: its FilterPolicy cannot be used: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!this.topics.has(spec.topicArn)) this.ctx.log('warn', `SNS subscription ${spec.declaredBy} is on ${spec.topicArn}, which is not a topic of the template; it receives nothing until that topic exists.`);
  }

  private load(): void {
    const file = path.join(this.folder, STATE_FILE);
    let stored: StoredSns;
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as StoredSns;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.ctx.log('error', `${file} cannot be read (${(error as Error).message}); the topics created through the API are not loaded. Fix or delete the file.`);
      return;
    }
    for (const topic of stored.topics ?? []) this.topics.set(topic.arn, topic);
    for (const subscription of stored.subscriptions ?? []) {
      try {
        this.put(subscription);
      } catch {
        this.ctx.log('warn', `SNS subscription ${subscription.arn}: its stored filter policy cannot be used; it was dropped.`);
      }
    }
  }
}
