// What one invocation is billed for: billed duration, GB-seconds, and its marginal price.

import type { Architecture } from '../template/model';
import { ARCHITECTURES, resolvePrices, type ResolvedPrices } from './price-table';
import { FREE_EPHEMERAL_STORAGE_MB, type DurationTier, type PriceTable } from './pricing';

export const MIN_MEMORY_MB = 128;
export const MAX_MEMORY_MB = 10_240;
export const MAX_EPHEMERAL_STORAGE_MB = 10_240;

/** Which prices a result was computed with, so a UI can say "us-east-1 prices of 2026-11-26". */
export type PricingBasis = Omit<ResolvedPrices, 'prices' | 'freeTier'>;

export function pricingBasis(resolved: ResolvedPrices): PricingBasis {
  const { prices: _prices, freeTier: _freeTier, ...basis } = resolved;
  return basis;
}

/**
 * The duration Lambda bills: rounded up to the next whole millisecond, never less than 1 ms.
 *
 * On a cold start of an on-demand function the INIT phase is billed too, and the sum is rounded once:
 * ceil(init + duration). Since 1 August 2025 AWS bills INIT for every on-demand function (before, INIT
 * of managed runtimes packaged as .zip was free), and the REPORT line's Billed Duration covers both.
 * Environments started by provisioned concurrency pay for INIT inside the provisioned-concurrency charge,
 * so pass `coldStart: false` for them. `coldStart` defaults to "an init duration was given", because
 * Lambda reports an init duration only on a cold start.
 */
export function billedDurationMs(durationMs: number, initDurationMs?: number, coldStart = initDurationMs !== undefined): number {
  requireNonNegative('durationMs', durationMs);
  if (initDurationMs !== undefined) requireNonNegative('initDurationMs', initDurationMs);
  const billedInit = coldStart && initDurationMs !== undefined ? initDurationMs : 0;
  return ceilToMs(durationMs + billedInit);
}

/** Rounds up to whole ms, ignoring float noise below a nanosecond (a measured 129.77 − 28.77 must bill 101, not 102). */
function ceilToMs(ms: number): number {
  const cleaned = Math.round(ms * 1e6) / 1e6;
  return Math.max(1, Math.ceil(cleaned));
}

/** GB-seconds of one invocation: GB = MB / 1024, as AWS counts them. */
export function gbSeconds(memoryMb: number, billedMs: number): number {
  requirePositive('memoryMb', memoryMb);
  requireNonNegative('billedMs', billedMs);
  return (memoryMb / 1024) * (billedMs / 1000);
}

/** GB-seconds of ephemeral storage billed: only the part configured above the free 512 MB counts. */
export function storageGbSeconds(ephemeralStorageMb: number, billedMs: number): number {
  requireNonNegative('billedMs', billedMs);
  return (Math.max(0, ephemeralStorageMb - FREE_EPHEMERAL_STORAGE_MB) / 1024) * (billedMs / 1000);
}

export interface TierCharge {
  gbSeconds: number;
  pricePerGbSecond: number;
  cost: number;
}

/** Spreads a month's GB-s over the duration tiers, lowest band first. */
export function tieredDurationCost(totalGbSeconds: number, tiers: readonly DurationTier[]): { cost: number; tiers: TierCharge[] } {
  requireNonNegative('totalGbSeconds', totalGbSeconds);
  const charges: TierCharge[] = [];
  let start = 0;
  let cost = 0;
  for (const tier of tiers) {
    const end = tier.upToGbSeconds ?? Infinity;
    const inBand = Math.max(0, Math.min(totalGbSeconds, end) - start);
    const bandCost = inBand * tier.pricePerGbSecond;
    charges.push({ gbSeconds: inBand, pricePerGbSecond: tier.pricePerGbSecond, cost: bandCost });
    cost += bandCost;
    start = end;
  }
  return { cost, tiers: charges };
}

export interface InvocationCostInput {
  memoryMb: number;
  /** Billed duration in ms, e.g. from `billedDurationMs`. May be an average (fractional). */
  billedMs: number;
  architecture: Architecture;
  /** AWS region; the table's fallback region (us-east-1) when left out. */
  region?: string;
  /** Configured /tmp size in MB; 512 (free) when left out. */
  ephemeralStorageMb?: number;
  /** A custom price table (negotiated prices); AWS list prices when left out. */
  prices?: PriceTable;
  /** Served by a provisioned-concurrency environment: duration at the provisioned price (the configured concurrency is charged apart). */
  provisioned?: boolean;
}

export interface InvocationCost {
  requestCost: number;
  durationCost: number;
  storageCost: number;
  total: number;
  gbSeconds: number;
  pricing: PricingBasis;
}

/**
 * The marginal price of one on-demand invocation: first duration tier, no free tier. This is what an
 * extra invocation costs an account that has used its free tier and is below 6B GB-s (x86) a month.
 * With `provisioned`, one invocation served by a provisioned environment (its duration price is not tiered).
 */
export function invocationCost(input: InvocationCostInput): InvocationCost {
  const storageMb = input.ephemeralStorageMb ?? FREE_EPHEMERAL_STORAGE_MB;
  requireFunctionShape(input.memoryMb, input.architecture, storageMb);
  const resolved = resolvePrices(input.region, input.prices);
  const prices = resolved.prices[input.architecture];
  const gbs = gbSeconds(input.memoryMb, input.billedMs);
  const requestCost = prices.requestPerMillion / 1e6;
  const durationCost = gbs * (input.provisioned ? prices.provisionedDurationPerGbSecond : prices.durationTiers[0]!.pricePerGbSecond);
  const storageCost = storageGbSeconds(storageMb, input.billedMs) * prices.ephemeralStoragePerGbSecond;
  return {
    requestCost,
    durationCost,
    storageCost,
    total: requestCost + durationCost + storageCost,
    gbSeconds: gbs,
    pricing: pricingBasis(resolved),
  };
}

/** Dollars per 1,000,000 invocations at the marginal price (see `invocationCost`). */
export function costPerMillion(input: InvocationCostInput): number {
  return invocationCost(input).total * 1e6;
}

/** Checks memory, architecture and storage against Lambda's limits, naming the field at fault. */
export function requireFunctionShape(memoryMb: number, architecture: Architecture, ephemeralStorageMb: number, where = ''): void {
  const at = where === '' ? '' : `${where}: `;
  if (!Number.isFinite(memoryMb) || memoryMb < MIN_MEMORY_MB || memoryMb > MAX_MEMORY_MB) {
    throw new RangeError(`${at}memoryMb must be between ${MIN_MEMORY_MB} and ${MAX_MEMORY_MB} (Lambda's limits), got ${memoryMb}`);
  }
  if (!ARCHITECTURES.includes(architecture)) {
    throw new RangeError(`${at}architecture must be "x86_64" or "arm64", got ${JSON.stringify(architecture)}`);
  }
  if (!Number.isFinite(ephemeralStorageMb) || ephemeralStorageMb < FREE_EPHEMERAL_STORAGE_MB || ephemeralStorageMb > MAX_EPHEMERAL_STORAGE_MB) {
    throw new RangeError(`${at}ephemeralStorageMb must be between ${FREE_EPHEMERAL_STORAGE_MB} and ${MAX_EPHEMERAL_STORAGE_MB}, got ${ephemeralStorageMb}`);
  }
}

export function requireNonNegative(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number ≥ 0, got ${value}`);
  }
}

function requirePositive(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  }
}
