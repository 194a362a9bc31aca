// Plain JSON → DynamoDB AttributeValue JSON, and DynamoDB's item-size rules for SizeBytes.
// Plain JSON cannot express sets (SS, NS, BS) or binary (B): strings become S, numbers N (as strings),
// booleans BOOL, null NULL, arrays L and objects M.

import type { AttributeValue } from 'aws-lambda';
import { EventInputError, type JsonObject, type JsonValue } from './types';

export type AttributeMap = Record<string, AttributeValue>;

export function toAttributeValue(value: JsonValue): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'number') return { N: String(value) };
  if (typeof value === 'boolean') return { BOOL: value };
  if (Array.isArray(value)) return { L: value.map(toAttributeValue) };
  return { M: toAttributeMap(value) };
}

export function toAttributeMap(object: JsonObject): AttributeMap {
  return Object.fromEntries(Object.entries(object).map(([name, value]) => [name, toAttributeValue(value)]));
}

/** DynamoDB stores numbers in about one byte per two significant digits, plus one. */
function numberSize(text: string): number {
  const mantissa = text.replace(/^-/, '').split(/e/i)[0] ?? '';
  const significant = mantissa.replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return Math.ceil(Math.max(significant.length, 1) / 2) + 1;
}

function valueSize(value: AttributeValue): number {
  if (value.S !== undefined) return Buffer.byteLength(value.S, 'utf8');
  if (value.N !== undefined) return numberSize(value.N);
  if (value.B !== undefined) return Buffer.from(value.B, 'base64').length;
  if (value.BOOL !== undefined || value.NULL !== undefined) return 1;
  if (value.SS !== undefined) return value.SS.reduce((sum, s) => sum + Buffer.byteLength(s, 'utf8'), 0);
  if (value.NS !== undefined) return value.NS.reduce((sum, n) => sum + numberSize(n), 0);
  if (value.BS !== undefined) return value.BS.reduce((sum, b) => sum + Buffer.from(b, 'base64').length, 0);
  // Lists and maps: 3 bytes of overhead plus 1 byte per element.
  if (value.L !== undefined) return 3 + value.L.reduce((sum, item) => sum + 1 + valueSize(item), 0);
  if (value.M !== undefined) return 3 + Object.values(value.M).reduce((sum, item) => sum + 1 + valueSize(item), 0) + namesSize(value.M);
  return 0;
}

function namesSize(map: AttributeMap): number {
  return Object.keys(map).reduce((sum, name) => sum + Buffer.byteLength(name, 'utf8'), 0);
}

/** Item size as DynamoDB counts it: attribute names plus values. */
export function attributeMapSize(map: AttributeMap): number {
  return namesSize(map) + Object.values(map).reduce((sum, value) => sum + valueSize(value), 0);
}

/** Keys: the partition key and optionally the sort key, each a string or a number. */
export function checkKeys(generator: string, keys: JsonObject): void {
  const entries = Object.entries(keys);
  if (entries.length < 1 || entries.length > 2 || entries.some(([, v]) => typeof v !== 'string' && typeof v !== 'number')) {
    throw new EventInputError(
      `Parameter "keys" of ${generator} must hold the partition key and optionally the sort key (1 or 2 attributes), ` +
        `each a string or a number, e.g. {"pk":"user#1","sk":1}.`,
    );
  }
}
