// The nodejs22.x-and-earlier completion contract: callback(err, result), context.succeed/fail/done and
// callbackWaitsForEmptyEventLoop. Only the first completion counts; with the flag set (the default) a
// callback result is posted once the event loop has drained.
import type { BeforeExitAction } from './lifecycle';

export interface CompletionSink {
  /** Posts an error for this invocation, then calls `then`. */
  postError(error: unknown, then: () => void): void;
  /** Serialises synchronously (throwing on failure, like Lambda), posts, then calls `then`. */
  postResponse(result: unknown, then: () => void): void;
}

export interface CallbackContext {
  callbackWaitsForEmptyEventLoop: boolean;
  succeed(result?: unknown): void;
  fail(error?: unknown): void;
  done(error?: unknown, result?: unknown): void;
}

export interface CallbackKit {
  callback: (error?: unknown, result?: unknown) => void;
  context: CallbackContext;
  /** Marks the invocation answered by the runtime itself (a drained loop), so late completions are refused. */
  markCompleted: () => void;
}

export function buildCallbackContext(
  sink: CompletionSink,
  beforeExit: BeforeExitAction,
  scheduleNext: () => void,
): CallbackKit {
  let completed = false;
  let waitForEmptyEventLoop = true;

  const postError = (error: unknown): void => sink.postError(error, scheduleNext);
  const complete = (result: unknown): void => {
    if (completed) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    completed = true;
    sink.postResponse(result, scheduleNext);
  };

  const rawCallback = (error?: unknown, result?: unknown): void => {
    beforeExit.reset();
    if (error !== undefined && error !== null) postError(error);
    else if (!waitForEmptyEventLoop) complete(result);
    else beforeExit.set(() => setImmediate(() => complete(result)));
  };
  const rawDone = (error?: unknown, result?: unknown): void => {
    beforeExit.reset();
    if (error !== undefined && error !== null) postError(error);
    else complete(result);
  };

  // A completion that throws (e.g. an unserialisable result) does not count, so a following fail() still reports.
  let finished = false;
  const firstOnly = <A extends unknown[]>(completion: (...args: A) => void) => (...args: A): void => {
    if (finished) return;
    completion(...args);
    finished = true;
  };

  const context: CallbackContext = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value: boolean) {
      waitForEmptyEventLoop = value;
    },
    succeed: firstOnly((result?: unknown) => rawDone(null, result)),
    fail: firstOnly((error?: unknown) => (error === undefined || error === null ? rawDone('handled') : rawDone(error, null))),
    done: firstOnly(rawDone),
  };
  return { callback: firstOnly(rawCallback), context, markCompleted: () => { completed = true; } };
}
