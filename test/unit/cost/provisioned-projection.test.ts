// Provisioned concurrency priced from measured samples, with AWS's us-east-1 list prices (x86: $0.0000041667 per GB-s
// configured, $0.0000097222 per GB-s of duration on provisioned environments; on demand $0.0000166667; requests $0.20 per 1M).
import assert from 'node:assert/strict';
import { invocationCost, projectFromSamples } from '../../../runtime/cost';
import { costHint } from '../../../src/cost/hintText';
import { assertClose } from './helpers';

const MONTH_SECONDS = 730 * 3600;

describe('cost: provisioned concurrency from samples', () => {
  it('prices an invocation on a provisioned environment at the provisioned duration price', () => {
    const cost = invocationCost({ memoryMb: 1024, billedMs: 100, architecture: 'x86_64', provisioned: true });
    assertClose(cost.durationCost, 0.1 * 0.0000097222, 1e-15);
    assertClose(cost.total, 0.2e-6 + 0.1 * 0.0000097222, 1e-15);
    const arm = invocationCost({ memoryMb: 1024, billedMs: 100, architecture: 'arm64', provisioned: true });
    assertClose(arm.durationCost, 0.1 * 0.0000077778, 1e-15);
  });

  it('charges the configured environments all month, and the invocations they serve at the lower price without INIT', () => {
    const p = projectFromSamples({
      durationsMs: [100, 100, 100, 100],
      initDurationsMs: [],
      memoryMb: 1024,
      architecture: 'x86_64',
      monthlyInvocations: 1_000_000,
      provisioned: { concurrency: 3, share: 1 },
    });
    const perInvocation = 0.2e-6 + 0.1 * 0.0000097222;
    assertClose(p.costPerInvocation, perInvocation, 1e-15);
    assert.equal(p.coldStartShareOfCost, 0);
    assertClose(p.provisioned!.monthlyConcurrencyCost, 3 * 1 * MONTH_SECONDS * 0.0000041667, 1e-9);
    assertClose(p.monthly.total, 3 * MONTH_SECONDS * 0.0000041667 + 1_000_000 * perInvocation, 1e-6);
    assert.equal(p.monthly.functions[0]!.gbSeconds, 0, 'no on-demand duration');
  });

  it('prices the spill-over beyond them on demand, cold starts (INIT billed) included', () => {
    // Half ran on provisioned environments; of the other half, one in two was a cold start with a 300 ms INIT.
    const p = projectFromSamples({
      durationsMs: [100, 100, 100, 100],
      initDurationsMs: [300],
      memoryMb: 512,
      architecture: 'x86_64',
      monthlyInvocations: 1_000_000,
      provisioned: { concurrency: 1, share: 0.5 },
    });
    const provisioned = 0.2e-6 + 0.5 * 0.1 * 0.0000097222;
    const warm = 0.2e-6 + 0.5 * 0.1 * 0.0000166667;
    const cold = 0.2e-6 + 0.5 * 0.4 * 0.0000166667;
    assertClose(p.costPerInvocation, 0.5 * provisioned + 0.25 * warm + 0.25 * cold, 1e-15);
    // The month: 500,000 on demand at a mean of 250 ms billed, 500,000 provisioned at 100 ms, one environment all month.
    const month = p.monthly.functions[0]!;
    assertClose(month.gbSeconds, 500_000 * 0.5 * 0.25, 1e-6);
    assertClose(month.durationCost, 500_000 * 0.5 * 0.25 * 0.0000166667 + 500_000 * 0.5 * 0.1 * 0.0000097222, 1e-9);
    assertClose(month.provisionedConcurrencyCost, 0.5 * MONTH_SECONDS * 0.0000041667, 1e-9);
  });

  it('says so in the hint beside the handler', () => {
    const hint = costHint({
      functionName: 'Fn', architecture: 'x86_64', memorySizeMb: 1024, invocations: 2, coldStarts: 0, errors: 0, timeouts: 0,
      p50DurationMs: 10, p95DurationMs: 10, maxDurationMs: 10, p50BilledMs: 10, p95BilledMs: 10, maxMemoryUsedMb: 60, billedGbSeconds: 0.02,
      coldStartShare: 0, coldStartShareOfCost: 0, costPerInvocation: 3e-7, costPerMillion: 0.3, otherArchitecture: { architecture: 'arm64', costPerMillion: 0.28 },
      monthlyInvocations: 1000, monthlyCost: 21.9, recent: [],
      provisioned: { concurrency: 2, share: 1, monthlyConcurrencyCost: 21.9, invocationCost: 3e-7 },
    }, 10, { notablePerMillion: 1, expensivePerMillion: 10 });
    assert.match(hint.text, /· 2 provisioned \$21\.90\/month$/);
  });

  it('rejects a share outside 0..1', () => {
    assert.throws(() => projectFromSamples({ durationsMs: [1], memoryMb: 128, architecture: 'x86_64', monthlyInvocations: 1, provisioned: { concurrency: 1, share: 1.5 } }), /provisioned.share must be between 0 and 1/);
  });
});
