// The control protocol between the extension and the runtime: one WebSocket on 127.0.0.1, guarded by a
// per-session token (`?token=` on the upgrade URL). Both sides import this file and nothing else of each
// other. Requests carry an id and get exactly one reply; events are pushed by the runtime.

import type { LoopStopped } from '../event-sources/recursion';
import type { FunctionConfig, TemplateProblem } from '../template/model';
import type { LocalResource } from '../template/resources/model';

export const CONTROL_PROTOCOL_VERSION = 1;
/** The environment variable through which a parent process hands the runtime its control token. */
export const CONTROL_TOKEN_ENV = 'LAMBKIN_CONTROL_TOKEN';
/** Printed alone on one stdout line by `lambkin start --ready-json` once every endpoint listens. */
export interface ReadyLine {
  type: 'lambkin.ready';
  protocolVersion: number;
  pid: number;
  invokeEndpoint: string;
  controlEndpoint: string;
  /** The HTTP/WebSocket gateway serving the template's APIs and function URLs. */
  gatewayEndpoint: string;
  /** The local AWS endpoint (S3, DynamoDB, SQS, SNS, EventBridge, Lambda), when served. */
  awsEndpoint?: string;
}

export type InvocationType = 'RequestResponse' | 'Event' | 'DryRun';
export type InvocationStatus = 'success' | 'error' | 'timeout' | 'throttled';
export type EnvironmentStopReason = 'idle' | 'timeout' | 'crash' | 'out-of-memory' | 'init-error' | 'shutdown' | 'reload';

export interface InvocationSummary {
  requestId: string;
  functionName: string;
  invocationType: InvocationType;
  /** Epoch ms at which the invocation was accepted. */
  startedAt: number;
  coldStart: boolean;
  environmentId?: string;
  /** What caused it, when a local event source did (`S3 uploads: ObjectCreated:Put a.jpg`). */
  trigger?: string;
}

export interface InvocationResult extends InvocationSummary {
  status: InvocationStatus;
  /** `Unhandled` when the function failed, as in `X-Amz-Function-Error`. */
  functionError?: string;
  errorType?: string;
  /** The event as received (UTF-8), truncated to 256 KB for the record. */
  event: string;
  /** The response payload (UTF-8), or the error body, truncated to 256 KB for the record. */
  response: string;
  durationMs: number;
  billedDurationMs: number;
  memorySizeMb: number;
  maxMemoryUsedMb: number;
  initDurationMs?: number;
  /** Served by a provisioned-concurrency environment (priced as such: no INIT, the lower duration price). */
  provisioned?: boolean;
  /** Every log line of this invocation, platform lines included, as Lambda would write them. */
  logs: string[];
  /** Which async attempt this was (1-based); only for `Event` invocations. */
  attempt?: number;
  /** How long a debugger held the function's clock (counted in `durationMs`, not towards the timeout). */
  pausedMs?: number;
}

export interface EnvironmentInfo {
  environmentId: string;
  functionName: string;
  pid: number;
  startedAt: number;
  /** Started ahead of traffic by provisioned concurrency (on `environment.started`: with its INIT, below). */
  provisioned?: boolean;
  initDurationMs?: number;
  /** INIT_START and the lines its INIT wrote, for a provisioned environment (no invocation's record holds them). */
  logs?: string[];
}

// ---- events (runtime → extension) ----
export type ControlEvent =
  | { event: 'functions'; data: { functions: FunctionConfig[]; problems: TemplateProblem[]; resources: LocalResource[] } }
  | { event: 'environment.started'; data: EnvironmentInfo }
  /** `debugCrash`: the process died of the V8 bug that kills paused Node 20/22 processes; what to tell the user. */
  | { event: 'environment.stopped'; data: EnvironmentInfo & { reason: EnvironmentStopReason; debugCrash?: string } }
  /** A debuggable environment's Node inspector listens: attach a debugger to `port` now (it waits under --inspect-brk). */
  | { event: 'environment.inspectable'; data: EnvironmentInfo & { inspectorUrl: string; port: number } }
  | { event: 'invocation.started'; data: InvocationSummary }
  | { event: 'invocation.finished'; data: InvocationResult }
  | { event: 'log'; data: { functionName: string; requestId?: string; environmentId?: string; line: string } }
  | { event: 'runtime.log'; data: { level: 'info' | 'warn' | 'error'; message: string } }
  /** A long task of the runtime (installing the handlers' AWS SDK, a Node.js version): show progress until it ends. */
  | { event: 'progress'; data: { id: string; state: 'started' | 'finished' | 'failed'; message: string } }
  /** Lambda's recursive-loop detection stopped a chain of invocations (S3, SQS or SNS). */
  | { event: 'loop.stopped'; data: LoopStopped };

export type ControlEventName = ControlEvent['event'];
export type ControlEventData<E extends ControlEventName> = Extract<ControlEvent, { event: E }>['data'];

// ---- requests (extension → runtime) ----
export interface ControlMethods {
  /** First call after connecting: the runtime's identity and current state. */
  hello: {
    params: { clientName: string };
    result: {
      protocolVersion: number;
      runtimeVersion: string;
      invokeEndpoint: string;
      functions: FunctionConfig[];
      problems: TemplateProblem[];
      environments: EnvironmentInfo[];
      /** The local AWS endpoint, when served. */
      awsEndpoint?: string;
      resources: LocalResource[];
    };
  };
  listFunctions: { params: Record<string, never>; result: { functions: FunctionConfig[]; problems: TemplateProblem[] } };
  /** Re-reads the templates (after an edit); running invocations finish on their old configuration. */
  reload: { params: { templates?: string[] }; result: { functions: FunctionConfig[]; problems: TemplateProblem[] } };
  invoke: {
    params: { functionName: string; payload: string; invocationType?: InvocationType };
    result: { statusCode: number; requestId: string; payload: string; functionError?: string; result?: InvocationResult };
  };
  /**
   * Debugging: new environments of the function (or of all functions) start under the Node inspector
   * (`debug: null` turns it off). Idle environments of the other kind are retired.
   */
  setDebug: {
    params: {
      functionName?: string;
      debug: { breakOnStart: boolean; overrides?: { environment?: Record<string, string>; memorySize?: number; timeout?: number } } | null;
    };
    result: { retired: number };
  };
  /** Holds the timeout clock of an environment while its debugger is paused, so a breakpoint is not a timeout. */
  holdClock: { params: { environmentId: string; held: boolean }; result: { found: boolean } };
  /** Stops the warm environments of one function, or of all. */
  stopEnvironments: { params: { functionName?: string }; result: { stopped: number } };
  /**
   * One call to a local AWS service (browse a bucket, put an item, send a message, run a schedule): `service`
   * and `call` name it, typed per service in service-calls.ts. Fails when the runtime serves no such service.
   */
  serviceCall: { params: { service: string; call: string; params: unknown }; result: unknown };
  /** Clears the local services' data (all, one service's, or one resource's) and recreates the template's resources empty. */
  resetData: { params: { service?: string; resource?: string }; result: { ok: true } };
  /** Forgets the measurements of one function, or of all. */
  resetStats: { params: { functionName?: string }; result: { ok: true } };
  shutdown: { params: Record<string, never>; result: { ok: true } };
}

export type ControlMethod = keyof ControlMethods;

export interface ControlRequest<M extends ControlMethod = ControlMethod> {
  id: number;
  method: M;
  params: ControlMethods[M]['params'];
}

export type ControlReply<M extends ControlMethod = ControlMethod> =
  | { id: number; result: ControlMethods[M]['result'] }
  | { id: number; error: { message: string; code?: string } };

export type ControlMessageFromRuntime = ControlEvent | ControlReply;
/** One WebSocket frame from the runtime: a message, or the events of one turn batched in an array. */
export type ControlFrame = ControlMessageFromRuntime | ControlEvent[];

/** The messages of one frame, in order. */
export function messagesOfFrame(frame: ControlFrame): ControlMessageFromRuntime[] {
  return Array.isArray(frame) ? frame : [frame];
}

export function isControlReply(message: ControlMessageFromRuntime): message is ControlReply {
  return typeof (message as { id?: unknown }).id === 'number';
}
