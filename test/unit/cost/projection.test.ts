import assert from 'node:assert/strict';
import { projectFromSamples } from '../../../runtime/cost';
import { assertClose, cents } from './helpers';

const worked = {
  durationsMs: [120],
  initDurationsMs: [300],
  coldStartShare: 0.01,
  memoryMb: 512,
  monthlyInvocations: 10_000_000,
  freeTier: true,
};

describe('cost: projectFromSamples', () => {
  it('reproduces the reference worked example: x86 ≈ $5.38, arm64 ≈ $4.67 a month', () => {
    const x86 = projectFromSamples({ ...worked, architecture: 'x86_64' });
    assertClose(x86.avgBilledMs, 123, 1e-9);
    assert.equal(x86.coldStartBilledMs, 420);
    assertClose(x86.monthly.total, 215_000 * 0.0000166667 + 1.8, 1e-9);
    assert.equal(cents(x86.monthly.total), 5.38);
    const arm = projectFromSamples({ ...worked, architecture: 'arm64' });
    assert.equal(cents(arm.monthly.total), 4.67);
  });

  it('gives the marginal cost per invocation and per million, and the INIT share of it', () => {
    const p = projectFromSamples({ ...worked, architecture: 'x86_64' });
    const warm = 0.2e-6 + 0.5 * 0.12 * 0.0000166667;
    const cold = 0.2e-6 + 0.5 * 0.42 * 0.0000166667;
    assertClose(p.warmInvocationCost, warm, 1e-18);
    assertClose(p.coldInvocationCost, cold, 1e-18);
    assertClose(p.costPerInvocation, 0.99 * warm + 0.01 * cold, 1e-18);
    assertClose(p.costPerMillion, p.costPerInvocation * 1e6, 1e-9);
    assertClose(p.coldStartShareOfCost, (0.01 * (cold - warm)) / p.costPerInvocation, 1e-12);
    assert.ok(p.coldStartShareOfCost > 0.02 && p.coldStartShareOfCost < 0.03, `INIT share ${p.coldStartShareOfCost}`);
  });

  it('reports p50 and p95 of warm billed durations (each rounded up to 1 ms)', () => {
    const durations = Array.from({ length: 20 }, (_, i) => i + 0.5); // 0.5 .. 19.5 → billed 1 .. 20
    const p = projectFromSamples({ durationsMs: durations, memoryMb: 128, architecture: 'x86_64', monthlyInvocations: 0 });
    assert.equal(p.p50BilledMs, 10);
    assert.equal(p.p95BilledMs, 19);
    assert.equal(p.coldStartShare, 0);
    assert.equal(p.initDurationMs, undefined);
    assert.equal(p.coldStartShareOfCost, 0);
    assert.equal(p.monthly.total, 0);
  });

  it('defaults the cold-start share to the observed one', () => {
    const p = projectFromSamples({
      durationsMs: [100, 100, 100, 100], initDurationsMs: [250], memoryMb: 1024, architecture: 'arm64', monthlyInvocations: 1000,
    });
    assert.equal(p.coldStartShare, 0.25);
    assert.equal(p.initDurationMs, 250);
    assert.equal(p.avgBilledMs, 0.75 * 100 + 0.25 * 350);
  });

  it('does not use the free tier unless asked (the account shares it)', () => {
    const p = projectFromSamples({ durationsMs: [100], memoryMb: 128, architecture: 'x86_64', monthlyInvocations: 1000 });
    assert.equal(p.monthly.freeTier.applied, false);
    assert.ok(p.monthly.total > 0);
  });

  it('passes region and custom prices through, flagging a fallback', () => {
    const p = projectFromSamples({ durationsMs: [100], memoryMb: 128, architecture: 'x86_64', monthlyInvocations: 1, region: 'ap-southeast-1' });
    assert.equal(p.pricing.regionFallback, true);
    assert.equal(p.monthly.pricing.regionFallback, true);
  });

  it('rejects unusable input with what to do', () => {
    assert.throws(() => projectFromSamples({ durationsMs: [], memoryMb: 128, architecture: 'x86_64', monthlyInvocations: 1 }), /at least one duration/);
    assert.throws(
      () => projectFromSamples({ durationsMs: [1], coldStartShare: 1.5, memoryMb: 128, architecture: 'x86_64', monthlyInvocations: 1 }),
      /coldStartShare must be between 0 and 1/,
    );
    assert.throws(() => projectFromSamples({ durationsMs: [1], memoryMb: 128, architecture: 'x86_64', monthlyInvocations: -1 }), /monthlyInvocations/);
  });
});
