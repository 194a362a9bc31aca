// Provisioned concurrency: a function's `ProvisionedConcurrencyConfig` keeps that many environments initialised
// ahead of traffic. Lambda starts them when the configuration is applied (and again for each new version),
// runs their INIT before any invocation (up to 130 s or the function's timeout, not the on-demand 10 s),
// never retires them for being idle, and replaces one that is lost. Invocations beyond them go on demand,
// with cold starts. This class decides when to start one; the pool starts it (see FunctionPool.prewarm).
import type { ExecutionEnvironment, InitResult } from './environment';

/** Lambda's limit on the INIT of a provisioned environment: 130 s, or the function's timeout when that is longer. */
export function provisionedInitTimeoutMs(timeoutSeconds: number): number {
  return Math.max(130, timeoutSeconds) * 1000;
}

export interface ProvisionedHost {
  /** How many environments should be kept initialised now (0 while the pool is closed or debugging). */
  target(): number;
  /** Whether an environment still serves the function's current configuration and code. */
  current(env: ExecutionEnvironment): boolean;
  /**
   * Starts one environment and runs its INIT, calls `adopt` once it is initialised (before any invocation can
   * take it), then lets it wait idle. Resolves with its INIT's result; rejects when the pool is closed.
   */
  start(adopt: (env: ExecutionEnvironment) => void): Promise<InitResult>;
}

export class ProvisionedEnvironments {
  private readonly members = new Set<ExecutionEnvironment>();
  private starting = 0;
  private readonly settledWaiters: Array<() => void> = [];
  /**
   * Set when a provisioned INIT failed: no more are started until the configuration or the code changes
   * (Lambda marks the allocation FAILED rather than retrying in a loop).
   */
  private failed = false;

  constructor(private readonly host: ProvisionedHost) {}

  /** Whether this environment was started by provisioned concurrency. */
  has(env: ExecutionEnvironment): boolean {
    return this.members.has(env);
  }

  /** Provisioned environments alive (current or not). */
  get size(): number {
    return this.members.size;
  }

  /** Provisioned environments that are up and current. */
  get ready(): number {
    let count = 0;
    for (const env of this.members) if (env.state !== 'stopped' && this.host.current(env)) count++;
    return count;
  }

  /** The configuration or the code changed: a failed allocation may be tried again. */
  reset(): void {
    this.failed = false;
  }

  forget(env: ExecutionEnvironment): void {
    this.members.delete(env);
  }

  /** Starts as many environments as are missing from the target (after start-up, a reload, or a loss). */
  topUp(): void {
    if (this.failed) return;
    const missing = this.host.target() - this.ready - this.starting;
    for (let i = 0; i < missing; i++) void this.startOne();
  }

  /** Resolves once no provisioned environment is initialising (the runtime's start waits for this). */
  settled(): Promise<void> {
    if (this.starting === 0) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push(resolve));
  }

  private async startOne(): Promise<void> {
    this.starting++;
    try {
      const init = await this.host.start((env) => this.members.add(env));
      if (!init.ok) this.failed = true;
    } catch {
      // The pool closed meanwhile: nothing to keep warm any more.
    } finally {
      this.starting--;
      if (this.starting === 0) for (const resolve of this.settledWaiters.splice(0)) resolve();
    }
  }
}
