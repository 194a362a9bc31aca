// Money and durations as people read them in hints and tables.

const CENTS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * US dollars, readable at every scale: cents for amounts of a cent or more ($0.29, $5.38, $1,234.50),
 * two significant digits below a cent so per-invocation prices do not read as $0.00 ($0.0000021).
 */
export function formatUsd(amount: number): string {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw new RangeError(`formatUsd needs a finite amount, got ${amount}`);
  }
  if (amount < 0) return `-${formatUsd(-amount)}`;
  if (amount === 0) return '$0.00';
  if (amount >= 0.005) return `$${CENTS.format(amount)}`;
  const decimals = 1 - Math.floor(Math.log10(amount));
  return `$${trimZeros(amount.toFixed(decimals))}`;
}

/** A duration in ms as "0.42 ms", "87.5 ms", "120 ms", "1.23 s" or "2 min 5 s". */
export function formatDurationMs(ms: number): string {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw new RangeError(`formatDurationMs needs a finite duration ≥ 0, got ${ms}`);
  }
  if (ms < 1) return `${trimZeros(ms.toFixed(2))} ms`;
  if (ms < 99.95) return `${trimZeros(ms.toFixed(1))} ms`;
  if (ms < 999.5) return `${Math.round(ms)} ms`;
  if (ms < 59_995) return `${trimZeros((ms / 1000).toFixed(2))} s`;
  const totalSeconds = Math.round(ms / 1000);
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = totalSeconds % 60;
  return seconds === 0 ? `${minutes} min` : `${minutes} min ${seconds} s`;
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}
