// Invocations waiting for an environment that has answered but not yet asked for more work: each waiter is
// promised one such environment, first come first served, or undefined when the wait is over (its time ran
// out, fewer environments are finishing than wait, the pool closed). Waiting beats a cold start: Lambkin's
// bootstrap asks for work within a millisecond of answering.
import type { ExecutionEnvironment } from './environment';

type Waiter = (env: ExecutionEnvironment | undefined) => void;

export class Handoffs {
  private readonly waiters: Waiter[] = [];

  get waiting(): number {
    return this.waiters.length;
  }

  /** Resolves with the next environment handed over, or undefined after `ms`. */
  wait(ms: number): Promise<ExecutionEnvironment | undefined> {
    return new Promise((resolve) => {
      const receive: Waiter = (env) => {
        clearTimeout(timer);
        resolve(env);
      };
      const timer = setTimeout(() => {
        const at = this.waiters.indexOf(receive);
        if (at !== -1) this.waiters.splice(at, 1);
        resolve(undefined);
      }, ms);
      this.waiters.push(receive);
    });
  }

  /** Gives the environment to the first waiter; false when nobody waits. */
  give(env: ExecutionEnvironment): boolean {
    const waiter = this.waiters.shift();
    if (!waiter) return false;
    waiter(env);
    return true;
  }

  /** Only `finishing` environments can still be handed over: the waiters beyond that count stop waiting. */
  trimTo(finishing: number): void {
    while (this.waiters.length > finishing) this.waiters.pop()!(undefined);
  }

  /** Nobody waits any more (the pool is closing). */
  cancelAll(): void {
    for (const waiter of this.waiters.splice(0)) waiter(undefined);
  }
}
