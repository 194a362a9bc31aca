// Queue attributes as SQS takes them (CreateQueue, SetQueueAttributes: names → text values) and answers them
// (GetQueueAttributes), with SQS's ranges and errors; the template's AWS::SQS::Queue properties go through the
// same checks after being written as attributes.
import { SqsError } from './errors';
import { DEFAULT_SETTINGS, type QueueSettings, type RedrivePolicy } from './model';

const RANGES: Readonly<Record<string, [number, number]>> = {
  DelaySeconds: [0, 900],
  MaximumMessageSize: [1024, 1_048_576],
  MessageRetentionPeriod: [60, 1_209_600],
  ReceiveMessageWaitTimeSeconds: [0, 20],
  VisibilityTimeout: [0, 43_200],
};

/** Attributes SQS accepts and Lambkin keeps without acting on them. */
const KEPT = new Set(['Policy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled', 'DeduplicationScope', 'FifoThroughputLimit']);

/** What GetQueueAttributes can be asked for besides the settable ones. */
export const READ_ONLY = ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed', 'CreatedTimestamp', 'LastModifiedTimestamp', 'QueueArn'];

const invalidValue = (name: string): SqsError => new SqsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);

function wholeNumber(name: string, value: string): number {
  const [min, max] = RANGES[name];
  const number = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || number < min || number > max) throw invalidValue(name);
  return number;
}

function bool(name: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalidValue(name);
}

export function parseRedrivePolicy(text: string): RedrivePolicy {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new SqsError('InvalidAttributeValue', `Value ${text} for parameter RedrivePolicy is invalid. Reason: Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map.`);
  }
  const policy = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const arn = policy.deadLetterTargetArn;
  const count = Number(policy.maxReceiveCount);
  if (typeof arn !== 'string' || !/^arn:[^:]+:sqs:[^:]*:\d{12}:[A-Za-z0-9_-]{1,80}(\.fifo)?$/.test(arn)) {
    throw new SqsError('InvalidAttributeValue', `Value ${text} for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.`);
  }
  if (!Number.isInteger(count) || count < 1 || count > 1000) {
    throw new SqsError('InvalidAttributeValue', `Value ${text} for parameter RedrivePolicy is invalid. Reason: Invalid value for maxReceiveCount: ${String(policy.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`);
  }
  return { deadLetterTargetArn: arn, maxReceiveCount: count };
}

/**
 * Applies attributes to settings (a new queue's defaults, or a queue's current settings). `creating` allows
 * FifoQueue, which is fixed once the queue exists.
 */
export function applyAttributes(base: QueueSettings, attributes: Readonly<Record<string, string>>, creating: boolean): QueueSettings {
  const settings: QueueSettings = { ...base, other: { ...base.other } };
  for (const [name, value] of Object.entries(attributes)) {
    switch (name) {
      case 'DelaySeconds': settings.delaySeconds = wholeNumber(name, value); break;
      case 'MaximumMessageSize': settings.maximumMessageSize = wholeNumber(name, value); break;
      case 'MessageRetentionPeriod': settings.messageRetentionPeriod = wholeNumber(name, value); break;
      case 'ReceiveMessageWaitTimeSeconds': settings.receiveMessageWaitTimeSeconds = wholeNumber(name, value); break;
      case 'VisibilityTimeout': settings.visibilityTimeout = wholeNumber(name, value); break;
      case 'RedrivePolicy':
        if (value === '') delete settings.redrivePolicy;
        else settings.redrivePolicy = parseRedrivePolicy(value);
        break;
      case 'RedriveAllowPolicy': settings.redriveAllowPolicy = value; break;
      case 'FifoQueue':
        if (!creating) throw new SqsError('InvalidAttributeName', 'Unknown Attribute FifoQueue.');
        settings.fifoQueue = bool(name, value);
        break;
      case 'ContentBasedDeduplication': settings.contentBasedDeduplication = bool(name, value); break;
      default:
        if (!KEPT.has(name)) throw new SqsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
        settings.other[name] = value;
    }
  }
  if (settings.contentBasedDeduplication && !settings.fifoQueue) throw invalidValue('ContentBasedDeduplication');
  return settings;
}

export function defaultSettings(): QueueSettings {
  return { ...DEFAULT_SETTINGS, other: {} };
}

/** The settable attributes as GetQueueAttributes answers them. */
export function settingsAsAttributes(settings: QueueSettings): Record<string, string> {
  return {
    DelaySeconds: String(settings.delaySeconds),
    MaximumMessageSize: String(settings.maximumMessageSize),
    MessageRetentionPeriod: String(settings.messageRetentionPeriod),
    ReceiveMessageWaitTimeSeconds: String(settings.receiveMessageWaitTimeSeconds),
    VisibilityTimeout: String(settings.visibilityTimeout),
    SqsManagedSseEnabled: 'false',
    ...(settings.redrivePolicy ? { RedrivePolicy: JSON.stringify(settings.redrivePolicy) } : {}),
    ...(settings.redriveAllowPolicy ? { RedriveAllowPolicy: settings.redriveAllowPolicy } : {}),
    ...(settings.fifoQueue ? { FifoQueue: 'true', ContentBasedDeduplication: String(settings.contentBasedDeduplication), DeduplicationScope: 'queue', FifoThroughputLimit: 'perQueue' } : {}),
    ...settings.other,
  };
}

/** The first attribute a CreateQueue names whose value differs from the existing queue's (SQS compares only those). */
export function firstDifference(existing: QueueSettings, requested: QueueSettings, named: Iterable<string>): string | undefined {
  const left = settingsAsAttributes(existing);
  const right = settingsAsAttributes(requested);
  for (const name of named) if (left[name] !== right[name]) return name;
  return undefined;
}

/** An AWS::SQS::Queue's properties as the attributes CreateQueue would take. */
export function templateAttributes(properties: Readonly<Record<string, unknown>>): Record<string, string> {
  const attributes: Record<string, string> = {};
  const names = ['DelaySeconds', 'MaximumMessageSize', 'MessageRetentionPeriod', 'ReceiveMessageWaitTimeSeconds', 'VisibilityTimeout', 'FifoQueue', 'ContentBasedDeduplication', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'KmsDataKeyReusePeriodSeconds', 'SqsManagedSseEnabled', 'DeduplicationScope', 'FifoThroughputLimit'];
  for (const name of names) {
    const value = properties[name];
    if (value === undefined || value === null) continue;
    attributes[name] = typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
  return attributes;
}
