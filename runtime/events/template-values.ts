// Reading SAM event properties as the template loader leaves them: resolved names and ARNs, or
// placeholders like `${MyTable.StreamArn}` for values only the cloud knows.

import { isJsonObject } from './json-input';
import type { JsonObject, JsonValue } from './types';

/** `${MyQueue.Arn}` → `MyQueue`: a placeholder names the resource it stands for. */
function withoutPlaceholders(text: string): string {
  return text.replace(/\$\{([^}.]+)(?:\.[^}]*)?\}/g, '$1');
}

/** The resource part of an ARN (after the fifth colon), or the text itself. */
function resourceOf(text: string): string {
  return text.startsWith('arn:') ? text.split(':').slice(5).join(':') : text;
}

/** A resource's name from a property value: a literal name, an ARN, a placeholder, or an unresolved intrinsic. */
export function referencedName(value: unknown): string | undefined {
  if (typeof value === 'string') {
    const name = resourceOf(withoutPlaceholders(value)).trim();
    return name === '' ? undefined : name;
  }
  if (isJsonObject(value)) {
    const ref = value['Ref'];
    if (typeof ref === 'string') return ref;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return getAtt[0];
    if (typeof getAtt === 'string') return getAtt.split('.')[0];
  }
  return undefined;
}

/** `table/Orders/stream/2024-…` → `Orders`; `MyTable` stays. */
export function tableOfStream(value: unknown): string | undefined {
  const name = referencedName(value);
  const match = name ? /^table\/([^/]+)/.exec(name) : null;
  return match?.[1] ?? name;
}

/** The last segment of a name: `queue` of `…:queue`, `topic` of `…:topic`. */
export function lastSegment(value: unknown): string | undefined {
  const name = referencedName(value);
  return name?.split(/[:/]/).pop();
}

/** A valid bucket name from a logical id or placeholder: `UploadsBucket` → `uploadsbucket`. */
export function bucketNameFrom(value: unknown): string | undefined {
  const name = referencedName(value);
  if (!name) return undefined;
  let bucket = name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '').slice(0, 63);
  while (bucket.length < 3) bucket += '0';
  return bucket;
}

export function stringList(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

export function objectProperty(properties: Record<string, unknown>, name: string): JsonObject | undefined {
  const value = properties[name];
  return isJsonObject(value) ? (value as JsonObject) : undefined;
}

/** A target's `Input` is JSON text; anything that does not parse is delivered as that string. */
export function parseInput(value: unknown): JsonValue | undefined {
  if (typeof value !== 'string') return isJsonObject(value) ? (value as JsonObject) : undefined;
  try {
    return JSON.parse(value) as JsonValue;
  } catch {
    return value;
  }
}
