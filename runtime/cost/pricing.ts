// Lambda's list prices, as data. Everything that computes a cost takes a PriceTable, so a caller
// with negotiated prices (a setting, a private pricing agreement) passes its own instead of this one.

import type { Architecture } from '../template/model';

/** One band of on-demand duration pricing. Bands are cumulative: the first covers 0..upTo. */
export interface DurationTier {
  /** Monthly GB-s (per architecture, per region) where this band ends; `null` for the open-ended last band. */
  upToGbSeconds: number | null;
  /** USD per GB-s inside this band. */
  pricePerGbSecond: number;
}

export interface ArchitecturePrices {
  /** USD per 1,000,000 requests. */
  requestPerMillion: number;
  /** On-demand duration bands, ascending, the last one open-ended. */
  durationTiers: DurationTier[];
  /** USD per GB-s of provisioned concurrency configured, whether used or not. */
  provisionedConcurrencyPerGbSecond: number;
  /** USD per GB-s of duration for invocations served by provisioned environments (not tiered). */
  provisionedDurationPerGbSecond: number;
  /** USD per GB-s of ephemeral storage configured above the free 512 MB. */
  ephemeralStoragePerGbSecond: number;
}

export type RegionPrices = Record<Architecture, ArchitecturePrices>;

export interface FreeTier {
  /** Free requests per month, per account. */
  requests: number;
  /** Free on-demand duration per month, per account, x86 and arm64 together. */
  gbSeconds: number;
}

export interface PriceTable {
  /** ISO date the figures were taken. */
  takenOn: string;
  /** Where the figures come from, for people checking them. */
  source: string;
  currency: 'USD';
  freeTier: FreeTier;
  /** Region used when a caller asks for a region this table does not list. */
  fallbackRegion: string;
  regions: Record<string, RegionPrices>;
}

/** MB of ephemeral storage every function gets without charge. */
export const FREE_EPHEMERAL_STORAGE_MB = 512;

const US_EAST_1: RegionPrices = {
  x86_64: {
    requestPerMillion: 0.2,
    durationTiers: [
      { upToGbSeconds: 6e9, pricePerGbSecond: 0.0000166667 },
      { upToGbSeconds: 15e9, pricePerGbSecond: 0.000015 },
      { upToGbSeconds: null, pricePerGbSecond: 0.0000133334 },
    ],
    provisionedConcurrencyPerGbSecond: 0.0000041667,
    provisionedDurationPerGbSecond: 0.0000097222,
    ephemeralStoragePerGbSecond: 0.0000000309,
  },
  arm64: {
    requestPerMillion: 0.2,
    durationTiers: [
      { upToGbSeconds: 7.5e9, pricePerGbSecond: 0.0000133334 },
      { upToGbSeconds: 18.75e9, pricePerGbSecond: 0.0000120001 },
      { upToGbSeconds: null, pricePerGbSecond: 0.0000106667 },
    ],
    provisionedConcurrencyPerGbSecond: 0.0000033334,
    provisionedDurationPerGbSecond: 0.0000077778,
    ephemeralStoragePerGbSecond: 0.0000000309,
  },
};

/**
 * AWS's public list prices. Only us-east-1 is listed: it is the one region whose every figure
 * (all tiers, both architectures, provisioned concurrency, storage) we could verify. Other regions
 * fall back to it with `regionFallback: true`; callers with other figures pass their own table.
 */
export const LAMBDA_PRICES: PriceTable = {
  takenOn: '2026-11-26',
  source:
    'https://aws.amazon.com/lambda/pricing/ (US East (N. Virginia)), as digested in ' +
    'shared/reference/lambda-semantics.md section 5, cross-checked against the AWS Price List ' +
    'AWSLambda offer for us-east-1 (usage types Request, Lambda-GB-Second[-ARM], ' +
    'Lambda-Provisioned-Concurrency[-ARM], Lambda-Provisioned-GB-Second[-ARM], Lambda-Storage-GB-Second[-ARM])',
  currency: 'USD',
  freeTier: { requests: 1_000_000, gbSeconds: 400_000 },
  fallbackRegion: 'us-east-1',
  regions: { 'us-east-1': US_EAST_1 },
};
