// Process-wide hooks of the runtime: the single 'beforeExit' action (how Lambda waits for the event loop
// to drain) and the crash path (uncaught exception / unhandled rejection / init failure -> report, exit).
import { toErrorBody, unhandledPromiseRejection } from './errors';
import type { LambdaConsole } from './logging';
import type { RuntimeApiClient } from './runtime-client';

// Same global slot as Lambda's runtime: some tracing SDKs call it to detect a drained event loop.
const BEFORE_EXIT_SYMBOL = Symbol.for('aws.lambda.beforeExit');
type GlobalSlots = Record<symbol, unknown>;
const noop = (): void => undefined;

/** What to do when the event loop drains: post a waiting callback result, or report a stuck handler. */
export class BeforeExitAction {
  constructor() {
    this.reset();
  }

  set(action: () => void): void {
    (globalThis as GlobalSlots)[BEFORE_EXIT_SYMBOL] = action;
  }

  reset(): void {
    this.set(noop);
  }

  invoke(): void {
    const action = (globalThis as GlobalSlots)[BEFORE_EXIT_SYMBOL];
    if (typeof action === 'function') (action as () => void)();
  }
}

/** How long a crash report may take before the process exits anyway. */
const CRASH_REPORT_GRACE_MS = 2000;

export const EXIT_UNCAUGHT_EXCEPTION = 129;
export const EXIT_UNHANDLED_REJECTION = 128;

export class CrashReporter {
  private invocationId: string | undefined;
  private crashing = false;

  constructor(
    private readonly client: RuntimeApiClient,
    private readonly lambdaConsole: LambdaConsole,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  /** True once a crash is being reported: the process is about to exit. */
  get isCrashing(): boolean {
    return this.crashing;
  }

  /** From the first invoke on, crashes are reported against the latest invocation (as Lambda does). */
  setInvocation(requestId: string): void {
    this.invocationId = requestId;
  }

  uncaughtException(error: unknown): void {
    this.report('Uncaught Exception', error, EXIT_UNCAUGHT_EXCEPTION);
  }

  unhandledRejection(reason: unknown, promise: Promise<unknown>): void {
    this.report('Unhandled Promise Rejection', unhandledPromiseRejection(reason, promise), EXIT_UNHANDLED_REJECTION);
  }

  /** An init failure: posted to /runtime/init/error, then the process exits non-zero. */
  initError(label: string, error: unknown): void {
    this.report(label, error, EXIT_UNCAUGHT_EXCEPTION);
  }

  private report(label: string, error: unknown, code: number): void {
    if (this.crashing) return;
    this.crashing = true;
    try {
      this.lambdaConsole.logError(label, error);
    } catch {
      // The report below matters more than the log line.
    }
    const body = toErrorBody(error);
    const posted = this.invocationId === undefined
      ? this.client.postInitError(body)
      : this.client.postError(this.invocationId, body, { fatal: true });
    const timer = setTimeout(() => this.exit(code), CRASH_REPORT_GRACE_MS);
    posted.catch(noop).finally(() => {
      clearTimeout(timer);
      this.exit(code);
    });
  }
}
