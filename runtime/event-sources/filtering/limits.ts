// The size limits AWS puts on patterns: 4096 characters of JSON for EventBridge rules and Lambda filters;
// five top-level keys and 150 combinations of values for SNS filter policies.

import { invalid, PatternError, type PatternDialect } from './errors';
import { isPlainObject } from './match-expression';

export const MAX_PATTERN_LENGTH = 4096;
export const SNS_MAX_KEYS = 5;
export const SNS_MAX_COMBINATIONS = 150;

/**
 * `field` is where AWS's request validation names the value: "eventPattern" for PutRule,
 * "filterCriteria.filters.N.member.pattern" for CreateEventSourceMapping.
 */
export function checkPatternLength(text: string | undefined, dialect: PatternDialect, field: string): void {
  if (text === undefined) {
    throw invalid(dialect, 'The pattern cannot be written as JSON (it refers to itself or nests too deeply)', [], 'Write the pattern out in full instead of with YAML anchors');
  }
  if (text.length <= MAX_PATTERN_LENGTH) return;
  throw new PatternError({
    dialect,
    reason: `The pattern is ${text.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`,
    path: [],
    hint: 'Shorten it, or split it into several rules or filters',
    code: 'ValidationException',
    awsMessage: `1 validation error detected: Value '${text}' at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${MAX_PATTERN_LENGTH}`,
  });
}

/**
 * SNS's complexity: values multiply across keys, a key nested n levels deep counts its values n times, and
 * the branches of `$or` add up. Lenient about shape: the pattern parser reports malformed parts.
 */
export function snsCombinations(policy: Record<string, unknown>, depth = 1, combinations = 1): number {
  // Far beyond any limit already; stopping keeps a pathological policy from exhausting the stack.
  if (depth > SNS_MAX_COMBINATIONS) return Infinity;
  let total = combinations;
  for (const [key, value] of Object.entries(policy)) {
    if (isPlainObject(value)) {
      total = snsCombinations(value, depth + 1, total);
    } else if (Array.isArray(value)) {
      if (key === '$or') {
        total = value.filter(isPlainObject).reduce((sum: number, branch) => sum + snsCombinations(branch, depth, total), 0);
      } else {
        total = total * value.length * depth;
      }
    }
  }
  return total;
}

export function checkSnsPolicyLimits(policy: unknown): void {
  if (!isPlainObject(policy)) return;
  const keys = Object.keys(policy).length;
  if (keys > SNS_MAX_KEYS) {
    throw invalid('sns', `Filter policy can not have more than ${SNS_MAX_KEYS} keys`, [], `This policy has ${keys} keys at its top level`);
  }
  const combinations = snsCombinations(policy);
  if (combinations > SNS_MAX_COMBINATIONS) {
    throw invalid('sns', 'Filter policy is too complex', [], `Its values make ${combinations} combinations (the product of each key's number of values, times its depth for nested keys); the limit is ${SNS_MAX_COMBINATIONS}`);
  }
}
