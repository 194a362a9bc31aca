import assert from 'node:assert/strict';
import {
  LAMBDA_PRICES,
  PriceTableError,
  overridePrices,
  priceTableProblems,
  resolvePrices,
  type PriceTable,
} from '../../../runtime/cost';

describe('cost: price table', () => {
  it('lists us-east-1 list prices with where and when they were taken', () => {
    assert.deepEqual(priceTableProblems(LAMBDA_PRICES), []);
    assert.match(LAMBDA_PRICES.takenOn, /^\d{4}-\d{2}-\d{2}$/);
    assert.match(LAMBDA_PRICES.source, /aws\.amazon\.com\/lambda\/pricing/);
    const x86 = LAMBDA_PRICES.regions['us-east-1']!.x86_64;
    assert.deepEqual(x86.durationTiers.map((t) => t.upToGbSeconds), [6e9, 15e9, null]);
    assert.deepEqual(LAMBDA_PRICES.freeTier, { requests: 1_000_000, gbSeconds: 400_000 });
  });

  it('resolves a listed region, and falls back (flagged) for others or none', () => {
    assert.equal(resolvePrices('us-east-1').regionFallback, false);
    const unknown = resolvePrices('eu-central-1');
    assert.equal(unknown.regionFallback, true);
    assert.equal(unknown.region, 'us-east-1');
    const none = resolvePrices(undefined);
    assert.equal(none.requestedRegion, 'us-east-1');
    assert.equal(none.regionFallback, false);
    assert.equal(resolvePrices('constructor').regionFallback, true, 'no prototype keys taken for regions');
  });

  it('adds a full region through overrides and uses it without fallback', () => {
    const table = overridePrices({ regions: { 'eu-west-1': LAMBDA_PRICES.regions['us-east-1']! }, source: 'my negotiated prices' });
    const resolved = resolvePrices('eu-west-1', table);
    assert.equal(resolved.regionFallback, false);
    assert.equal(resolved.source, 'my negotiated prices');
    assert.equal(LAMBDA_PRICES.regions['eu-west-1'], undefined, 'the list prices are not changed');
  });

  it('refuses an incomplete new region, naming the fields', () => {
    assert.throws(
      () => overridePrices({ regions: { 'eu-west-1': { x86_64: { requestPerMillion: 0.2 } } } }),
      (err: unknown) => err instanceof PriceTableError
        && err.problems.some((p) => p.startsWith('regions.eu-west-1.x86_64.durationTiers'))
        && err.problems.some((p) => p.startsWith('regions.eu-west-1.arm64 is missing')),
    );
  });

  it('reports every problem of a table read from settings', () => {
    const bad = {
      takenOn: '2026-01-01', source: 'x', currency: 'USD', fallbackRegion: 'nowhere',
      freeTier: { requests: -1, gbSeconds: 400_000 },
      regions: {
        'us-east-1': {
          ...LAMBDA_PRICES.regions['us-east-1']!,
          arm64: {
            ...LAMBDA_PRICES.regions['us-east-1']!.arm64,
            durationTiers: [{ upToGbSeconds: 5, pricePerGbSecond: 1 }, { upToGbSeconds: 3, pricePerGbSecond: 1 }, { upToGbSeconds: 9, pricePerGbSecond: 1 }],
          },
        },
      },
    };
    const problems = priceTableProblems(bad);
    assert.ok(problems.some((p) => p.startsWith('freeTier.requests must be a number ≥ 0')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('fallbackRegion must name one of the listed regions (us-east-1)')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('regions.us-east-1.arm64.durationTiers[1].upToGbSeconds must be a number greater than 5')), problems.join('\n'));
    assert.ok(problems.some((p) => p.startsWith('regions.us-east-1.arm64.durationTiers[2].upToGbSeconds must be null')), problems.join('\n'));
    assert.throws(() => resolvePrices('us-east-1', bad as unknown as PriceTable), PriceTableError);
    assert.deepEqual(priceTableProblems('nope'), ['the price table must be an object with freeTier, fallbackRegion and regions']);
  });
});
