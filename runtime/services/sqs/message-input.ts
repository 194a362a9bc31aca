// Checks what a sender gives with a message, as SQS does before accepting it: message attributes (names,
// types, values, at most 10), the AWSTraceHeader system attribute, batch entry ids. Params arrive in the JSON
// protocol's shape (the query protocol is converted to it first).
import { invalidParameter, SqsError } from './errors';
import type { MessageAttributes, MessageAttributeValue } from './model';

const ATTRIBUTE_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
const TYPE = /^(String|Number|Binary)(\.[A-Za-z0-9_.-]{1,256})?$/;
export const BATCH_ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;
const MAX_ATTRIBUTES = 10;

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function checkName(name: string): void {
  if (!ATTRIBUTE_NAME.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..') || /^(aws|amazon)\./i.test(name)) {
    throw invalidParameter(`Message (user) attribute name '${name}' is invalid. The attribute name can contain only A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.), cannot start or end with a period, cannot have two periods in a row, and cannot start with 'AWS.' or 'Amazon.'.`);
  }
}

function checkValue(name: string, raw: Record<string, unknown>): MessageAttributeValue {
  const dataType = typeof raw.DataType === 'string' ? raw.DataType : '';
  if (dataType === '') throw invalidParameter(`The message attribute '${name}' must contain non-empty message attribute type.`);
  if (!TYPE.test(dataType)) throw invalidParameter(`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
  if (dataType.startsWith('Binary')) {
    const value = typeof raw.BinaryValue === 'string' ? raw.BinaryValue : raw.BinaryValue instanceof Uint8Array ? Buffer.from(raw.BinaryValue).toString('base64') : '';
    if (value === '') throw invalidParameter(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
    return { DataType: dataType, BinaryValue: value };
  }
  const value = typeof raw.StringValue === 'string' ? raw.StringValue : '';
  if (value === '') throw invalidParameter(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType.split('.')[0]}'.`);
  if (dataType.startsWith('Number') && !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(value.trim())) {
    throw invalidParameter(`Can't cast the value of message (user) attribute '${name}' to a number.`);
  }
  return { DataType: dataType, StringValue: value };
}

/** MessageAttributes as sent → checked attributes; undefined when there are none. */
export function readMessageAttributes(value: unknown): MessageAttributes | undefined {
  const entries = Object.entries(record(value));
  if (entries.length === 0) return undefined;
  if (entries.length > MAX_ATTRIBUTES) throw invalidParameter(`Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`);
  const attributes: MessageAttributes = {};
  for (const [name, raw] of entries) {
    checkName(name);
    attributes[name] = checkValue(name, record(raw));
  }
  return attributes;
}

/** MessageSystemAttributes: only AWSTraceHeader exists. */
export function readTraceHeader(value: unknown): string | undefined {
  const entries = Object.entries(record(value));
  let trace: string | undefined;
  for (const [name, raw] of entries) {
    if (name !== 'AWSTraceHeader') throw invalidParameter(`Message system attribute name '${name}' is invalid.`);
    const attribute = checkValue(name, record(raw));
    if (attribute.DataType !== 'String') throw invalidParameter(`Message system attribute '${name}' must be of type String.`);
    trace = attribute.StringValue;
  }
  return trace;
}

/** A batch's entries: 1-10 of them with distinct, well-formed ids. */
export function checkBatch(entries: unknown, entryShape: string): Array<Record<string, unknown>> {
  if (!Array.isArray(entries) || entries.length === 0) throw new SqsError('EmptyBatchRequest', `There should be at least one ${entryShape} in the request.`);
  if (entries.length > 10) throw new SqsError('TooManyEntriesInBatchRequest', `Maximum number of entries per request are 10. You have sent ${entries.length}.`);
  const ids = new Set<string>();
  return entries.map((entry) => {
    const fields = record(entry);
    const id = typeof fields.Id === 'string' ? fields.Id : '';
    if (!BATCH_ENTRY_ID.test(id)) throw new SqsError('InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
    if (ids.has(id)) throw new SqsError('BatchEntryIdsNotDistinct', `Id ${id} repeated.`);
    ids.add(id);
    return fields;
  });
}
