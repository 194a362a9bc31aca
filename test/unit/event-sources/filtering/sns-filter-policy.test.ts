import * as assert from 'node:assert/strict';
import { compileSnsFilterPolicy, type SnsMessageAttribute } from '../../../../runtime/event-sources/filtering/index';
import { patternError } from './helpers';

// SNS subscription filter policies, with the examples of AWS's SNS documentation.

type Attributes = Record<string, SnsMessageAttribute>;

/** The transaction message of AWS's filter-policy documentation. */
const TRANSACTION: Attributes = {
  customer_interests: { Type: 'String.Array', Value: '["soccer", "rugby", "hockey"]' },
  store: { Type: 'String', Value: 'example_corp' },
  event: { Type: 'String', Value: 'order_placed' },
  price_usd: { Type: 'Number', Value: '210.75' },
};

function attributesMatch(policy: unknown, attributes: Attributes): boolean {
  return compileSnsFilterPolicy(policy, 'MessageAttributes').matches({ body: 'message-body', attributes });
}

function bodyMatches(policy: unknown, body: unknown): boolean {
  return compileSnsFilterPolicy(policy, 'MessageBody').matches({ body: typeof body === 'string' ? body : JSON.stringify(body), attributes: {} });
}

describe('event filtering: SNS filter policies', () => {
  describe('MessageAttributes scope', () => {
    it('accepts and rejects the documented transaction message', () => {
      const accepting = {
        store: ['example_corp'],
        event: [{ 'anything-but': 'order_cancelled' }],
        customer_interests: ['rugby', 'football', 'baseball'],
        price_usd: [{ numeric: ['>=', 100] }],
      };
      assert.equal(attributesMatch(accepting, TRANSACTION), true);
      const rejecting = { store: ['example_corp'], event: ['order_cancelled'], encrypted: [false], customer_interests: ['basketball', 'baseball'] };
      assert.equal(attributesMatch(rejecting, TRANSACTION), false);
    });

    it('is the default scope', () => {
      assert.equal(compileSnsFilterPolicy({ store: ['example_corp'] }).matches({ body: '{}', attributes: TRANSACTION }), true);
    });

    it('matches String.Array attributes when any element matches', () => {
      const sports = (value: string): Attributes => ({ customer_interests: { Type: 'String.Array', Value: value } });
      assert.equal(attributesMatch({ customer_interests: ['rugby', 'tennis'] }, sports('["rugby", "baseball"]')), true);
      assert.equal(attributesMatch({ customer_interests: ['rugby', 'tennis'] }, sports('["golf"]')), false);
      assert.equal(attributesMatch({ customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, sports('["rugby", "baseball"]')), true);
      assert.equal(attributesMatch({ customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] }, sports('["rugby"]')), false);
      assert.equal(attributesMatch({ scores: [{ numeric: ['>', 10] }] }, { scores: { Type: 'String.Array', Value: '[5, 20]' } }), true);
    });

    it('matches Number attributes numerically, String ones as strings', () => {
      const price = (Type: string, Value: string): Attributes => ({ price_usd: { Type, Value } });
      assert.equal(attributesMatch({ price_usd: [{ numeric: ['=', 301.5] }] }, price('Number', '301.5')), true);
      assert.equal(attributesMatch({ price_usd: [{ numeric: ['=', 301.5] }] }, price('Number', '3.015e2')), true);
      assert.equal(attributesMatch({ price_usd: [{ numeric: ['=', 301.5] }] }, price('Number.float', '301.5')), true);
      assert.equal(attributesMatch({ price_usd: [{ numeric: ['>', 0, '<=', 150] }] }, price('Number', '150')), true);
      assert.equal(attributesMatch({ price_usd: [{ numeric: ['<', 0] }] }, price('Number', '150')), false);
      assert.equal(attributesMatch({ price_usd: [{ numeric: ['>', 0] }] }, price('String', '150')), false);
      assert.equal(attributesMatch({ price: [{ 'anything-but': [100, 500] }] }, { price: { Type: 'Number', Value: '100.1' } }), true);
      assert.equal(attributesMatch({ price: [{ 'anything-but': [100, 500] }] }, { price: { Type: 'Number', Value: '100' } }), false);
    });

    it('ignores Binary attributes', () => {
      const binary: Attributes = { blob: { Type: 'Binary', Value: 'AAEC' } };
      assert.equal(attributesMatch({ blob: [{ exists: true }] }, binary), false);
      assert.equal(attributesMatch({ blob: [{ exists: false }] }, binary), true);
      assert.equal(attributesMatch({ blob: ['AAEC'] }, binary), false);
    });

    it('tests attribute keys with exists', () => {
      assert.equal(attributesMatch({ store: [{ exists: true }] }, TRANSACTION), true);
      assert.equal(attributesMatch({ store: [{ exists: false }] }, TRANSACTION), false);
      assert.equal(attributesMatch({ encrypted: [{ exists: false }] }, {}), true);
    });

    it('supports prefix, suffix, equals-ignore-case, cidr and $or', () => {
      assert.equal(attributesMatch({ store: [{ prefix: 'example_' }] }, TRANSACTION), true);
      assert.equal(attributesMatch({ store: [{ suffix: '_corp' }] }, TRANSACTION), true);
      assert.equal(attributesMatch({ store: [{ 'equals-ignore-case': 'EXAMPLE_CORP' }] }, TRANSACTION), true);
      assert.equal(attributesMatch({ store: [{ 'anything-but': { prefix: 'example' } }] }, TRANSACTION), false);
      assert.equal(attributesMatch({ ip: [{ cidr: '10.0.0.0/24' }] }, { ip: { Type: 'String', Value: '10.0.0.7' } }), true);
      const either = { $or: [{ store: ['other'] }, { event: ['order_placed'] }] };
      assert.equal(attributesMatch(either, TRANSACTION), true);
      assert.equal(attributesMatch({ $or: [{ store: ['other'] }, { event: ['other'] }] }, TRANSACTION), false);
    });

    it('refuses nested policies, naming the nested key', () => {
      const error = patternError(() => compileSnsFilterPolicy({ store: ['x'], object: { key: [{ prefix: 'auto-' }] } }, 'MessageAttributes'));
      assert.equal(error.awsMessage, 'Invalid parameter: Filter policy scope MessageAttributes does not support nested filter policy');
      assert.deepEqual(error.path, ['object']);
      assert.match(error.message, /FilterPolicyScope: MessageBody/);
      assert.deepEqual(patternError(() => compileSnsFilterPolicy({ $or: [{ a: ['1'] }, { b: { c: ['2'] } }] })).path, ['$or', 1, 'b']);
    });
  });

  describe('MessageBody scope', () => {
    it('matches nested properties of a JSON body', () => {
      const policy = { detail: { scope: ['Service'], $or: [{ source: ['aws.cloudwatch'] }, { type: ['CloudWatch Alarm State Change'] }] } };
      assert.equal(bodyMatches(policy, { detail: { scope: 'Service', type: 'CloudWatch Alarm State Change' } }), true);
      assert.equal(bodyMatches(policy, { detail: { scope: 'Service', type: 'Other' } }), false);
    });

    it('matches arrays in the body by any element', () => {
      const queue1 = { headers: { 'route-to': ['queue1'] } };
      assert.equal(bodyMatches(queue1, { headers: { 'route-to': ['queue1', 'queue2'] } }), true);
      assert.equal(bodyMatches(queue1, { headers: { 'route-to': ['queue3'] } }), false);
    });

    it('matches S3 notifications with several levels of nesting (the SNS payload filtering example)', () => {
      const policy = { Records: { s3: { object: { key: [{ prefix: 'auto-' }] } }, eventName: [{ prefix: 'ObjectCreated:' }] } };
      const event = (eventName: string, key: string): unknown => ({ Records: [{ eventSource: 'aws:s3', eventName, s3: { object: { key, size: 17 } } }] });
      assert.equal(bodyMatches(policy, event('ObjectCreated:Put', 'auto-insurance-2314.xml')), true);
      assert.equal(bodyMatches(policy, event('ObjectRemoved:Delete', 'auto-insurance-2314.xml')), false);
      assert.equal(bodyMatches(policy, event('ObjectCreated:Put', 'home-insurance-2314.xml')), false);
    });

    it('treats dotted names like nested ones', () => {
      for (const body of [{ object: { nested: { test: 'string.value' } } }, { 'object.nested.test': 'string.value' }, { 'object.nested': { test: 'string.value' } }, { object: { 'nested.test': 'string.value' } }]) {
        assert.equal(bodyMatches({ 'object.nested.test': ['string.value'] }, body), true, JSON.stringify(body));
      }
      assert.equal(bodyMatches({ 'object.nested.test': ['string.value'] }, { object: { nested: { test: 'string.notvalue' } } }), false);
    });

    it('matches only bodies that are JSON objects', () => {
      assert.equal(bodyMatches({ a: [{ exists: false }] }, '{}'), true);
      assert.equal(bodyMatches({ a: [{ exists: false }] }, 'plain text'), false);
      assert.equal(bodyMatches({ a: [{ exists: false }] }, '["a"]'), false);
      assert.equal(bodyMatches({ a: [{ exists: false }] }, '"a"'), false);
    });
  });

  describe('limits and errors', () => {
    it('allows five top-level keys', () => {
      const keys = (count: number): Record<string, string[]> => Object.fromEntries(Array.from({ length: count }, (_, i) => [`key${i}`, ['v']]));
      assert.equal(attributesMatch(keys(5), {}), false);
      const error = patternError(() => compileSnsFilterPolicy(keys(6)));
      assert.equal(error.code, 'InvalidParameter');
      assert.equal(error.awsMessage, 'Invalid parameter: FilterPolicy: Filter policy can not have more than 5 keys');
    });

    it('allows 150 combinations of values, counting nested keys by depth and adding $or branches', () => {
      const values = (count: number): string[] => Array.from({ length: count }, (_, i) => `value${i}`);
      assert.equal(attributesMatch({ key: values(150) }, { key: { Type: 'String', Value: 'value149' } }), true);
      assert.equal(patternError(() => compileSnsFilterPolicy({ key: values(151) })).awsMessage, 'Invalid parameter: FilterPolicy: Filter policy is too complex');
      assert.match(patternError(() => compileSnsFilterPolicy({ key1: values(100), key2: values(51) })).message, /5100 combinations/);
      const nested = { key_a: { key_b: { key_c: values(4) } }, key_d: { key_e: values(3) }, key_f: values(3) };
      assert.match(patternError(() => compileSnsFilterPolicy(nested, 'MessageBody')).message, /216 combinations/);
      const withOr = {
        source: values(4),
        $or: [{ metricName: values(6) }, { metricType: values(4), $or: [{ metricId: [1, 2, 3, 4] }, { spaceId: [1, 2, 3, 4] }] }],
      };
      assert.match(patternError(() => compileSnsFilterPolicy(withOr)).message, /152 combinations/);
      assert.equal(compileSnsFilterPolicy({ source: values(4), $or: [{ metricName: values(6) }, { metricType: values(4) }] }).matches({ body: '', attributes: { source: { Type: 'String', Value: 'value0' }, metricType: { Type: 'String', Value: 'value3' } } }), true);
    });

    it('gives SNS reasons for invalid policies', () => {
      assert.equal(patternError(() => compileSnsFilterPolicy({ key_a: 'value_one' }, 'MessageBody')).awsMessage, 'Invalid parameter: FilterPolicy: "key_a" must be an object or an array');
      assert.equal(patternError(() => compileSnsFilterPolicy({ key: { suffix: 'value' } })).reason, '"suffix" must be an object or an array');
      assert.equal(patternError(() => compileSnsFilterPolicy({ key: [{ wildcard: '*' }] })).reason, 'Unrecognized match type wildcard');
    });

    it('takes the policy as JSON text too, locating syntax errors', () => {
      assert.equal(compileSnsFilterPolicy('{"store": ["example_corp"]}').matches({ body: '', attributes: TRANSACTION }), true);
      const error = patternError(() => compileSnsFilterPolicy('{"store": ["a" "b"]}'));
      assert.deepEqual(error.textPosition, { line: 1, column: 16, offset: 15 });
      const deep = patternError(() => compileSnsFilterPolicy(`{"a": ${'['.repeat(100_000)}`));
      assert.match(deep.reason, /Unexpected end of the text/);
      assert.equal(deep.textPosition?.offset, 100_006);
    });

    it('refuses an unknown scope with the SNS message', () => {
      const error = patternError(() => compileSnsFilterPolicy({ a: ['b'] }, 'RandomValue' as 'MessageBody'));
      assert.equal(error.awsMessage, 'Invalid parameter: FilterPolicyScope: Invalid value [RandomValue]. Please use either MessageBody or MessageAttributes');
    });
  });
});
