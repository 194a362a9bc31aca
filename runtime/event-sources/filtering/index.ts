// Event filtering for every local event source: one engine for EventBridge event patterns, Lambda
// FilterCriteria and SNS filter policies. Compile once (throws PatternError), match many times.

import { PatternError } from './errors';
import type { PatternDialect } from './errors';
import { parseJsonText } from './json-text';
import { checkPatternLength } from './limits';
import { compileEventPattern, type CompiledPattern } from './pattern';

export { PatternError, formatPatternPath } from './errors';
export type { PatternDialect, PatternPath, TextPosition } from './errors';
export { compileEventPattern } from './pattern';
export type { CompiledPattern } from './pattern';
export { compileFilterCriteria, DEFAULT_MAX_FILTERS } from './lambda-filter-criteria';
export type { FilterCriteriaOptions, FilterSource, RecordFilter } from './lambda-filter-criteria';
export { compileSnsFilterPolicy } from './sns-filter-policy';
export type { SnsFilter, SnsFilterPolicyScope, SnsMessage, SnsMessageAttribute } from './sns-filter-policy';
export { MAX_PATTERN_LENGTH, SNS_MAX_COMBINATIONS, SNS_MAX_KEYS } from './limits';

/** A pattern given as JSON text, as EventBridge's PutRule and TestEventPattern take it. */
export function compileEventPatternText(text: string, dialect: PatternDialect): CompiledPattern {
  if (dialect !== 'sns') checkPatternLength(text, dialect, dialect === 'eventbridge' ? 'eventPattern' : 'pattern');
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    throw new PatternError({ dialect, reason: `Filter is not valid JSON: ${parsed.error.reason}`, path: [], textPosition: parsed.error.position });
  }
  return compileEventPattern(parsed.value, dialect);
}
