import * as assert from 'node:assert/strict';
import { compileEventPattern, PatternError, type PatternDialect } from '../../../../runtime/event-sources/filtering/index';

/** The EC2 state-change event of AWS's event-pattern documentation. */
export const EC2_EVENT = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

export function matches(pattern: unknown, event: unknown, dialect: PatternDialect = 'eventbridge'): boolean {
  return compileEventPattern(pattern, dialect).matches(event);
}

/** `detail.<field>` of an event whose detail holds only `value` (or nothing, for undefined). */
export function detailWith(value: unknown): Record<string, unknown> {
  return { source: 'test', detail: value === undefined ? {} : { field: value } };
}

/** Whether `{"detail": {"field": [rule]}}` matches an event whose detail.field is `value` (undefined: missing). */
export function ruleMatches(rule: unknown, value: unknown, dialect: PatternDialect = 'eventbridge'): boolean {
  return matches({ detail: { field: [rule] } }, detailWith(value), dialect);
}

/** Compiling must fail with a PatternError; returns it for closer checks. */
export function patternError(compile: () => unknown): PatternError {
  try {
    compile();
  } catch (error) {
    assert.ok(error instanceof PatternError, `expected a PatternError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the pattern to be refused');
}
