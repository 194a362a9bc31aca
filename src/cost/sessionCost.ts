// What this runtime session's invocations would have cost on Lambda, for the status bar: each finished
// invocation's REPORT figures (billed duration × memory) priced for its function's architecture.
// No vscode here, so it is tested with a real InvocationStore.
import { invocationCost, type PriceTable } from '../../runtime/cost';
import type { InvocationResult } from '../../runtime/protocol/control';
import type { Architecture } from '../../runtime/template/model';
import type { InvocationStore } from '../invocations/store';
import { Emitter, type Disposable } from '../util/emitter';

export interface SessionPricing {
  architecture: Architecture;
  ephemeralStorageMb: number;
  region: string;
  prices: PriceTable;
}

export interface SessionCostSources {
  invocations: InvocationStore;
  /** Fires with the runtime's state; `starting` begins a new session. */
  onDidChangeState: (listener: (state: string) => void) => Disposable;
  /** How to price an invocation of `functionName`; undefined when the function is unknown. */
  pricing: (functionName: string) => SessionPricing | undefined;
}

export class SessionCost implements Disposable {
  private startedAt = Date.now();
  private seen = new Set<string>();
  /** The previous session's results stay in the store's recent lists, possibly with the same start ms. */
  private seenBefore = new Set<string>();
  private totalValue = 0;
  private countValue = 0;
  private readonly changed = new Emitter<void>();
  private readonly subscriptions: Disposable[];

  readonly onDidChange = this.changed.event;

  constructor(private readonly sources: SessionCostSources) {
    this.subscriptions = [
      sources.onDidChangeState((state) => {
        if (state === 'starting') this.restart();
      }),
      // The store fires once per finished invocation, synchronously, so the newest results are all in `recent`.
      sources.invocations.onDidChange((functionName) => {
        if (functionName) this.collect(functionName);
      }),
    ];
  }

  /** Simulated USD of the session's invocations (first duration tier, no free tier). */
  get total(): number {
    return this.totalValue;
  }

  get invocations(): number {
    return this.countValue;
  }

  restart(now = Date.now()): void {
    this.startedAt = now;
    this.seenBefore = this.seen;
    this.seen = new Set();
    this.totalValue = 0;
    this.countValue = 0;
    this.changed.fire();
  }

  private collect(functionName: string): void {
    let added = false;
    for (const result of this.sources.invocations.activity(functionName).recent) {
      if (result.startedAt < this.startedAt || this.seen.has(result.requestId) || this.seenBefore.has(result.requestId)) continue;
      this.seen.add(result.requestId);
      const cost = this.price(result);
      if (cost === undefined) continue;
      this.totalValue += cost;
      this.countValue += 1;
      added = true;
    }
    if (added) this.changed.fire();
  }

  private price(result: InvocationResult): number | undefined {
    // Throttled invocations never ran and are not billed.
    if (result.status === 'throttled') return undefined;
    const pricing = this.sources.pricing(result.functionName);
    if (!pricing) return undefined;
    try {
      return invocationCost({
        memoryMb: result.memorySizeMb,
        billedMs: result.billedDurationMs,
        architecture: pricing.architecture,
        region: pricing.region,
        ephemeralStorageMb: pricing.ephemeralStorageMb,
        prices: pricing.prices,
        // The configured concurrency itself is a monthly charge, shown by the hints, not a per-invocation one.
        provisioned: result.provisioned === true,
      }).total;
    } catch {
      // A result with figures Lambda would refuse (memory out of range) is not priced rather than breaking the count.
      return undefined;
    }
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
  }
}
