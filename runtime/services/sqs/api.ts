// SQS's operations on queues and messages, in the JSON protocol's shape (`AmazonSQS.<Operation>` bodies and
// answers); the query protocol (query.ts) converts to and from it. Each operation takes the parsed params and
// returns the answer, or throws SqsError.
import { createHash } from 'node:crypto';
import type { ServiceRequest } from '../service';
import { applyAttributes, READ_ONLY, settingsAsAttributes } from './attributes';
import { invalidValue, missingParameter, noSuchQueue, SqsError } from './errors';
import { checkBatch, readMessageAttributes, readTraceHeader } from './message-input';
import type { Queue, Received, SendResult } from './queue';
import type { Queues } from './queues';

type Params = Record<string, unknown>;
export type Operation = (queues: Queues, params: Params, request: ServiceRequest) => unknown;

const MAX_WAIT_SECONDS = 20;

function text(params: Params, key: string): string | undefined {
  const value = params[key];
  return typeof value === 'string' ? value : undefined;
}

function required(params: Params, key: string): string {
  const value = text(params, key);
  if (value === undefined || value === '') throw missingParameter(key);
  return value;
}

function stringMap(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}

function queueOf(queues: Queues, params: Params): Queue {
  const queue = queues.byUrl(required(params, 'QueueUrl'));
  if (!queue) throw noSuchQueue();
  return queue;
}

function integer(params: Params, key: string, min: number, max: number, reason: string): number | undefined {
  const value = params[key];
  if (value === undefined || value === null) return undefined;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < min || number > max) throw invalidValue(key, value, reason);
  return number;
}

/** The sender as SQS records it: an IAM user id, stable for the account. */
export function senderIdOf(request: ServiceRequest): string {
  const key = request.signature.kind === 'signed' ? request.signature.signature.accessKeyId : 'anonymous';
  return `AIDA${createHash('sha256').update(key).digest('hex').slice(0, 17).toUpperCase()}`;
}

function traceHeaderOf(request: ServiceRequest): string | undefined {
  const header = request.req.headers['x-amzn-trace-id'];
  return Array.isArray(header) ? header[0] : header;
}

function sendOne(queue: Queue, entry: Params, request: ServiceRequest): SendResult {
  const body = text(entry, 'MessageBody');
  if (body === undefined || body === '') throw missingParameter('MessageBody');
  return queue.send({
    body,
    attributes: readMessageAttributes(entry.MessageAttributes),
    delaySeconds: integer(entry, 'DelaySeconds', 0, 900, 'Must be >= 0 and <= 900, if provided.'),
    groupId: text(entry, 'MessageGroupId'),
    deduplicationId: text(entry, 'MessageDeduplicationId'),
    traceHeader: readTraceHeader(entry.MessageSystemAttributes) ?? traceHeaderOf(request),
    senderId: senderIdOf(request),
  });
}

function sendAnswer(result: SendResult): Params {
  return {
    MessageId: result.messageId,
    MD5OfMessageBody: result.md5OfBody,
    ...(result.md5OfAttributes ? { MD5OfMessageAttributes: result.md5OfAttributes } : {}),
    ...(result.md5OfSystemAttributes ? { MD5OfMessageSystemAttributes: result.md5OfSystemAttributes } : {}),
    ...(result.sequenceNumber ? { SequenceNumber: result.sequenceNumber } : {}),
  };
}

function failure(id: string, error: unknown): Params {
  if (!(error instanceof SqsError)) throw error;
  return { Id: id, SenderFault: error.fault === 'Sender', Code: error.queryCode, Message: error.message };
}

/** The system attributes a receiver asked for (`All` or names). */
function systemAttributes(received: Received, names: readonly string[]): Record<string, string> | undefined {
  if (names.length === 0) return undefined;
  const { message } = received;
  const all: Record<string, string | undefined> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
    AWSTraceHeader: message.traceHeader,
    SequenceNumber: message.sequenceNumber,
    MessageDeduplicationId: message.deduplicationId,
    MessageGroupId: message.groupId,
    DeadLetterQueueSourceArn: message.deadLetterSourceArn,
  };
  const wanted = names.includes('All') ? Object.keys(all) : names;
  const picked = Object.fromEntries(wanted.filter((name) => all[name] !== undefined).map((name) => [name, all[name]!]));
  return Object.keys(picked).length > 0 ? picked : undefined;
}

function attributeWanted(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => pattern === 'All' || pattern === '.*' || pattern === name || (pattern.endsWith('.*') && name.startsWith(pattern.slice(0, -1))));
}

export function receivedAnswer(received: Received, systemNames: readonly string[], attributePatterns: readonly string[]): Params {
  const { message } = received;
  const attributes = Object.entries(message.attributes ?? {}).filter(([name]) => attributeWanted(name, attributePatterns));
  const system = systemAttributes(received, systemNames);
  return {
    MessageId: message.id,
    ReceiptHandle: received.receiptHandle,
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    ...(system ? { Attributes: system } : {}),
    ...(attributes.length > 0 ? { MD5OfMessageAttributes: message.md5OfAttributes, MessageAttributes: Object.fromEntries(attributes) } : {}),
  };
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** ReceiveMessage, with its long poll: answers as soon as a message is there, or when the wait is over. */
async function receiveMessage(queues: Queues, params: Params, request: ServiceRequest): Promise<Params> {
  const queue = queueOf(queues, params);
  const max = integer(params, 'MaxNumberOfMessages', 1, 10, 'Must be between 1 and 10, if provided.') ?? 1;
  const wait = integer(params, 'WaitTimeSeconds', 0, MAX_WAIT_SECONDS, 'Must be >= 0 and <= 20, if provided.') ?? queue.settings.receiveMessageWaitTimeSeconds;
  const visibility = integer(params, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
  const systemNames = [...names(params.AttributeNames), ...names(params.MessageSystemAttributeNames)];
  const attributePatterns = names(params.MessageAttributeNames);
  const until = Date.now() + wait * 1000;
  const gone = new AbortController();
  request.res.once('close', () => gone.abort());
  for (;;) {
    if (queues.byName(queue.name) !== queue) throw noSuchQueue();
    const received = queue.receive(max, visibility);
    if (received.length > 0) return { Messages: received.map((item) => receivedAnswer(item, systemNames, attributePatterns)) };
    const left = until - Date.now();
    if (left <= 0 || gone.signal.aborted) return {};
    await queue.waitForMessages(left, gone.signal);
  }
}

function batchTooLong(entries: Array<Record<string, unknown>>, limit: number): void {
  const size = entries.reduce((sum, entry) => sum + Buffer.byteLength(typeof entry.MessageBody === 'string' ? entry.MessageBody : '') + Buffer.byteLength(JSON.stringify(entry.MessageAttributes ?? {})), 0);
  if (size > limit) throw new SqsError('BatchRequestTooLong', `Batch requests cannot be longer than ${limit} bytes. You have sent ${size} bytes.`);
}

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  CreateQueue(queues, params) {
    const name = required(params, 'QueueName');
    const queue = queues.create(name, stringMap(params.Attributes), stringMap(params.tags), 'api');
    return { QueueUrl: queue.url };
  },

  GetQueueUrl(queues, params) {
    const queue = queues.byName(required(params, 'QueueName'));
    if (!queue) throw noSuchQueue();
    return { QueueUrl: queue.url };
  },

  ListQueues(queues, params) {
    const prefix = text(params, 'QueueNamePrefix') ?? '';
    const max = integer(params, 'MaxResults', 1, 1000, 'Must be between 1 and 1000, if provided.');
    const urls = queues.all.filter((queue) => queue.name.startsWith(prefix)).map((queue) => queue.url).sort();
    if (max === undefined) return urls.length > 0 ? { QueueUrls: urls.slice(0, 1000) } : {};
    const start = Number(Buffer.from(text(params, 'NextToken') ?? '', 'base64').toString('utf8')) || 0;
    const page = urls.slice(start, start + max);
    const next = start + max < urls.length ? Buffer.from(String(start + max)).toString('base64') : undefined;
    return { ...(page.length > 0 ? { QueueUrls: page } : {}), ...(next ? { NextToken: next } : {}) };
  },

  DeleteQueue(queues, params) {
    queues.delete(queueOf(queues, params));
    return {};
  },

  GetQueueAttributes(queues, params) {
    const queue = queueOf(queues, params);
    const wanted = names(params.AttributeNames);
    const counts = queue.counts();
    const all: Record<string, string> = {
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      CreatedTimestamp: String(queue.createdAt),
      LastModifiedTimestamp: String(queue.lastModifiedAt),
      ...settingsAsAttributes(queue.settings),
    };
    for (const name of wanted) if (name !== 'All' && !(name in all) && !READ_ONLY.includes(name) && !['RedrivePolicy', 'RedriveAllowPolicy', 'Policy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit'].includes(name)) {
      throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
    const picked = wanted.includes('All') ? all : Object.fromEntries(wanted.filter((name) => name in all).map((name) => [name, all[name]]));
    return Object.keys(picked).length > 0 ? { Attributes: picked } : {};
  },

  SetQueueAttributes(queues, params) {
    const queue = queueOf(queues, params);
    queue.settings = applyAttributes(queue.settings, stringMap(params.Attributes), false);
    queue.lastModifiedAt = Math.floor(Date.now() / 1000);
    queues.changed(queue);
    return {};
  },

  SendMessage(queues, params, request) {
    return sendAnswer(sendOne(queueOf(queues, params), params, request));
  },

  SendMessageBatch(queues, params, request) {
    const queue = queueOf(queues, params);
    const entries = checkBatch(params.Entries, 'SendMessageBatchRequestEntry');
    batchTooLong(entries, queue.settings.maximumMessageSize);
    const successful: Params[] = [];
    const failed: Params[] = [];
    for (const entry of entries) {
      try {
        successful.push({ Id: entry.Id, ...sendAnswer(sendOne(queue, entry, request)) });
      } catch (error) {
        failed.push(failure(String(entry.Id), error));
      }
    }
    return { Successful: successful, Failed: failed };
  },

  ReceiveMessage: receiveMessage,

  DeleteMessage(queues, params) {
    queueOf(queues, params).delete(required(params, 'ReceiptHandle'));
    return {};
  },

  DeleteMessageBatch(queues, params) {
    const queue = queueOf(queues, params);
    const entries = checkBatch(params.Entries, 'DeleteMessageBatchRequestEntry');
    const successful: Params[] = [];
    const failed: Params[] = [];
    for (const entry of entries) {
      try {
        queue.delete(typeof entry.ReceiptHandle === 'string' ? entry.ReceiptHandle : '');
        successful.push({ Id: entry.Id });
      } catch (error) {
        failed.push(failure(String(entry.Id), error));
      }
    }
    return { Successful: successful, Failed: failed };
  },

  ChangeMessageVisibility(queues, params) {
    const queue = queueOf(queues, params);
    const handle = required(params, 'ReceiptHandle');
    const seconds = integer(params, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.');
    if (seconds === undefined) throw missingParameter('VisibilityTimeout');
    queue.changeVisibility(handle, seconds);
    return {};
  },

  ChangeMessageVisibilityBatch(queues, params) {
    const queue = queueOf(queues, params);
    const entries = checkBatch(params.Entries, 'ChangeMessageVisibilityBatchRequestEntry');
    const successful: Params[] = [];
    const failed: Params[] = [];
    for (const entry of entries) {
      try {
        const seconds = integer(entry, 'VisibilityTimeout', 0, 43_200, 'Must be >= 0 and <= 43200, if provided.') ?? 0;
        queue.changeVisibility(typeof entry.ReceiptHandle === 'string' ? entry.ReceiptHandle : '', seconds);
        successful.push({ Id: entry.Id });
      } catch (error) {
        failed.push(failure(String(entry.Id), error));
      }
    }
    return { Successful: successful, Failed: failed };
  },

  PurgeQueue(queues, params) {
    queueOf(queues, params).purge();
    return {};
  },

  TagQueue(queues, params) {
    const queue = queueOf(queues, params);
    Object.assign(queue.tags, stringMap(params.Tags));
    queues.changed(queue);
    return {};
  },

  UntagQueue(queues, params) {
    const queue = queueOf(queues, params);
    for (const key of names(params.TagKeys)) delete queue.tags[key];
    queues.changed(queue);
    return {};
  },

  ListQueueTags(queues, params) {
    const queue = queueOf(queues, params);
    return Object.keys(queue.tags).length > 0 ? { Tags: queue.tags } : {};
  },

  ListDeadLetterSourceQueues(queues, params) {
    const queue = queueOf(queues, params);
    return { queueUrls: queues.sourcesOf(queue).map((source) => source.url) };
  },
};
