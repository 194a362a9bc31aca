// From durations measured locally to what the function would cost on Lambda: the numbers inline
// hints show next to a handler.

import type { Architecture } from '../template/model';
import { billedDurationMs, invocationCost, requireNonNegative, type PricingBasis } from './billing';
import { HOURS_PER_MONTH, monthlyCost, type FunctionUsage, type MonthlyCost } from './monthly';
import type { PriceTable } from './pricing';
import { mean, percentile } from './stats';

export interface SampleProjectionInput {
  /** Durations (ms) of observed invocations, INIT not included (the REPORT line's `Duration`). */
  durationsMs: readonly number[];
  /** INIT durations (ms) of observed cold starts (the REPORT line's `Init Duration`). */
  initDurationsMs?: readonly number[];
  /**
   * Share (0..1) of invocations expected to be cold starts in production. Defaults to the observed share,
   * initDurationsMs.length / durationsMs.length (capped at 1), which local runs usually overstate.
   */
  coldStartShare?: number;
  memoryMb: number;
  architecture: Architecture;
  region?: string;
  ephemeralStorageMb?: number;
  prices?: PriceTable;
  /** Invocations a month to project the monthly cost at. */
  monthlyInvocations: number;
  /** Whether this function alone may use the account's free tier; false by default, since other functions share it. */
  freeTier?: boolean;
  /** Name for the monthly breakdown. */
  name?: string;
  /**
   * Provisioned concurrency: `concurrency` environments configured for `hours` a month (730 when left out), serving
   * `share` (0..1) of the invocations (the observed share of samples that ran on them); the rest run on demand.
   */
  provisioned?: { concurrency: number; share: number; hours?: number };
}

export interface SampleProjection {
  /** Billed duration of a warm invocation (each sample rounded up to 1 ms), median and 95th percentile. */
  p50BilledMs: number;
  p95BilledMs: number;
  /** Mean INIT duration used for cold starts; undefined when none was observed (cold starts then add nothing). */
  initDurationMs: number | undefined;
  /** Mean billed duration of a cold start: ceil(INIT + duration), averaged over the samples. */
  coldStartBilledMs: number;
  /** The cold-start share the projection assumed. */
  coldStartShare: number;
  /** Mean billed duration over warm and cold invocations. */
  avgBilledMs: number;
  /** Marginal price of one invocation (first tier, no free tier), cold starts averaged in. */
  costPerInvocation: number;
  costPerMillion: number;
  warmInvocationCost: number;
  coldInvocationCost: number;
  /** Fraction (0..1) of the cost that pays for INIT on cold starts. */
  coldStartShareOfCost: number;
  /** The month at `monthlyInvocations`, tiers and (if asked) free tier applied. */
  monthly: MonthlyCost;
  /** The usage the month was priced from (for an account-wide month of several functions). */
  usage: FunctionUsage;
  /** Provisioned concurrency: the share of invocations it served, and the month's charge for keeping it configured. */
  provisioned?: { concurrency: number; share: number; invocationCost: number; monthlyConcurrencyCost: number };
  pricing: PricingBasis;
}

export function projectFromSamples(input: SampleProjectionInput): SampleProjection {
  if (input.durationsMs.length === 0) {
    throw new RangeError('projectFromSamples needs at least one duration in durationsMs: invoke the function first');
  }
  requireNonNegative('monthlyInvocations', input.monthlyInvocations);
  const initSamples = input.initDurationsMs ?? [];
  const observedShare = Math.min(1, initSamples.length / input.durationsMs.length);
  const coldStartShare = input.coldStartShare ?? observedShare;
  if (!Number.isFinite(coldStartShare) || coldStartShare < 0 || coldStartShare > 1) {
    throw new RangeError(`coldStartShare must be between 0 and 1 (e.g. 0.01 for 1%), got ${coldStartShare}`);
  }

  const provisionedShare = input.provisioned?.share ?? 0;
  if (input.provisioned) {
    requireNonNegative('provisioned.concurrency', input.provisioned.concurrency);
    if (!Number.isFinite(provisionedShare) || provisionedShare < 0 || provisionedShare > 1) {
      throw new RangeError(`provisioned.share must be between 0 and 1, got ${provisionedShare}`);
    }
  }
  // Cold starts happen on demand only: together with the provisioned share they cover at most every invocation.
  const coldShare = Math.min(coldStartShare, 1 - provisionedShare);
  const onDemandShare = 1 - provisionedShare;

  const warmBilled = input.durationsMs.map((d) => billedDurationMs(d));
  const initDurationMs = initSamples.length > 0 ? mean(initSamples) : undefined;
  const coldBilled = input.durationsMs.map((d) => billedDurationMs(d, initDurationMs ?? 0, true));
  const warmMs = mean(warmBilled);
  const coldMs = mean(coldBilled);
  const avgBilledMs = (1 - coldShare) * warmMs + coldShare * coldMs;

  const shape = {
    memoryMb: input.memoryMb,
    architecture: input.architecture,
    region: input.region,
    ephemeralStorageMb: input.ephemeralStorageMb,
    prices: input.prices,
  };
  const warm = invocationCost({ ...shape, billedMs: warmMs });
  const cold = invocationCost({ ...shape, billedMs: coldMs });
  const onProvisioned = invocationCost({ ...shape, billedMs: warmMs, provisioned: true });
  // Cost is linear in billed duration, so the blend of warm, cold and provisioned invocations is exact.
  const costPerInvocation = input.provisioned
    ? (onDemandShare - coldShare) * warm.total + coldShare * cold.total + provisionedShare * onProvisioned.total
    : invocationCost({ ...shape, billedMs: avgBilledMs }).total;
  const initCost = coldShare * (cold.total - warm.total);

  // On-demand invocations bill warm or cold; those on provisioned environments never include INIT.
  const onDemandBilledMs = onDemandShare > 0 ? ((onDemandShare - coldShare) * warmMs + coldShare * coldMs) / onDemandShare : warmMs;
  const usage: FunctionUsage = {
    name: input.name ?? 'function',
    invocations: input.monthlyInvocations,
    memoryMb: input.memoryMb,
    architecture: input.architecture,
    ephemeralStorageMb: input.ephemeralStorageMb,
    avgBilledMs: input.provisioned ? onDemandBilledMs : avgBilledMs,
    ...(input.provisioned ? {
      provisioned: {
        concurrency: input.provisioned.concurrency,
        hours: input.provisioned.hours ?? HOURS_PER_MONTH,
        invocations: input.monthlyInvocations * provisionedShare,
        avgBilledMs: warmMs,
      },
    } : {}),
  };
  const monthly = monthlyCost({ functions: [usage], region: input.region, prices: input.prices, freeTier: input.freeTier ?? false });

  return {
    p50BilledMs: percentile(warmBilled, 50),
    p95BilledMs: percentile(warmBilled, 95),
    initDurationMs,
    coldStartBilledMs: coldMs,
    coldStartShare: coldShare,
    avgBilledMs,
    costPerInvocation,
    costPerMillion: costPerInvocation * 1e6,
    warmInvocationCost: warm.total,
    coldInvocationCost: cold.total,
    coldStartShareOfCost: costPerInvocation > 0 ? initCost / costPerInvocation : 0,
    monthly,
    usage,
    ...(input.provisioned ? {
      provisioned: {
        concurrency: input.provisioned.concurrency,
        share: provisionedShare,
        invocationCost: onProvisioned.total,
        monthlyConcurrencyCost: monthly.provisionedConcurrencyCost,
      },
    } : {}),
    pricing: warm.pricing,
  };
}
