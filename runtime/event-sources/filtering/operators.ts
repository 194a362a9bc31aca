// What each comparison operator does to one value of the event, once its pattern value is checked.
// A value is a leaf of the event JSON; objects and arrays never reach a matcher (arrays are spread into
// their elements, objects into their fields).

import { inCidrBlock, parseIpAddress, sameAddress, type CidrBlock } from './ip-address';
import { ignoreCaseRegExp, matchesWildcard } from './text-match';

export type LeafValue = string | number | boolean | null;

export interface ValueMatcher {
  test(value: LeafValue): boolean;
}

/** `"v"`, `1`, `true`, `null`: equal value of the same JSON type (numbers compare as numbers: 300 = 3e2). */
export function equalTo(expected: LeafValue): ValueMatcher {
  return { test: (value) => value === expected };
}

/** A string rule that is an IP address matches the same address in any notation, as AWS compares them. */
export function sameIpAddress(address: Uint8Array): ValueMatcher {
  return {
    test: (value) => {
      if (typeof value !== 'string') return false;
      const parsed = parseIpAddress(value);
      return parsed !== undefined && sameAddress(parsed, address);
    },
  };
}

export function startsWith(prefix: string): ValueMatcher {
  return { test: (value) => typeof value === 'string' && value.startsWith(prefix) };
}

export function endsWith(suffix: string): ValueMatcher {
  return { test: (value) => typeof value === 'string' && value.endsWith(suffix) };
}

export function ignoringCase(text: string, anchor: 'whole' | 'start' | 'end'): ValueMatcher {
  const expression = ignoreCaseRegExp(text, anchor);
  return { test: (value) => typeof value === 'string' && expression.test(value) };
}

export function wildcard(parts: readonly string[]): ValueMatcher {
  return { test: (value) => typeof value === 'string' && matchesWildcard(parts, value) };
}

export interface NumericBounds {
  readonly low: number;
  readonly lowOpen: boolean;
  readonly high: number;
  readonly highOpen: boolean;
}

/** Only JSON numbers: the string "5" is not in any range. */
export function numericRange(bounds: NumericBounds): ValueMatcher {
  const { low, lowOpen, high, highOpen } = bounds;
  return {
    test: (value) =>
      typeof value === 'number' &&
      (lowOpen ? value > low : value >= low) &&
      (highOpen ? value < high : value <= high),
  };
}

export function inCidr(block: CidrBlock): ValueMatcher {
  return {
    test: (value) => {
      if (typeof value !== 'string') return false;
      const address = parseIpAddress(value);
      return address !== undefined && inCidrBlock(address, block);
    },
  };
}

/** `exists: true`: any value at all, null included. */
export const anyValue: ValueMatcher = { test: () => true };

/**
 * `anything-but`: every present value except the listed ones. Strings only exclude strings and numbers only
 * numbers, so `{"anything-but": "x"}` matches 5, null and true. A missing field is not a value: never matched.
 */
export function anythingBut(excluded: ReadonlySet<string> | ReadonlySet<number>): ValueMatcher {
  const set = excluded as ReadonlySet<LeafValue>;
  return { test: (value) => !((typeof value === 'string' || typeof value === 'number') && set.has(value)) };
}

/** `anything-but` with prefix, suffix, equals-ignore-case or wildcard: not a string that any of them matches. */
export function anythingButMatching(excluded: readonly ValueMatcher[]): ValueMatcher {
  return { test: (value) => !(typeof value === 'string' && excluded.some((matcher) => matcher.test(value))) };
}
