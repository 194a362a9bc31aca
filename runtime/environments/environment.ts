// One execution environment: an OS process running a runtime (Lambkin's Node bootstrap or a custom
// `bootstrap`), its own Runtime API server, and the lifecycle Lambda gives it: init once, invoke one event
// at a time, reset on timeout, crash or memory exhaustion.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { RuntimeApiServer } from '../runtime-api/server';
import type { RuntimeInvocation, RuntimeOutcome, StreamObserver } from '../runtime-api/types';
import type { FunctionConfig } from '../template/model';
import { debugCrashHint, isV8PauseCrashLine } from './debug-crash';
import { inspectorLine, type DebugOptions } from './inspector';
import { LineSplitter } from './lines';
import { PausableTimer } from './pausable-timer';
import { MemoryWatch, peakRssMb } from './memory';

export interface LaunchSpec {
  command: string;
  args: string[];
  env: Record<string, string>;
  /** What INIT_START reports as the Runtime Version (the Node really used), when known. */
  runtimeVersion?: string;
  /** Lambda's limit on this environment's INIT; the on-demand 10 s when left out. */
  initTimeoutMs?: number;
  /** Runs once the process is gone, or when it could not be started (removes its private /tmp). */
  onExit?: () => void;
  /** The runtime is Lambkin's own bootstrap: it also speaks the Runtime API over a pipe on fd 3 (pipe-frames.ts). */
  runtimePipe?: boolean;
}

export interface EnvironmentHooks {
  /** Builds the command line once the Runtime API address is known. May throw a user-facing error. */
  launch(runtimeApi: string): Promise<LaunchSpec>;
  /** Every line the process writes, with the request it belongs to (undefined during init). */
  onLine(line: string, requestId: string | undefined): void;
  /** The process is gone, for whatever reason. */
  onExit(environment: ExecutionEnvironment): void;
  /** The runtime finished an invocation and asked for the next one: the environment is free again. */
  onReady(environment: ExecutionEnvironment): void;
  /** A debuggable environment's inspector is listening (the debugger should attach now). */
  onInspectable?(environment: ExecutionEnvironment, inspectorUrl: string, port: number): void;
}

export type InitResult =
  | { ok: true; initDurationMs: number }
  | { ok: false; initDurationMs: number; errorType: string; payload: Buffer; message: string };

export type InvokeOutcome = (
  | RuntimeOutcome
  | { kind: 'timeout' }
  | { kind: 'crash'; errorType: 'Runtime.ExitError' | 'Runtime.OutOfMemory'; detail: string }
  /** The process died before its runtime took the event: it never ran, and may run in another environment. */
  | { kind: 'undelivered' }
) & {
  /** How long a debugger held the clock during the invocation (absent when it never did). */
  pausedMs?: number;
};

export type EnvironmentState = 'initializing' | 'ready' | 'busy' | 'stopped';

/** Lambda's limit on the INIT phase of an on-demand environment. */
export const INIT_TIMEOUT_MS = 10_000;

export class ExecutionEnvironment {
  readonly id = randomBytes(4).toString('hex');
  readonly startedAt = Date.now();
  state: EnvironmentState = 'initializing';
  /** Set once the process has been spawned. */
  pid = 0;
  lastUsedAt = Date.now();
  /** The Runtime Version INIT_START reports, once launched. */
  runtimeVersion: string | undefined;
  private child: ChildProcess | undefined;
  private api: RuntimeApiServer | undefined;
  private currentRequestId: string | undefined;
  /** The current invocation has been answered; the runtime has not asked for the next one yet. */
  private answered = false;
  private exitDetail: string | undefined;
  private outOfMemory = false;
  /** V8's check failure of nodejs/node#57606 went by on stderr (see debug-crash.ts). */
  private sawV8CheckFailure = false;
  /** Set when the process died of the V8 bug that kills paused Node 20/22 processes: what to tell the user. */
  debugCrash: string | undefined;
  private observedPeakMb = 0;
  private idleWaiters: Array<() => void> = [];
  private readonly exitListeners = new Set<() => void>();
  private readonly exited: Promise<void>;
  private markExited!: () => void;

  private clock: PausableTimer | undefined;
  private clockHeld = false;

  constructor(readonly fn: FunctionConfig, private readonly hooks: EnvironmentHooks, readonly debug?: DebugOptions) {
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  /** Starts the process and waits for its runtime to ask for the first event (or to fail init). */
  async init(): Promise<InitResult> {
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    this.api = await RuntimeApiServer.start();
    let spec: LaunchSpec;
    try {
      spec = await this.hooks.launch(this.api.address);
    } catch (error) {
      await this.stop();
      const message = error instanceof Error ? error.message : String(error);
      return initFailure(elapsed(), launchErrorType(error), message);
    }
    this.runtimeVersion = spec.runtimeVersion;
    // Stopped while the launch was prepared (the runtime is shutting down): never start the process.
    if (this.state === 'stopped') {
      await this.api.close();
      return initFailure(elapsed(), 'Runtime.ExitError', 'Runtime exited with error: the environment was stopped before it started');
    }
    return new Promise<InitResult>((resolve) => {
      let settled = false;
      const settle = (result: InitResult) => {
        if (settled) return;
        settled = true;
        timer.cancel();
        this.clock = undefined;
        resolve(result);
      };
      // Under --inspect-brk the process waits for a debugger: the INIT clock starts when one attaches.
      const initTimeoutMs = spec.initTimeoutMs ?? INIT_TIMEOUT_MS;
      const timer = new PausableTimer(initTimeoutMs, () => {
        void this.stop();
        settle(initFailure(initTimeoutMs, 'Sandbox.Timedout', `INIT phase exceeded ${initTimeoutMs / 1000} seconds`));
      }, this.debug?.breakOnStart === true);
      this.clock = timer;
      this.api!.onNextRequested(() => {
        if (this.state === 'initializing') {
          this.state = 'ready';
          settle({ ok: true, initDurationMs: elapsed() });
        } else if (this.state === 'busy') {
          this.state = 'ready';
          this.answered = false;
          this.wakeIdleWaiters();
          this.hooks.onReady(this);
        }
      });
      this.api!.onInitError((report) => {
        const message = errorMessageOf(report.payload) ?? report.errorType;
        settle({ ok: false, initDurationMs: elapsed(), errorType: errorTypeOf(report.payload) ?? report.errorType, payload: report.payload, message });
        // The runtime exits after reporting; make sure it does.
        setTimeout(() => void this.stop(), 200).unref();
      });
      this.spawn(spec, () => {
        const detail = this.exitDetail ?? 'exit status 1';
        settle(initFailure(elapsed(), this.outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError', `Runtime exited with error: ${detail}`));
      });
    });
  }

  /** Runs one invocation; settles when the runtime answers, the timeout fires or the process dies. */
  invoke(invocation: RuntimeInvocation, timeoutMs: number, observer?: StreamObserver): Promise<InvokeOutcome> {
    if (this.state !== 'ready' || !this.api) return Promise.reject(new Error(`environment ${this.id} is ${this.state}`));
    this.state = 'busy';
    this.answered = false;
    this.lastUsedAt = Date.now();
    this.currentRequestId = invocation.requestId;
    const watch = new MemoryWatch(this.pid, this.fn.memorySize, () => {
      this.outOfMemory = true;
      this.exitDetail = 'signal: killed';
      this.child?.kill('SIGKILL');
    });
    return new Promise<InvokeOutcome>((resolve) => {
      let settled = false;
      let timedOut = false;
      const settle = (outcome: InvokeOutcome) => {
        if (settled) return;
        settled = true;
        timer.cancel();
        this.clock = undefined;
        this.exitListeners.delete(onExit);
        watch.stop();
        // The peak is read once per invocation, when its record is written (maxMemoryUsedMb): a /proc read
        // costs as much as the rest of the bookkeeping. Only a process that is gone needs its figure kept now.
        this.observedPeakMb = Math.max(this.observedPeakMb, Math.ceil(watch.peakBytes / 1024 / 1024));
        this.lastUsedAt = Date.now();
        const pausedMs = timer.pausedMs;
        resolve(pausedMs > 0 ? { ...outcome, pausedMs } : outcome);
      };
      const timer = new PausableTimer(timeoutMs, () => {
        this.observedPeakMb = Math.max(this.observedPeakMb, this.peakNow());
        this.api?.abandon();
        // Answer once the process is really gone (see the exit handler below): the next invoke must find
        // the environment reset, as in Lambda.
        timedOut = true;
        void this.stop();
      }, this.clockHeld);
      this.clock = timer;
      // A listener per invocation, removed when it settles: warm environments serve many invocations.
      const onExit = () => {
        if (timedOut) return settle({ kind: 'timeout' });
        // The runtime had not taken the event (its request for work was gone with it): the event never ran.
        if (this.api?.holdsUndelivered(invocation.requestId)) return settle({ kind: 'undelivered' });
        const errorType = this.outOfMemory ? 'Runtime.OutOfMemory' : 'Runtime.ExitError';
        settle({ kind: 'crash', errorType, detail: `Runtime exited with error: ${this.exitDetail ?? 'exit status 1'}` });
      };
      this.exitListeners.add(onExit);
      this.api!.invoke(invocation, observer).then((outcome) => {
        if (this.state === 'busy') this.answered = true;
        settle(outcome);
      }, (error: Error) => settle({ kind: 'crash', errorType: 'Runtime.ExitError', detail: error.message }));
    });
  }

  /**
   * Holds or releases the function's clock (init or invocation timeout) while a debugger has it paused.
   * The hold also applies to the next invocation when none is running.
   */
  holdClock(held: boolean): void {
    this.clockHeld = held;
    if (held) this.clock?.pause();
    else this.clock?.resume();
  }

  /** Peak resident memory of the process so far, in MB (Lambda's "Max Memory Used"). */
  maxMemoryUsedMb(): number {
    // Lambkin's bootstrap reports its peak each time it asks for work: once it has asked (ready), that
    // figure is current, and a /proc read (as costly as the rest of an invocation's bookkeeping) is not needed.
    const reported = this.state === 'ready' ? this.api?.reportedPeakRssKb : undefined;
    if (reported !== undefined) return Math.max(this.observedPeakMb, Math.ceil(reported / 1024));
    return Math.max(this.observedPeakMb, this.peakNow());
  }

  private peakNow(): number {
    return this.child ? peakRssMb(this.pid) : 0;
  }

  /** Resolves once the runtime has finished the current invocation (asked for more work) or is gone, or after `capMs`. */
  whenNotBusy(capMs: number): Promise<void> {
    if (this.state !== 'busy') return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, capMs);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.idleWaiters.push(done);
    });
  }

  private wakeIdleWaiters(): void {
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const wake of waiters) wake();
  }

  /** Answered its invocation, not yet asked for the next: about to be free, unless it dies first. */
  get finishing(): boolean {
    return this.state === 'busy' && this.answered;
  }

  /** True while the runtime is blocked on /next, i.e. it finished the previous invocation. */
  get isIdle(): boolean {
    return this.state === 'ready';
  }

  /** Ends the process at once, without waiting (the runtime is exiting now). */
  kill(): void {
    this.state = 'stopped';
    this.child?.kill('SIGKILL');
  }

  async stop(): Promise<void> {
    if (this.state === 'stopped' && !this.child) return;
    this.state = 'stopped';
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await this.exited;
    }
    await this.api?.close();
  }

  private spawn(spec: LaunchSpec, onEarlyExit: () => void): void {
    const child = spawn(spec.command, spec.args, { cwd: this.fn.codeRoot, env: spec.env, stdio: spec.runtimePipe ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    if (spec.runtimePipe) this.api?.attachPipe(child.stdio[3] as Duplex);
    this.pid = child.pid ?? 0;
    const forward = (line: string) => this.hooks.onLine(line, this.currentRequestId);
    const stdout = new LineSplitter(forward);
    const stderr = new LineSplitter((line) => {
      const inspector = this.debug ? inspectorLine(line) : undefined;
      if (inspector) {
        if (inspector.kind === 'listening') this.hooks.onInspectable?.(this, inspector.url, inspector.port);
        if (inspector.kind === 'attached' && !this.clockHeld) this.clock?.resume();
        return;
      }
      if (/JavaScript heap out of memory|Reached heap limit/.test(line)) this.outOfMemory = true;
      if (this.debug && isV8PauseCrashLine(line)) this.sawV8CheckFailure = true;
      forward(line);
    });
    child.stdout!.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error) => {
      this.exitDetail = error.message;
    });
    child.on('close', (code, signal) => {
      stdout.flush();
      stderr.flush();
      this.exitDetail ??= signal ? `signal: ${signalName(signal)}` : `exit status ${code ?? 1}`;
      // Only a Node runtime under the inspector: a custom runtime's SIGTRAP is its own business.
      this.debugCrash = debugCrashHint({ debugged: this.debug !== undefined && this.fn.runtime.startsWith('nodejs'), signal, sawV8CheckFailure: this.sawV8CheckFailure });
      if (this.debugCrash) this.exitDetail += `. ${this.debugCrash}`;
      this.state = 'stopped';
      this.child = undefined;
      this.markExited();
      spec.onExit?.();
      for (const listener of [...this.exitListeners]) listener();
      this.wakeIdleWaiters();
      // Settles init if it is still waiting (a no-op once it has): a process stopped during init, by a
      // shutdown for instance, must not leave init waiting for its 10 s timeout.
      onEarlyExit();
      void this.api?.close();
      this.hooks.onExit(this);
    });
  }

  get diedOfMemory(): boolean {
    return this.outOfMemory;
  }

  /** Called by the pool once an invocation's record is complete: later lines belong to no request. */
  releaseRequest(requestId: string): void {
    if (this.currentRequestId === requestId) this.currentRequestId = undefined;
  }
}

function signalName(signal: NodeJS.Signals): string {
  return signal === 'SIGKILL' ? 'killed' : signal.replace(/^SIG/, '').toLowerCase();
}

function initFailure(initDurationMs: number, errorType: string, message: string): InitResult {
  const payload = Buffer.from(JSON.stringify({ errorType, errorMessage: message }));
  return { ok: false, initDurationMs, errorType, payload, message };
}

function launchErrorType(error: unknown): string {
  const type = (error as { errorType?: unknown })?.errorType;
  return typeof type === 'string' ? type : 'Runtime.InvalidEntrypoint';
}

function parsed(payload: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(payload.toString('utf8'));
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export function errorTypeOf(payload: Buffer): string | undefined {
  const type = parsed(payload)?.errorType;
  return typeof type === 'string' ? type : undefined;
}

export function errorMessageOf(payload: Buffer): string | undefined {
  const message = parsed(payload)?.errorMessage;
  return typeof message === 'string' ? message : undefined;
}
