// What the local SQS keeps: a queue's settings (its attributes as SQS names them) and its messages, in the
// shape written to the data folder, so a restart finds every message where it was (visible, in flight, delayed).

/** A message attribute as the JSON protocol carries it (BinaryValue base64). */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export type MessageAttributes = Record<string, MessageAttributeValue>;

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/** The settable attributes, parsed; what GetQueueAttributes answers is derived from them. */
export interface QueueSettings {
  delaySeconds: number;
  maximumMessageSize: number;
  messageRetentionPeriod: number;
  receiveMessageWaitTimeSeconds: number;
  visibilityTimeout: number;
  redrivePolicy?: RedrivePolicy;
  /** Kept as written (a JSON text), for queues that allow being a DLQ of some sources only. */
  redriveAllowPolicy?: string;
  fifoQueue: boolean;
  contentBasedDeduplication: boolean;
  /** Attributes Lambkin keeps and answers but does not act on (Policy, KmsMasterKeyId, SqsManagedSseEnabled, …). */
  other: Record<string, string>;
}

export const DEFAULT_SETTINGS: QueueSettings = {
  delaySeconds: 0,
  maximumMessageSize: 1_048_576,
  messageRetentionPeriod: 345_600,
  receiveMessageWaitTimeSeconds: 0,
  visibilityTimeout: 30,
  fifoQueue: false,
  contentBasedDeduplication: false,
  other: {},
};

export interface StoredMessage {
  id: string;
  body: string;
  md5OfBody: string;
  attributes?: MessageAttributes;
  md5OfAttributes?: string;
  /** The AWSTraceHeader system attribute (the sender's trace, carrying a loop's lineage). */
  traceHeader?: string;
  md5OfSystemAttributes?: string;
  senderId: string;
  /** Epoch ms. */
  sentAt: number;
  /** Epoch ms before which the message is not delivered (its delay, or the visibility timeout of its last receive). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The token of the receipt handle of the last receive (the handle is only valid while it is the latest). */
  receipt?: string;
  groupId?: string;
  deduplicationId?: string;
  sequenceNumber?: string;
  /** Set when redrive moved it here from a source queue. */
  deadLetterSourceArn?: string;
}

export interface Deduplication {
  messageId: string;
  sequenceNumber?: string;
  expiresAt: number;
}

export type QueueOrigin = 'template' | 'api';

/** One queue's file in the data folder. */
export interface StoredQueue {
  name: string;
  origin: QueueOrigin;
  settings: QueueSettings;
  tags: Record<string, string>;
  /** Epoch seconds. */
  createdAt: number;
  lastModifiedAt: number;
  messages: StoredMessage[];
  deduplication: Record<string, Deduplication>;
  nextSequence: string;
  /** Epoch ms of the last PurgeQueue (one per 60 s). */
  purgedAt?: number;
}
