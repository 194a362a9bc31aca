import * as assert from 'node:assert/strict';
import { EC2_EVENT, matches, ruleMatches } from './helpers';

// Each comparison operator, with the examples of AWS's EventBridge and Lambda documentation and the edge
// cases AWS's engine decides (types never convert, missing fields are not values).

describe('event filtering: values and operators', () => {
  describe('exact values', () => {
    it('matches strings exactly and case-sensitively, emoji and trailing spaces included', () => {
      assert.equal(ruleMatches('running', 'running'), true);
      assert.equal(ruleMatches('running', 'Running'), false);
      assert.equal(ruleMatches('running', 'running '), false);
      assert.equal(ruleMatches('A string with 🚀 ', 'A string with 🚀 '), true);
    });

    it('compares numbers as numbers: 300, 300.0 and 3e2 are equal, the string "300" is not', () => {
      assert.equal(ruleMatches(300, 300), true);
      assert.equal(ruleMatches(300, 3e2), true);
      assert.equal(matches({ n: [3.0e2] }, JSON.parse('{"n": 300.0}')), true);
      assert.equal(ruleMatches(300, '300'), false);
      assert.equal(ruleMatches('300', 300), false);
      assert.equal(ruleMatches(301.8, 301.8), true);
    });

    it('matches true, false and null only as JSON literals', () => {
      assert.equal(ruleMatches(false, false), true);
      assert.equal(ruleMatches(false, true), false);
      assert.equal(ruleMatches(true, 'true'), false);
      assert.equal(ruleMatches(null, null), true);
      assert.equal(ruleMatches(null, 'null'), false);
      assert.equal(ruleMatches(null, undefined), false, 'a missing field is not null');
    });

    it('matches the empty string only against an empty string', () => {
      assert.equal(ruleMatches('', ''), true);
      assert.equal(ruleMatches('', null), false);
      assert.equal(ruleMatches('', undefined), false);
    });

    it('compares a rule that is an IP address with the address in any notation', () => {
      assert.equal(ruleMatches('2001:db8::1', '2001:0DB8:0:0:0:0:0:1'), true);
      assert.equal(ruleMatches('10.0.0.1', '10.0.0.1'), true);
      assert.equal(ruleMatches('10.0.0.1', '10.0.0.2'), false);
    });

    it('accepts any value of the list (OR) and requires every key (AND)', () => {
      assert.equal(matches({ detail: { state: ['initializing', 'running'] } }, EC2_EVENT), true);
      assert.equal(matches({ source: ['aws.ec2'], detail: { state: ['stopped'] } }, EC2_EVENT), false);
      assert.equal(matches({ source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] }, EC2_EVENT), true);
    });

    it('treats field names case-sensitively', () => {
      assert.equal(matches({ SOURCE: ['aws.ec2'] }, EC2_EVENT), false);
    });
  });

  describe('prefix and suffix', () => {
    it('matches the start or end of strings only', () => {
      assert.equal(matches({ time: [{ prefix: '2017-10-02' }] }, EC2_EVENT), true);
      assert.equal(matches({ time: [{ prefix: '2017-10-03' }] }, EC2_EVENT), false);
      assert.equal(ruleMatches({ suffix: '.png' }, 'photo.png'), true);
      assert.equal(ruleMatches({ suffix: '.png' }, 'photo.PNG'), false);
      assert.equal(ruleMatches({ prefix: '12' }, 123), false, 'numbers have no prefix');
      assert.equal(ruleMatches({ prefix: '' }, 'anything'), true);
      assert.equal(ruleMatches({ prefix: '' }, 5), false);
    });

    it('ignores case with equals-ignore-case inside', () => {
      assert.equal(ruleMatches({ prefix: { 'equals-ignore-case': 'EventB' } }, 'eVeNtBridge'), true);
      assert.equal(ruleMatches({ prefix: { 'equals-ignore-case': 'EventB' } }, 'Event'), false);
      assert.equal(ruleMatches({ suffix: { 'equals-ignore-case': '.png' } }, 'PHOTO.PNG'), true);
      assert.equal(ruleMatches({ suffix: { 'equals-ignore-case': '.png' } }, 'photo.pn'), false);
    });
  });

  describe('equals-ignore-case', () => {
    it('matches whole strings whatever their case', () => {
      assert.equal(ruleMatches({ 'equals-ignore-case': 'alice' }, 'ALICE'), true);
      assert.equal(ruleMatches({ 'equals-ignore-case': 'alice' }, 'alice2'), false);
      assert.equal(ruleMatches({ 'equals-ignore-case': 'straße' }, 'STRASSE'), true, 'ß upper-cases to SS');
      assert.equal(ruleMatches({ 'equals-ignore-case': '1' }, 1), false);
    });
  });

  describe('anything-but', () => {
    it('matches any present value but the listed strings or numbers', () => {
      assert.equal(ruleMatches({ 'anything-but': 'initializing' }, 'running'), true);
      assert.equal(ruleMatches({ 'anything-but': 'initializing' }, 'initializing'), false);
      assert.equal(ruleMatches({ 'anything-but': ['stopped', 'overloaded'] }, 'stopped'), false);
      assert.equal(ruleMatches({ 'anything-but': [100, 200, 300] }, 301.8), true);
      assert.equal(ruleMatches({ 'anything-but': [100, 200, 300] }, 3e2), false);
      assert.equal(ruleMatches({ 'anything-but': 123 }, 123), false);
    });

    it('never matches a missing field', () => {
      assert.equal(ruleMatches({ 'anything-but': 'initializing' }, undefined), false);
      assert.equal(ruleMatches({ 'anything-but': { prefix: 'init' } }, undefined), false);
      assert.equal(ruleMatches({ 'anything-but': { wildcard: '*/x' } }, undefined), false);
    });

    it('matches values of another type: null, booleans, numbers against strings', () => {
      assert.equal(ruleMatches({ 'anything-but': 'initializing' }, null), true);
      assert.equal(ruleMatches({ 'anything-but': ['stopped'] }, true), true);
      assert.equal(ruleMatches({ 'anything-but': '123' }, 123), true);
      assert.equal(ruleMatches({ 'anything-but': { prefix: 'init' } }, 12), true);
    });

    it('excludes by prefix, suffix, case-insensitive value or wildcard, one or a list', () => {
      assert.equal(ruleMatches({ 'anything-but': { prefix: 'init' } }, 'post-init'), true);
      assert.equal(ruleMatches({ 'anything-but': { prefix: 'init' } }, 'init-prefix'), false);
      assert.equal(ruleMatches({ 'anything-but': { prefix: ['init', 'post'] } }, 'post-init'), false);
      assert.equal(ruleMatches({ 'anything-but': { suffix: '.png' } }, 'a.jpg'), true);
      assert.equal(ruleMatches({ 'anything-but': { suffix: ['.png', '.jpg'] } }, 'a.jpg'), false);
      assert.equal(ruleMatches({ 'anything-but': { 'equals-ignore-case': 'Stopped' } }, 'STOPPED'), false);
      assert.equal(ruleMatches({ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }, 'running'), true);
      assert.equal(ruleMatches({ 'anything-but': { wildcard: '*/lib/*' } }, 'src/lib/a.js'), false);
      assert.equal(ruleMatches({ 'anything-but': { wildcard: ['*/init/*', '*/dir/*'] } }, 'dir/post/dir'), true);
      assert.equal(ruleMatches({ 'anything-but': { wildcard: '' } }, 'dir/init/file'), true);
    });

    it('matches when any element of an array is not excluded', () => {
      assert.equal(ruleMatches({ 'anything-but': ['rugby', 'tennis'] }, ['rugby', 'baseball']), true);
      assert.equal(ruleMatches({ 'anything-but': ['rugby', 'tennis'] }, ['rugby', 'tennis']), false);
    });
  });

  describe('numeric', () => {
    it('matches ranges and equality of JSON numbers', () => {
      const pattern = { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }], 'd-count': [{ numeric: ['<', 10] }], 'x-limit': [{ numeric: ['=', 3.018e2] }] } };
      assert.equal(matches(pattern, EC2_EVENT), true);
      assert.equal(ruleMatches({ numeric: ['>', 0, '<=', 5] }, 0), false);
      assert.equal(ruleMatches({ numeric: ['>', 0, '<=', 5] }, 5), true);
      assert.equal(ruleMatches({ numeric: ['>=', 0, '<', 5] }, 5), false);
      assert.equal(ruleMatches({ numeric: ['>=', 0, '<', 5] }, 0), true);
      assert.equal(ruleMatches({ numeric: ['>', 100] }, 101.0), true);
      assert.equal(ruleMatches({ numeric: ['<=', -1] }, -1), true);
      assert.equal(ruleMatches({ numeric: ['=', 100] }, 1e2), true);
    });

    it('never matches strings, null or a missing field', () => {
      assert.equal(ruleMatches({ numeric: ['>', 100] }, '300'), false);
      assert.equal(ruleMatches({ numeric: ['>', 100] }, null), false);
      assert.equal(ruleMatches({ numeric: ['>', 100] }, undefined), false);
    });
  });

  describe('exists', () => {
    it('tests presence of a leaf: a value of any type, null included', () => {
      assert.equal(ruleMatches({ exists: true }, 'x'), true);
      assert.equal(ruleMatches({ exists: true }, null), true);
      assert.equal(ruleMatches({ exists: true }, undefined), false);
      assert.equal(ruleMatches({ exists: false }, undefined), true);
      assert.equal(ruleMatches({ exists: false }, 0), false);
    });

    it('sees intermediate objects and empty arrays as absent leaves', () => {
      assert.equal(matches({ detail: { 'c-count': [{ exists: false }] } }, { detail: { 'c-count': { c1: 100 } } }), true);
      assert.equal(matches({ detail: { 'c-count': [{ exists: true }] } }, { detail: { 'c-count': { c1: 100 } } }), false);
      assert.equal(matches({ resources: [{ exists: true }] }, { resources: [] }), false);
      assert.equal(matches({ resources: [{ exists: false }] }, { resources: [] }), true);
    });

    it('combines with other alternatives: a value that is not "roses", or no value at all', () => {
      const pattern = { NewImage: { homemade: { S: [{ 'anything-but': ['roses'] }, { exists: false }] } } };
      assert.equal(matches(pattern, { NewImage: { homemade: { S: 'tulips' } } }), true);
      assert.equal(matches(pattern, { NewImage: { homemade: { N: '789' } } }), true);
      assert.equal(matches(pattern, { NewImage: { purchased: { N: '789' } } }), true);
      assert.equal(matches(pattern, { NewImage: { homemade: { S: 'roses' } } }), false);
    });
  });

  describe('wildcard', () => {
    it('matches * against any run of characters, none included', () => {
      assert.equal(ruleMatches({ wildcard: 'dir/*.png' }, 'dir/a.png'), true);
      assert.equal(ruleMatches({ wildcard: 'dir/*.png' }, 'dir/.png'), true);
      assert.equal(ruleMatches({ wildcard: 'dir/*.png' }, 'dir/a.jpg'), false);
      assert.equal(ruleMatches({ wildcard: '*' }, ''), true);
      assert.equal(ruleMatches({ wildcard: 'arn:aws:events:us-east-1:*:event-bus/*' }, 'arn:aws:events:us-east-1:123456789012:event-bus/bus'), true);
      assert.equal(ruleMatches({ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }, '/Users/u/dir/dir/dir/dir/otherdir/doc.txt'), false);
      assert.equal(ruleMatches({ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }, '/Users/u/dir/dir/dir/dir/dir/doc.txt'), true);
      assert.equal(ruleMatches({ wildcard: 'ab*ba' }, 'aba'), false, 'the parts may not overlap');
      assert.equal(ruleMatches({ wildcard: 'ab*ba' }, 'abba'), true);
      assert.equal(ruleMatches({ wildcard: 'a*b*a' }, 'aba'), true);
      assert.equal(ruleMatches({ wildcard: 'a*b*c' }, 'acb'), false, 'the parts keep their order');
      assert.equal(ruleMatches({ wildcard: '' }, 'x'), false);
      assert.equal(ruleMatches({ wildcard: '*' }, 5), false, 'only strings');
    });

    it('reads \\* as a star and \\\\ as a backslash', () => {
      assert.equal(ruleMatches({ wildcard: 'a\\*b' }, 'a*b'), true);
      assert.equal(ruleMatches({ wildcard: 'a\\*b' }, 'axb'), false);
      assert.equal(ruleMatches({ wildcard: 'a\\\\*' }, 'a\\xyz'), true);
      assert.equal(ruleMatches({ wildcard: 'a\\\\*' }, 'axyz'), false);
    });
  });

  describe('cidr', () => {
    it('matches IPv4 and IPv6 addresses inside the block', () => {
      assert.equal(matches({ detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, EC2_EVENT), true);
      assert.equal(ruleMatches({ cidr: '10.0.0.0/24' }, '10.0.1.1'), false);
      assert.equal(ruleMatches({ cidr: '10.0.0.0/8' }, '10.255.3.4'), true);
      assert.equal(ruleMatches({ cidr: '10.0.0.5/24' }, '10.0.0.200'), true, 'the block starts at its network address');
      assert.equal(ruleMatches({ cidr: '2001:db8:1234:1a00::/64' }, '2001:db8:1234:1a00::dead:beef'), true);
      assert.equal(ruleMatches({ cidr: '2001:db8:1234:1a00::/64' }, '2001:db8:1234:1a01::1'), false);
      assert.equal(ruleMatches({ cidr: '10.0.0.0/24' }, '::ffff:a00:1'), false, 'families do not mix');
      assert.equal(ruleMatches({ cidr: '10.0.0.0/24' }, 'not-an-ip'), false);
      assert.equal(ruleMatches({ cidr: '10.0.0.0/24' }, 10), false);
    });
  });
});
