// A function's idle environments: a stack, so the most recently used is reused first (Lambda keeps its warmest
// environments busy), with provisioned ones ahead of it, and one timer that retires the environment that will
// go idle-stale first.
import type { ExecutionEnvironment } from './environment';

export interface IdleOptions {
  idleTimeoutMs: number;
  /** Environments never retired for being idle, and reused before any other (provisioned concurrency). */
  isKept(env: ExecutionEnvironment): boolean;
  /** Whether any environment is kept at all (most functions have none: the reuse path skips looking). */
  anyKept(): boolean;
  /** Stops an environment idle for `idleTimeoutMs` (it is removed from here first). */
  retire(env: ExecutionEnvironment): void;
}

export class IdleEnvironments {
  private readonly stack: ExecutionEnvironment[] = [];
  private reapTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: IdleOptions) {}

  get size(): number {
    return this.stack.length;
  }

  /** A copy, safe to iterate while retiring. */
  list(): ExecutionEnvironment[] {
    return [...this.stack];
  }

  includes(env: ExecutionEnvironment): boolean {
    return this.stack.includes(env);
  }

  put(env: ExecutionEnvironment): void {
    if (!this.stack.includes(env)) this.stack.push(env);
    // The environment just used is the last to go stale: an armed reaper is already due early enough.
    if (!this.reapTimer) this.scheduleReap();
  }

  /** The environment to reuse: a kept one first, else the most recently used; entries no longer idle are dropped. */
  take(): ExecutionEnvironment | undefined {
    for (let at = this.options.anyKept() ? this.stack.length - 1 : -1; at >= 0; at--) {
      const env = this.stack[at]!;
      if (!this.options.isKept(env) || !env.isIdle) continue;
      this.stack.splice(at, 1);
      return env;
    }
    while (this.stack.length > 0) {
      const env = this.stack.pop()!;
      if (env.isIdle) return env;
    }
    return undefined;
  }

  remove(env: ExecutionEnvironment): void {
    const at = this.stack.indexOf(env);
    if (at !== -1) this.stack.splice(at, 1);
  }

  stopReaping(): void {
    clearTimeout(this.reapTimer);
    this.reapTimer = undefined;
  }

  /** One timer for the pool, rescheduled for the environment that will go idle-stale first. */
  private scheduleReap(): void {
    this.stopReaping();
    const reapable = this.stack.filter((env) => !this.options.isKept(env));
    if (reapable.length === 0) return;
    const oldest = Math.min(...reapable.map((env) => env.lastUsedAt));
    const due = Math.max(0, oldest + this.options.idleTimeoutMs - Date.now());
    this.reapTimer = setTimeout(() => this.reap(), due);
    this.reapTimer.unref();
  }

  private reap(): void {
    this.reapTimer = undefined;
    const cutoff = Date.now() - this.options.idleTimeoutMs;
    for (const env of [...this.stack]) {
      if (env.lastUsedAt > cutoff || this.options.isKept(env)) continue;
      this.remove(env);
      this.options.retire(env);
    }
    this.scheduleReap();
  }
}
