import assert from 'node:assert/strict';
import { formatDurationMs, formatUsd, mean, percentile } from '../../../runtime/cost';

describe('cost: percentile (nearest rank)', () => {
  const oneToHundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('takes the value at rank ceil(p/100 × n)', () => {
    assert.equal(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 50), 5);
    assert.equal(percentile([15, 20, 35, 40, 50], 30), 20);
    assert.equal(percentile([15, 20, 35, 40, 50], 40), 20);
    assert.equal(percentile([15, 20, 35, 40, 50], 50), 35);
    assert.equal(percentile(oneToHundred, 95), 95);
    assert.equal(percentile(oneToHundred, 99.5), 100);
  });

  it('does not let float noise push a rank up (p7 of 1..100 is 7)', () => {
    assert.equal((7 / 100) * 100 > 7, true, 'precondition: the naive rank overshoots');
    assert.equal(percentile(oneToHundred, 7), 7);
  });

  it('handles the edges: one value, p = 0, p = 100, unsorted input left untouched', () => {
    assert.equal(percentile([42], 0), 42);
    assert.equal(percentile([42], 100), 42);
    const unsorted = [30, 10, 20];
    assert.equal(percentile(unsorted, 0), 10);
    assert.equal(percentile(unsorted, 100), 30);
    assert.deepEqual(unsorted, [30, 10, 20]);
  });

  it('rejects an empty list, p outside 0..100 and non-finite values', () => {
    assert.throws(() => percentile([], 50), /no values/);
    assert.throws(() => percentile([1], -1), /between 0 and 100/);
    assert.throws(() => percentile([1], 101), /between 0 and 100/);
    assert.throws(() => percentile([1, Number.NaN], 50), /value \[1\] is NaN/);
  });

  it('mean averages and rejects an empty list', () => {
    assert.equal(mean([1, 2, 3, 4]), 2.5);
    assert.throws(() => mean([]), /no values/);
  });
});

describe('cost: formatUsd', () => {
  it('shows cents for a cent or more', () => {
    assert.equal(formatUsd(0.29), '$0.29');
    assert.equal(formatUsd(5.3833405), '$5.38');
    assert.equal(formatUsd(4.666681), '$4.67');
    assert.equal(formatUsd(1234.5), '$1,234.50');
    assert.equal(formatUsd(0.01), '$0.01');
  });

  it('shows two significant digits below a cent', () => {
    assert.equal(formatUsd(0.0000021), '$0.0000021');
    assert.equal(formatUsd(0.0000020833), '$0.0000021');
    assert.equal(formatUsd(0.0000002), '$0.0000002');
    assert.equal(formatUsd(0.004), '$0.004');
    assert.equal(formatUsd(0.0012345), '$0.0012');
  });

  it('shows zero and negative amounts', () => {
    assert.equal(formatUsd(0), '$0.00');
    assert.equal(formatUsd(-1.5), '-$1.50');
  });

  it('rejects non-finite amounts', () => {
    assert.throws(() => formatUsd(Number.NaN), /finite amount/);
  });
});

describe('cost: formatDurationMs', () => {
  it('reads well from sub-millisecond to minutes', () => {
    assert.equal(formatDurationMs(0.42), '0.42 ms');
    assert.equal(formatDurationMs(0), '0 ms');
    assert.equal(formatDurationMs(87.5), '87.5 ms');
    assert.equal(formatDurationMs(3), '3 ms');
    assert.equal(formatDurationMs(120), '120 ms');
    assert.equal(formatDurationMs(120.4), '120 ms');
    assert.equal(formatDurationMs(999.7), '1 s');
    assert.equal(formatDurationMs(1234), '1.23 s');
    assert.equal(formatDurationMs(12_500), '12.5 s');
    assert.equal(formatDurationMs(125_000), '2 min 5 s');
    assert.equal(formatDurationMs(900_000), '15 min');
  });

  it('rejects negative durations', () => {
    assert.throws(() => formatDurationMs(-1), /≥ 0/);
  });
});
