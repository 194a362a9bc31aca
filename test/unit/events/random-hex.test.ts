// Random ids drawn from randomUUID's entropy (trace ids, stream record ids, receipt handles, API Gateway's
// extended request ids): the length asked for, only hex digits, every digit used, and no two alike.
import assert from 'node:assert/strict';
import { randomHex } from '../../../runtime/events/ids';
import { extendedId } from '../../../runtime/gateway/request';
import { newTraceId } from '../../../runtime/environments/variables';

describe('random ids from randomUUID\'s entropy', () => {
  it('gives the length asked for, in hex digits, never the same twice', () => {
    for (const length of [1, 16, 29, 30, 31, 40, 64, 100]) {
      const ids = Array.from({ length: 2000 }, () => randomHex(length));
      for (const id of ids) assert.match(id, new RegExp(`^[0-9a-f]{${length}}$`));
      if (length >= 16) assert.equal(new Set(ids).size, ids.length, `a repeated id of ${length} digits`);
    }
  });

  it('leaves out the UUID\'s fixed digits: each position takes all 16 values', () => {
    // A version digit ('4') or variant digit kept in would pin a position to one value or four.
    const seen = Array.from({ length: 60 }, () => new Set<string>());
    for (let i = 0; i < 3000; i++) [...randomHex(60)].forEach((digit, at) => seen[at]!.add(digit));
    seen.forEach((values, at) => assert.equal(values.size, 16, `position ${at} took only ${[...values].join('')}`));
  });

  it('makes the gateway\'s extended request ids and X-Ray trace headers in their formats', () => {
    const extended = Array.from({ length: 1000 }, () => extendedId());
    for (const id of extended) assert.match(id, /^[A-Za-z0-9]{15}=$/);
    assert.equal(new Set(extended).size, extended.length);
    assert.match(newTraceId(Date.UTC(2026, 11, 3)), /^Root=1-6b10b100-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
  });
});
