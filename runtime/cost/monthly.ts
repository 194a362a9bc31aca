// A month's bill for a set of functions in one region, the way AWS adds it up: duration tiers per
// architecture over the account's total, the free tier once per account, requests and storage on top.

import type { Architecture } from '../template/model';
import {
  gbSeconds,
  pricingBasis,
  requireFunctionShape,
  requireNonNegative,
  storageGbSeconds,
  tieredDurationCost,
  type PricingBasis,
  type TierCharge,
} from './billing';
import { ARCHITECTURES, resolvePrices } from './price-table';
import { FREE_EPHEMERAL_STORAGE_MB, type PriceTable } from './pricing';
import { mean } from './stats';

export interface ProvisionedConcurrencyUsage {
  /** Environments kept initialised (the configured provisioned concurrency). */
  concurrency: number;
  /** Hours in the month it stays configured (730 for a whole month). */
  hours: number;
  /** How many of the function's invocations the provisioned environments served; the rest spill to on-demand. */
  invocations: number;
  /**
   * Average billed ms of the invocations they served (never a cold start there); the function's `avgBilledMs`
   * (then that of its on-demand invocations) when left out.
   */
  avgBilledMs?: number;
}

/** Hours of a month as AWS prices them (8,760 h a year / 12). */
export const HOURS_PER_MONTH = 730;

export interface FunctionUsage {
  /** Shown in the breakdown and in error messages. */
  name: string;
  /** Invocations in the month. */
  invocations: number;
  memoryMb: number;
  architecture: Architecture;
  /** Configured /tmp in MB; 512 (free) when left out. */
  ephemeralStorageMb?: number;
  /** Average billed ms per invocation, billed INIT of cold starts included. Give this or `billedMsSamples`. */
  avgBilledMs?: number;
  /** Billed ms of sample invocations. Cost is linear in duration, so their mean prices the distribution exactly. */
  billedMsSamples?: readonly number[];
  provisioned?: ProvisionedConcurrencyUsage;
}

export interface MonthlyCostInput {
  functions: readonly FunctionUsage[];
  /** AWS region; the table's fallback region (us-east-1) when left out. */
  region?: string;
  /** A custom price table (negotiated prices); AWS list prices when left out. */
  prices?: PriceTable;
  /** Whether the account's monthly free tier is still to be used by these functions. */
  freeTier: boolean;
}

export interface FunctionMonthlyCost {
  name: string;
  architecture: Architecture;
  invocations: number;
  avgBilledMs: number;
  /** On-demand duration GB-s (what the tiers and the free tier apply to). */
  gbSeconds: number;
  /** This function's share of the free tier (see `monthlyCost`). */
  freeGbSeconds: number;
  freeRequests: number;
  requestCost: number;
  /** On-demand duration at the tiers' blended rate, plus duration served by provisioned concurrency. */
  durationCost: number;
  storageCost: number;
  provisionedConcurrencyCost: number;
  total: number;
}

export interface ArchitectureDuration {
  gbSeconds: number;
  freeGbSeconds: number;
  billableGbSeconds: number;
  /** On-demand duration cost of the architecture, tiers applied. */
  durationCost: number;
  tiers: TierCharge[];
}

export interface MonthlyCost {
  total: number;
  requestCost: number;
  durationCost: number;
  storageCost: number;
  provisionedConcurrencyCost: number;
  functions: FunctionMonthlyCost[];
  architectures: Record<Architecture, ArchitectureDuration>;
  /** How much of the free tier these functions used. */
  freeTier: { applied: boolean; requests: number; gbSeconds: number };
  pricing: PricingBasis;
}

const SECONDS_PER_HOUR = 3600;

interface Metered {
  usage: FunctionUsage;
  avgBilledMs: number;
  onDemandGbSeconds: number;
  provisionedDurationGbSeconds: number;
  provisionedConfiguredGbSeconds: number;
  storageGbSeconds: number;
  freeTierEligible: boolean;
}

/**
 * Prices a month. AWS applies the duration tiers to the aggregate on-demand GB-s of each architecture in
 * the region, so they are applied here per architecture across all functions given.
 *
 * The free tier (1M requests, 400,000 GB-s, x86 and arm64 together) belongs to the account and is used
 * once. AWS does not say how it is split, so for the breakdown it is shared in proportion: each function
 * gets free GB-s in proportion to its on-demand GB-s and free requests in proportion to its invocations,
 * across architectures alike. As the reference's formula does, the tiers then apply to what is left.
 * AWS says the free tier does not apply to functions with provisioned concurrency, so they get none.
 * Each architecture's tiered cost is shared among its functions by their billable GB-s.
 */
export function monthlyCost(input: MonthlyCostInput): MonthlyCost {
  const resolved = resolvePrices(input.region, input.prices);
  const metered = input.functions.map((usage, i) => meter(usage, i, input.freeTier));

  const eligible = metered.filter((m) => m.freeTierEligible);
  const eligibleGbSeconds = sum(eligible.map((m) => m.onDemandGbSeconds));
  const eligibleRequests = sum(eligible.map((m) => m.usage.invocations));
  const freeGbSecondsUsed = input.freeTier ? Math.min(resolved.freeTier.gbSeconds, eligibleGbSeconds) : 0;
  const freeRequestsUsed = input.freeTier ? Math.min(resolved.freeTier.requests, eligibleRequests) : 0;
  const shareOf = (part: number, whole: number, amount: number): number => (whole > 0 ? (part / whole) * amount : 0);

  const freeGbs = metered.map((m) => (m.freeTierEligible ? shareOf(m.onDemandGbSeconds, eligibleGbSeconds, freeGbSecondsUsed) : 0));
  const freeReqs = metered.map((m) => (m.freeTierEligible ? shareOf(m.usage.invocations, eligibleRequests, freeRequestsUsed) : 0));
  const billable = metered.map((m, i) => Math.max(0, m.onDemandGbSeconds - freeGbs[i]!));

  const architectures = {} as Record<Architecture, ArchitectureDuration>;
  for (const arch of ARCHITECTURES) {
    const indexes = metered.flatMap((m, i) => (m.usage.architecture === arch ? [i] : []));
    const billableGbSeconds = sum(indexes.map((i) => billable[i]!));
    const tiered = tieredDurationCost(billableGbSeconds, resolved.prices[arch].durationTiers);
    architectures[arch] = {
      gbSeconds: sum(indexes.map((i) => metered[i]!.onDemandGbSeconds)),
      freeGbSeconds: sum(indexes.map((i) => freeGbs[i]!)),
      billableGbSeconds,
      durationCost: tiered.cost,
      tiers: tiered.tiers,
    };
  }

  const functions = metered.map((m, i): FunctionMonthlyCost => {
    const arch = architectures[m.usage.architecture];
    const prices = resolved.prices[m.usage.architecture];
    const onDemandDuration = shareOf(billable[i]!, arch.billableGbSeconds, arch.durationCost);
    const durationCost = onDemandDuration + m.provisionedDurationGbSeconds * prices.provisionedDurationPerGbSecond;
    const requestCost = Math.max(0, m.usage.invocations - freeReqs[i]!) * (prices.requestPerMillion / 1e6);
    const storageCost = m.storageGbSeconds * prices.ephemeralStoragePerGbSecond;
    const provisionedConcurrencyCost = m.provisionedConfiguredGbSeconds * prices.provisionedConcurrencyPerGbSecond;
    return {
      name: m.usage.name,
      architecture: m.usage.architecture,
      invocations: m.usage.invocations,
      avgBilledMs: m.avgBilledMs,
      gbSeconds: m.onDemandGbSeconds,
      freeGbSeconds: freeGbs[i]!,
      freeRequests: freeReqs[i]!,
      requestCost,
      durationCost,
      storageCost,
      provisionedConcurrencyCost,
      total: requestCost + durationCost + storageCost + provisionedConcurrencyCost,
    };
  });

  const requestCost = sum(functions.map((f) => f.requestCost));
  const durationCost = sum(functions.map((f) => f.durationCost));
  const storageCost = sum(functions.map((f) => f.storageCost));
  const provisionedConcurrencyCost = sum(functions.map((f) => f.provisionedConcurrencyCost));
  return {
    total: requestCost + durationCost + storageCost + provisionedConcurrencyCost,
    requestCost,
    durationCost,
    storageCost,
    provisionedConcurrencyCost,
    functions,
    architectures,
    freeTier: { applied: input.freeTier, requests: freeRequestsUsed, gbSeconds: freeGbSecondsUsed },
    pricing: pricingBasis(resolved),
  };
}

function meter(usage: FunctionUsage, index: number, freeTier: boolean): Metered {
  const where = `functions[${index}] (${usage.name})`;
  const storageMb = usage.ephemeralStorageMb ?? FREE_EPHEMERAL_STORAGE_MB;
  requireFunctionShape(usage.memoryMb, usage.architecture, storageMb, where);
  requireNonNegative(`${where}: invocations`, usage.invocations);
  const avgBilledMs = averageBilledMs(usage, where);
  const provisioned = usage.provisioned;
  let provisionedInvocations = 0;
  let provisionedConfiguredGbSeconds = 0;
  let provisionedPerInvocation = 0;
  if (provisioned !== undefined) {
    if (provisioned.avgBilledMs !== undefined) requireNonNegative(`${where}: provisioned.avgBilledMs`, provisioned.avgBilledMs);
    requireNonNegative(`${where}: provisioned.concurrency`, provisioned.concurrency);
    requireNonNegative(`${where}: provisioned.hours`, provisioned.hours);
    requireNonNegative(`${where}: provisioned.invocations`, provisioned.invocations);
    if (provisioned.invocations > usage.invocations) {
      throw new RangeError(`${where}: provisioned.invocations (${provisioned.invocations}) cannot exceed invocations (${usage.invocations})`);
    }
    provisionedInvocations = provisioned.invocations;
    provisionedConfiguredGbSeconds = gbSeconds(usage.memoryMb, provisioned.hours * SECONDS_PER_HOUR * 1000) * provisioned.concurrency;
    provisionedPerInvocation = gbSeconds(usage.memoryMb, provisioned.avgBilledMs ?? avgBilledMs);
  }
  const perInvocation = gbSeconds(usage.memoryMb, avgBilledMs);
  return {
    usage,
    avgBilledMs,
    onDemandGbSeconds: (usage.invocations - provisionedInvocations) * perInvocation,
    provisionedDurationGbSeconds: provisionedInvocations * provisionedPerInvocation,
    provisionedConfiguredGbSeconds,
    storageGbSeconds: usage.invocations * storageGbSeconds(storageMb, avgBilledMs),
    freeTierEligible: freeTier && provisioned === undefined,
  };
}

function averageBilledMs(usage: FunctionUsage, where: string): number {
  const hasAvg = usage.avgBilledMs !== undefined;
  const hasSamples = usage.billedMsSamples !== undefined;
  if (hasAvg === hasSamples) {
    throw new RangeError(`${where}: give exactly one of avgBilledMs or billedMsSamples`);
  }
  if (hasAvg) {
    requireNonNegative(`${where}: avgBilledMs`, usage.avgBilledMs!);
    return usage.avgBilledMs!;
  }
  const samples = usage.billedMsSamples!;
  if (samples.length === 0) throw new RangeError(`${where}: billedMsSamples is empty; give at least one billed duration`);
  samples.forEach((ms, i) => requireNonNegative(`${where}: billedMsSamples[${i}]`, ms));
  return mean(samples);
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
