// A timeout whose clock can be paused: while a debugger holds a function at a breakpoint, Lambda's
// timeout must not run, or every breakpoint would end in Sandbox.Timedout.

export class PausableTimer {
  private remainingMs: number;
  private startedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private done = false;

  constructor(durationMs: number, private readonly onExpire: () => void, startPaused = false) {
    this.remainingMs = durationMs;
    if (!startPaused) this.resume();
  }

  get paused(): boolean {
    return this.timer === undefined && !this.done;
  }

  pause(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.remainingMs -= performance.now() - this.startedAt;
  }

  resume(): void {
    if (this.timer || this.done) return;
    this.startedAt = performance.now();
    this.timer = setTimeout(() => {
      this.done = true;
      this.timer = undefined;
      this.onExpire();
    }, Math.max(0, this.remainingMs));
  }

  cancel(): void {
    this.done = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
