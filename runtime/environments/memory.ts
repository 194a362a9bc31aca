// Memory of an environment's process, read from /proc: Lambda bounds a function by its MemorySize and
// reports the peak as "Max Memory Used". Where /proc is missing (macOS), limits are the heap limit only.
import { existsSync, readFileSync } from 'node:fs';

const PAGE_SIZE = 4096;
const PROC_AVAILABLE = existsSync('/proc/self/statm');
const POLL_MS = 25;

function residentBytes(pid: number): number | undefined {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'utf8');
    return Number(statm.split(' ')[1]) * PAGE_SIZE;
  } catch {
    return undefined;
  }
}

/** VmHWM (peak resident set) in MB, rounded up as Lambda does; 0 when unknown. */
export function peakRssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match ? Math.ceil(Number(match[1]) / 1024) : 0;
  } catch {
    return 0;
  }
}

/** Polls the resident set while an invocation runs and calls `onExceeded` once it passes the limit. */
export class MemoryWatch {
  private readonly timer: NodeJS.Timeout | undefined;
  /** The largest resident set seen by this watch, in bytes: still known after the process is gone. */
  peakBytes = 0;

  constructor(pid: number, limitMb: number, onExceeded: () => void) {
    // No /proc (macOS): nothing to watch; the V8 heap limit still applies.
    if (!pid || !PROC_AVAILABLE) return;
    const limit = limitMb * 1024 * 1024;
    this.timer = setInterval(() => {
      const rss = residentBytes(pid);
      if (rss !== undefined && rss > this.peakBytes) this.peakBytes = rss;
      if (rss !== undefined && rss > limit) {
        this.stop();
        onExceeded();
      }
    }, POLL_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
