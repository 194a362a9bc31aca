// Lambda's asynchronous invocation (`Event`): accepted at once, queued, run at least once. Function errors
// and timeouts are retried twice (about 1 and 2 minutes apart); throttles are re-queued with exponential
// backoff (1 s … 5 min) until the event is older than the maximum event age.
import type { InvokeRequest, InvokeResult } from './invocation';

export interface AsyncPolicy {
  /** Delays before the 2nd and 3rd attempts after a function error (Lambda: ~1 min, ~2 min). */
  retryDelaysMs: number[];
  /** First throttle backoff; doubles up to `throttleMaxDelayMs`. */
  throttleBaseDelayMs: number;
  throttleMaxDelayMs: number;
  /** Lambda's MaximumEventAgeInSeconds default: 6 hours. */
  maxEventAgeMs: number;
}

export const LAMBDA_ASYNC_POLICY: AsyncPolicy = {
  retryDelaysMs: [60_000, 120_000],
  throttleBaseDelayMs: 1_000,
  throttleMaxDelayMs: 300_000,
  maxEventAgeMs: 6 * 60 * 60 * 1000,
};

export interface AsyncDrop {
  requestId: string;
  functionName: string;
  /** AttemptFailed: Lambkin itself failed to run an attempt (an exception, not a function error). */
  reason: 'RetriesExhausted' | 'EventAgeExceeded' | 'AttemptFailed';
  attempts: number;
  /** Why the attempt failed, for AttemptFailed. */
  error?: string;
}

export class AsyncQueue {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly running = new Set<Promise<void>>();
  private closed = false;
  private droppedEvents = 0;

  constructor(
    private readonly policy: AsyncPolicy,
    private readonly run: (functionName: string, request: InvokeRequest) => Promise<InvokeResult | undefined>,
    private readonly onDropped: (drop: AsyncDrop) => void,
  ) {}

  /** Accepts an event; the first attempt starts on the next tick, as the Invoke API has already answered 202. */
  enqueue(functionName: string, request: InvokeRequest & { requestId: string }): void {
    const acceptedAt = Date.now();
    this.schedule(0, () => this.attempt(functionName, request, acceptedAt, 1, 0), { functionName, requestId: request.requestId, attempt: 1 });
  }

  get pending(): number {
    return this.timers.size + this.running.size;
  }

  /** Events given up since the queue started, for any reason: each was also reported to `onDropped`. */
  get dropped(): number {
    return this.droppedEvents;
  }

  /**
   * Stops accepting and cancels every attempt not yet started; returns how many events that leaves unrun
   * (Lambkin keeps no queue across restarts, so the caller reports them lost). Attempts already running
   * end with their environments.
   */
  close(): number {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    const cancelled = this.timers.size;
    this.timers.clear();
    return cancelled + this.running.size;
  }

  private async attempt(functionName: string, request: InvokeRequest & { requestId: string }, acceptedAt: number, attempt: number, throttles: number): Promise<void> {
    if (Date.now() - acceptedAt > this.policy.maxEventAgeMs) {
      return this.drop({ requestId: request.requestId, functionName, reason: 'EventAgeExceeded', attempts: attempt - 1 });
    }
    const result = await this.run(functionName, { ...request, invocationType: 'Event', attempt });
    if (!result) return; // the function was removed from the template meanwhile
    if (result.kind === 'throttled') {
      const delay = Math.min(this.policy.throttleMaxDelayMs, this.policy.throttleBaseDelayMs * 2 ** throttles);
      return this.schedule(delay, () => this.attempt(functionName, request, acceptedAt, attempt, throttles + 1), { functionName, requestId: request.requestId, attempt });
    }
    await result.record;
    if (result.status === 'success') return;
    const delay = this.policy.retryDelaysMs[attempt - 1];
    if (delay === undefined) {
      return this.drop({ requestId: request.requestId, functionName, reason: 'RetriesExhausted', attempts: attempt });
    }
    this.schedule(delay, () => this.attempt(functionName, request, acceptedAt, attempt + 1, throttles), { functionName, requestId: request.requestId, attempt: attempt + 1 });
  }

  private drop(drop: AsyncDrop): void {
    this.droppedEvents += 1;
    this.onDropped(drop);
  }

  private schedule(delayMs: number, task: () => Promise<void>, event: { functionName: string; requestId: string; attempt: number }): void {
    if (this.closed) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      // An exception here is Lambkin's own failure, not the function's: the event is not retried, but it is
      // never lost silently either (reported and counted like any other drop).
      const run = task()
        .catch((error: unknown) => this.drop({
          requestId: event.requestId, functionName: event.functionName, reason: 'AttemptFailed', attempts: event.attempt,
          error: error instanceof Error ? error.message : String(error),
        }))
        .finally(() => this.running.delete(run));
      this.running.add(run);
    }, delayMs);
    this.timers.add(timer);
  }
}
