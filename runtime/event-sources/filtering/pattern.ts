// A pattern (parsed JSON) → sub-rules, read the way AWS's engine reads it: nested keys join with "." into
// field names, each field's array lists alternatives, keys AND, and every `$or` multiplies the sub-rules by
// its branches. A later key naming the same field replaces the earlier one, as in AWS.

import { invalid, type PatternDialect, type PatternPath } from './errors';
import { checkPatternLength, checkSnsPolicyLimits } from './limits';
import { ABSENT, isPlainObject, parseAlternative } from './match-expression';
import type { ValueMatcher } from './operators';
import { RuleSet, type FieldRule, type SubRule } from './rule-set';

export interface CompiledPattern {
  matches(event: unknown): boolean;
}

/** Deeper than this is refused rather than risking the stack (AWS's JSON reader stops at 1000 too). */
const MAX_DEPTH = 1000;

/** Reserved words AWS refuses as field names inside `$or` branches. */
const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case', 'date-after', 'date-on-or-after',
  'date-before', 'date-on-or-before', 'in-date-range', 'ip-address-in-range', 'ip-address-not-in-range',
]);

type Draft = Map<string, FieldRule>;

interface ParseState {
  readonly dialect: PatternDialect;
  readonly insideOr: boolean;
}

function copyDrafts(drafts: readonly Draft[]): Draft[] {
  return drafts.map((draft) => new Map(draft));
}

function fieldRule(name: string, values: unknown[], path: PatternPath, dialect: PatternDialect): FieldRule {
  if (values.length === 0) {
    throw invalid(dialect, 'Empty arrays are not allowed', path, 'List at least one value, e.g. ["a"], or use [{"exists": true}]');
  }
  const matchers: ValueMatcher[] = [];
  let allowsAbsence = false;
  values.forEach((value, index) => {
    const alternative = parseAlternative(value, [...path, index], dialect);
    if (alternative === ABSENT) allowsAbsence = true;
    else matchers.push(alternative);
  });
  return { name, matchers, allowsAbsence };
}

function parseObject(drafts: Draft[], names: readonly string[], object: Record<string, unknown>, path: PatternPath, state: ParseState): Draft[] {
  const { dialect } = state;
  if (path.length > MAX_DEPTH) throw invalid(dialect, `The pattern nests deeper than ${MAX_DEPTH} levels`, path);
  const keys = Object.keys(object);
  if (keys.length === 0) {
    throw invalid(dialect, 'Empty objects are not allowed', path, 'Remove the empty {} or give it a field, e.g. {"state": ["running"]}');
  }
  let current = drafts;
  for (const key of keys) {
    const value = object[key];
    const at = [...path, key];
    if (key === '$or') {
      current = parseOr(current, names, value, at, state);
      continue;
    }
    if (state.insideOr && RESERVED_IN_OR.has(key)) {
      throw invalid(dialect, `${key} is Ruler reserved fieldName which cannot be used inside $or.`, at, 'Each $or branch is an object of fields, e.g. {"$or": [{"a": [1]}, {"b": [2]}]}');
    }
    if (isPlainObject(value)) {
      current = parseObject(current, [...names, key], value, at, state);
    } else if (Array.isArray(value)) {
      const rule = fieldRule([...names, key].join('.'), value, at, dialect);
      if (current.length === 0) current = [new Map()];
      for (const draft of current) draft.set(rule.name, rule);
    } else {
      throw invalid(dialect, `"${key}" must be an object or an array`, at, `Values are listed in an array, e.g. "${key}": [${JSON.stringify(value ?? null)}]`);
    }
  }
  return current;
}

function parseOr(drafts: Draft[], names: readonly string[], branches: unknown, path: PatternPath, state: ParseState): Draft[] {
  const { dialect } = state;
  if (!Array.isArray(branches)) throw invalid(dialect, 'It must be an Array followed with $or.', path, 'e.g. "$or": [{"a": [1]}, {"b": [2]}]');
  const expanded: Draft[] = [];
  branches.forEach((branch, index) => {
    if (!isPlainObject(branch)) throw invalid(dialect, 'Only JSON object is allowed in array of $or relationship.', [...path, index]);
    const copies = copyDrafts(drafts);
    if (copies.length === 0) copies.push(new Map());
    expanded.push(...parseObject(copies, names, branch, [...path, index], { dialect, insideOr: true }));
  });
  if (branches.length < 2) throw invalid(dialect, 'There must have at least 2 Objects in $or relationship.', path, 'With one branch, write its fields without $or');
  return expanded;
}

/** The sub-rules of a pattern (parsed JSON); throws PatternError. Limits are the front doors' business. */
export function parsePattern(pattern: unknown, dialect: PatternDialect): SubRule[] {
  if (!isPlainObject(pattern)) {
    throw invalid(dialect, 'Filter is not an object', [], 'A pattern is a JSON object, e.g. {"source": ["my.app"]}');
  }
  const drafts = parseObject([], [], pattern, [], { dialect, insideOr: false });
  return drafts.map((draft) => ({ fields: [...draft.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) }));
}

/** JSON text of a parsed pattern, for AWS's length limits; undefined for what JSON cannot hold (cycles). */
export function patternText(pattern: unknown): string | undefined {
  try {
    return JSON.stringify(pattern);
  } catch {
    return undefined;
  }
}

/**
 * Compiles a pattern once for matching many events. EventBridge and Lambda patterns are limited to 4096
 * characters of JSON; SNS policies to 5 keys and 150 combinations of values (scope rules: compileSnsFilterPolicy).
 */
export function compileEventPattern(pattern: unknown, dialect: PatternDialect): CompiledPattern {
  if (dialect === 'sns') checkSnsPolicyLimits(pattern);
  else checkPatternLength(patternText(pattern), dialect, dialect === 'eventbridge' ? 'eventPattern' : 'pattern');
  return new RuleSet(parsePattern(pattern, dialect));
}
