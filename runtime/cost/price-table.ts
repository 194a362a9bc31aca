// Choosing a region's prices from a table, checking tables that come from settings, and layering
// overrides (negotiated prices) on the list prices.

import type { Architecture } from '../template/model';
import {
  LAMBDA_PRICES,
  type ArchitecturePrices,
  type FreeTier,
  type PriceTable,
  type RegionPrices,
} from './pricing';

export const ARCHITECTURES: readonly Architecture[] = ['x86_64', 'arm64'];

export interface ResolvedPrices {
  /** The region the caller asked for (the table's fallback region when none was given). */
  requestedRegion: string;
  /** The region whose prices were used. */
  region: string;
  /** True when the table has no prices for the requested region and the fallback region's were used. */
  regionFallback: boolean;
  prices: RegionPrices;
  freeTier: FreeTier;
  takenOn: string;
  source: string;
}

/** Thrown when a price table cannot be used; `problems` lists every field to fix. */
export class PriceTableError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Lambda price table is not usable:\n  - ${problems.join('\n  - ')}\n` +
      'Fix these fields in the custom prices (or remove them to use the list prices).');
    this.name = 'PriceTableError';
  }
}

export function resolvePrices(region: string | undefined, table: PriceTable = LAMBDA_PRICES): ResolvedPrices {
  assertPriceTable(table);
  const requestedRegion = region === undefined || region === '' ? table.fallbackRegion : region;
  const own = Object.prototype.hasOwnProperty.call(table.regions, requestedRegion);
  const used = own ? requestedRegion : table.fallbackRegion;
  return {
    requestedRegion,
    region: used,
    regionFallback: !own,
    prices: table.regions[used]!,
    freeTier: table.freeTier,
    takenOn: table.takenOn,
    source: table.source,
  };
}

export function assertPriceTable(table: unknown): asserts table is PriceTable {
  const problems = priceTableProblems(table);
  if (problems.length > 0) throw new PriceTableError(problems);
}

/** Every problem in a price table (for instance one read from settings), each naming its field. Empty when usable. */
export function priceTableProblems(table: unknown): string[] {
  const problems: string[] = [];
  if (!isRecord(table)) return ['the price table must be an object with freeTier, fallbackRegion and regions'];
  if (typeof table.takenOn !== 'string') problems.push('takenOn must be a date string such as "2026-11-26"');
  if (typeof table.source !== 'string') problems.push('source must be a string saying where the prices come from');
  if (table.currency !== 'USD') problems.push('currency must be "USD"');
  if (!isRecord(table.freeTier)) {
    problems.push('freeTier must be an object { requests, gbSeconds }');
  } else {
    checkAmount(problems, 'freeTier.requests', table.freeTier.requests);
    checkAmount(problems, 'freeTier.gbSeconds', table.freeTier.gbSeconds);
  }
  if (!isRecord(table.regions) || Object.keys(table.regions).length === 0) {
    problems.push('regions must be an object with at least one region, e.g. { "us-east-1": { x86_64: …, arm64: … } }');
    return problems;
  }
  if (typeof table.fallbackRegion !== 'string' || !Object.prototype.hasOwnProperty.call(table.regions, table.fallbackRegion)) {
    problems.push(`fallbackRegion must name one of the listed regions (${Object.keys(table.regions).join(', ')})`);
  }
  for (const [region, regionPrices] of Object.entries(table.regions)) {
    for (const arch of ARCHITECTURES) {
      const path = `regions.${region}.${arch}`;
      const prices = isRecord(regionPrices) ? regionPrices[arch] : undefined;
      if (!isRecord(prices)) {
        problems.push(`${path} is missing: give requestPerMillion, durationTiers, provisionedConcurrencyPerGbSecond, ` +
          'provisionedDurationPerGbSecond and ephemeralStoragePerGbSecond');
        continue;
      }
      checkArchitecturePrices(problems, path, prices);
    }
  }
  return problems;
}

function checkArchitecturePrices(problems: string[], path: string, prices: Record<string, unknown>): void {
  checkAmount(problems, `${path}.requestPerMillion`, prices.requestPerMillion);
  checkAmount(problems, `${path}.provisionedConcurrencyPerGbSecond`, prices.provisionedConcurrencyPerGbSecond);
  checkAmount(problems, `${path}.provisionedDurationPerGbSecond`, prices.provisionedDurationPerGbSecond);
  checkAmount(problems, `${path}.ephemeralStoragePerGbSecond`, prices.ephemeralStoragePerGbSecond);
  const tiers = prices.durationTiers;
  if (!Array.isArray(tiers) || tiers.length === 0) {
    problems.push(`${path}.durationTiers must be a non-empty list of { upToGbSeconds, pricePerGbSecond }, the last with upToGbSeconds: null`);
    return;
  }
  let previous = 0;
  tiers.forEach((tier: unknown, i) => {
    const at = `${path}.durationTiers[${i}]`;
    if (!isRecord(tier)) {
      problems.push(`${at} must be an object { upToGbSeconds, pricePerGbSecond }`);
      return;
    }
    checkAmount(problems, `${at}.pricePerGbSecond`, tier.pricePerGbSecond);
    const last = i === tiers.length - 1;
    if (last && tier.upToGbSeconds !== null) {
      problems.push(`${at}.upToGbSeconds must be null: the last tier has no upper bound`);
    } else if (!last) {
      if (typeof tier.upToGbSeconds !== 'number' || !Number.isFinite(tier.upToGbSeconds) || tier.upToGbSeconds <= previous) {
        problems.push(`${at}.upToGbSeconds must be a number greater than ${previous} (tiers ascend; only the last is null)`);
      } else {
        previous = tier.upToGbSeconds;
      }
    }
  });
}

function checkAmount(problems: string[], path: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    problems.push(`${path} must be a number ≥ 0 (got ${JSON.stringify(value)})`);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Changes to a price table: any field may be left out. A region the base lacks must be given in full. */
export interface PriceOverrides {
  takenOn?: string;
  source?: string;
  freeTier?: Partial<FreeTier>;
  fallbackRegion?: string;
  regions?: Record<string, Partial<Record<Architecture, Partial<ArchitecturePrices>>>>;
}

/** The base table with the overrides laid over it; throws PriceTableError when the result is not usable. */
export function overridePrices(overrides: PriceOverrides, base: PriceTable = LAMBDA_PRICES): PriceTable {
  const regions: Record<string, RegionPrices> = { ...base.regions };
  for (const [region, archOverrides] of Object.entries(overrides.regions ?? {})) {
    const from = base.regions[region];
    const merged: Partial<RegionPrices> = {};
    for (const arch of ARCHITECTURES) {
      // Left out when neither side has it, so the check reports the architecture as missing.
      if (from?.[arch] === undefined && archOverrides[arch] === undefined) continue;
      merged[arch] = { ...from?.[arch], ...archOverrides[arch] } as ArchitecturePrices;
    }
    regions[region] = merged as RegionPrices;
  }
  const table: PriceTable = {
    takenOn: overrides.takenOn ?? base.takenOn,
    source: overrides.source ?? `${base.source}, with custom overrides`,
    currency: base.currency,
    freeTier: { ...base.freeTier, ...overrides.freeTier },
    fallbackRegion: overrides.fallbackRegion ?? base.fallbackRegion,
    regions,
  };
  assertPriceTable(table);
  return table;
}
