// One alternative of a field's list: a plain value or a `{ "<operator>": … }` expression, checked as AWS
// checks it (same reasons, in the same order) and turned into a matcher. SNS accepts a subset.

import { invalid, type PatternDialect, type PatternPath } from './errors';
import { looksLikeIpAddress, parseCidrBlock, parseIpAddress } from './ip-address';
import * as op from './operators';
import { parseWildcard } from './text-match';

/** `exists: false`: the field must be missing, which no value matcher can say. */
export const ABSENT = Symbol('absent');
export type Alternative = op.ValueMatcher | typeof ABSENT;

const ONE_KEY = 'Only one key allowed in match expression';
const TOO_MANY_NUMERIC = 'Too many elements in numeric expression';
const NOT_A_MATCH_VALUE = 'Match value must be String, number, true, false, or null';
const ANYTHING_BUT_VALUE = 'Value of anything-but must be an array or single string/number value.';
const SNS_OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists', 'cidr']);
const OPERATOR_LIST = 'prefix, suffix, equals-ignore-case, anything-but, numeric, exists, cidr, wildcard';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** How AWS's JSON reader names a token in its messages: `]` for the end of the array. */
function tokenText(value: unknown): string {
  if (value === undefined) return ']';
  if (Array.isArray(value)) return '[';
  if (isPlainObject(value)) return '{';
  return String(value);
}

interface Context {
  readonly dialect: PatternDialect;
}

export function parseAlternative(item: unknown, path: PatternPath, dialect: PatternDialect): Alternative {
  if (typeof item === 'string') {
    const address = looksLikeIpAddress(item) ? parseIpAddress(item) : undefined;
    return address ? op.sameIpAddress(address) : op.equalTo(item);
  }
  if ((typeof item === 'number' && Number.isFinite(item)) || typeof item === 'boolean' || item === null) return op.equalTo(item);
  if (isPlainObject(item)) return parseExpression(item, path, { dialect });
  throw invalid(dialect, NOT_A_MATCH_VALUE, path, 'Each alternative is a value or one {"operator": …} object, e.g. ["a", {"prefix": "b"}]');
}

function parseExpression(expression: Record<string, unknown>, path: PatternPath, context: Context): Alternative {
  const { dialect } = context;
  const keys = Object.keys(expression);
  const name = keys[0];
  if (name === undefined) throw invalid(dialect, 'Match expression name not found', path, `Give one operator: ${OPERATOR_LIST}`);
  const value = expression[name];
  const at = [...path, name];
  const extraKey = keys.length > 1 ? keys[1] : undefined;
  const refuseExtra = (reason: string): void => {
    if (extraKey !== undefined) throw invalid(dialect, reason, [...path, extraKey], 'Put each operator in its own {…} alternative of the list');
  };
  if (dialect === 'sns' && !SNS_OPERATORS.has(name)) {
    throw invalid(dialect, `Unrecognized match type ${name}`, at, 'SNS filter policies support prefix, suffix, equals-ignore-case, anything-but, numeric, exists and cidr');
  }
  switch (name) {
    case 'prefix':
    case 'suffix': {
      const matcher = isPlainObject(value) && dialect !== 'sns'
        ? parseAffixIgnoringCase(name, value, at, context)
        : op[name === 'prefix' ? 'startsWith' : 'endsWith'](stringValue(value, `${name} match pattern must be a string`, at, context));
      refuseExtra(ONE_KEY);
      return matcher;
    }
    case 'equals-ignore-case': {
      const matcher = op.ignoringCase(stringValue(value, 'equals-ignore-case match pattern must be a string', at, context), 'whole');
      refuseExtra(ONE_KEY);
      return matcher;
    }
    case 'wildcard': {
      const parts = parseWildcard(stringValue(value, 'wildcard match pattern must be a string', at, context));
      if (typeof parts === 'string') throw invalid(dialect, parts, at);
      refuseExtra(ONE_KEY);
      return op.wildcard(parts);
    }
    case 'numeric': {
      if (!Array.isArray(value)) throw invalid(dialect, 'Value of numeric must be an array.', at, 'e.g. {"numeric": [">", 0, "<=", 5]}');
      const matcher = parseNumeric(value, at, context);
      refuseExtra(TOO_MANY_NUMERIC);
      return matcher;
    }
    case 'exists': {
      if (typeof value !== 'boolean') throw invalid(dialect, 'exists match pattern must be either true or false.', at);
      refuseExtra(ONE_KEY);
      return value ? op.anyValue : ABSENT;
    }
    case 'cidr': {
      // AWS's reason for a non-string CIDR really does say "prefix".
      const block = parseCidrBlock(stringValue(value, 'prefix match pattern must be a string', at, context));
      if (typeof block === 'string') throw invalid(dialect, block, at, 'e.g. {"cidr": "10.0.0.0/24"} or {"cidr": "2001:db8::/32"}');
      refuseExtra(ONE_KEY);
      return op.inCidr(block);
    }
    case 'anything-but': {
      const matcher = parseAnythingBut(value, at, context);
      refuseExtra(TOO_MANY_NUMERIC);
      return matcher;
    }
    default: {
      const known = OPERATOR_LIST.split(', ').includes(name.toLowerCase());
      throw invalid(dialect, `Unrecognized match type ${name}`, at, known ? `Operators are lower case: ${name.toLowerCase()}` : `Use one of: ${OPERATOR_LIST}`);
    }
  }
}

function stringValue(value: unknown, reason: string, path: PatternPath, context: Context): string {
  if (typeof value !== 'string') throw invalid(context.dialect, reason, path);
  return value;
}

/** `{"prefix": {"equals-ignore-case": "ab"}}` and the same for suffix. */
function parseAffixIgnoringCase(name: 'prefix' | 'suffix', value: Record<string, unknown>, path: PatternPath, context: Context): op.ValueMatcher {
  const keys = Object.keys(value);
  const inner = keys[0];
  const title = name === 'prefix' ? 'Prefix' : 'Suffix';
  if (inner === undefined) throw invalid(context.dialect, `${title} expression name not found`, path);
  if (inner !== 'equals-ignore-case') throw invalid(context.dialect, `Unsupported ${name} pattern: ${inner}`, [...path, inner], `Only {"${name}": {"equals-ignore-case": "…"}} nests`);
  const text = stringValue(value[inner], 'equals-ignore-case match pattern must be a string', [...path, inner], context);
  if (keys.length > 1) throw invalid(context.dialect, ONE_KEY, [...path, keys[1] ?? '']);
  return op.ignoringCase(text, name === 'prefix' ? 'start' : 'end');
}

function parseNumeric(terms: unknown[], path: PatternPath, context: Context): op.ValueMatcher {
  const fail = (reason: string, index: number): never => {
    throw invalid(context.dialect, reason, [...path, index], 'e.g. {"numeric": ["=", 100]}, {"numeric": [">", 0, "<=", 5]}');
  };
  const [first, bound, third, top] = terms;
  if (typeof first !== 'string') return fail(`Invalid member in numeric match: ${tokenText(first)}`, 0);
  const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
  if (first === '=' || first === '<' || first === '<=') {
    if (!isNumber(bound)) return fail(`Value of ${first === '=' ? 'equals' : first} must be numeric`, 1);
    if (terms.length > 2) return fail(TOO_MANY_NUMERIC, 2);
    if (first === '=') return op.equalTo(bound);
    return op.numericRange({ low: -Infinity, lowOpen: false, high: bound, highOpen: first === '<' });
  }
  if (first !== '>' && first !== '>=') return fail(`Unrecognized numeric range operator: ${first}`, 0);
  if (!isNumber(bound)) return fail(`Value of ${first} must be numeric`, 1);
  const lowOpen = first === '>';
  if (terms.length === 2) return op.numericRange({ low: bound, lowOpen, high: Infinity, highOpen: false });
  if (typeof third !== 'string') return fail(`Bad value in numeric range: ${tokenText(third)}`, 2);
  if (third !== '<' && third !== '<=') return fail(`Bad numeric range operator: ${third}`, 2);
  if (!isNumber(top)) return fail(`Value of ${third} must be numeric`, 3);
  if (terms.length > 4) return fail('Too many terms in numeric range expression', 4);
  if (!(bound < top)) return fail('Bottom must be less than top', 3);
  return op.numericRange({ low: bound, lowOpen, high: top, highOpen: third === '<' });
}

const ANYTHING_BUT_OPERATORS = new Set(['equals-ignore-case', 'prefix', 'suffix', 'wildcard']);

function parseAnythingBut(value: unknown, path: PatternPath, context: Context): op.ValueMatcher {
  const { dialect } = context;
  if (isPlainObject(value)) return parseAnythingButOperator(value, path, context);
  if (typeof value === 'string') return op.anythingBut(new Set([value]));
  if (typeof value === 'number' && Number.isFinite(value)) return op.anythingBut(new Set([value]));
  if (!Array.isArray(value)) throw invalid(dialect, ANYTHING_BUT_VALUE, path, 'e.g. {"anything-but": ["stopped", "overloaded"]}');
  value.forEach((item, index) => {
    if (typeof item !== 'string' && !(typeof item === 'number' && Number.isFinite(item))) {
      throw invalid(dialect, 'Inside anything but list, start|null|boolean is not supported.', [...path, index]);
    }
  });
  const strings = value.filter((item): item is string => typeof item === 'string');
  const numbers = value.filter((item): item is number => typeof item === 'number');
  if (strings.length === 0 === (numbers.length === 0)) {
    throw invalid(dialect, 'Inside anything but list, either all values are number or string, mixed type is not supported', path);
  }
  return op.anythingBut(strings.length > 0 ? new Set(strings) : new Set(numbers));
}

/** `{"anything-but": {"prefix" | "suffix" | "equals-ignore-case" | "wildcard": "v" | ["v", …]}}`. */
function parseAnythingButOperator(value: Record<string, unknown>, path: PatternPath, context: Context): op.ValueMatcher {
  const { dialect } = context;
  const keys = Object.keys(value);
  const name = keys[0];
  if (name === undefined) throw invalid(dialect, 'Anything-But expression name not found', path);
  const at = [...path, name];
  const allowed = dialect === 'sns' ? name === 'prefix' : ANYTHING_BUT_OPERATORS.has(name);
  if (!allowed) {
    const supported = dialect === 'sns' ? 'SNS supports only {"anything-but": {"prefix": "…"}}' : 'Use prefix, suffix, equals-ignore-case or wildcard';
    throw invalid(dialect, `Unsupported anything-but pattern: ${name}`, at, supported);
  }
  const raw = value[name];
  // SNS answers a non-string anything-but prefix with the reason of a plain prefix.
  if (dialect === 'sns' && typeof raw !== 'string') throw invalid(dialect, 'prefix match pattern must be a string', at);
  if (!Array.isArray(raw) && typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) {
    throw invalid(dialect, ANYTHING_BUT_VALUE, at);
  }
  const items = Array.isArray(raw) ? raw : [raw];
  const matchers = items.map((item, index) => anythingButItem(name, item, Array.isArray(raw) ? [...at, index] : at, context));
  if (keys.length > 1) throw invalid(dialect, TOO_MANY_NUMERIC, [...path, keys[1] ?? '']);
  return op.anythingButMatching(matchers);
}

function anythingButItem(name: string, item: unknown, path: PatternPath, context: Context): op.ValueMatcher {
  const { dialect } = context;
  if (typeof item !== 'string') {
    if (name === 'equals-ignore-case') throw invalid(dialect, 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.', path);
    if (name === 'wildcard') throw invalid(dialect, 'wildcard match pattern must be a string', path);
    throw invalid(dialect, 'prefix/suffix match pattern must be a string', path);
  }
  if (name === 'equals-ignore-case') return op.ignoringCase(item, 'whole');
  if (name === 'wildcard') {
    const parts = parseWildcard(item);
    if (typeof parts === 'string') throw invalid(dialect, parts, path);
    return op.wildcard(parts);
  }
  if (item === '') throw invalid(dialect, 'Null prefix/suffix not allowed', path, `An empty ${name} would exclude every string`);
  return name === 'prefix' ? op.startsWith(item) : op.endsWith(item);
}
