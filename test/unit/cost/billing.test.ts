import assert from 'node:assert/strict';
import {
  billedDurationMs,
  costPerMillion,
  gbSeconds,
  invocationCost,
  LAMBDA_PRICES,
  overridePrices,
  storageGbSeconds,
} from '../../../runtime/cost';
import { assertClose } from './helpers';

describe('cost: billedDurationMs', () => {
  it('rounds up to the next whole millisecond', () => {
    assert.equal(billedDurationMs(120), 120);
    assert.equal(billedDurationMs(120.0001), 121);
    assert.equal(billedDurationMs(119.5), 120);
  });

  it('bills 0.1 ms (and even 0 ms) as 1 ms', () => {
    assert.equal(billedDurationMs(0.1), 1);
    assert.equal(billedDurationMs(0), 1);
  });

  it('ignores float noise when rounding (a measured 101 ms that reads 101.00000000000001 bills 101, not 102)', () => {
    const measured = 129.77 - 28.77;
    assert.equal(measured > 101, true, 'precondition: the float difference overshoots');
    assert.equal(billedDurationMs(measured), 101);
    assert.equal(billedDurationMs(101.001), 102);
  });

  it('bills INIT on a cold start, rounding the sum once: ceil(init + duration)', () => {
    assert.equal(billedDurationMs(120.3, 300.2), 421); // separate ceilings would give 301 + 121 = 422
    assert.equal(billedDurationMs(120, 300, true), 420);
  });

  it('does not bill INIT when coldStart is false (provisioned concurrency pays for its INIT)', () => {
    assert.equal(billedDurationMs(120.3, 300.2, false), 121);
  });

  it('rejects negative or non-finite durations with the name of the argument', () => {
    assert.throws(() => billedDurationMs(-1), /durationMs must be a finite number ≥ 0/);
    assert.throws(() => billedDurationMs(Number.NaN), /durationMs/);
    assert.throws(() => billedDurationMs(10, -5), /initDurationMs/);
  });
});

describe('cost: gbSeconds and storage', () => {
  it('uses GB = MB / 1024', () => {
    assert.equal(gbSeconds(512, 1000), 0.5);
    assert.equal(gbSeconds(128, 200), 0.025);
    assert.equal(gbSeconds(1769, 0), 0);
  });

  it('rejects memory ≤ 0', () => {
    assert.throws(() => gbSeconds(0, 100), /memoryMb must be a finite number > 0/);
  });

  it('charges storage only above the free 512 MB', () => {
    assert.equal(storageGbSeconds(512, 1000), 0);
    assert.equal(storageGbSeconds(1024, 1000), 0.5);
    assert.equal(storageGbSeconds(10_240, 2000), 19);
  });
});

describe('cost: invocationCost and costPerMillion', () => {
  it('prices one invocation at the first tier without free tier', () => {
    const cost = invocationCost({ memoryMb: 512, billedMs: 120, architecture: 'x86_64' });
    assert.equal(cost.gbSeconds, 0.06);
    assertClose(cost.requestCost, 0.2e-6, 1e-18);
    assertClose(cost.durationCost, 0.06 * 0.0000166667, 1e-18);
    assert.equal(cost.storageCost, 0);
    assertClose(cost.total, 0.2e-6 + 0.06 * 0.0000166667, 1e-18);
    assert.equal(cost.pricing.region, 'us-east-1');
    assert.equal(cost.pricing.regionFallback, false);
    assert.equal(cost.pricing.takenOn, LAMBDA_PRICES.takenOn);
  });

  it('uses the arm64 price for arm64', () => {
    const cost = invocationCost({ memoryMb: 1024, billedMs: 1000, architecture: 'arm64' });
    assertClose(cost.durationCost, 0.0000133334, 1e-18);
  });

  it('adds storage above 512 MB only', () => {
    const free = invocationCost({ memoryMb: 1024, billedMs: 1000, architecture: 'x86_64', ephemeralStorageMb: 512 });
    const paid = invocationCost({ memoryMb: 1024, billedMs: 1000, architecture: 'x86_64', ephemeralStorageMb: 1536 });
    assert.equal(free.storageCost, 0);
    assertClose(paid.storageCost, 1 * 0.0000000309, 1e-20);
    assertClose(paid.total - free.total, paid.storageCost, 1e-20);
  });

  it('gives dollars per million invocations', () => {
    // 128 MB, 1 ms: $0.20 of requests + 1e6 × 0.000125 GB-s × $0.0000166667
    assertClose(costPerMillion({ memoryMb: 128, billedMs: 1, architecture: 'x86_64' }), 0.2 + 125 * 0.0000166667, 1e-9);
    assertClose(costPerMillion({ memoryMb: 512, billedMs: 120, architecture: 'x86_64' }), 0.2 + 60_000 * 0.0000166667, 1e-9);
  });

  it('falls back to us-east-1 for a region without figures, and says so', () => {
    const cost = invocationCost({ memoryMb: 512, billedMs: 120, architecture: 'x86_64', region: 'eu-west-1' });
    assert.equal(cost.pricing.requestedRegion, 'eu-west-1');
    assert.equal(cost.pricing.region, 'us-east-1');
    assert.equal(cost.pricing.regionFallback, true);
    assert.equal(cost.total, invocationCost({ memoryMb: 512, billedMs: 120, architecture: 'x86_64' }).total);
  });

  it('uses a custom price table when given one', () => {
    const negotiated = overridePrices({
      regions: { 'us-east-1': { x86_64: { requestPerMillion: 0.1, durationTiers: [{ upToGbSeconds: null, pricePerGbSecond: 0.00001 }] } } },
    });
    const cost = invocationCost({ memoryMb: 1024, billedMs: 1000, architecture: 'x86_64', prices: negotiated });
    assertClose(cost.requestCost, 0.1e-6, 1e-18);
    assertClose(cost.durationCost, 0.00001, 1e-18);
    // arm64 keeps the list price
    assertClose(invocationCost({ memoryMb: 1024, billedMs: 1000, architecture: 'arm64', prices: negotiated }).durationCost, 0.0000133334, 1e-18);
  });

  it('rejects memory and storage outside Lambda limits, and unknown architectures', () => {
    assert.throws(() => invocationCost({ memoryMb: 64, billedMs: 1, architecture: 'x86_64' }), /memoryMb must be between 128 and 10240/);
    assert.throws(() => invocationCost({ memoryMb: 20_000, billedMs: 1, architecture: 'x86_64' }), /memoryMb/);
    assert.throws(() => invocationCost({ memoryMb: 128, billedMs: 1, architecture: 'x86_64', ephemeralStorageMb: 256 }), /ephemeralStorageMb must be between 512 and 10240/);
    assert.throws(() => invocationCost({ memoryMb: 128, billedMs: 1, architecture: 'ppc64' as 'x86_64' }), /architecture must be "x86_64" or "arm64"/);
    assert.throws(() => invocationCost({ memoryMb: 128, billedMs: -1, architecture: 'x86_64' }), /billedMs/);
  });
});
