// Lambkin's cost model: what Lambda would charge. Pure functions, no I/O, shared by the runtime and the extension.

export {
  LAMBDA_PRICES,
  FREE_EPHEMERAL_STORAGE_MB,
  type ArchitecturePrices,
  type DurationTier,
  type FreeTier,
  type PriceTable,
  type RegionPrices,
} from './pricing';
export {
  ARCHITECTURES,
  PriceTableError,
  assertPriceTable,
  overridePrices,
  priceTableProblems,
  resolvePrices,
  type PriceOverrides,
  type ResolvedPrices,
} from './price-table';
export {
  billedDurationMs,
  costPerMillion,
  gbSeconds,
  invocationCost,
  storageGbSeconds,
  tieredDurationCost,
  type InvocationCost,
  type InvocationCostInput,
  type PricingBasis,
  type TierCharge,
} from './billing';
export {
  HOURS_PER_MONTH,
  monthlyCost,
  type ArchitectureDuration,
  type FunctionMonthlyCost,
  type FunctionUsage,
  type MonthlyCost,
  type MonthlyCostInput,
  type ProvisionedConcurrencyUsage,
} from './monthly';
export { projectFromSamples, type SampleProjection, type SampleProjectionInput } from './projection';
export { mean, percentile } from './stats';
export { formatDurationMs, formatUsd } from './format';
