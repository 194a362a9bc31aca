// Lambda's concurrency accounting: a function with reserved concurrency is capped by (and guaranteed) its
// reservation; the others share what is left of the account limit. Concurrency counts busy environments,
// not idle warm ones.

export type ThrottleReason = 'ConcurrentInvocationLimitExceeded' | 'ReservedFunctionConcurrentInvocationLimitExceeded';

export interface ConcurrencySlot {
  release(): void;
}

export class AccountConcurrency {
  private unreservedInUse = 0;
  private readonly reservedInUse = new Map<string, number>();
  private reservations = new Map<string, number>();

  constructor(readonly accountLimit: number) {}

  /** Sets the reservations of every function (function name → ReservedConcurrentExecutions). */
  setReservations(reservations: Map<string, number>): void {
    this.reservations = new Map(reservations);
  }

  get unreservedLimit(): number {
    let reserved = 0;
    for (const value of this.reservations.values()) reserved += value;
    return Math.max(0, this.accountLimit - reserved);
  }

  inUse(functionName: string): number {
    return this.reservations.has(functionName) ? (this.reservedInUse.get(functionName) ?? 0) : this.unreservedInUse;
  }

  tryAcquire(functionName: string): ConcurrencySlot | ThrottleReason {
    const reservation = this.reservations.get(functionName);
    if (reservation !== undefined) {
      const used = this.reservedInUse.get(functionName) ?? 0;
      if (used >= reservation) return 'ReservedFunctionConcurrentInvocationLimitExceeded';
      this.reservedInUse.set(functionName, used + 1);
      return this.slot(() => this.reservedInUse.set(functionName, (this.reservedInUse.get(functionName) ?? 1) - 1));
    }
    if (this.unreservedInUse >= this.unreservedLimit) return 'ConcurrentInvocationLimitExceeded';
    this.unreservedInUse++;
    return this.slot(() => this.unreservedInUse--);
  }

  private slot(free: () => void): ConcurrencySlot {
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        free();
      },
    };
  }
}
