// Every function's pool of environments, by function name: kept in step with the templates (a function that
// disappears is stopped, a changed one gets fresh environments), and the operations that reach across pools
// (debugging, stopping, the account's reserved concurrency).
import type { FunctionConfig } from '../template/model';
import type { EnvironmentInfo } from '../protocol/control';
import { environmentInfo } from './control-events';
import type { DebugOptions } from './inspector';
import { FunctionPool, type PoolOptions } from './pool';

export class FunctionPools {
  private readonly pools = new Map<string, FunctionPool>();

  constructor(private readonly poolOptions: PoolOptions) {}

  get(name: string): FunctionPool | undefined {
    return this.pools.get(name);
  }

  get functions(): FunctionConfig[] {
    return [...this.pools.values()].map((pool) => pool.fn);
  }

  /** The templates' functions now: new ones get a pool, changed ones their new configuration, gone ones are stopped. */
  sync(next: ReadonlyMap<string, FunctionConfig>): void {
    for (const [name, pool] of this.pools) {
      if (!next.has(name)) {
        this.pools.delete(name);
        void pool.close('reload');
      }
    }
    for (const [name, fn] of next) {
      const pool = this.pools.get(name);
      if (pool) {
        if (JSON.stringify(pool.fn) !== JSON.stringify(fn)) pool.updateConfig(fn);
      } else {
        this.pools.set(name, new FunctionPool(fn, this.poolOptions));
      }
    }
    const reservations = new Map<string, number>();
    for (const fn of next.values()) if (fn.reservedConcurrency !== undefined) reservations.set(fn.name, fn.reservedConcurrency);
    this.poolOptions.limits.setReservations(reservations);
  }

  /** Resolves once every provisioned environment has run its INIT (or failed to). */
  async provisionedSettled(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.provisionedSettled()));
  }

  /** The code of these functions changed: their environments retire as after a deploy. */
  codeChanged(functionNames: Iterable<string>): { idle: number; busy: number } {
    const total = { idle: 0, busy: 0 };
    for (const name of functionNames) {
      const retired = this.pools.get(name)?.codeChanged();
      if (!retired) continue;
      total.idle += retired.idle;
      total.busy += retired.busy;
    }
    return total;
  }

  environments(): EnvironmentInfo[] {
    return [...this.pools.values()].flatMap((pool) => [...pool.environments].map((env) => environmentInfo(env)));
  }

  /** Starts new environments of one function (or of all) under the inspector, or stops; returns the idle ones retired. */
  setDebug(name: string | undefined, debug: DebugOptions | undefined): number {
    return this.selected(name).reduce((sum, pool) => sum + pool.setDebug(debug), 0);
  }

  /** Holds (or releases) the timeout clock of an environment while its debugger is paused; false when it is gone. */
  holdClock(environmentId: string, held: boolean): boolean {
    for (const pool of this.pools.values()) {
      for (const env of pool.environments) {
        if (env.id === environmentId) {
          env.holdClock(held);
          return true;
        }
      }
    }
    return false;
  }

  async stopEnvironments(name?: string): Promise<number> {
    const counts = await Promise.all(this.selected(name).map((pool) => pool.stopAll('shutdown')));
    return counts.reduce((sum, count) => sum + count, 0);
  }

  async close(): Promise<void> {
    await Promise.all([...this.pools.values()].map((pool) => pool.close()));
  }

  killAll(): void {
    for (const pool of this.pools.values()) pool.killAll();
  }

  /** One function's pool (none when it does not exist), or all of them. */
  private selected(name: string | undefined): FunctionPool[] {
    if (name === undefined) return [...this.pools.values()];
    const pool = this.pools.get(name);
    return pool ? [pool] : [];
  }
}
