import * as assert from 'node:assert/strict';
import { compileEventPattern, compileEventPatternText } from '../../../../runtime/event-sources/filtering/index';
import { EC2_EVENT, matches } from './helpers';

// How a pattern's shape meets an event's: nesting, arrays in the event, $or, names joined with dots, and
// EventBridge rules over whole envelopes.

describe('event filtering: pattern structure', () => {
  describe('nested objects', () => {
    it('follows nested keys and ignores fields the pattern does not name', () => {
      const pattern = { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'], detail: { state: ['running'] } };
      assert.equal(matches(pattern, EC2_EVENT), true);
      assert.equal(matches({ detail: { state: { inner: ['running'] } } }, EC2_EVENT), false);
      assert.equal(matches({ detail: { 'my-key': ['my-value'] } }, { detail: '{"my-key": "my-value"}' }), false, 'a JSON string is not an object');
    });

    it('matches DynamoDB-shaped records several levels deep', () => {
      const pattern = { dynamodb: { NewImage: { homemade: { N: ['1234'] } } } };
      assert.equal(matches(pattern, { dynamodb: { NewImage: { homemade: { S: 'ABCD', N: '1234' } } } }), true);
      assert.equal(matches(pattern, { dynamodb: { NewImage: { homemade: { N: 1234 } } } }), false);
    });

    it('joins names with dots, so dotted keys and nested keys are the same field (as in AWS)', () => {
      assert.equal(matches({ detail: { 'state.status': ['running'] } }, { detail: { state: { status: 'running' } } }), true);
      assert.equal(matches({ detail: { state: { status: ['running'] } } }, { detail: { 'state.status': 'running' } }), true);
      assert.equal(matches({ detail: { 'state.status': { status: ['running'] } } }, { detail: { state: { status: 'running' } } }), false);
    });
  });

  describe('arrays in the event', () => {
    it('matches when any element matches', () => {
      const pattern = { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f', 'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f'] };
      assert.equal(matches(pattern, { resources: ['arn:aws:autoscaling:us-east-1:1:autoScalingGroup', 'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] }), true);
      assert.equal(matches(pattern, { resources: ['arn:aws:autoscaling:us-east-1:1:autoScalingGroup'] }), false);
      assert.equal(matches({ resources: [null] }, { resources: [] }), false);
    });

    it('looks through arrays of objects and arrays of arrays', () => {
      const event = { employees: [[{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }], [{ firstName: 'Peter', lastName: 'Jones' }]] };
      assert.equal(matches({ employees: { firstName: ['Anna'] } }, event), true);
      assert.equal(matches({ automations: { id: [{ exists: true }] } }, { automations: [{ key1: 'v' }, { id: 'x' }, { key2: 'v' }] }), true);
    });

    it('takes the fields of one match from a single element of each array', () => {
      const event = { employees: [{ firstName: 'John', lastName: 'Doe' }, { firstName: 'Anna', lastName: 'Smith' }, { firstName: 'Peter', lastName: 'Jones' }] };
      assert.equal(matches({ employees: { firstName: ['Anna'], lastName: ['Smith'] } }, event), true);
      assert.equal(matches({ employees: { firstName: ['Anna'], lastName: ['Jones'] } }, event), false);
    });

    it('matches the S3 records of SNS payload filtering, nested lists included, element by element', () => {
      const pattern = { Records: { s3: { object: { key: [{ prefix: 'auto-' }] } }, eventName: [{ prefix: 'ObjectCreated:' }] } };
      const record = (eventName: string, key: string): unknown => ({ eventName, s3: { object: { key, size: 17 } } });
      assert.equal(matches(pattern, { Records: [record('ObjectCreated:Put', 'auto-insurance-2314.xml')] }), true);
      assert.equal(matches(pattern, { Records: [record('ObjectRemoved:Delete', 'auto-insurance-2314.xml')] }), false);
      assert.equal(matches(pattern, { Records: [record('ObjectCreated:Put', 'home-insurance-2314.xml')] }), false);
      const mixed = {
        Records: [
          { eventName: 'ObjectCreated:Put', s3: { object: [[{ key: 'auto-insurance-2314.xml' }]] } },
          { eventName: 'ObjectRemoved:Delete', s3: { object: { key: 'home-insurance-2314.xml' } } },
        ],
      };
      assert.equal(matches(pattern, mixed), true);
      const crossed = {
        Records: [
          { eventName: 'ObjectRemoved:Delete', s3: { object: { key: 'auto-insurance-2314.xml' } } },
          { eventName: 'ObjectCreated:Put', s3: { object: { key: 'home-insurance-2314.xml' } } },
        ],
      };
      assert.equal(matches(pattern, crossed), false, 'the created record and the auto- key are different elements');
    });
  });

  describe('exists: false over arrays of objects', () => {
    it('is false when any element has the field, unless an earlier field pins one element', () => {
      // AWS's engine checks fields in name order: a missing-field test sees the elements the fields before
      // it have chosen, or all elements when none has.
      const items = { items: [{ discount: 5, sku: 'a' }, { sku: 'b' }] };
      assert.equal(matches({ items: { discount: [{ exists: false }] } }, items), false);
      assert.equal(matches({ items: { discount: [{ exists: false }] } }, { items: [{ sku: 'a' }, { sku: 'b' }] }), true);
      assert.equal(matches({ items: { discount: [{ exists: false }], sku: ['b'] } }, items), false, 'discount sorts before sku');
      assert.equal(matches({ items: { zdiscount: [{ exists: false }], sku: ['b'] } }, { items: [{ zdiscount: 5, sku: 'a' }, { sku: 'b' }] }), true, 'sku sorts first and picks the second element');
    });
  });

  describe('$or', () => {
    it('matches when any branch matches, with the other keys applying to every branch', () => {
      const pattern = { source: ['aws.cloudwatch'], $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }] };
      assert.equal(matches(pattern, { source: 'aws.cloudwatch', namespace: 'AWS/ES' }), true);
      assert.equal(matches(pattern, { source: 'aws.cloudwatch', metricName: 'ReadLatency' }), true);
      assert.equal(matches(pattern, { source: 'aws.other', metricName: 'ReadLatency' }), false);
      assert.equal(matches(pattern, { source: 'aws.cloudwatch', metricName: 'Other' }), false);
    });

    it('nests, and works inside nested objects', () => {
      const pattern = {
        source: ['aws.cloudwatch'],
        $or: [
          { metricName: ['CPUUtilization'] },
          { metricType: ['MetricType'], namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { spaceId: [1000] }] },
          { scope: ['Service'] },
        ],
      };
      assert.equal(matches(pattern, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 }), true);
      assert.equal(matches(pattern, { source: 'aws.cloudwatch', metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1 }), false);
      assert.equal(matches(pattern, { source: 'aws.cloudwatch', scope: 'Service' }), true);
      const inDetail = { detail: { $or: [{ 'c-count': [{ numeric: ['>', 0, '<=', 5] }] }, { 'd-count': [{ numeric: ['<', 10] }] }, { 'x-limit': [{ numeric: ['=', 3.018e2] }] }] } };
      assert.equal(matches(inDetail, { detail: { 'c-count': 0, 'd-count': 0, 'x-limit': 9.018e2 } }), true);
      assert.equal(matches(inDetail, { detail: { 'c-count': 0, 'd-count': 10, 'x-limit': 9.018e2 } }), false);
    });

    it('is the same as a second key naming the field again: the later one wins', () => {
      assert.equal(matches({ a: { b: [1] }, 'a.b': [2] }, { a: { b: 2 } }), true);
      assert.equal(matches({ a: { b: [1] }, 'a.b': [2] }, { a: { b: 1 } }), false);
    });
  });

  describe('EventBridge rules', () => {
    it('match the envelope of a PutEvents entry (detail as an object)', () => {
      const rule = compileEventPattern({ source: ['my.app'], 'detail-type': [{ prefix: 'Order ' }], detail: { total: [{ numeric: ['>=', 100] }] } }, 'eventbridge');
      const envelope = (total: unknown): unknown => ({
        version: '0', id: '1', 'detail-type': 'Order Placed', source: 'my.app', account: '000000000000',
        time: '2024-01-01T00:00:00Z', region: 'us-east-1', resources: [], detail: { total },
      });
      assert.equal(rule.matches(envelope(150)), true);
      assert.equal(rule.matches(envelope(99.5)), false);
      assert.equal(rule.matches(envelope('150')), false);
    });

    it('match only JSON objects', () => {
      const rule = compileEventPattern({ a: [{ exists: false }] }, 'eventbridge');
      assert.equal(rule.matches({}), true);
      assert.equal(rule.matches(['x']), false);
      assert.equal(rule.matches('plain string'), false);
      assert.equal(rule.matches(null), false);
    });

    it('compile from JSON text, as PutRule takes them', () => {
      assert.equal(compileEventPatternText('{"source": ["aws.ec2"]}', 'eventbridge').matches(EC2_EVENT), true);
    });

    it('match many events without parsing JSON again', () => {
      const rule = compileEventPattern({ source: ['aws.ec2'], detail: { state: [{ 'anything-but': 'stopped' }] } }, 'eventbridge');
      const parse = JSON.parse;
      let parses = 0;
      JSON.parse = (...args: Parameters<typeof JSON.parse>) => {
        parses++;
        return parse(...args);
      };
      try {
        for (let i = 0; i < 100; i++) assert.equal(rule.matches(EC2_EVENT), true);
      } finally {
        JSON.parse = parse;
      }
      assert.equal(parses, 0);
    });
  });
});
