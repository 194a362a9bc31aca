// The digests SQS answers and the SDK checks: MD5 of the body's UTF-8 bytes, and of message (or system)
// attributes in SQS's encoding: for each attribute sorted by name, length-prefixed name, length-prefixed data
// type, one transport byte (1 string/number, 2 binary) and the length-prefixed value (raw bytes for binary).
import { createHash } from 'node:crypto';
import type { MessageAttributeValue } from './model';

export function md5Hex(data: string | Buffer): string {
  return createHash('md5').update(data).digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer[] {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return [length, bytes];
}

export function isBinaryType(dataType: string): boolean {
  return dataType === 'Binary' || dataType.startsWith('Binary.');
}

/** Undefined when there are no attributes: SQS leaves the digest out then. */
export function md5OfAttributes(attributes: Readonly<Record<string, MessageAttributeValue>> | undefined): string | undefined {
  const names = Object.keys(attributes ?? {}).sort();
  if (!attributes || names.length === 0) return undefined;
  const parts: Buffer[] = [];
  for (const name of names) {
    const attribute = attributes[name];
    parts.push(...lengthPrefixed(Buffer.from(name, 'utf8')), ...lengthPrefixed(Buffer.from(attribute.DataType, 'utf8')));
    if (isBinaryType(attribute.DataType)) parts.push(Buffer.from([2]), ...lengthPrefixed(Buffer.from(attribute.BinaryValue ?? '', 'base64')));
    else parts.push(Buffer.from([1]), ...lengthPrefixed(Buffer.from(attribute.StringValue ?? '', 'utf8')));
  }
  return md5Hex(Buffer.concat(parts));
}
