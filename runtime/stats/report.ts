// The cost report: per function, what the measured invocations say it would cost on Lambda, and the
// account's month at the volume the user expects (free tier applied once, across functions).
import { costPerMillion, monthlyCost, percentile, projectFromSamples, type FunctionUsage, type MonthlyCost, type PriceTable, type PricingBasis } from '../cost';
import type { Architecture, FunctionConfig } from '../template/model';
import type { InvocationSample, StatsStore } from './store';

/** How many of the newest samples a summary carries (for histograms and charts). */
const RECENT_SAMPLES = 200;

export interface FunctionCostSummary {
  functionName: string;
  architecture: Architecture;
  memorySizeMb: number;
  invocations: number;
  coldStarts: number;
  errors: number;
  timeouts: number;
  p50DurationMs: number;
  p95DurationMs: number;
  maxDurationMs: number;
  p50BilledMs: number;
  p95BilledMs: number;
  maxMemoryUsedMb: number;
  /** GB-seconds billed for the measured invocations (INIT included on cold starts). */
  billedGbSeconds: number;
  /** Share of invocations that were cold starts, as observed. */
  coldStartShare: number;
  /** Fraction of the cost that pays for INIT. */
  coldStartShareOfCost: number;
  costPerInvocation: number;
  costPerMillion: number;
  /** The same function on the other architecture, same durations assumed. */
  otherArchitecture: { architecture: Architecture; costPerMillion: number };
  monthlyInvocations: number;
  /** This function's month alone, without free tier (the provisioned concurrency charge included). */
  monthlyCost: number;
  /**
   * Provisioned concurrency (`ProvisionedConcurrencyConfig`): the environments configured, the share of the measured
   * invocations they served (priced at the provisioned duration price, no INIT), and the month's charge for keeping
   * them configured, whatever the traffic.
   */
  provisioned?: { concurrency: number; share: number; monthlyConcurrencyCost: number; invocationCost: number };
  recent: Array<{ at: number; durationMs: number; billedMs: number; cold: boolean; status: InvocationSample['status'] }>;
}

export interface CostReport {
  generatedAt: string;
  region: string;
  pricing: PricingBasis;
  functions: FunctionCostSummary[];
  /** Functions of the template never invoked yet. */
  unmeasured: string[];
  /** The account's month: every measured function at its volume, tiers and free tier applied once. */
  account: { invocations: number; total: number; freeTierApplied: boolean; breakdown: MonthlyCost };
}

export interface CostReportOptions {
  region: string;
  /** Invocations a month: one volume for all, or per function (missing ones use `default`). */
  monthlyInvocations: { default: number; perFunction?: Record<string, number> };
  prices?: PriceTable;
  now?: Date;
}

export function costReport(functions: readonly FunctionConfig[], store: StatsStore, options: CostReportOptions): CostReport {
  const summaries: FunctionCostSummary[] = [];
  const usages: FunctionUsage[] = [];
  const unmeasured: string[] = [];
  for (const fn of functions) {
    const samples = store.samples(fn.name);
    if (samples.length === 0) {
      unmeasured.push(fn.name);
      continue;
    }
    const { summary, usage } = summarize(fn, samples, options);
    summaries.push(summary);
    // A provisioned function's month splits its invocations between provisioned and on-demand environments.
    usages.push(usage.provisioned ? usage : {
      name: summary.functionName,
      invocations: summary.monthlyInvocations,
      memoryMb: summary.memorySizeMb,
      architecture: summary.architecture,
      ephemeralStorageMb: fn.ephemeralStorage,
      avgBilledMs: averageBilled(samples),
    });
  }
  const breakdown = monthlyCost({
    functions: usages,
    region: options.region,
    prices: options.prices,
    freeTier: true,
  });
  return {
    generatedAt: (options.now ?? new Date()).toISOString(),
    region: options.region,
    pricing: breakdown.pricing,
    functions: summaries,
    unmeasured,
    account: {
      invocations: summaries.reduce((sum, summary) => sum + summary.monthlyInvocations, 0),
      total: breakdown.total,
      freeTierApplied: breakdown.freeTier.applied,
      breakdown,
    },
  };
}

function summarize(fn: FunctionConfig, samples: readonly InvocationSample[], options: CostReportOptions): { summary: FunctionCostSummary; usage: FunctionUsage } {
  const durations = samples.map((sample) => sample.durationMs);
  const inits = samples.flatMap((sample) => (sample.initMs !== undefined ? [sample.initMs] : []));
  const monthlyInvocations = options.monthlyInvocations.perFunction?.[fn.name] ?? options.monthlyInvocations.default;
  const shape = { memoryMb: fn.memorySize, region: options.region, ephemeralStorageMb: fn.ephemeralStorage, prices: options.prices, monthlyInvocations, name: fn.name };
  const provisioned = fn.provisionedConcurrency !== undefined
    ? { concurrency: fn.provisionedConcurrency, share: samples.filter((sample) => sample.provisioned).length / samples.length }
    : undefined;
  const projection = projectFromSamples({ ...shape, durationsMs: durations, initDurationsMs: inits, architecture: fn.architecture, ...(provisioned ? { provisioned } : {}) });
  const other: Architecture = fn.architecture === 'arm64' ? 'x86_64' : 'arm64';
  const summary: FunctionCostSummary = {
    functionName: fn.name,
    architecture: fn.architecture,
    memorySizeMb: fn.memorySize,
    invocations: samples.length,
    coldStarts: inits.length,
    errors: samples.filter((sample) => sample.status === 'error').length,
    timeouts: samples.filter((sample) => sample.status === 'timeout').length,
    p50DurationMs: percentile(durations, 50),
    p95DurationMs: percentile(durations, 95),
    maxDurationMs: Math.max(...durations),
    p50BilledMs: projection.p50BilledMs,
    p95BilledMs: projection.p95BilledMs,
    maxMemoryUsedMb: Math.max(...samples.map((sample) => sample.maxMemoryMb)),
    billedGbSeconds: samples.reduce((sum, sample) => sum + (sample.memoryMb / 1024) * (sample.billedMs / 1000), 0),
    coldStartShare: projection.coldStartShare,
    coldStartShareOfCost: projection.coldStartShareOfCost,
    costPerInvocation: projection.costPerInvocation,
    costPerMillion: projection.costPerMillion,
    otherArchitecture: {
      architecture: other,
      costPerMillion: costPerMillion({ memoryMb: fn.memorySize, billedMs: projection.avgBilledMs, architecture: other, region: options.region, ephemeralStorageMb: fn.ephemeralStorage, prices: options.prices }),
    },
    monthlyInvocations,
    monthlyCost: projection.monthly.total,
    recent: samples.slice(-RECENT_SAMPLES).map((sample) => ({ at: sample.at, durationMs: sample.durationMs, billedMs: sample.billedMs, cold: sample.initMs !== undefined, status: sample.status })),
  };
  if (projection.provisioned) summary.provisioned = projection.provisioned;
  return { summary, usage: projection.usage };
}

function averageBilled(samples: readonly InvocationSample[]): number {
  return samples.reduce((sum, sample) => sum + sample.billedMs, 0) / samples.length;
}
