// One queue's behaviour without the wire: sending (delay, size, FIFO groups and deduplication), receiving
// (visibility timeout, receipt handles, FIFO's one batch in flight per group, redrive to the dead-letter queue
// once a message has been received maxReceiveCount times), deleting, changing visibility, purging, and waking
// long polls when a message may have become available. Times are computed when asked, not kept by timers.
import { createHash, randomUUID } from 'node:crypto';
import { randomHex } from '../../events/ids';
import { SqsError, invalidParameter, invalidValue, missingParameter } from './errors';
import { isBinaryType, md5Hex, md5OfAttributes } from './md5';
import type { Deduplication, MessageAttributes, QueueOrigin, QueueSettings, StoredMessage, StoredQueue } from './model';

const DEDUPLICATION_MS = 5 * 60 * 1000;
/** Characters SQS allows in a body: #x9 #xA #xD #x20-#xD7FF #xE000-#xFFFD #x10000-#x10FFFF. */
const INVALID_CHARACTER = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export interface SendInput {
  body: string;
  attributes?: MessageAttributes;
  delaySeconds?: number;
  groupId?: string;
  deduplicationId?: string;
  traceHeader?: string;
  senderId: string;
  /** Redrive keeps a message's identity when it moves it. */
  moved?: Pick<StoredMessage, 'id' | 'sentAt' | 'receiveCount' | 'firstReceivedAt'> & { sourceArn: string };
}

export interface SendResult {
  messageId: string;
  md5OfBody: string;
  md5OfAttributes?: string;
  md5OfSystemAttributes?: string;
  sequenceNumber?: string;
}

export interface Received {
  message: StoredMessage;
  receiptHandle: string;
}

/** What a queue needs from the queues around it. */
export interface QueueHost {
  /** Moves a message to `deadLetterTargetArn`; false when there is no such queue (the message stays). */
  deadLetter(source: Queue, deadLetterTargetArn: string, message: StoredMessage): boolean;
  /** The queue changed: save it (soon). */
  changed(queue: Queue): void;
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** SQS counts the body and every attribute's name, type and value against the size limit. */
function messageSize(body: string, attributes: MessageAttributes | undefined): number {
  let size = Buffer.byteLength(body, 'utf8');
  for (const [name, value] of Object.entries(attributes ?? {})) {
    size += Buffer.byteLength(name) + Buffer.byteLength(value.DataType);
    size += isBinaryType(value.DataType) ? Buffer.from(value.BinaryValue ?? '', 'base64').length : Buffer.byteLength(value.StringValue ?? '');
  }
  return size;
}

export function decodeReceiptHandle(handle: string): { messageId: string; token: string } | undefined {
  const text = Buffer.from(handle, 'base64').toString('utf8');
  const match = /^lambkin:([0-9a-f-]{36}):([0-9a-f]{32})$/.exec(text);
  return match ? { messageId: match[1], token: match[2] } : undefined;
}

function receiptHandleOf(messageId: string, token: string): string {
  return Buffer.from(`lambkin:${messageId}:${token}`).toString('base64');
}

export class Queue {
  readonly messages = new Map<string, StoredMessage>();
  readonly deduplication = new Map<string, Deduplication>();
  settings: QueueSettings;
  tags: Record<string, string>;
  origin: QueueOrigin;
  readonly createdAt: number;
  lastModifiedAt: number;
  purgedAt?: number;
  private nextSequence: bigint;
  private readonly waiters = new Set<() => void>();
  private wakeTimer: NodeJS.Timeout | undefined;

  constructor(readonly name: string, readonly url: string, readonly arn: string, private readonly host: QueueHost, stored: Omit<StoredQueue, 'name'>) {
    this.settings = stored.settings;
    this.tags = stored.tags;
    this.origin = stored.origin;
    this.createdAt = stored.createdAt;
    this.lastModifiedAt = stored.lastModifiedAt;
    this.purgedAt = stored.purgedAt;
    this.nextSequence = BigInt(stored.nextSequence);
    for (const message of stored.messages) this.messages.set(message.id, message);
    for (const [id, entry] of Object.entries(stored.deduplication)) this.deduplication.set(id, entry);
  }

  get fifo(): boolean {
    return this.settings.fifoQueue;
  }

  toStored(): StoredQueue {
    return {
      name: this.name, origin: this.origin, settings: this.settings, tags: this.tags, createdAt: this.createdAt, lastModifiedAt: this.lastModifiedAt,
      messages: [...this.messages.values()], deduplication: Object.fromEntries(this.deduplication), nextSequence: String(this.nextSequence),
      ...(this.purgedAt !== undefined ? { purgedAt: this.purgedAt } : {}),
    };
  }

  send(input: SendInput, now = Date.now()): SendResult {
    if (INVALID_CHARACTER.test(input.body)) {
      throw new SqsError('InvalidMessageContents', 'Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF');
    }
    const size = messageSize(input.body, input.attributes);
    if (size > this.settings.maximumMessageSize) {
      throw invalidParameter(`One or more parameters are invalid. Reason: Message must be shorter than ${this.settings.maximumMessageSize} bytes.`);
    }
    const md5OfBody = md5Hex(input.body);
    const md5OfAttrs = md5OfAttributes(input.attributes);
    const md5OfSystemAttributes = input.traceHeader !== undefined ? md5OfAttributes({ AWSTraceHeader: { DataType: 'String', StringValue: input.traceHeader } }) : undefined;
    const digests = { md5OfBody, ...(md5OfAttrs ? { md5OfAttributes: md5OfAttrs } : {}), ...(md5OfSystemAttributes ? { md5OfSystemAttributes } : {}) };
    let deduplicationId: string | undefined;
    if (this.fifo) {
      if (!input.groupId) throw missingParameter('MessageGroupId');
      if (input.delaySeconds !== undefined && input.delaySeconds !== 0 && !input.moved) {
        throw invalidValue('DelaySeconds', input.delaySeconds, 'The request include parameter that is not valid for this queue type');
      }
      deduplicationId = input.deduplicationId ?? (this.settings.contentBasedDeduplication ? sha256Hex(input.body) : undefined);
      if (!deduplicationId) throw invalidParameter('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
      this.forgetOldDeduplication(now);
      const previous = this.deduplication.get(deduplicationId);
      // A duplicate is acknowledged as if it were sent, and not enqueued again.
      if (previous && !input.moved) return { messageId: previous.messageId, ...digests, ...(previous.sequenceNumber ? { sequenceNumber: previous.sequenceNumber } : {}) };
    } else if (input.deduplicationId !== undefined) {
      throw invalidValue('MessageDeduplicationId', input.deduplicationId, 'The request include parameter that is not valid for this queue type');
    }
    const id = input.moved?.id ?? randomUUID();
    const delay = input.moved ? 0 : (input.delaySeconds ?? this.settings.delaySeconds);
    const sequenceNumber = this.fifo ? String(this.nextSequence++) : undefined;
    const message: StoredMessage = {
      id, body: input.body, md5OfBody, senderId: input.senderId, sentAt: input.moved?.sentAt ?? now, visibleAt: now + delay * 1000,
      receiveCount: input.moved?.receiveCount ?? 0,
      ...(input.moved?.firstReceivedAt !== undefined ? { firstReceivedAt: input.moved.firstReceivedAt } : {}),
      ...(input.attributes && md5OfAttrs ? { attributes: input.attributes, md5OfAttributes: md5OfAttrs } : {}),
      ...(input.traceHeader !== undefined ? { traceHeader: input.traceHeader, md5OfSystemAttributes } : {}),
      ...(this.fifo ? { groupId: input.groupId, deduplicationId, sequenceNumber } : input.groupId ? { groupId: input.groupId } : {}),
      ...(input.moved ? { deadLetterSourceArn: input.moved.sourceArn } : {}),
    };
    this.messages.set(id, message);
    if (deduplicationId && !input.moved) this.deduplication.set(deduplicationId, { messageId: id, ...(sequenceNumber ? { sequenceNumber } : {}), expiresAt: now + DEDUPLICATION_MS });
    this.host.changed(this);
    this.wake();
    return { messageId: id, ...digests, ...(sequenceNumber ? { sequenceNumber } : {}) };
  }

  /**
   * Takes up to `max` available messages, each with a fresh receipt handle, hidden for the visibility timeout.
   * A FIFO group with a message in flight gives nothing, and a group gives its messages in order.
   */
  receive(max: number, visibilityTimeout = this.settings.visibilityTimeout, now = Date.now()): Received[] {
    this.forgetExpired(now);
    const blockedGroups = new Set<string>();
    if (this.fifo) for (const message of this.messages.values()) if (message.receipt && message.visibleAt > now) blockedGroups.add(message.groupId ?? '');
    const received: Received[] = [];
    const redrive = this.settings.redrivePolicy;
    for (const message of [...this.messages.values()]) {
      if (received.length >= max) break;
      const group = message.groupId ?? '';
      if (this.fifo && blockedGroups.has(group)) continue;
      if (message.visibleAt > now) {
        if (this.fifo) blockedGroups.add(group);
        continue;
      }
      if (redrive && message.receiveCount >= redrive.maxReceiveCount && this.host.deadLetter(this, redrive.deadLetterTargetArn, message)) {
        this.messages.delete(message.id);
        this.host.changed(this);
        continue;
      }
      const token = randomHex(32);
      message.receiveCount++;
      message.firstReceivedAt ??= now;
      message.receipt = token;
      message.visibleAt = now + visibilityTimeout * 1000;
      received.push({ message, receiptHandle: receiptHandleOf(message.id, token) });
    }
    if (received.length > 0) {
      this.host.changed(this);
      this.armWakeTimer();
    }
    return received;
  }

  /** Deletes the message a receipt handle names; an outdated handle (a later receive exists) deletes nothing, as on SQS. */
  delete(receiptHandle: string): void {
    const decoded = decodeReceiptHandle(receiptHandle);
    if (!decoded) throw new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    const message = this.messages.get(decoded.messageId);
    if (!message || message.receipt !== decoded.token) return;
    this.messages.delete(message.id);
    this.host.changed(this);
    // A FIFO group may have been waiting for this message to go.
    if (this.fifo) this.wake();
  }

  changeVisibility(receiptHandle: string, seconds: number, now = Date.now()): void {
    const decoded = decodeReceiptHandle(receiptHandle);
    if (!decoded) throw new SqsError('ReceiptHandleIsInvalid', `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`);
    const message = this.messages.get(decoded.messageId);
    if (!message || message.receipt !== decoded.token || message.visibleAt <= now) {
      throw new SqsError('MessageNotInflight', 'The message referred to is not in flight.');
    }
    if (message.firstReceivedAt !== undefined && now + seconds * 1000 > message.firstReceivedAt + 43_200_000) {
      throw invalidValue('VisibilityTimeout', seconds, 'Total VisibilityTimeout for the message is beyond the limit [43200 seconds]');
    }
    message.visibleAt = now + seconds * 1000;
    this.host.changed(this);
    this.wake();
    this.armWakeTimer();
  }

  purge(now = Date.now()): void {
    if (this.purgedAt !== undefined && now - this.purgedAt < 60_000) {
      throw new SqsError('PurgeQueueInProgress', `Only one PurgeQueue operation on ${this.name} is allowed every 60 seconds.`, 403);
    }
    this.purgedAt = now;
    this.messages.clear();
    this.host.changed(this);
  }

  /** Approximate counts, as GetQueueAttributes and the Resources view show them. */
  counts(now = Date.now()): { visible: number; inFlight: number; delayed: number } {
    this.forgetExpired(now);
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) visible++;
      else if (message.receipt) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  /**
   * Resolves when a message may have become available (sent, made visible, a FIFO group freed) or after
   * `timeoutMs`; the caller tries to receive again. `signal` ends the wait early (a mapping stopping).
   */
  waitForMessages(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (timeoutMs <= 0 || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      this.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
      this.armWakeTimer();
    });
  }

  /** Ends every wait (the queue is going away or the runtime closes). */
  close(): void {
    for (const waiter of [...this.waiters]) waiter();
    clearTimeout(this.wakeTimer);
  }

  private wake(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** While someone waits, a timer fires when the next hidden message (delayed or in flight) becomes visible. */
  private armWakeTimer(): void {
    clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    if (this.waiters.size === 0) return;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const message of this.messages.values()) if (message.visibleAt > now && message.visibleAt < next) next = message.visibleAt;
    if (next === Number.POSITIVE_INFINITY) return;
    this.wakeTimer = setTimeout(() => {
      this.wake();
      this.armWakeTimer();
    }, Math.min(next - now + 1, 2_147_483_647));
    this.wakeTimer.unref();
  }

  private forgetExpired(now: number): void {
    const retentionMs = this.settings.messageRetentionPeriod * 1000;
    let removed = false;
    for (const message of this.messages.values()) {
      if (message.sentAt + retentionMs <= now) {
        this.messages.delete(message.id);
        removed = true;
      }
    }
    if (removed) this.host.changed(this);
  }

  private forgetOldDeduplication(now: number): void {
    for (const [id, entry] of this.deduplication) if (entry.expiresAt <= now) this.deduplication.delete(id);
  }
}
