// What the function would cost at other memory sizes: measured where the user ran it at that size
// (samples carry their memory), otherwise an estimate that assumes the same duration.
import { costPerMillion, projectFromSamples, type PriceTable } from '../../runtime/cost';
import type { InvocationSample } from '../../runtime/stats/store';
import type { FunctionConfig } from '../../runtime/template/model';

export type WhatIfBasis = 'configured' | 'measured' | 'estimate';

export interface WhatIfRow {
  memoryMb: number;
  /** Mean billed ms per invocation, cold starts averaged in as observed. */
  billedMs: number;
  costPerMillion: number;
  basis: WhatIfBasis;
  /** Invocations measured at this size (0 for estimates). */
  samples: number;
}

/** Common sizes people compare: Lambda's minimum, powers of two, one full vCPU (1769 MB), the old maximum. */
export const WHAT_IF_MEMORY_MB = [128, 256, 512, 1024, 1769, 3008];

export interface WhatIfOptions {
  region: string;
  prices: PriceTable;
}

function averageBilledAt(fn: FunctionConfig, samples: readonly InvocationSample[], memoryMb: number, options: WhatIfOptions): { billedMs: number; costPerMillion: number } {
  const projection = projectFromSamples({
    durationsMs: samples.map((sample) => sample.durationMs),
    initDurationsMs: samples.flatMap((sample) => (sample.initMs !== undefined ? [sample.initMs] : [])),
    memoryMb,
    architecture: fn.architecture,
    region: options.region,
    ephemeralStorageMb: fn.ephemeralStorage,
    prices: options.prices,
    monthlyInvocations: 0,
  });
  return { billedMs: projection.avgBilledMs, costPerMillion: projection.costPerMillion };
}

/** One row per size (ascending): the configured size from every sample, as the report counts it. Needs samples. */
export function memoryWhatIf(fn: FunctionConfig, samples: readonly InvocationSample[], options: WhatIfOptions): WhatIfRow[] {
  if (samples.length === 0) return [];
  const configured = averageBilledAt(fn, samples, fn.memorySize, options);
  const measuredSizes = new Set(samples.map((sample) => sample.memoryMb));
  const sizes = [...new Set([...WHAT_IF_MEMORY_MB, fn.memorySize, ...measuredSizes])].sort((a, b) => a - b);
  return sizes.map((memoryMb): WhatIfRow => {
    if (memoryMb === fn.memorySize) return { memoryMb, ...configured, basis: 'configured', samples: samples.length };
    const atSize = samples.filter((sample) => sample.memoryMb === memoryMb);
    if (atSize.length > 0) return { memoryMb, ...averageBilledAt(fn, atSize, memoryMb, options), basis: 'measured', samples: atSize.length };
    const estimate = costPerMillion({
      memoryMb,
      billedMs: configured.billedMs,
      architecture: fn.architecture,
      region: options.region,
      ephemeralStorageMb: fn.ephemeralStorage,
      prices: options.prices,
    });
    return { memoryMb, billedMs: configured.billedMs, costPerMillion: estimate, basis: 'estimate', samples: 0 };
  });
}
