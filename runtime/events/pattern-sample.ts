// A value that an EventBridge event pattern matches, to fill `source`, `detail-type` and `detail`.

import { isJsonObject } from './json-input';
import type { JsonObject, JsonValue } from './types';

const SAMPLE = 'example';
const ABSENT = Symbol('absent');

/** One matching value for a field's list of alternatives; undefined when the field must be absent. */
function sampleAlternatives(alternatives: JsonValue[]): JsonValue | undefined {
  for (const alternative of alternatives) {
    if (!isJsonObject(alternative)) return alternative;
    const sample = sampleFilter(alternative);
    if (sample !== ABSENT) return sample;
  }
  return alternatives.length === 0 ? SAMPLE : undefined;
}

function sampleFilter(filter: JsonObject): JsonValue | typeof ABSENT {
  if ('prefix' in filter) {
    const prefix = filter['prefix'];
    return typeof prefix === 'string' ? `${prefix}${SAMPLE}` : SAMPLE;
  }
  if ('suffix' in filter) {
    const suffix = filter['suffix'];
    return typeof suffix === 'string' ? `${SAMPLE}${suffix}` : SAMPLE;
  }
  if ('equals-ignore-case' in filter) return filter['equals-ignore-case'] ?? SAMPLE;
  if ('exists' in filter) return filter['exists'] === false ? ABSENT : SAMPLE;
  if ('anything-but' in filter) {
    const excluded = JSON.stringify(filter['anything-but']);
    return excluded.includes(`"${SAMPLE}"`) ? `${SAMPLE}-other` : SAMPLE;
  }
  if ('numeric' in filter) return sampleNumber(filter['numeric']);
  if ('cidr' in filter) return typeof filter['cidr'] === 'string' ? filter['cidr'].split('/')[0] ?? SAMPLE : SAMPLE;
  if ('wildcard' in filter) return typeof filter['wildcard'] === 'string' ? filter['wildcard'].replace(/\*/g, SAMPLE) : SAMPLE;
  return SAMPLE;
}

/** `["> ", 0, "<=", 5]` → a number inside the range. */
function sampleNumber(condition: JsonValue | undefined): number {
  if (!Array.isArray(condition)) return 0;
  let low = -Infinity;
  let high = Infinity;
  for (let i = 0; i + 1 < condition.length; i += 2) {
    const op = condition[i];
    const bound = condition[i + 1];
    if (typeof bound !== 'number') continue;
    if (op === '=') return bound;
    if (op === '>' || op === '>=') low = op === '>' ? bound + 1 : bound;
    if (op === '<' || op === '<=') high = op === '<' ? bound - 1 : bound;
  }
  if (low !== -Infinity && high !== Infinity) return (low + high) / 2;
  if (low !== -Infinity) return low;
  return high !== Infinity ? high : 0;
}

/** A JSON object the pattern matches: each field gets a value one of its alternatives accepts. */
export function sampleForPattern(pattern: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [field, rule] of Object.entries(pattern)) {
    if (Array.isArray(rule)) {
      const value = sampleAlternatives(rule);
      if (value !== undefined) out[field] = value;
    } else if (isJsonObject(rule)) {
      out[field] = sampleForPattern(rule);
    }
  }
  return out;
}

/** The first literal (or sampled) value of a top-level string field such as `source`. */
export function sampleString(rule: JsonValue | undefined): string | undefined {
  if (!Array.isArray(rule)) return undefined;
  const value = sampleAlternatives(rule);
  return typeof value === 'string' ? value : undefined;
}
