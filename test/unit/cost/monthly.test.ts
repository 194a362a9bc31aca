import assert from 'node:assert/strict';
import { monthlyCost, overridePrices, type FunctionUsage } from '../../../runtime/cost';
import { assertClose, cents } from './helpers';

const X86_T1 = 0.0000166667;
const X86_T2 = 0.000015;
const X86_T3 = 0.0000133334;
const ARM_T1 = 0.0000133334;
const ARM_T2 = 0.0000120001;
const ARM_T3 = 0.0000106667;

/** 1,024 MB for 1,000 ms: exactly 1 GB-s per invocation, so invocations = GB-s. */
function oneGbSecondEach(name: string, invocations: number, architecture: 'x86_64' | 'arm64'): FunctionUsage {
  return { name, invocations, memoryMb: 1024, avgBilledMs: 1000, architecture };
}

describe('cost: monthlyCost, the reference worked example', () => {
  // lambda-semantics.md §5: 10M invokes at 512 MB, 120 ms, 1% cold starts with 300 ms INIT.
  // Average billed = 0.99 × 120 + 0.01 × (300 + 120) = 123 ms → 10M × 0.5 GB × 0.123 s = 615,000 GB-s.
  const usage = (architecture: 'x86_64' | 'arm64'): FunctionUsage => ({
    name: 'api', invocations: 10_000_000, memoryMb: 512, avgBilledMs: 123, architecture,
  });

  it('x86: 215,000 billable GB-s × $0.0000166667 + 9M requests × $0.20/M ≈ $5.38', () => {
    const bill = monthlyCost({ functions: [usage('x86_64')], freeTier: true });
    assertClose(bill.architectures.x86_64.gbSeconds, 615_000, 1e-6, 'GB-s');
    assertClose(bill.architectures.x86_64.billableGbSeconds, 215_000, 1e-6, 'billable GB-s');
    assertClose(bill.durationCost, 215_000 * X86_T1, 1e-9, 'duration');
    assert.equal(cents(bill.durationCost), 3.58);
    assertClose(bill.requestCost, 1.8, 1e-9, 'requests');
    assertClose(bill.total, 215_000 * X86_T1 + 1.8, 1e-9, 'total');
    assert.equal(cents(bill.total), 5.38);
    assert.deepEqual(bill.freeTier, { applied: true, requests: 1_000_000, gbSeconds: 400_000 });
  });

  it('arm64: ≈ $4.67', () => {
    const bill = monthlyCost({ functions: [usage('arm64')], freeTier: true });
    assertClose(bill.total, 215_000 * ARM_T1 + 1.8, 1e-9, 'total');
    assert.equal(cents(bill.total), 4.67);
  });

  it('gives the same bill from a distribution of billed durations as from its mean', () => {
    const samples = [...Array<number>(99).fill(120), 420];
    const bill = monthlyCost({
      functions: [{ name: 'api', invocations: 10_000_000, memoryMb: 512, billedMsSamples: samples, architecture: 'x86_64' }],
      freeTier: true,
    });
    assert.equal(cents(bill.total), 5.38);
    assertClose(bill.functions[0]!.avgBilledMs, 123, 1e-9);
  });
});

describe('cost: monthlyCost, AWS pricing page examples', () => {
  // The examples priced compute at the rounded $0.00001667 per GB-s, so they are reproduced with that
  // price as a custom table, which also shows an override at work.
  const examplePrices = overridePrices({
    regions: { 'us-east-1': { x86_64: { durationTiers: [{ upToGbSeconds: null, pricePerGbSecond: 0.00001667 }] } } },
  });

  it('aws.amazon.com/lambda/pricing Example 1: 512 MB, 3M invocations of 1 s → $18.34 + $0.40 = $18.74', () => {
    const bill = monthlyCost({
      functions: [{ name: 'example1', invocations: 3_000_000, memoryMb: 512, avgBilledMs: 1000, architecture: 'x86_64' }],
      prices: examplePrices,
      freeTier: true,
    });
    assertClose(bill.architectures.x86_64.billableGbSeconds, 1_100_000, 1e-6);
    assert.equal(cents(bill.durationCost), 18.34);
    assert.equal(cents(bill.requestCost), 0.4);
    assert.equal(cents(bill.total), 18.74);
  });

  it('aws.amazon.com/lambda/pricing Example 2: 128 MB, 30M invocations of 200 ms → $5.83 + $5.80 = $11.63', () => {
    const bill = monthlyCost({
      functions: [{ name: 'example2', invocations: 30_000_000, memoryMb: 128, avgBilledMs: 200, architecture: 'x86_64' }],
      prices: examplePrices,
      freeTier: true,
    });
    assertClose(bill.architectures.x86_64.billableGbSeconds, 350_000, 1e-6);
    assert.equal(cents(bill.durationCost), 5.83);
    assert.equal(cents(bill.requestCost), 5.8);
    assert.equal(cents(bill.total), 11.63);
  });
});

describe('cost: monthlyCost, duration tiers', () => {
  it('x86: exactly 6B GB-s stays in the first tier; the next GB-s cost the second tier price', () => {
    const at = monthlyCost({ functions: [oneGbSecondEach('f', 6e9, 'x86_64')], freeTier: false });
    assertClose(at.durationCost, 6e9 * X86_T1, 1e-3);
    assert.deepEqual(at.architectures.x86_64.tiers.map((t) => t.gbSeconds), [6e9, 0, 0]);

    const over = monthlyCost({ functions: [oneGbSecondEach('f', 6e9 + 1e6, 'x86_64')], freeTier: false });
    assertClose(over.durationCost - at.durationCost, 1e6 * X86_T2, 1e-3);
    assert.deepEqual(over.architectures.x86_64.tiers.map((t) => t.gbSeconds), [6e9, 1e6, 0]);
  });

  it('x86: above 15B GB-s the third tier applies', () => {
    const bill = monthlyCost({ functions: [oneGbSecondEach('f', 16e9, 'x86_64')], freeTier: false });
    assertClose(bill.durationCost, 6e9 * X86_T1 + 9e9 * X86_T2 + 1e9 * X86_T3, 1e-3);
  });

  it('arm64: tiers break at 7.5B and 18.75B GB-s', () => {
    const atFirst = monthlyCost({ functions: [oneGbSecondEach('f', 7.5e9, 'arm64')], freeTier: false });
    assertClose(atFirst.durationCost, 7.5e9 * ARM_T1, 1e-3);
    const bill = monthlyCost({ functions: [oneGbSecondEach('f', 20e9, 'arm64')], freeTier: false });
    assertClose(bill.durationCost, 7.5e9 * ARM_T1 + 11.25e9 * ARM_T2 + 1.25e9 * ARM_T3, 1e-3);
    assert.deepEqual(bill.architectures.arm64.tiers.map((t) => t.gbSeconds), [7.5e9, 11.25e9, 1.25e9]);
  });

  it('applies tiers per architecture: 4B x86 + 4B arm64 crosses no tier', () => {
    const bill = monthlyCost({
      functions: [oneGbSecondEach('a', 4e9, 'x86_64'), oneGbSecondEach('b', 4e9, 'arm64')],
      freeTier: false,
    });
    assertClose(bill.durationCost, 4e9 * X86_T1 + 4e9 * ARM_T1, 1e-3);
  });

  it('aggregates functions of one architecture before tiering, and shares the tiered cost by GB-s', () => {
    const bill = monthlyCost({
      functions: [oneGbSecondEach('a', 4e9, 'x86_64'), oneGbSecondEach('b', 4e9, 'x86_64')],
      freeTier: false,
    });
    const expected = 6e9 * X86_T1 + 2e9 * X86_T2;
    assertClose(bill.durationCost, expected, 1e-3);
    assertClose(bill.functions[0]!.durationCost, expected / 2, 1e-3);
    assertClose(bill.functions[1]!.durationCost, expected / 2, 1e-3);
  });

  it('deducts the free tier before the tiers, as the reference formula does', () => {
    const bill = monthlyCost({ functions: [oneGbSecondEach('f', 6e9 + 400_000, 'x86_64')], freeTier: true });
    assertClose(bill.durationCost, 6e9 * X86_T1, 1e-3);
  });
});

describe('cost: monthlyCost, free tier', () => {
  it('is applied once across several functions, shared in proportion', () => {
    // three functions of 300,000 GB-s and 500,000 requests each: 900,000 GB-s, 1.5M requests in all
    const fn = (name: string): FunctionUsage => ({ name, invocations: 500_000, memoryMb: 1024, avgBilledMs: 600, architecture: 'x86_64' });
    const bill = monthlyCost({ functions: [fn('a'), fn('b'), fn('c')], freeTier: true });
    assertClose(bill.architectures.x86_64.billableGbSeconds, 500_000, 1e-6);
    assertClose(bill.durationCost, 500_000 * X86_T1, 1e-9);
    assertClose(bill.requestCost, 500_000 * 0.2e-6, 1e-12);
    for (const f of bill.functions) {
      assertClose(f.freeGbSeconds, 400_000 / 3, 1e-6, `${f.name} free GB-s`);
      assertClose(f.freeRequests, 1_000_000 / 3, 1e-6, `${f.name} free requests`);
    }
    const sumOfFunctions = bill.functions.reduce((s, f) => s + f.total, 0);
    assertClose(sumOfFunctions, bill.total, 1e-12);
  });

  it('shares the free GB-s across architectures by their GB-s', () => {
    const bill = monthlyCost({
      functions: [oneGbSecondEach('x', 300_000, 'x86_64'), oneGbSecondEach('a', 300_000, 'arm64')],
      freeTier: true,
    });
    assertClose(bill.architectures.x86_64.freeGbSeconds, 200_000, 1e-6);
    assertClose(bill.architectures.arm64.freeGbSeconds, 200_000, 1e-6);
    assertClose(bill.durationCost, 100_000 * X86_T1 + 100_000 * ARM_T1, 1e-9);
  });

  it('costs nothing inside the free tier, and uses only what is needed', () => {
    const bill = monthlyCost({ functions: [oneGbSecondEach('f', 300_000, 'x86_64')], freeTier: true });
    assert.equal(bill.total, 0);
    assert.deepEqual(bill.freeTier, { applied: true, requests: 300_000, gbSeconds: 300_000 });
  });

  it('is not applied when freeTier is false', () => {
    const bill = monthlyCost({ functions: [oneGbSecondEach('f', 300_000, 'x86_64')], freeTier: false });
    assertClose(bill.total, 300_000 * X86_T1 + 300_000 * 0.2e-6, 1e-9);
    assert.deepEqual(bill.freeTier, { applied: false, requests: 0, gbSeconds: 0 });
  });

  it('does not cover ephemeral storage', () => {
    const bill = monthlyCost({
      functions: [{ name: 'f', invocations: 1000, memoryMb: 1024, avgBilledMs: 1000, architecture: 'x86_64', ephemeralStorageMb: 10_240 }],
      freeTier: true,
    });
    assert.equal(bill.durationCost, 0);
    assert.equal(bill.requestCost, 0);
    assertClose(bill.storageCost, 1000 * 9.5 * 0.0000000309, 1e-15);
  });
});

describe('cost: monthlyCost, storage and provisioned concurrency', () => {
  it('charges storage only for the part above 512 MB, over billed duration', () => {
    const base = { name: 'f', invocations: 1_000_000, memoryMb: 1024, avgBilledMs: 200, architecture: 'x86_64' as const };
    assert.equal(monthlyCost({ functions: [{ ...base, ephemeralStorageMb: 512 }], freeTier: false }).storageCost, 0);
    const bill = monthlyCost({ functions: [{ ...base, ephemeralStorageMb: 2560 }], freeTier: false });
    assertClose(bill.storageCost, 1_000_000 * 2 * 0.2 * 0.0000000309, 1e-12);
  });

  it('prices provisioned concurrency: configured GB-s, untiered duration, no free tier', () => {
    const bill = monthlyCost({
      functions: [{
        name: 'pc', invocations: 1_000_000, memoryMb: 1024, avgBilledMs: 100, architecture: 'x86_64',
        provisioned: { concurrency: 10, hours: 730, invocations: 1_000_000 },
      }],
      freeTier: true,
    });
    assertClose(bill.provisionedConcurrencyCost, 10 * 730 * 3600 * 0.0000041667, 1e-9);
    assertClose(bill.durationCost, 100_000 * 0.0000097222, 1e-9);
    assertClose(bill.requestCost, 0.2, 1e-12);
    assert.equal(bill.architectures.x86_64.gbSeconds, 0);
    assert.equal(bill.freeTier.gbSeconds, 0);
  });

  it('prices spill-over invocations of a provisioned function as on-demand', () => {
    const bill = monthlyCost({
      functions: [{
        name: 'pc', invocations: 1_000_000, memoryMb: 1024, avgBilledMs: 100, architecture: 'arm64',
        provisioned: { concurrency: 1, hours: 1, invocations: 400_000 },
      }],
      freeTier: false,
    });
    assertClose(bill.architectures.arm64.gbSeconds, 60_000, 1e-6);
    assertClose(bill.durationCost, 60_000 * ARM_T1 + 40_000 * 0.0000077778, 1e-9);
    assertClose(bill.provisionedConcurrencyCost, 3600 * 0.0000033334, 1e-12);
  });
});

describe('cost: monthlyCost, region and bad input', () => {
  it('falls back to us-east-1 for an unknown region and flags it', () => {
    const bill = monthlyCost({ functions: [oneGbSecondEach('f', 1000, 'x86_64')], region: 'xx-nowhere-1', freeTier: false });
    assert.equal(bill.pricing.regionFallback, true);
    assert.equal(bill.pricing.requestedRegion, 'xx-nowhere-1');
    assert.equal(bill.pricing.region, 'us-east-1');
  });

  it('names the function at fault', () => {
    const good = oneGbSecondEach('good', 1, 'x86_64');
    assert.throws(
      () => monthlyCost({ functions: [good, { ...good, name: 'bad', memoryMb: 100 }], freeTier: false }),
      /functions\[1\] \(bad\): memoryMb must be between 128 and 10240/,
    );
    assert.throws(
      () => monthlyCost({ functions: [{ name: 'none', invocations: 1, memoryMb: 128, architecture: 'x86_64' }], freeTier: false }),
      /functions\[0\] \(none\): give exactly one of avgBilledMs or billedMsSamples/,
    );
    assert.throws(
      () => monthlyCost({ functions: [{ ...good, billedMsSamples: [] , avgBilledMs: undefined }], freeTier: false }),
      /billedMsSamples is empty/,
    );
    assert.throws(
      () => monthlyCost({ functions: [{ ...good, provisioned: { concurrency: 1, hours: 1, invocations: 2 } }], freeTier: false }),
      /provisioned.invocations \(2\) cannot exceed invocations \(1\)/,
    );
    assert.throws(() => monthlyCost({ functions: [{ ...good, invocations: -1 }], freeTier: false }), /invocations must be/);
  });

  it('returns a zero bill for no functions', () => {
    const bill = monthlyCost({ functions: [], freeTier: true });
    assert.equal(bill.total, 0);
    assert.deepEqual(bill.functions, []);
  });
});
