// Lambda event source mappings' FilterCriteria: `{"Filters": [{"Pattern": "<JSON text>"}]}`, at most a quota of
// filters (5 by default), OR-ed, each matched against one delivered record. The data part of a record is
// matched as JSON when it is JSON: SQS `body` (only when it parses), Kinesis `data` (base64-decoded).

import { PatternError, type PatternPath } from './errors';
import { parseJsonText } from './json-text';
import { checkPatternLength } from './limits';
import { isPlainObject } from './match-expression';
import { parsePattern } from './pattern';
import { RuleSet, type SubRule } from './rule-set';

export type FilterSource = 'sqs' | 'dynamodb' | 'kinesis' | 'generic';

export interface RecordFilter {
  matches(record: Record<string, unknown>): boolean;
}

export interface FilterCriteriaOptions {
  /** The account's quota of filters per mapping: 5 unless raised (AWS allows up to 10). */
  readonly maxFilters?: number;
}

export const DEFAULT_MAX_FILTERS = 5;

/** The key of a record's data part in filter patterns. */
const DATA_KEY: Partial<Record<FilterSource, string>> = { sqs: 'body', kinesis: 'data', dynamodb: 'dynamodb' };

function criteriaError(reason: string, hint: string, path: PatternPath = []): PatternError {
  return new PatternError({ dialect: 'lambda', reason, path, hint });
}

/** Kinesis `data` and DynamoDB `dynamodb` can only be filtered as JSON objects: Lambda refuses a value rule. */
function findValueRuleOn(key: string, pattern: Record<string, unknown>, path: PatternPath): PatternPath | undefined {
  for (const [name, value] of Object.entries(pattern)) {
    if (name === key && Array.isArray(value)) return [...path, name];
    if (name === '$or' && Array.isArray(value)) {
      for (const [index, branch] of value.entries()) {
        const found = isPlainObject(branch) ? findValueRuleOn(key, branch, [...path, name, index]) : undefined;
        if (found) return found;
      }
    }
  }
  return undefined;
}

function compileFilter(filter: unknown, index: number, source: FilterSource): SubRule[] {
  const pattern = isPlainObject(filter) ? filter['Pattern'] : undefined;
  if (typeof pattern !== 'string') {
    throw criteriaError('Each filter needs a Pattern holding the pattern as JSON text', `e.g. Pattern: '{"body": {"status": ["ok"]}}'`);
  }
  // AWS's request validation names the filter counting from 1.
  checkPatternLength(pattern, 'lambda', `filterCriteria.filters.${index + 1}.member.pattern`);
  const parsed = parseJsonText(pattern);
  if (!parsed.ok) {
    throw new PatternError({ dialect: 'lambda', reason: `Pattern is not valid JSON: ${parsed.error.reason}`, path: [], textPosition: parsed.error.position });
  }
  const dataKey = DATA_KEY[source];
  const valueRule = dataKey && dataKey !== 'body' && isPlainObject(parsed.value) ? findValueRuleOn(dataKey, parsed.value, []) : undefined;
  if (valueRule && dataKey) {
    throw criteriaError(
      `The filter for "${dataKey}" must be an object pattern`,
      `Lambda matches the record's ${source === 'kinesis' ? 'base64-decoded JSON data' : 'stream record'} field by field, e.g. {"${dataKey}": {"${source === 'kinesis' ? 'status' : 'NewImage'}": …}}`,
      valueRule,
    );
  }
  return parsePattern(parsed.value, 'lambda');
}

function compileFilterAt(filter: unknown, index: number, source: FilterSource): SubRule[] {
  try {
    return compileFilter(filter, index, source);
  } catch (error) {
    throw error instanceof PatternError ? error.relocated({ filterIndex: index }) : error;
  }
}

/** Which form of the data part a sub-rule addresses: the whole value (`"body": [...]`) or its JSON fields. */
function dataForm(rule: SubRule, key: string): 'none' | 'value' | 'json' {
  let form: 'none' | 'value' | 'json' = 'none';
  for (const field of rule.fields) {
    if (field.name.startsWith(`${key}.`)) return 'json';
    if (field.name === key) form = 'value';
  }
  return form;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The record's data part as JSON, or `{ok: false}` when it is not JSON. */
function dataAsJson(record: Record<string, unknown>, source: FilterSource): { ok: true; value: unknown } | { ok: false } {
  if (source === 'sqs') {
    const body = record['body'];
    if (typeof body === 'string') return parseJson(body);
    return body !== undefined && typeof body === 'object' ? { ok: true, value: body } : { ok: false };
  }
  const kinesis = record['kinesis'];
  const data = isPlainObject(kinesis) && typeof kinesis['data'] === 'string' ? kinesis['data'] : record['data'];
  if (typeof data !== 'string') return { ok: false };
  return parseJson(Buffer.from(data, 'base64').toString('utf8'));
}

/** Throws PatternError for invalid criteria; no criteria (or no filters) lets every record through. */
export function compileFilterCriteria(criteria: unknown, source: FilterSource, options: FilterCriteriaOptions = {}): RecordFilter {
  if (criteria === undefined || criteria === null) return { matches: () => true };
  if (!isPlainObject(criteria)) throw criteriaError('FilterCriteria must be an object', `e.g. {"Filters": [{"Pattern": "{\\"body\\": …}"}]}`);
  const filters = criteria['Filters'];
  if (filters === undefined || (Array.isArray(filters) && filters.length === 0)) return { matches: () => true };
  if (!Array.isArray(filters)) throw criteriaError('FilterCriteria.Filters must be a list', `e.g. {"Filters": [{"Pattern": "{\\"body\\": …}"}]}`);
  const maxFilters = options.maxFilters ?? DEFAULT_MAX_FILTERS;
  if (filters.length > maxFilters) {
    throw criteriaError(`FilterCriteria has ${filters.length} filters; the quota is ${maxFilters} per event source mapping`, 'Combine patterns with $or, or drop some filters');
  }
  const subRules = filters.flatMap((filter, index) => compileFilterAt(filter, index, source));
  const key = source === 'sqs' || source === 'kinesis' ? DATA_KEY[source] : undefined;
  if (key === undefined) {
    const rules = new RuleSet(subRules);
    return { matches: (record) => rules.matches(record) };
  }
  const plain = new RuleSet(subRules.filter((rule) => dataForm(rule, key) === 'none'));
  const onValue = new RuleSet(subRules.filter((rule) => dataForm(rule, key) === 'value'));
  const onJson = new RuleSet(subRules.filter((rule) => dataForm(rule, key) === 'json'));
  return {
    matches: (record) => {
      if (plain.matches(record)) return true;
      if (onValue.isEmpty && onJson.isEmpty) return false;
      const data = dataAsJson(record, source);
      // SQS: a value rule on `body` applies to text bodies only; a JSON body goes to the object patterns.
      if (!data.ok) return source === 'sqs' && onValue.matches(record);
      return onJson.matches({ ...record, [key]: data.value });
    },
  };
}
