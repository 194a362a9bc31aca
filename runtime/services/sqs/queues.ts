// Every queue of the local SQS: the template's (created on start and reload, their settings following the
// template, their messages kept) and the API's (kept in the data folder until deleted); lookups by name, URL
// or ARN; and redrive between them.
import type { ServiceContext } from '../service';
import { queueArn, queueUrl } from '../../template/local-values';
import { resourcesOfKind, type LocalResource } from '../../template/resources/model';
import { applyAttributes, defaultSettings, firstDifference, templateAttributes } from './attributes';
import { SqsError, invalidParameter } from './errors';
import type { QueueOrigin, StoredMessage, StoredQueue } from './model';
import { Queue, type QueueHost } from './queue';
import { QueueStore } from './store';

const QUEUE_NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIRST_SEQUENCE = '18000000000000000000';

export class Queues implements QueueHost {
  private readonly queues = new Map<string, Queue>();
  /** Files of template queues, kept until the template declares them (again). */
  private readonly dormant = new Map<string, StoredQueue>();
  private readonly deletedAt = new Map<string, number>();
  private readonly store: QueueStore;

  constructor(private readonly ctx: ServiceContext) {
    this.store = new QueueStore(ctx.dataFolder('sqs'), (name) => this.queues.get(name)?.toStored(), (message) => ctx.log('error', message));
    this.load();
  }

  get all(): Queue[] {
    return [...this.queues.values()];
  }

  byName(name: string): Queue | undefined {
    return this.queues.get(name);
  }

  /** A QueueUrl in any form clients send (the local URL, AWS's, LocalStack's): the last path segment names it. */
  byUrl(url: string): Queue | undefined {
    const name = /\/([^/?#]+)\/?(?:[?#].*)?$/.exec(url)?.[1];
    return name ? this.queues.get(decodeURIComponent(name)) : undefined;
  }

  byArn(arn: string): Queue | undefined {
    const name = /^arn:[^:]+:sqs:[^:]*:[^:]*:(.+)$/.exec(arn)?.[1];
    return name ? this.queues.get(name) : undefined;
  }

  /** CreateQueue: the same name and attributes give the existing queue; different attributes are an error. */
  create(name: string, attributes: Readonly<Record<string, string>>, tags: Record<string, string>, origin: QueueOrigin, now = Date.now()): Queue {
    const fifoName = name.endsWith('.fifo');
    const base = fifoName ? name.slice(0, -5) : name;
    if (!QUEUE_NAME.test(base) || name.length > 80) {
      throw invalidParameter('Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length');
    }
    const wantsFifo = attributes.FifoQueue === 'true';
    if (wantsFifo && !fifoName) throw invalidParameter('The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.');
    if (fifoName && !wantsFifo) throw invalidParameter("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    const settings = applyAttributes(defaultSettings(), attributes, true);
    const existing = this.queues.get(name);
    if (existing) {
      const difference = firstDifference(existing.settings, settings, Object.keys(attributes));
      if (difference && origin === 'api') throw new SqsError('QueueNameExists', `A queue already exists with the same name and a different value for attribute ${difference}`);
      return existing;
    }
    const deleted = this.deletedAt.get(name);
    if (deleted !== undefined && now - deleted < 60_000 && origin === 'api') {
      throw new SqsError('QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.');
    }
    const seconds = Math.floor(now / 1000);
    const queue = this.materialize({ name, origin, settings, tags, createdAt: seconds, lastModifiedAt: seconds, messages: [], deduplication: {}, nextSequence: FIRST_SEQUENCE });
    this.changed(queue);
    return queue;
  }

  delete(queue: Queue): void {
    queue.close();
    this.queues.delete(queue.name);
    this.deletedAt.set(queue.name, Date.now());
    this.store.remove(queue.name);
  }

  /** The template's queues exist with the template's settings; queues it no longer declares are put away (data kept). */
  syncTemplate(resources: readonly LocalResource[]): void {
    const declared = new Map(resourcesOfKind(resources, 'queue').map((resource) => [resource.name, resource]));
    for (const queue of this.all) {
      if (queue.origin !== 'template' || declared.has(queue.name)) continue;
      this.dormant.set(queue.name, queue.toStored());
      queue.close();
      this.queues.delete(queue.name);
    }
    for (const [name, resource] of declared) {
      let settings;
      try {
        const attributes = templateAttributes(resource.properties);
        settings = applyAttributes(defaultSettings(), attributes, true);
        if (settings.fifoQueue !== name.endsWith('.fifo')) throw new Error(settings.fifoQueue ? 'a FIFO queue\'s name must end in .fifo' : 'only a FIFO queue (FifoQueue: true) may have a name ending in .fifo');
      } catch (error) {
        this.ctx.log('error', `Queue ${resource.logicalId} (${resource.templatePath}:${resource.location.line}) cannot be created: ${error instanceof Error ? error.message : String(error)}`);
        continue;
      }
      const existing = this.queues.get(name);
      if (existing) {
        existing.settings = { ...settings, fifoQueue: existing.settings.fifoQueue };
        existing.origin = 'template';
        this.changed(existing);
        continue;
      }
      const stored = this.dormant.get(name);
      this.dormant.delete(name);
      const seconds = Math.floor(Date.now() / 1000);
      const queue = this.materialize(stored && stored.settings.fifoQueue === settings.fifoQueue
        ? { ...stored, settings, origin: 'template' }
        : { name, origin: 'template', settings, tags: {}, createdAt: seconds, lastModifiedAt: seconds, messages: [], deduplication: {}, nextSequence: FIRST_SEQUENCE });
      this.changed(queue);
    }
    for (const queue of this.all) {
      const target = queue.settings.redrivePolicy?.deadLetterTargetArn;
      if (target && !this.byArn(target)) this.ctx.log('warn', `Queue ${queue.name}'s RedrivePolicy names ${target}, which is not a queue here; messages past maxReceiveCount stay in ${queue.name} until it exists.`);
    }
  }

  /** Redrive: the message goes to the dead-letter queue with its id, body, attributes and receive count. */
  deadLetter(source: Queue, deadLetterTargetArn: string, message: StoredMessage): boolean {
    const target = this.byArn(deadLetterTargetArn);
    if (!target || target === source) return false;
    try {
      target.send({
        body: message.body, attributes: message.attributes, traceHeader: message.traceHeader, senderId: message.senderId,
        groupId: message.groupId, deduplicationId: message.deduplicationId,
        moved: { id: message.id, sentAt: message.sentAt, receiveCount: message.receiveCount, firstReceivedAt: message.firstReceivedAt, sourceArn: source.arn },
      });
    } catch (error) {
      this.ctx.log('warn', `Queue ${source.name} could not move message ${message.id} to its dead-letter queue ${target.name}: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
    this.ctx.log('info', `Queue ${source.name}: message ${message.id} was received ${message.receiveCount} times (maxReceiveCount ${source.settings.redrivePolicy?.maxReceiveCount}) and moved to ${target.name}.`);
    return true;
  }

  /** Moves every message of a dead-letter queue back to the queue(s) it came from (the Redrive DLQ action). */
  redriveBack(dlq: Queue): number {
    let moved = 0;
    for (const message of [...dlq.messages.values()]) {
      const source = message.deadLetterSourceArn ? this.byArn(message.deadLetterSourceArn) : undefined;
      if (!source) continue;
      source.send({ body: message.body, attributes: message.attributes, traceHeader: message.traceHeader, senderId: message.senderId, groupId: message.groupId, deduplicationId: message.deduplicationId, moved: { id: message.id, sentAt: message.sentAt, receiveCount: 0, sourceArn: dlq.arn } });
      const restored = source.messages.get(message.id);
      if (restored) delete restored.deadLetterSourceArn;
      dlq.messages.delete(message.id);
      moved++;
    }
    if (moved > 0) this.changed(dlq);
    return moved;
  }

  /** The queues whose RedrivePolicy points at `queue`. */
  sourcesOf(queue: Queue): Queue[] {
    return this.all.filter((candidate) => candidate.settings.redrivePolicy?.deadLetterTargetArn === queue.arn);
  }

  changed(queue: Queue): void {
    if (this.queues.get(queue.name) === queue) this.store.scheduleSave(queue.name);
  }

  /** Forgets messages (of one queue, or of all) and the queues the API created (when all). */
  reset(name?: string): void {
    for (const queue of this.all) {
      if (name !== undefined && queue.name !== name) continue;
      queue.messages.clear();
      queue.deduplication.clear();
      delete queue.purgedAt;
      if (name === undefined && queue.origin === 'api') this.delete(queue);
      else this.changed(queue);
    }
    if (name === undefined) this.dormant.clear();
  }

  async close(): Promise<void> {
    for (const queue of this.all) queue.close();
    await this.store.flush();
  }

  flush(): Promise<void> {
    return this.store.flush();
  }

  private materialize(stored: StoredQueue): Queue {
    const { name, ...rest } = stored;
    const queue = new Queue(name, queueUrl(name, this.ctx.scope), queueArn(name, this.ctx.scope), this, rest);
    this.queues.set(name, queue);
    return queue;
  }

  private load(): void {
    for (const stored of this.store.loadAll()) {
      if (stored.origin === 'api') this.materialize(stored);
      else this.dormant.set(stored.name, stored);
    }
  }
}
