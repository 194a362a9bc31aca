// A picture of where an invocation's time went, in characters: INIT, the handler (and the part of it a
// debugger held paused), what billing rounded up, and what was left before the timeout. Drawn with one
// glyph per part so the grammar can colour each, and so it still reads without colour. No vscode here.
import { formatDuration } from '../views/describe';

export interface Timing {
  initMs?: number;
  durationMs: number;
  billedMs: number;
  /** Time a debugger held the function's clock (counted in `durationMs`, not towards the timeout). */
  pausedMs?: number;
  /** The function's timeout, when the function is still known. */
  timeoutMs?: number;
  timedOut: boolean;
}

export const BarGlyphs = { init: '▉', handler: '█', paused: '▒', billed: '░', left: '·', timeout: '│' } as const;

export const BAR_WIDTH = 40;

interface Segment {
  glyph: string;
  ms: number;
  /** At least one character whenever it took any time (billing's rounding does not: it is under 1 ms). */
  visible: boolean;
}

/** Character counts proportional to `ms`; the parts that must show are at least one character wide. */
function allocate(segments: Segment[], scaleMs: number, width: number): number[] {
  const counts = segments.map((segment) => {
    const exact = Math.round((segment.ms / scaleMs) * width);
    return segment.visible && segment.ms > 0 ? Math.max(1, exact) : Math.max(0, exact);
  });
  // Rounding up the small parts may overflow: take the excess from the widest.
  for (let excess = counts.reduce((sum, count) => sum + count, 0) - width; excess > 0; excess--) {
    const widest = counts.indexOf(Math.max(...counts));
    if (counts[widest]! <= 1) break;
    counts[widest]! -= 1;
  }
  return counts;
}

const MAX_PAUSED_WIDTH = 20;

/**
 * The bar: `▉▉█████░······│ ▒▒▒▒` — INIT, the handler, billing's rounding, time left, `│` where the timeout
 * falls (its clock starts after INIT), then, apart, the time a debugger held the clock paused (not counted
 * against the timeout; on the same scale, at most 20 characters, `…` when longer).
 */
export function timeBar(timing: Timing, width = BAR_WIDTH): string {
  const initMs = timing.initMs ?? 0;
  const pausedMs = Math.min(timing.pausedMs ?? 0, timing.durationMs);
  const countedMs = timing.durationMs - pausedMs;
  const billedExtraMs = Math.max(0, timing.billedMs - initMs - timing.durationMs);
  const limitMs = timing.timeoutMs === undefined ? undefined : initMs + timing.timeoutMs;
  const scaleMs = Math.max(limitMs ?? 0, initMs + countedMs + billedExtraMs, 1);
  const segments: Segment[] = [
    { glyph: BarGlyphs.init, ms: initMs, visible: true },
    { glyph: BarGlyphs.handler, ms: countedMs, visible: true },
    { glyph: BarGlyphs.billed, ms: billedExtraMs, visible: false },
  ];
  const counts = allocate(segments, scaleMs, width);
  let bar = segments.map((segment, index) => segment.glyph.repeat(counts[index]!)).join('');
  if (limitMs !== undefined) bar = `${bar.padEnd(width, BarGlyphs.left)}${BarGlyphs.timeout}`;
  if (pausedMs > 0) {
    const pausedWidth = Math.max(1, Math.round((pausedMs / scaleMs) * width));
    bar += ` ${BarGlyphs.paused.repeat(Math.min(pausedWidth, MAX_PAUSED_WIDTH))}${pausedWidth > MAX_PAUSED_WIDTH ? '…' : ''}`;
  }
  return bar;
}

function percent(part: number, whole: number): string {
  const value = (part / whole) * 100;
  if (value >= 10) return `${Math.round(value)} %`;
  return `${value < 0.1 ? '<0.1' : value.toFixed(1)} %`;
}

/** The line under the bar: `INIT 287 ms · handler 27.8 ms · billed 316 ms · 0.3 % of the 10 s timeout`. */
export function timeLegend(timing: Timing): string {
  const parts: string[] = [];
  if (timing.initMs !== undefined) parts.push(`INIT ${formatDuration(timing.initMs)}`);
  parts.push(`handler ${formatDuration(timing.durationMs)}`);
  if (timing.pausedMs) parts.push(`paused ${formatDuration(timing.pausedMs)} in the debugger (not counted against the timeout)`);
  parts.push(`billed ${formatDuration(timing.billedMs)}`);
  if (timing.timeoutMs !== undefined) {
    // Timeouts are whole seconds in a template: `3 s`, not `3.00 s`.
    const timeout = `${timing.timeoutMs / 1000} s`;
    const counted = timing.durationMs - Math.min(timing.pausedMs ?? 0, timing.durationMs);
    parts.push(timing.timedOut ? `timed out at the ${timeout} timeout` : `${percent(counted, timing.timeoutMs)} of the ${timeout} timeout`);
  }
  return parts.join(' · ');
}
