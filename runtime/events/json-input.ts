// Shape checks for `json` parameters, turning user JSON into the maps event builders need.

import { EventInputError, type JsonObject, type JsonValue } from './types';

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function scalarText(value: JsonValue): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A JSON object (or null for none); anything else names the parameter and the expected shape. */
export function objectParam(generator: string, param: string, value: JsonValue, example: string): JsonObject {
  if (value === null) return {};
  if (!isJsonObject(value)) {
    throw new EventInputError(`Parameter "${param}" of ${generator} must be a JSON object, e.g. ${example}.`);
  }
  return value;
}

/** `{"name": "value"}` → entries of strings; numbers and booleans become their text. */
export function stringMapParam(generator: string, param: string, value: JsonValue, example: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, item] of Object.entries(objectParam(generator, param, value, example))) {
    const text = scalarText(item);
    if (text === undefined) {
      throw new EventInputError(
        `Parameter "${param}" of ${generator}: "${name}" must be a string, number or boolean, e.g. ${example}.`,
      );
    }
    out[name] = text;
  }
  return out;
}

/**
 * Headers and query strings: `{"name": "v"}` or `{"name": ["v1", "v2"]}` for a repeated one,
 * as [name, values] in the order given.
 */
export function multiValueParam(generator: string, param: string, value: JsonValue, example: string): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const [name, item] of Object.entries(objectParam(generator, param, value, example))) {
    const items = Array.isArray(item) ? item : [item];
    const texts = items.map(scalarText);
    if (items.length === 0 || texts.some((t) => t === undefined)) {
      throw new EventInputError(
        `Parameter "${param}" of ${generator}: "${name}" must be a string or a non-empty array of strings, e.g. ${example}.`,
      );
    }
    out.push([name, texts as string[]]);
  }
  return out;
}
