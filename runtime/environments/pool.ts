// The execution environments of one function: warm ones are reused most-recent first, new ones are started
// on demand within the function's concurrency, idle ones are reaped after a while.
import type { EnvironmentStopReason } from '../protocol/control';
import type { FunctionConfig } from '../template/model';
import type { AccountConcurrency, ConcurrencySlot, ThrottleReason } from './concurrency';
import { ExecutionEnvironment, type InitResult, type LaunchSpec } from './environment';
import { Handoffs } from './handoffs';
import { IdleEnvironments } from './idle-environments';
import type { DebugOptions, DebugOverrides } from './inspector';
import { ProvisionedEnvironments } from './provisioned';

export interface PoolEvents {
  /** `provisioned`: started ahead of traffic by provisioned concurrency, with its INIT's figures and lines. */
  environmentStarted(env: ExecutionEnvironment, provisioned?: { initDurationMs: number; lines: string[] }): void;
  environmentStopped(env: ExecutionEnvironment, reason: EnvironmentStopReason): void;
  /** Every line an environment writes, as it is written; `requestId` is undefined during init and between invocations. */
  line(env: ExecutionEnvironment, line: string, requestId: string | undefined): void;
  /** A debuggable environment's inspector listens at this URL. */
  inspectable(env: ExecutionEnvironment, inspectorUrl: string, port: number): void;
}

export interface PoolOptions {
  limits: AccountConcurrency;
  idleTimeoutMs: number;
  /** Whether ProvisionedConcurrencyConfig's environments are started ahead of traffic (off for read-only commands). */
  provisioned?: boolean;
  launch(fn: FunctionConfig, runtimeApi: string, debug: DebugOptions | undefined, provisioned: boolean): Promise<LaunchSpec>;
  events: PoolEvents;
}

/**
 * How long a new invoke waits for an environment that has answered but not yet asked for more work. Lambkin's
 * bootstrap asks within a millisecond of answering; the margin is for a loaded machine, where a cold start
 * would take far longer than the wait.
 */
const FINISHING_GRACE_MS = 500;

/** An environment handed to one invocation, with the lines it writes while leased. */
export interface Lease {
  env: ExecutionEnvironment;
  cold: boolean;
  /** A provisioned-concurrency environment (initialised ahead of traffic). */
  provisioned?: boolean;
  init?: InitResult;
  /** Lines written while leased, init included, in order. */
  lines: string[];
}

export class FunctionPool {
  private readonly idle: IdleEnvironments;
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly slots = new Map<ExecutionEnvironment, ConcurrencySlot>();
  private readonly sinks = new Map<ExecutionEnvironment, string[]>();
  private readonly handoffs = new Handoffs();
  private readonly stopReasons = new Map<ExecutionEnvironment, EnvironmentStopReason>();
  /** The template configuration an environment was started from, where a debug session overrode it. */
  private readonly baseConfig = new WeakMap<ExecutionEnvironment, FunctionConfig>();
  /** Set while a debug session wants this function's new environments under the inspector. */
  private debug: DebugOptions | undefined;
  /** The runtime is stopping: no environment may start any more. */
  private closed = false;
  /** Counts saved changes of the function's code: environments started before the latest one are retired. */
  private codeGeneration = 0;
  private readonly generationOf = new WeakMap<ExecutionEnvironment, number>();
  /** The environments kept initialised by ProvisionedConcurrencyConfig (see provisioned.ts). */
  private readonly provisioned = new ProvisionedEnvironments({
    // While debugging, environments start on demand, so INIT runs when the user invokes, under the debugger.
    target: () => (this.closed || this.debug || this.options.provisioned === false || this.fn.reservedConcurrency === 0 ? 0 : this.fn.provisionedConcurrency ?? 0),
    current: (env) => !this.mismatched(env),
    start: (adopt) => this.prewarm(adopt),
  });

  constructor(public fn: FunctionConfig, private readonly options: PoolOptions) {
    this.idle = new IdleEnvironments({
      idleTimeoutMs: options.idleTimeoutMs,
      // Provisioned environments are never retired for being idle, and Lambda routes to them first.
      isKept: (env) => this.provisioned.has(env),
      anyKept: () => this.provisioned.size > 0,
      retire: (env) => this.retire(env, 'idle'),
    });
    this.provisioned.topUp();
  }

  /** Resolves once the provisioned environments being started have run their INIT. */
  provisionedSettled(): Promise<void> {
    return this.provisioned.settled();
  }

  /** How many provisioned environments are initialised and current. */
  get provisionedReady(): number {
    return this.provisioned.ready;
  }

  get environments(): ReadonlySet<ExecutionEnvironment> {
    return this.all;
  }

  /** An environment for one invocation, or the reason Lambda would throttle it. */
  async lease(): Promise<Lease | ThrottleReason> {
    if (this.closed) throw new Error('The Lambkin runtime is stopping.');
    if (this.fn.reservedConcurrency === 0) return 'ReservedFunctionConcurrentInvocationLimitExceeded';
    let warm = this.idle.take();
    // An environment that has answered but not yet asked for more work is a few hundred microseconds from
    // idle: waiting for it beats a cold start. Each waiter is promised one such environment, first come first served.
    if (!warm && this.finishingCount() > this.handoffs.waiting) warm = await this.handoffs.wait(FINISHING_GRACE_MS);
    const slot = this.options.limits.tryAcquire(this.fn.name);
    if (typeof slot === 'string') {
      if (warm) this.release(warm);
      return slot;
    }
    if (warm) {
      this.slots.set(warm, slot);
      const lines: string[] = [];
      this.sinks.set(warm, lines);
      return { env: warm, cold: false, ...(this.provisioned.has(warm) ? { provisioned: true } : {}), lines };
    }
    return this.coldStart(slot);
  }

  /** The invocation is over: later lines are no longer its own. The environment returns when it asks for work. */
  endLease(lease: Lease): void {
    if (this.sinks.get(lease.env) === lease.lines) this.sinks.delete(lease.env);
  }

  /** Replaces the configuration; environments started on the old one are retired as soon as they are idle. */
  updateConfig(fn: FunctionConfig): void {
    this.fn = fn;
    for (const env of this.idle.list()) this.retire(env, 'reload');
    this.provisioned.reset();
    this.provisioned.topUp();
  }

  /**
   * The function's code changed on disk: environments loaded the old code, so they retire as after a deploy.
   * Idle ones stop now; busy ones finish their invocation on the old code and stop (see onReady). Returns
   * how many of each.
   */
  codeChanged(): { idle: number; busy: number } {
    this.codeGeneration++;
    const idle = this.idle.size;
    const busy = [...this.all].filter((env) => !this.idle.includes(env)).length;
    for (const env of this.idle.list()) this.retire(env, 'reload');
    this.provisioned.reset();
    this.provisioned.topUp();
    return { idle, busy };
  }

  /**
   * Turns debugging on or off for new environments. Idle environments started the other way are retired,
   * so the next invocation starts one that matches (and its init runs under the debugger).
   */
  setDebug(debug: DebugOptions | undefined): number {
    this.debug = debug;
    // Idle ones go now; busy ones go as soon as they are free (see onReady).
    const mismatched = [...this.all].filter((env) => this.mismatched(env));
    for (const env of this.idle.list().filter((idle) => this.mismatched(idle))) this.retire(env, 'reload');
    this.provisioned.topUp();
    return mismatched.length;
  }

  private mismatched(env: ExecutionEnvironment): boolean {
    const base = this.baseConfig.get(env) ?? env.fn;
    return base !== this.fn || this.generationOf.get(env) !== this.codeGeneration || (env.debug === undefined) !== (this.debug === undefined) || JSON.stringify(env.debug?.overrides) !== JSON.stringify(this.debug?.overrides);
  }

  /** Stops every environment for good: invocations in flight are answered with an error, none start any more. */
  close(reason: EnvironmentStopReason = 'shutdown'): Promise<number> {
    this.closed = true;
    this.handoffs.cancelAll();
    return this.stopAll(reason);
  }

  /** Ends every process at once, without waiting (the runtime is exiting now). */
  killAll(): void {
    this.closed = true;
    this.idle.stopReaping();
    for (const env of this.all) {
      this.stopReasons.set(env, 'shutdown');
      env.kill();
    }
  }

  async stopAll(reason: EnvironmentStopReason): Promise<number> {
    this.idle.stopReaping();
    const envs = [...this.all];
    for (const env of envs) this.stopReasons.set(env, reason);
    await Promise.all(envs.map((env) => env.stop()));
    return envs.length;
  }

  private async coldStart(slot: ConcurrencySlot, provisioned = false): Promise<Lease & { init: InitResult }> {
    if (this.closed) {
      slot.release();
      throw new Error('The Lambkin runtime is stopping.');
    }
    const lines: string[] = [];
    const config = this.debug?.overrides ? withOverrides(this.fn, this.debug.overrides) : this.fn;
    const env: ExecutionEnvironment = new ExecutionEnvironment(config, {
      launch: (runtimeApi: string): Promise<LaunchSpec> => this.options.launch(env.fn, runtimeApi, env.debug, provisioned),
      onLine: (line, requestId) => {
        this.sinks.get(env)?.push(line);
        this.options.events.line(env, line, requestId);
      },
      onReady: (ready) => this.onReady(ready),
      onExit: (gone) => this.onExit(gone),
      onInspectable: (inspectable, url, port) => this.options.events.inspectable(inspectable, url, port),
    }, this.debug);
    if (config !== this.fn) this.baseConfig.set(env, this.fn);
    this.generationOf.set(env, this.codeGeneration);
    this.all.add(env);
    this.slots.set(env, slot);
    this.sinks.set(env, lines);
    const init = await env.init();
    if (!init.ok) this.stopReasons.set(env, 'init-error');
    else if (!provisioned) this.options.events.environmentStarted(env);
    return { env, cold: true, init, lines };
  }

  /**
   * Starts an environment ahead of traffic (provisioned concurrency): it holds no concurrency slot (concurrency
   * counts busy environments), and once initialised it waits idle like a warm one.
   */
  private async prewarm(adopt: (env: ExecutionEnvironment) => void): Promise<InitResult> {
    const { env, init, lines } = await this.coldStart({ release: () => undefined }, true);
    this.sinks.delete(env);
    this.slots.delete(env);
    if (!init.ok) {
      void env.stop();
      return init;
    }
    adopt(env);
    this.options.events.environmentStarted(env, { initDurationMs: init.initDurationMs, lines });
    this.release(env);
    return init;
  }

  private onReady(env: ExecutionEnvironment): void {
    this.slots.get(env)?.release();
    this.slots.delete(env);
    if (this.mismatched(env)) {
      this.retire(env, 'reload');
      return this.releaseSurplusWaiters();
    }
    this.release(env);
  }

  /** A free environment goes to the first invocation waiting for one, or back to the idle stack. */
  private release(env: ExecutionEnvironment): void {
    if (!this.handoffs.give(env)) this.idle.put(env);
  }

  private onExit(env: ExecutionEnvironment): void {
    this.slots.get(env)?.release();
    this.slots.delete(env);
    this.idle.remove(env);
    if (!this.all.delete(env)) return;
    // A provisioned environment that is lost (crash, timeout, reload) is replaced, as Lambda keeps the count.
    this.provisioned.forget(env);
    this.provisioned.topUp();
    const reason = this.stopReasons.get(env) ?? (env.diedOfMemory ? 'out-of-memory' : 'crash');
    this.stopReasons.delete(env);
    this.options.events.environmentStopped(env, reason);
    this.releaseSurplusWaiters();
  }

  /** Fewer environments are finishing now: waiters beyond that count should not wait any longer. */
  private releaseSurplusWaiters(): void {
    this.handoffs.trimTo(this.finishingCount());
  }

  /** Marks why an environment is being stopped, before stopping it (timeouts, crashes seen by the invoker). */
  noteStopReason(env: ExecutionEnvironment, reason: EnvironmentStopReason): void {
    if (!this.stopReasons.has(env)) this.stopReasons.set(env, reason);
  }

  private retire(env: ExecutionEnvironment, reason: EnvironmentStopReason): void {
    this.idle.remove(env);
    this.stopReasons.set(env, reason);
    void env.stop();
  }

  /** Environments still busy after their invocation was answered (their runtime has not asked for more yet). */
  private finishingCount(): number {
    let count = 0;
    for (const env of this.all) if (env.finishing) count++;
    return count;
  }
}

/** The function as a debug session wants it: the template's configuration with the session's overrides. */
export function withOverrides(fn: FunctionConfig, overrides: DebugOverrides): FunctionConfig {
  return {
    ...fn,
    environment: { ...fn.environment, ...overrides.environment },
    memorySize: overrides.memorySize ?? fn.memorySize,
    timeout: overrides.timeout ?? fn.timeout,
  };
}
