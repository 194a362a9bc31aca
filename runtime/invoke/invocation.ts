// One invocation from start to REPORT: lease an environment (cold or warm), hand it the event, map what
// happened to what Lambda answers, and write the platform log lines around the function's own.
import { randomUUID } from 'node:crypto';
import { billedDurationMs } from '../cost/billing';
import type { ThrottleReason } from '../environments/concurrency';
import { errorTypeOf, type InvokeOutcome } from '../environments/environment';
import type { FunctionPool, Lease } from '../environments/pool';
import { functionArn, newTraceId } from '../environments/variables';
import { PlatformLog } from '../logs/platform';
import type { InvocationResult, InvocationStatus, InvocationSummary, InvocationType } from '../protocol/control';
import type { StreamObserver } from '../runtime-api/types';

/** How much of an event or response an invocation record keeps. */
const RECORD_LIMIT = 256 * 1024;
/** How long the record waits for the runtime to ask for the next event, so trailing log lines are kept. */
const SETTLE_WAIT_MS = 250;
/**
 * How many environments an event may be handed to when each died before its runtime took the event (Lambda
 * never loses or fails an event that did not reach a runtime). A bound, so a function whose every
 * environment dies at once is still answered.
 */
const DELIVERY_ATTEMPTS = 5;

export interface InvokeRequest {
  payload: Buffer;
  invocationType: InvocationType;
  /** Decoded client context JSON. */
  clientContext?: string;
  /** Async retries keep the request id of the first attempt. */
  requestId?: string;
  attempt?: number;
  observer?: StreamObserver;
  /** The X-Ray trace header to hand the function (a triggered invocation carries its chain's lineage); fresh when absent. */
  traceId?: string;
  /** What caused the invocation (`S3 uploads: ObjectCreated:Put a.jpg`), for logs and the extension. */
  trigger?: string;
  /** The alias or version the caller named (`live`), kept in the function's invokedFunctionArn. */
  qualifier?: string;
}

export type InvokeResult =
  | { kind: 'throttled'; reason: ThrottleReason; requestId: string }
  | {
      kind: 'completed';
      requestId: string;
      status: InvocationStatus;
      payload: Buffer;
      /** `Unhandled` when the function failed. */
      functionError?: string;
      errorType?: string;
      contentType?: string;
      /** The whole record, once the environment has finished (log lines and REPORT included). */
      record: Promise<InvocationResult>;
    };

export interface InvocationContext {
  region: string;
  accountId: string;
  started(summary: InvocationSummary): void;
  finished(result: InvocationResult): void;
}

export async function invokeFunction(pool: FunctionPool, ctx: InvocationContext, request: InvokeRequest): Promise<InvokeResult> {
  const requestId = request.requestId ?? randomUUID();
  const startedAt = Date.now();
  let summary: InvocationSummary | undefined;
  for (let attempt = 1; ; attempt++) {
    const lease = await pool.lease();
    if (typeof lease === 'string') return { kind: 'throttled', reason: lease, requestId };
    const fn = lease.env.fn;
    if (summary) {
      // A second environment for the same event: the record names the one that ran it.
      summary.environmentId = lease.env.id;
      summary.coldStart = lease.cold;
    } else {
      summary = { requestId, functionName: fn.name, invocationType: request.invocationType, startedAt, coldStart: lease.cold, environmentId: lease.env.id };
      if (request.trigger) summary.trigger = request.trigger;
      ctx.started(summary);
    }
    const ran = await runOnLease(pool, ctx, request, requestId, lease, summary, attempt < DELIVERY_ATTEMPTS);
    if (ran) return ran;
    pool.endLease(lease);
  }
}

/** Runs the event in a leased environment; undefined when the environment died before its runtime took it. */
async function runOnLease(pool: FunctionPool, ctx: InvocationContext, request: InvokeRequest, requestId: string, lease: Lease, summary: InvocationSummary, mayRedeliver: boolean): Promise<InvokeResult | undefined> {
  const { env } = lease;
  const fn = env.fn;
  const log = new PlatformLog(fn.loggingConfig.logFormat);
  const initLines = lease.lines.splice(0, lease.lines.length);
  const initDurationMs = lease.init?.initDurationMs;

  let outcome: InvokeOutcome;
  let durationMs: number;
  if (lease.init && !lease.init.ok) {
    outcome = { kind: 'error', errorType: lease.init.errorType, payload: platformBody(lease.init.payload, requestId) };
    durationMs = 0;
  } else {
    const timeoutMs = fn.timeout * 1000;
    const dispatched = performance.now();
    outcome = await env.invoke(
      {
        requestId,
        payload: request.payload.length > 0 ? request.payload : Buffer.from('{}'),
        deadlineMs: Date.now() + timeoutMs,
        invokedFunctionArn: functionArn(fn, ctx.region, ctx.accountId) + (request.qualifier ? `:${request.qualifier}` : ''),
        traceId: request.traceId ?? newTraceId(),
        clientContext: request.clientContext,
      },
      timeoutMs,
      request.observer,
    );
    if (outcome.kind === 'undelivered') {
      if (mayRedeliver) return undefined;
      outcome = { kind: 'crash', errorType: 'Runtime.ExitError', detail: 'Runtime exited with error: every environment died before it could take the event' };
    }
    durationMs = outcome.kind === 'timeout' ? timeoutMs : performance.now() - dispatched;
    if (outcome.kind === 'timeout') pool.noteStopReason(env, 'timeout');
  }

  const answer = answerOf(outcome, requestId, fn.timeout);
  const record = settle(lease).then(() => {
    pool.endLease(lease);
    env.releaseRequest(requestId);
    const billed = billedDurationMs(durationMs, initDurationMs, lease.cold);
    const maxMemoryUsedMb = env.maxMemoryUsedMb();
    const reportStatus = answer.status === 'success' ? 'success' : answer.status === 'timeout' ? 'timeout' : 'error';
    const logs = [
      ...(lease.cold ? [log.initStart(fn.runtime, ctx.region, env.runtimeVersion), ...initLines] : []),
      log.start(requestId, lease.provisioned ? '1' : undefined),
      ...lease.lines,
      ...(outcome.kind === 'timeout' ? [log.timedOut(requestId, fn.timeout)] : []),
      log.end(requestId, reportStatus, answer.errorType),
      log.report({ requestId, durationMs, billedDurationMs: billed, memorySizeMb: fn.memorySize, maxMemoryUsedMb, initDurationMs: lease.cold ? initDurationMs : undefined, status: reportStatus, errorType: answer.errorType }),
    ];
    const result: InvocationResult = {
      ...summary,
      status: answer.status,
      functionError: answer.functionError,
      errorType: answer.errorType,
      event: clip(request.payload),
      response: clip(answer.payload),
      durationMs,
      billedDurationMs: billed,
      memorySizeMb: fn.memorySize,
      maxMemoryUsedMb,
      initDurationMs: lease.cold ? initDurationMs : undefined,
      ...(lease.provisioned ? { provisioned: true } : {}),
      logs,
      attempt: request.invocationType === 'Event' ? (request.attempt ?? 1) : undefined,
      pausedMs: outcome.pausedMs,
    };
    ctx.finished(result);
    return result;
  });
  return { kind: 'completed', requestId, ...answer, record };
}

interface Answer {
  status: InvocationStatus;
  payload: Buffer;
  functionError?: string;
  errorType?: string;
  contentType?: string;
}

function answerOf(outcome: InvokeOutcome, requestId: string, timeoutSeconds: number): Answer {
  switch (outcome.kind) {
    case 'response':
      return { status: 'success', payload: outcome.payload, contentType: outcome.contentType };
    case 'error':
      return { status: 'error', payload: outcome.payload, functionError: 'Unhandled', errorType: errorTypeOf(outcome.payload) ?? outcome.errorType };
    case 'too-large':
      return failure('error', 'Function.ResponseSizeTooLarge', 'Response payload size exceeded maximum allowed payload size (6291556 bytes).', false);
    case 'timeout':
      return failure('timeout', 'Sandbox.Timedout', `RequestId: ${requestId} Error: Task timed out after ${timeoutSeconds.toFixed(2)} seconds`, true);
    case 'crash':
      return failure('error', outcome.errorType, `RequestId: ${requestId} Error: ${outcome.detail}`, true);
    case 'undelivered':
      return failure('error', 'Runtime.ExitError', `RequestId: ${requestId} Error: Runtime exited before it took the event`, true);
  }
}

function failure(status: InvocationStatus, errorType: string, errorMessage: string, typeFirst: boolean): Answer {
  // Lambda's platform errors put errorType first; the response-size error puts errorMessage first.
  const body = typeFirst ? { errorType, errorMessage } : { errorMessage, errorType };
  return { status, payload: Buffer.from(JSON.stringify(body)), functionError: 'Unhandled', errorType };
}

/** Platform init failures carry "RequestId: … Error: …" in their message, as Lambda's do. */
function platformBody(payload: Buffer, requestId: string): Buffer {
  try {
    const body = JSON.parse(payload.toString('utf8')) as { errorType?: string; errorMessage?: string; trace?: unknown };
    if (body.errorType && /^(Runtime\.ExitError|Runtime\.OutOfMemory|Runtime\.InvalidEntrypoint|Sandbox\.Timedout)$/.test(body.errorType) && body.trace === undefined) {
      return Buffer.from(JSON.stringify({ errorType: body.errorType, errorMessage: `RequestId: ${requestId} Error: ${body.errorMessage ?? ''}` }));
    }
  } catch {
    // Not JSON: a runtime may post any body; pass it on as is.
  }
  return payload;
}

/** Waits until the environment asked for the next event (or is gone) and its output has been read. */
async function settle(lease: Lease): Promise<void> {
  await lease.env.whenNotBusy(SETTLE_WAIT_MS);
  await new Promise((resolve) => setImmediate(resolve));
}

function clip(payload: Buffer): string {
  return payload.length > RECORD_LIMIT ? payload.subarray(0, RECORD_LIMIT).toString('utf8') + '…' : payload.toString('utf8');
}
