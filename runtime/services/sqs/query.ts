// SQS's query protocol (form-encoded `Action=…` posted to the queue URL, XML answers), as older SDKs and the
// AWS CLI v1 speak it: each action's parameters are converted to the JSON protocol's shape, the same
// operations run, and their answers are written as SQS's XML (flattened lists: `<Attribute>` repeated).
import type { XmlValue } from '../wire/xml';
import type { QueryParams } from '../wire/query';

type Params = Record<string, unknown>;

export const SQS_NAMESPACE = 'http://queue.amazonaws.com/doc/2012-11-05/';

function nameValueMap(params: QueryParams, name: string, keyField = 'Name', valueField = 'Value'): Record<string, string> | undefined {
  const map = params.map(name, keyField, valueField);
  return map.size > 0 ? Object.fromEntries(map) : undefined;
}

function messageAttributes(params: QueryParams, name: string): Params | undefined {
  const map = params.structureMap(name);
  if (map.size === 0) return undefined;
  const attributes: Params = {};
  for (const [key, prefix] of map) {
    attributes[key] = {
      DataType: params.string(`${prefix}.DataType`),
      ...(params.string(`${prefix}.StringValue`) !== undefined ? { StringValue: params.string(`${prefix}.StringValue`) } : {}),
      ...(params.string(`${prefix}.BinaryValue`) !== undefined ? { BinaryValue: params.string(`${prefix}.BinaryValue`) } : {}),
    };
  }
  return attributes;
}

function number(params: QueryParams, name: string): number | string | undefined {
  const value = params.string(name);
  if (value === undefined) return undefined;
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

function defined(params: Params): Params {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== undefined));
}

/** One message's fields under `prefix` (`` for SendMessage, `SendMessageBatchRequestEntry.1.` in a batch). */
function messageFields(params: QueryParams, prefix: string): Params {
  return defined({
    MessageBody: params.string(`${prefix}MessageBody`),
    DelaySeconds: number(params, `${prefix}DelaySeconds`),
    MessageAttributes: messageAttributes(params, `${prefix}MessageAttribute`),
    MessageSystemAttributes: messageAttributes(params, `${prefix}MessageSystemAttribute`),
    MessageDeduplicationId: params.string(`${prefix}MessageDeduplicationId`),
    MessageGroupId: params.string(`${prefix}MessageGroupId`),
  });
}

function entries(params: QueryParams, name: string, read: (prefix: string) => Params): Params[] {
  return params.structures(name).map((prefix) => defined({ Id: params.string(`${prefix}.Id`), ...read(`${prefix}.`) }));
}

/** The action's parameters in the JSON protocol's shape; the queue URL comes from the path when not given. */
export function jsonParamsOf(action: string, params: QueryParams, pathQueueUrl: string | undefined): Params {
  const common = defined({ QueueUrl: params.string('QueueUrl') ?? pathQueueUrl, QueueName: params.string('QueueName') });
  switch (action) {
    case 'CreateQueue':
      return defined({ ...common, Attributes: nameValueMap(params, 'Attribute'), tags: nameValueMap(params, 'Tag', 'Key', 'Value') });
    case 'SetQueueAttributes':
      return defined({ ...common, Attributes: nameValueMap(params, 'Attribute') });
    case 'GetQueueAttributes':
      return { ...common, AttributeNames: params.list('AttributeName') };
    case 'ListQueues':
      return defined({ QueueNamePrefix: params.string('QueueNamePrefix'), NextToken: params.string('NextToken'), MaxResults: number(params, 'MaxResults') });
    case 'SendMessage':
      return { ...common, ...messageFields(params, '') };
    case 'SendMessageBatch':
      return { ...common, Entries: entries(params, 'SendMessageBatchRequestEntry', (prefix) => messageFields(params, prefix)) };
    case 'ReceiveMessage':
      return defined({
        ...common,
        AttributeNames: params.list('AttributeName'),
        MessageSystemAttributeNames: params.list('MessageSystemAttributeName'),
        MessageAttributeNames: params.list('MessageAttributeName'),
        MaxNumberOfMessages: number(params, 'MaxNumberOfMessages'),
        VisibilityTimeout: number(params, 'VisibilityTimeout'),
        WaitTimeSeconds: number(params, 'WaitTimeSeconds'),
      });
    case 'DeleteMessage':
      return defined({ ...common, ReceiptHandle: params.string('ReceiptHandle') });
    case 'DeleteMessageBatch':
      return { ...common, Entries: entries(params, 'DeleteMessageBatchRequestEntry', (prefix) => defined({ ReceiptHandle: params.string(`${prefix}ReceiptHandle`) })) };
    case 'ChangeMessageVisibility':
      return defined({ ...common, ReceiptHandle: params.string('ReceiptHandle'), VisibilityTimeout: number(params, 'VisibilityTimeout') });
    case 'ChangeMessageVisibilityBatch':
      return {
        ...common,
        Entries: entries(params, 'ChangeMessageVisibilityBatchRequestEntry', (prefix) => defined({ ReceiptHandle: params.string(`${prefix}ReceiptHandle`), VisibilityTimeout: number(params, `${prefix}VisibilityTimeout`) })),
      };
    case 'TagQueue':
      return defined({ ...common, Tags: nameValueMap(params, 'Tag', 'Key', 'Value') });
    case 'UntagQueue':
      return { ...common, TagKeys: params.list('TagKey') };
    default:
      return common;
  }
}

function nameValues(map: unknown): XmlValue[] {
  return Object.entries((map ?? {}) as Record<string, string>).map(([Name, Value]) => ({ Name, Value }));
}

function message(item: Params): XmlValue {
  const attributes = (item.MessageAttributes ?? {}) as Record<string, Params>;
  return {
    MessageId: item.MessageId as string,
    ReceiptHandle: item.ReceiptHandle as string,
    MD5OfBody: item.MD5OfBody as string,
    Body: item.Body as string,
    Attribute: nameValues(item.Attributes),
    MD5OfMessageAttributes: item.MD5OfMessageAttributes as string | undefined,
    MessageAttribute: Object.entries(attributes).map(([Name, value]) => ({
      Name,
      Value: { StringValue: value.StringValue as string | undefined, BinaryValue: value.BinaryValue as string | undefined, DataType: value.DataType as string },
    })),
  };
}

function batch(result: Params, entryName: string): Record<string, XmlValue> {
  return {
    [entryName]: ((result.Successful ?? []) as Params[]) as XmlValue[],
    BatchResultErrorEntry: ((result.Failed ?? []) as Params[]) as XmlValue[],
  };
}

/** The `<ActionResult>` content of an answer in the JSON shape; undefined for actions that answer only metadata. */
export function xmlResultOf(action: string, result: Params): Record<string, XmlValue> | undefined {
  switch (action) {
    case 'CreateQueue':
    case 'GetQueueUrl':
      return { QueueUrl: result.QueueUrl as string };
    case 'ListQueues':
      return { QueueUrl: (result.QueueUrls ?? []) as string[], NextToken: result.NextToken as string | undefined };
    case 'ListDeadLetterSourceQueues':
      return { QueueUrl: (result.queueUrls ?? []) as string[] };
    case 'GetQueueAttributes':
      return { Attribute: nameValues(result.Attributes) };
    case 'SendMessage':
      return result as Record<string, XmlValue>;
    case 'SendMessageBatch':
      return batch(result, 'SendMessageBatchResultEntry');
    case 'DeleteMessageBatch':
      return batch(result, 'DeleteMessageBatchResultEntry');
    case 'ChangeMessageVisibilityBatch':
      return batch(result, 'ChangeMessageVisibilityBatchResultEntry');
    case 'ReceiveMessage':
      return { Message: ((result.Messages ?? []) as Params[]).map(message) };
    case 'ListQueueTags':
      return { Tag: Object.entries((result.Tags ?? {}) as Record<string, string>).map(([Key, Value]) => ({ Key, Value })) };
    default:
      return undefined;
  }
}
