// What the runtime told us about each function: warm environments, invocations in flight, and the
// most recent finished invocations (newest first). Fed by control events; read by the tree, the status
// bar and the invocation documents. No vscode here.
import type {
  EnvironmentInfo,
  InvocationResult,
  InvocationSummary,
} from '../../runtime/protocol/control';
import { Emitter } from '../util/emitter';

export interface FunctionActivity {
  warm: number;
  running: number;
  lastDurationMs?: number;
  /** Newest first. */
  recent: InvocationResult[];
  /** Started but not finished, oldest first. */
  inFlight: InvocationSummary[];
}

interface FunctionRecord {
  environments: Map<string, EnvironmentInfo>;
  inFlight: Map<string, InvocationSummary>;
  recent: InvocationResult[];
}

export class InvocationStore {
  private readonly functions = new Map<string, FunctionRecord>();
  private finishedCount = 0;
  private readonly changed = new Emitter<string | undefined>();
  private readonly finished = new Emitter<InvocationResult>();

  /** Fires with the function whose activity changed, or undefined when all may have. */
  readonly onDidChange = this.changed.event;
  /** Fires once per finished invocation (a result reported twice fires once). */
  readonly onDidFinish = this.finished.event;

  constructor(private maxRecent: number) {}

  get totalInvocations(): number {
    return this.finishedCount;
  }

  setMaxRecent(maxRecent: number): void {
    this.maxRecent = Math.max(1, maxRecent);
    for (const record of this.functions.values()) record.recent.splice(this.maxRecent);
    this.changed.fire(undefined);
  }

  activity(functionName: string): FunctionActivity {
    const record = this.functions.get(functionName);
    if (!record) return { warm: 0, running: 0, recent: [], inFlight: [] };
    return {
      warm: record.environments.size,
      running: record.inFlight.size,
      lastDurationMs: record.recent[0]?.durationMs,
      recent: [...record.recent],
      inFlight: [...record.inFlight.values()],
    };
  }

  find(requestId: string): InvocationResult | InvocationSummary | undefined {
    for (const record of this.functions.values()) {
      const found = record.recent.find((result) => result.requestId === requestId) ?? record.inFlight.get(requestId);
      if (found) return found;
    }
    return undefined;
  }

  /** The runtime's state as of `hello`: environments it already runs. */
  resetEnvironments(environments: EnvironmentInfo[]): void {
    for (const record of this.functions.values()) {
      record.environments.clear();
      record.inFlight.clear();
    }
    for (const environment of environments) this.environmentStarted(environment, false);
    this.changed.fire(undefined);
  }

  /** The runtime is gone: nothing is warm or running any more; history stays. */
  runtimeStopped(): void {
    this.resetEnvironments([]);
  }

  environmentStarted(environment: EnvironmentInfo, notify = true): void {
    this.record(environment.functionName).environments.set(environment.environmentId, environment);
    if (notify) this.changed.fire(environment.functionName);
  }

  environmentStopped(environment: EnvironmentInfo): void {
    this.record(environment.functionName).environments.delete(environment.environmentId);
    this.changed.fire(environment.functionName);
  }

  invocationStarted(summary: InvocationSummary): void {
    this.record(summary.functionName).inFlight.set(summary.requestId, summary);
    this.changed.fire(summary.functionName);
  }

  /** Idempotent: the same result arrives both as an event and as the invoke reply. */
  invocationFinished(result: InvocationResult): void {
    const record = this.record(result.functionName);
    record.inFlight.delete(result.requestId);
    if (record.recent.some((known) => known.requestId === result.requestId)) return;
    this.finishedCount++;
    record.recent.unshift(result);
    record.recent.splice(this.maxRecent);
    this.finished.fire(result);
    this.changed.fire(result.functionName);
  }

  dispose(): void {
    this.changed.dispose();
    this.finished.dispose();
  }

  private record(functionName: string): FunctionRecord {
    let record = this.functions.get(functionName);
    if (!record) {
      record = { environments: new Map(), inFlight: new Map(), recent: [] };
      this.functions.set(functionName, record);
    }
    return record;
  }
}
