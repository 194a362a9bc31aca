// Every figure behind one function's hint, for the hover: the per-invocation breakdown, cold starts,
// the other architecture, other memory sizes and the month. Pure: computed from the samples and the
// report, with the same cost module the runtime uses, so CLI, hint and hover agree.
import {
  FREE_EPHEMERAL_STORAGE_MB,
  invocationCost,
  projectFromSamples,
  resolvePrices,
  type FunctionMonthlyCost,
  type InvocationCost,
  type PriceTable,
  type SampleProjection,
  type TierCharge,
} from '../../runtime/cost';
import type { CostReport, FunctionCostSummary } from '../../runtime/stats/report';
import type { InvocationSample } from '../../runtime/stats/store';
import type { Architecture, FunctionConfig } from '../../runtime/template/model';
import { memoryWhatIf, type WhatIfRow } from './whatIf';

export interface FunctionExplanation {
  fn: FunctionConfig;
  summary: FunctionCostSummary;
  /** Mean of the REPORT lines' Billed Duration over the samples. */
  meanBilledMs: number;
  projection: SampleProjection;
  /** One invocation at the projection's mean billed duration (cold starts averaged in). */
  perInvocation: InvocationCost;
  requestPerMillion: number;
  pricePerGbSecond: number;
  storagePricePerGbSecond: number;
  /** Provisioned concurrency's prices (used when the function has it). */
  provisionedPrices: { concurrencyPerGbSecond: number; durationPerGbSecond: number };
  otherArchitecture: { architecture: Architecture; costPerMillion: number };
  whatIf: WhatIfRow[];
  /** This function's part of the account month (free tier shared), if the report has it. */
  accountPart: FunctionMonthlyCost | undefined;
  accountTotal: number;
  /** Duration tiers the account month reaches on this function's architecture. */
  tiers: TierCharge[];
  freeTier: CostReport['account']['breakdown']['freeTier'];
  /** The account's monthly allowance in the price table used. */
  freeTierAllowance: { requests: number; gbSeconds: number };
  pricing: CostReport['pricing'];
}

export interface ExplainOptions {
  region: string;
  prices: PriceTable;
}

export function meanBilledMs(samples: readonly InvocationSample[]): number {
  return samples.length === 0 ? 0 : samples.reduce((sum, sample) => sum + sample.billedMs, 0) / samples.length;
}

export function explainFunction(fn: FunctionConfig, samples: readonly InvocationSample[], report: CostReport, options: ExplainOptions): FunctionExplanation | undefined {
  const summary = report.functions.find((candidate) => candidate.functionName === fn.name);
  if (!summary || samples.length === 0) return undefined;
  const shape = { memoryMb: fn.memorySize, architecture: fn.architecture, region: options.region, ephemeralStorageMb: fn.ephemeralStorage, prices: options.prices };
  const projection = projectFromSamples({
    ...shape,
    durationsMs: samples.map((sample) => sample.durationMs),
    initDurationsMs: samples.flatMap((sample) => (sample.initMs !== undefined ? [sample.initMs] : [])),
    monthlyInvocations: summary.monthlyInvocations,
    name: fn.name,
    ...(summary.provisioned ? { provisioned: { concurrency: summary.provisioned.concurrency, share: summary.provisioned.share } } : {}),
  });
  const resolved = resolvePrices(options.region, options.prices);
  const prices = resolved.prices[fn.architecture];
  const breakdown = report.account.breakdown;
  return {
    fn,
    summary,
    meanBilledMs: meanBilledMs(samples),
    projection,
    perInvocation: invocationCost({ ...shape, billedMs: projection.avgBilledMs }),
    requestPerMillion: prices.requestPerMillion,
    pricePerGbSecond: prices.durationTiers[0]!.pricePerGbSecond,
    storagePricePerGbSecond: fn.ephemeralStorage > FREE_EPHEMERAL_STORAGE_MB ? prices.ephemeralStoragePerGbSecond : 0,
    provisionedPrices: { concurrencyPerGbSecond: prices.provisionedConcurrencyPerGbSecond, durationPerGbSecond: prices.provisionedDurationPerGbSecond },
    otherArchitecture: summary.otherArchitecture,
    whatIf: memoryWhatIf(fn, samples, options),
    accountPart: breakdown.functions.find((part) => part.name === fn.name),
    accountTotal: report.account.total,
    tiers: breakdown.architectures[fn.architecture].tiers,
    freeTier: breakdown.freeTier,
    freeTierAllowance: resolved.freeTier,
    pricing: report.pricing,
  };
}
