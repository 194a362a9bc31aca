// The `lambkin.cost.*` settings, read from raw values so the parsing (and the checks on custom prices)
// can be tested without VS Code. Bad values fall back to defaults; bad prices are reported, not used.
import { LAMBDA_PRICES, overridePrices, PriceTableError, type PriceOverrides, type PriceTable } from '../../runtime/cost';

export type HintStyle = 'codeLens' | 'endOfLine' | 'off';
export const HINT_STYLES: readonly HintStyle[] = ['codeLens', 'endOfLine', 'off'];

export interface CostSettings {
  hints: HintStyle;
  monthlyInvocations: number;
  perFunction: Record<string, number>;
  /** USD per 1M invocations from which a function reads as "notable", then "expensive". */
  notablePerMillion: number;
  expensivePerMillion: number;
  /** The price table to use: the list prices, or them with the user's overrides. */
  prices: PriceTable;
  /** True when `lambkin.cost.prices` changed the list prices. */
  customPrices: boolean;
  /** Why `lambkin.cost.prices` was not used; empty when it was (or was not set). */
  priceProblems: string[];
}

export interface RawCostSettings {
  hints?: unknown;
  monthlyInvocations?: unknown;
  perFunction?: unknown;
  notablePerMillion?: unknown;
  expensivePerMillion?: unknown;
  prices?: unknown;
}

export const DEFAULT_MONTHLY_INVOCATIONS = 1_000_000;
const MAX_MONTHLY_INVOCATIONS = 1e12;

function count(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? Math.min(MAX_MONTHLY_INVOCATIONS, Math.round(value)) : fallback;
}

function amount(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseCostSettings(raw: RawCostSettings): CostSettings {
  const perFunction: Record<string, number> = {};
  if (isRecord(raw.perFunction)) {
    for (const [name, value] of Object.entries(raw.perFunction)) {
      const invocations = count(value, -1);
      if (invocations >= 0) perFunction[name] = invocations;
    }
  }
  const notable = amount(raw.notablePerMillion, 1);
  const { prices, problems } = pricesFromSetting(raw.prices);
  return {
    hints: HINT_STYLES.includes(raw.hints as HintStyle) ? (raw.hints as HintStyle) : 'codeLens',
    monthlyInvocations: count(raw.monthlyInvocations, DEFAULT_MONTHLY_INVOCATIONS),
    perFunction,
    notablePerMillion: notable,
    expensivePerMillion: Math.max(notable, amount(raw.expensivePerMillion, 10)),
    prices,
    customPrices: prices !== LAMBDA_PRICES,
    priceProblems: problems,
  };
}

/**
 * `lambkin.cost.prices` laid over the list prices. Either overrides (any subset of a price table, e.g.
 * `{ "regions": { "eu-west-1": { … } } }`) or a full table. Every problem names its field.
 */
export function pricesFromSetting(value: unknown): { prices: PriceTable; problems: string[] } {
  if (value === undefined || value === null || (isRecord(value) && Object.keys(value).length === 0)) return { prices: LAMBDA_PRICES, problems: [] };
  if (!isRecord(value)) return { prices: LAMBDA_PRICES, problems: ['lambkin.cost.prices must be an object such as { "regions": { "eu-west-1": { "x86_64": { … }, "arm64": { … } } } }'] };
  const shape = overrideShapeProblems(value);
  if (shape.length > 0) return { prices: LAMBDA_PRICES, problems: shape };
  try {
    return { prices: overridePrices(value as PriceOverrides), problems: [] };
  } catch (error) {
    if (error instanceof PriceTableError) return { prices: LAMBDA_PRICES, problems: error.problems };
    return { prices: LAMBDA_PRICES, problems: [error instanceof Error ? error.message : String(error)] };
  }
}

/** What overridePrices needs before it can merge: objects where it spreads objects. */
function overrideShapeProblems(value: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (value.freeTier !== undefined && !isRecord(value.freeTier)) problems.push('freeTier must be an object { requests, gbSeconds }');
  // Prices are in US dollars throughout; another currency would be silently mislabelled.
  if (value.currency !== undefined && value.currency !== 'USD') problems.push(`currency must be "USD" (got ${JSON.stringify(value.currency)})`);
  if (value.regions === undefined) return problems;
  if (!isRecord(value.regions)) return [...problems, 'regions must be an object keyed by region, e.g. { "eu-west-1": { "x86_64": { … } } }'];
  for (const [region, architectures] of Object.entries(value.regions)) {
    if (!isRecord(architectures)) {
      problems.push(`regions.${region} must be an object { "x86_64": { … }, "arm64": { … } }`);
      continue;
    }
    for (const [architecture, prices] of Object.entries(architectures)) {
      if (architecture !== 'x86_64' && architecture !== 'arm64') problems.push(`regions.${region}.${architecture}: the architectures are "x86_64" and "arm64"`);
      else if (!isRecord(prices)) problems.push(`regions.${region}.${architecture} must be an object of prices`);
    }
  }
  return problems;
}
