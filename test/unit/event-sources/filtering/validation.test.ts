import * as assert from 'node:assert/strict';
import { compileEventPattern, compileEventPatternText, compileSnsFilterPolicy, MAX_PATTERN_LENGTH } from '../../../../runtime/event-sources/filtering/index';
import { parsePattern } from '../../../../runtime/event-sources/filtering/pattern';
import { patternError } from './helpers';

// Invalid patterns: AWS's reason (as EventBridge's TestEventPattern answers it), where it is in the pattern,
// and the error code and message each service gives.

function reasonFor(pattern: unknown): string {
  return patternError(() => compileEventPattern(pattern, 'eventbridge')).reason;
}

describe('event filtering: invalid patterns', () => {
  it('gives AWS reasons for malformed structure', () => {
    assert.equal(reasonFor(['not', 'an', 'object']), 'Filter is not an object');
    assert.equal(reasonFor({ int: 42 }), '"int" must be an object or an array');
    assert.equal(reasonFor({ string: 'my-value' }), '"string" must be an object or an array');
    assert.equal(reasonFor({ resources: [] }), 'Empty arrays are not allowed');
    assert.equal(reasonFor({}), 'Empty objects are not allowed');
    assert.equal(reasonFor({ detail: {} }), 'Empty objects are not allowed');
    assert.equal(reasonFor({ key: [['value']] }), 'Match value must be String, number, true, false, or null');
    assert.equal(reasonFor({ key: [{}] }), 'Match expression name not found');
  });

  it('gives AWS reasons for unknown or misused operators', () => {
    assert.equal(reasonFor({ my_key: [{ EXISTS: true }] }), 'Unrecognized match type EXISTS');
    assert.equal(reasonFor({ key: [{ suffix: 'value', prefix: 'value2' }] }), 'Only one key allowed in match expression');
    assert.equal(reasonFor({ time: [{ prefix: ['2022-07-13'] }] }), 'prefix match pattern must be a string');
    assert.equal(reasonFor({ FileName: [{ suffix: 123 }] }), 'suffix match pattern must be a string');
    assert.equal(reasonFor({ s: [{ prefix: { other: 'x' } }] }), 'Unsupported prefix pattern: other');
    assert.equal(reasonFor({ t: [{ 'equals-ignore-case': ['x'] }] }), 'equals-ignore-case match pattern must be a string');
    assert.equal(reasonFor({ k: [{ exists: 'no' }] }), 'exists match pattern must be either true or false.');
  });

  it('gives AWS reasons for anything-but', () => {
    assert.equal(reasonFor({ s: [{ 'anything-but': null }] }), 'Value of anything-but must be an array or single string/number value.');
    assert.equal(reasonFor({ s: [{ 'anything-but': ['stopped', null] }] }), 'Inside anything but list, start|null|boolean is not supported.');
    assert.equal(reasonFor({ s: [{ 'anything-but': ['stopped', 1] }] }), 'Inside anything but list, either all values are number or string, mixed type is not supported');
    assert.equal(reasonFor({ s: [{ 'anything-but': { prefix: '' } }] }), 'Null prefix/suffix not allowed');
    assert.equal(reasonFor({ s: [{ 'anything-but': { prefix: 123 } }] }), 'prefix/suffix match pattern must be a string');
    assert.equal(reasonFor({ s: [{ 'anything-but': { suffix: { 'equals-ignore-case': '.png' } } }] }), 'Value of anything-but must be an array or single string/number value.');
    assert.equal(reasonFor({ s: [{ 'anything-but': { 'equals-ignore-case': [123] } }] }), 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
    assert.equal(reasonFor({ s: [{ 'anything-but': { wildcard: [123, '*/dir/*'] } }] }), 'wildcard match pattern must be a string');
    assert.equal(reasonFor({ s: [{ 'anything-but': { exists: false } }] }), 'Unsupported anything-but pattern: exists');
  });

  it('gives AWS reasons for numeric expressions', () => {
    const numeric = (terms: unknown): string => reasonFor({ n: [{ numeric: terms }] });
    assert.equal(numeric(10), 'Value of numeric must be an array.');
    assert.equal(numeric([]), 'Invalid member in numeric match: ]');
    assert.equal(numeric([1, '<=']), 'Invalid member in numeric match: 1');
    assert.equal(numeric(['operator']), 'Unrecognized numeric range operator: operator');
    assert.equal(numeric(['=', '000']), 'Value of equals must be numeric');
    assert.equal(numeric(['>=']), 'Value of >= must be numeric');
    assert.equal(numeric(['<', 100, '>', 10]), 'Too many elements in numeric expression');
    assert.equal(numeric(['>', 0, '>', 0]), 'Bad numeric range operator: >');
    assert.equal(numeric(['>', 20, 30]), 'Bad value in numeric range: 30');
    assert.equal(numeric(['>', 0, '<']), 'Value of < must be numeric');
    assert.equal(numeric(['>', 3, '<', 1]), 'Bottom must be less than top');
    assert.equal(numeric(['>=', 5, '<=', 5]), 'Bottom must be less than top');
    assert.equal(numeric(['>', 20, '<', 30, '<', 50]), 'Too many terms in numeric range expression');
  });

  it('gives AWS reasons for CIDR blocks and wildcards', () => {
    const cidr = (value: unknown): string => reasonFor({ ip: [{ cidr: value }] });
    assert.equal(cidr(['bad-type']), 'prefix match pattern must be a string');
    assert.equal(cidr('bad-filter'), "Malformed CIDR, one '/' required");
    assert.equal(cidr('bad-/64filter'), 'Malformed CIDR, mask bits must be an integer');
    assert.equal(cidr('xx.11.xx/8'), 'Nonstandard IP address: xx.11.xx');
    assert.equal(cidr('xxxx:db8:1234:1a00::/64'), 'Nonstandard IP address: xxxx:db8:1234:1a00::');
    assert.equal(cidr('10.0.0.256/8'), 'Invalid IP address: 10.0.0.256');
    const wildcard = (value: unknown): string => reasonFor({ w: [{ wildcard: value }] });
    assert.equal(wildcard(123), 'wildcard match pattern must be a string');
    assert.equal(wildcard('arn:aws:events:us-east-1:**:event-bus/*'), 'Consecutive wildcard characters at pos 26');
    assert.equal(wildcard('a\\b'), 'Invalid escape character at pos 2');
    assert.match(wildcard('*:*:*:*:*:event-bus/*'), /^Rule is too complex/);
  });

  it('gives AWS reasons for $or', () => {
    assert.equal(reasonFor({ $or: { a: [1] } }), 'It must be an Array followed with $or.');
    assert.equal(reasonFor({ $or: [{ a: [1] }] }), 'There must have at least 2 Objects in $or relationship.');
    assert.equal(reasonFor({ $or: [{ a: [1] }, 'b'] }), 'Only JSON object is allowed in array of $or relationship.');
    assert.equal(reasonFor({ $or: [{ a: [1] }, { numeric: [1] }] }), 'numeric is Ruler reserved fieldName which cannot be used inside $or.');
  });

  it('says where the problem is and what to do', () => {
    const error = patternError(() => compileEventPattern({ detail: { state: ['ok', { 'anything-but': ['a', null] }] } }, 'eventbridge'));
    assert.deepEqual(error.path, ['detail', 'state', 1, 'anything-but', 1]);
    assert.equal(error.message, 'Inside anything but list, start|null|boolean is not supported. (at detail.state[1].anything-but[1])');
    const hinted = patternError(() => compileEventPattern({ detail: { state: 'running' } }, 'eventbridge'));
    assert.deepEqual(hinted.path, ['detail', 'state']);
    assert.match(hinted.message, /"state" must be an object or an array \(at detail\.state\)\. Values are listed in an array, e.g\. "state": \["running"\]/);
    assert.match(patternError(() => compileEventPattern({ 'a.b': [{ NUMERIC: [] }] }, 'eventbridge')).message, /at \["a\.b"\]\[0\]\.NUMERIC\)\. Operators are lower case: numeric$/);
    assert.match(patternError(() => compileEventPattern({ a: [{ contains: 'x' }] }, 'eventbridge')).message, /\. Use one of: prefix, suffix, /);
  });

  it('answers with each service error code and message', () => {
    const pattern = { source: 'x' };
    const eventBridge = patternError(() => compileEventPattern(pattern, 'eventbridge'));
    assert.equal(eventBridge.code, 'InvalidEventPatternException');
    assert.equal(eventBridge.awsMessage, 'Event pattern is not valid. Reason: "source" must be an object or an array');
    const lambda = patternError(() => compileEventPattern(pattern, 'lambda'));
    assert.equal(lambda.code, 'InvalidParameterValueException');
    assert.equal(lambda.awsMessage, 'Invalid filter pattern definition.');
    const sns = patternError(() => compileEventPattern(pattern, 'sns'));
    assert.equal(sns.code, 'InvalidParameter');
    assert.equal(sns.awsMessage, 'Invalid parameter: FilterPolicy: "source" must be an object or an array');
  });

  it(`refuses patterns longer than ${MAX_PATTERN_LENGTH} characters of JSON`, () => {
    const longest = { k: ['x'.repeat(MAX_PATTERN_LENGTH - '{"k":[""]}'.length)] };
    assert.equal(JSON.stringify(longest).length, MAX_PATTERN_LENGTH);
    assert.equal(compileEventPattern(longest, 'eventbridge').matches({ k: longest.k[0] }), true);
    const tooLong = { k: [`${longest.k[0]}x`] };
    const error = patternError(() => compileEventPattern(tooLong, 'eventbridge'));
    assert.equal(error.code, 'ValidationException');
    assert.match(error.awsMessage, /at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096$/);
    assert.match(error.message, /4097 characters long; the limit is 4096/);
    assert.equal(patternError(() => compileEventPattern(tooLong, 'lambda')).code, 'ValidationException');
    assert.equal(patternError(() => compileEventPatternText(`${JSON.stringify(longest)} `, 'eventbridge')).code, 'ValidationException', 'text counts as given');
  });

  it('locates JSON syntax errors in pattern text by line and column', () => {
    const error = patternError(() => compileEventPatternText('{\n  "source": ["a",]\n}', 'eventbridge'));
    assert.deepEqual(error.textPosition, { line: 2, column: 18, offset: 19 });
    assert.match(error.message, /^Filter is not valid JSON: A value is missing before '\]' \(a trailing comma\?\) \(at line 2, column 18 of the pattern text\)/);
    assert.equal(error.code, 'InvalidEventPatternException');
    assert.match(patternError(() => compileEventPatternText("{'bad': 'quotation'}", 'eventbridge')).reason, /double quotes/);
    assert.match(patternError(() => compileEventPatternText('{"not": closed mark"', 'eventbridge')).reason, /Unexpected character "c"/);
    assert.match(patternError(() => compileEventPatternText('{"a": [1]} extra', 'eventbridge')).reason, /after the end of the JSON value/);
    assert.match(patternError(() => compileEventPatternText('{"a": "unterminated', 'eventbridge')).reason, /Unterminated string/);
    assert.equal(patternError(() => compileEventPatternText('["not", "a", "dict"]', 'eventbridge')).reason, 'Filter is not an object');
  });

  it('refuses patterns that are not JSON (a YAML alias pointing at itself) and absurd nesting', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    assert.match(patternError(() => compileEventPattern(cyclic, 'eventbridge')).reason, /cannot be written as JSON/);
    const nested = (depth: number): Record<string, unknown> => {
      let deep: Record<string, unknown> = { leaf: [1] };
      for (let i = 0; i < depth; i++) deep = { n: deep };
      return deep;
    };
    // The length and complexity limits come first; the depth guard protects the parser behind them.
    assert.match(patternError(() => parsePattern(nested(1500), 'eventbridge')).reason, /nests deeper than 1000 levels/);
    assert.match(patternError(() => compileEventPattern(nested(1500), 'eventbridge')).reason, /characters long/);
    assert.match(patternError(() => compileEventPattern(nested(100_000), 'eventbridge')).reason, /cannot be written as JSON/);
    assert.match(patternError(() => compileSnsFilterPolicy(nested(100_000), 'MessageBody')).reason, /too complex/);
  });

  it('accepts the SNS subset only in the sns dialect', () => {
    assert.equal(patternError(() => compileEventPattern({ k: [{ wildcard: '*' }] }, 'sns')).reason, 'Unrecognized match type wildcard');
    assert.equal(patternError(() => compileEventPattern({ k: [{ 'anything-but': { suffix: 'x' } }] }, 'sns')).reason, 'Unsupported anything-but pattern: suffix');
    assert.equal(patternError(() => compileEventPattern({ k: [{ 'anything-but': { prefix: false } }] }, 'sns')).reason, 'prefix match pattern must be a string');
    assert.equal(patternError(() => compileEventPattern({ k: [{ prefix: { 'equals-ignore-case': 'x' } }] }, 'sns')).reason, 'prefix match pattern must be a string');
    assert.equal(compileEventPattern({ k: [{ wildcard: 'a*' }] }, 'lambda').matches({ k: 'abc' }), true);
  });
});
