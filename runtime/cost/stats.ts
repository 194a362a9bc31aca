// Small statistics over duration samples.

/**
 * The p-th percentile by the nearest-rank method: sort ascending and take the value at rank
 * ceil(p / 100 × n), 1-based, with p = 0 giving the smallest value. It always returns one of the
 * samples (no interpolation), so "p95 = 130 ms" is a duration that actually happened.
 */
export function percentile(values: readonly number[], p: number): number {
  if (typeof p !== 'number' || !Number.isFinite(p) || p < 0 || p > 100) {
    throw new RangeError(`percentile p must be between 0 and 100, got ${p}`);
  }
  requireSamples(values, 'percentile');
  const sorted = [...values].sort((a, b) => a - b);
  // p × n first, then / 100, and float noise dropped: 7 × 100 / 100 must be rank 7, not 8.
  const exactRank = Math.round(((p * sorted.length) / 100) * 1e9) / 1e9;
  const rank = Math.max(1, Math.ceil(exactRank));
  return sorted[rank - 1]!;
}

export function mean(values: readonly number[]): number {
  requireSamples(values, 'mean');
  let total = 0;
  for (const v of values) total += v;
  return total / values.length;
}

function requireSamples(values: readonly number[], of: string): void {
  if (values.length === 0) throw new RangeError(`cannot take the ${of} of no values: give at least one sample`);
  const bad = values.findIndex((v) => typeof v !== 'number' || !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`cannot take the ${of}: value [${bad}] is ${String(values[bad])}, not a finite number`);
}
