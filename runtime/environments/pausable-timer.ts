// A timeout whose clock can be paused: while a debugger holds a function at a breakpoint, Lambda's
// timeout must not run, or every breakpoint would end in Sandbox.Timedout.

export class PausableTimer {
  private remainingMs: number;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private done = false;
  private pausedAt: number | undefined;
  private heldMs = 0;

  constructor(durationMs: number, private readonly onExpire: () => void, startPaused = false) {
    this.remainingMs = durationMs;
    if (startPaused) this.pausedAt = performance.now();
    else this.resume();
  }

  get paused(): boolean {
    return this.timer === undefined && !this.done;
  }

  /** How long the clock has been paused in all (what the invocation document shows as debugger time). */
  get pausedMs(): number {
    return this.heldMs + (this.pausedAt === undefined ? 0 : performance.now() - this.pausedAt);
  }

  pause(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pausedAt = performance.now();
    this.remainingMs -= this.pausedAt - this.startedAt;
  }

  resume(): void {
    if (this.timer || this.done) return;
    this.startedAt = performance.now();
    if (this.pausedAt !== undefined) this.heldMs += this.startedAt - this.pausedAt;
    this.pausedAt = undefined;
    this.timer = setTimeout(() => {
      this.done = true;
      this.timer = undefined;
      this.onExpire();
    }, Math.max(0, this.remainingMs));
  }

  cancel(): void {
    if (this.pausedAt !== undefined) this.heldMs += performance.now() - this.pausedAt;
    this.pausedAt = undefined;
    this.done = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
