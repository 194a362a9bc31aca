import assert from 'node:assert/strict';

/** Asserts two dollar (or GB-s) amounts agree to within `tolerance` (float sums are not exact). */
export function assertClose(actual: number, expected: number, tolerance = 1e-9, what = 'value'): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: expected ${expected}, got ${actual} (tolerance ${tolerance})`);
}

/** Rounds to cents, the way a bill shows an amount. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
