// The invoke loop: GET /next, build the context, call the handler under the contract of the runtime's
// Node version (nodejs22.x and earlier: callbacks + event-loop wait; nodejs24.x: `await handler(event,
// context)`), post the outcome, repeat. One invocation at a time, like a Lambda execution environment.
import { buildCallbackContext } from './callback-context';
import { jsonStringifyError, nodeJsExitError, toErrorBody } from './errors';
import { attachInvocationData, readInvocationHeaders, type InvocationHeaders } from './invoke-context';
import type { BeforeExitAction, CrashReporter } from './lifecycle';
import type { UserHandler } from './loader';
import { setCurrentRequestId, type LambdaConsole } from './logging';
import type { RuntimeApiClient } from './runtime-client';
import { ResponseStream } from './streaming';

export interface InvokeLoopOptions {
  client: RuntimeApiClient;
  handler: UserHandler;
  /** nodejs24.x and later: no callbacks, no succeed/fail/done, no callbackWaitsForEmptyEventLoop. */
  modern: boolean;
  streaming: boolean;
  highWaterMark: number | undefined;
  env: NodeJS.ProcessEnv;
  lambdaConsole: LambdaConsole;
  beforeExit: BeforeExitAction;
  crash: CrashReporter;
}

const STREAMING_NON_ASYNC = 'Streaming does not support non-async handlers.';
const STREAM_NOT_FINISHED = 'Response stream is not finished.';

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export class InvokeLoop {
  private readonly isAsyncHandler: boolean;

  constructor(private readonly options: InvokeLoopOptions) {
    this.isAsyncHandler = options.handler.constructor?.name === 'AsyncFunction';
  }

  /** Starts the next iteration on a fresh turn of the event loop. */
  scheduleIteration(): void {
    setImmediate(() => {
      // A runtime that is crashing (an answered invocation left an exception or a rejection behind) must not
      // ask for work: the event it would take would die with it, though it never ran.
      if (this.options.crash.isCrashing) return;
      this.handleOnce().catch((error: unknown) => {
        console.log(`Unexpected Top Level Error: ${String(error)}`);
        this.options.crash.uncaughtException(error);
      });
    });
  }

  private async handleOnce(): Promise<void> {
    const { client, crash } = this.options;
    const next = await client.next();
    const invocation = readInvocationHeaders(next.headers);
    setCurrentRequestId(invocation.requestId);
    crash.setInvocation(invocation.requestId);
    const body = next.body.toString('utf8');
    if (this.options.streaming) await this.handleStreaming(invocation, body);
    else if (this.options.modern) await this.handleModern(invocation, body);
    else this.handleLegacy(invocation, body);
  }

  private serialize(result: unknown): string {
    try {
      return JSON.stringify(result === undefined ? null : result);
    } catch {
      throw jsonStringifyError(this.options.modern);
    }
  }

  private postError(requestId: string, error: unknown): Promise<void> {
    this.options.lambdaConsole.logError('Invoke Error', error);
    return this.options.client.postError(requestId, toErrorBody(error));
  }

  /** Losing the Runtime API means the environment is being torn down: nothing left to report to. */
  private lostRuntimeApi(error: unknown): void {
    process.stderr.write(`lambkin bootstrap: Runtime API unreachable (${String(error)}); exiting\n`);
    process.exit(1);
  }

  private handleLegacy(invocation: InvocationHeaders, body: string): void {
    const { client, beforeExit, env } = this.options;
    const id = invocation.requestId;
    const scheduleNext = (): void => this.scheduleIteration();
    const { callback, context, markCompleted } = buildCallbackContext(
      {
        postError: (error, then) => { this.postError(id, error).then(then, (e: unknown) => this.lostRuntimeApi(e)); },
        postResponse: (result, then) => {
          const serialized = this.serialize(result);
          client.postResponse(id, serialized).then(then, (e: unknown) => this.lostRuntimeApi(e));
        },
      },
      beforeExit,
      scheduleNext,
    );
    // A handler that never completes is answered when the loop drains: null for plain functions,
    // Runtime.NodeJsExit for async ones (their promise can no longer settle).
    beforeExit.set(() => {
      markCompleted();
      if (this.isAsyncHandler) {
        this.postError(id, nodeJsExitError()).then(scheduleNext, (e: unknown) => this.lostRuntimeApi(e));
      } else {
        client.postResponse(id, 'null').then(scheduleNext, (e: unknown) => this.lostRuntimeApi(e));
      }
    });
    try {
      const fullContext = attachInvocationData(context, invocation, env, { modern: false });
      const result = this.options.handler(JSON.parse(body), fullContext, callback);
      if (isPromiseLike(result)) {
        Promise.resolve(result).then(context.succeed, context.fail).catch(context.fail);
      }
    } catch (error) {
      callback(error);
    }
  }

  private async handleModern(invocation: InvocationHeaders, body: string): Promise<void> {
    const { client, beforeExit, env } = this.options;
    const id = invocation.requestId;
    let answered = false;
    // Lambda's nodejs24 loop simply awaits; a promise that can never settle is reported like earlier runtimes.
    const settled = new Promise<void>((resolve) => {
      beforeExit.set(() => {
        answered = true;
        beforeExit.reset();
        this.postError(id, nodeJsExitError()).then(resolve, (e: unknown) => this.lostRuntimeApi(e));
      });
    });
    const run = async (): Promise<void> => {
      let outcome: { ok: true; body: string } | { ok: false; error: unknown };
      try {
        const context = attachInvocationData({}, invocation, env, { modern: true });
        const result: unknown = await this.options.handler(JSON.parse(body), context);
        outcome = { ok: true, body: this.serialize(result) };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (answered) return;
      answered = true;
      beforeExit.reset();
      await nextTurn();
      if (outcome.ok) await client.postResponse(id, outcome.body);
      else await this.postError(id, outcome.error);
    };
    await Promise.race([run().catch((e: unknown) => this.lostRuntimeApi(e)), settled]);
    this.scheduleIteration();
  }

  private async handleStreaming(invocation: InvocationHeaders, body: string): Promise<void> {
    const { client, beforeExit, env, modern } = this.options;
    const stream = new ResponseStream(client, invocation.requestId, this.options.highWaterMark);
    let waitForEmptyEventLoop = true;
    const context: object = modern ? {} : {
      get callbackWaitsForEmptyEventLoop() { return waitForEmptyEventLoop; },
      set callbackWaitsForEmptyEventLoop(value: boolean) { waitForEmptyEventLoop = value; },
    };
    const scheduleNext = (): void => {
      beforeExit.reset();
      if (modern || !waitForEmptyEventLoop) this.scheduleIteration();
      else beforeExit.set(() => setImmediate(() => this.scheduleIteration()));
    };
    const fail = async (error: unknown): Promise<void> => {
      this.options.lambdaConsole.logError('Invoke Error', error);
      stream.fail(error);
      await stream.responseDone.catch((e: unknown) => this.lostRuntimeApi(e));
      scheduleNext();
    };
    beforeExit.set(() => this.scheduleIteration());
    try {
      const fullContext = attachInvocationData(context, invocation, env, { modern });
      const result = this.options.handler(JSON.parse(body), stream, fullContext);
      if (!isPromiseLike(result)) {
        await fail(modern ? new Error(STREAMING_NON_ASYNC) : STREAMING_NON_ASYNC);
        return;
      }
      if ((await result) !== undefined) console.warn('Streaming handlers ignore return values.');
      await stream.responseDone;
      if (!stream.writableFinished) {
        await fail(modern ? new Error(STREAM_NOT_FINISHED) : STREAM_NOT_FINISHED);
        return;
      }
      scheduleNext();
    } catch (error) {
      await fail(error);
    }
  }
}
