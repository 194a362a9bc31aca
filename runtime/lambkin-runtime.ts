// The local runtime as one object: the functions of the templates, their environment pools, the async
// queue, and the lifecycle events the Invoke API, the CLI and the control channel listen to.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { AccountConcurrency } from './environments/concurrency';
import { environmentControlEvents } from './environments/control-events';
import type { DebugOptions } from './environments/inspector';
import { FunctionPools } from './environments/function-pools';
import { defaultBootstrapPath, launchEnvironment, type LaunchSettings } from './environments/launch';
import { removeOrphanedPrivateTmps } from './environments/private-tmp';
import { FunctionNodes } from './node-versions/function-nodes';
import { loopStoppedMessage } from './event-sources/recursion';
import { HandlerTooling } from './sdk/handler-tooling';
import type { SdkProgress } from './sdk/provision';
import { AsyncQueue, LAMBDA_ASYNC_POLICY } from './invoke/async-queue';
import { functionNameOf } from './template/function-reference';
import { invokeFunction, type InvokeRequest, type InvokeResult } from './invoke/invocation';
import type { ControlEvent, EnvironmentInfo } from './protocol/control';
import { partitionOf } from './events/format';
import { serviceFactories } from './services/catalog';
import { AwsEndpoint } from './services/endpoint/server';
import { LocalAws, type ServiceHost } from './services/local-aws';
import { LocalRequests } from './security/local-requests';
import { costReport, type CostReport, type CostReportOptions } from './stats/report';
import { StatsStore } from './stats/store';
import { TemplateSet } from './template/template-set';
import { DEFAULT_AWS_ENDPOINT } from './template/local-values';
import type { FunctionConfig, TemplateProblem } from './template/model';
import type { LocalResource } from './template/resources/model';
import type { RuntimeOptions } from './runtime-options';

export interface Disposable {
  dispose(): void;
}

export class LambkinRuntime {
  private readonly pools: FunctionPools;
  private problemList: TemplateProblem[] = [];
  private resourceList: LocalResource[] = [];
  /** The local AWS services, when the runtime serves them. */
  private localAws: LocalAws | undefined;
  private readonly listeners = new Set<(event: ControlEvent) => void>();
  private readonly limits: AccountConcurrency;
  private readonly launch: LaunchSettings;
  private readonly queue: AsyncQueue;
  private templates: string[];
  private readonly templateSet: TemplateSet;
  /** What each invocation measured, for cost figures; undefined when statistics are off. */
  readonly stats: StatsStore | undefined;
  /** The handlers' SDK and esbuild, installed on first use with progress reports. */
  private readonly tooling: HandlerTooling;

  private constructor(
    private readonly options: RuntimeOptions,
    private readonly awsEndpointUrl: string | undefined,
    /** Which requests Lambkin's servers may serve (loopback Host, no foreign browser Origin). */
    readonly localRequests: LocalRequests,
  ) {
    this.templates = options.templates.map((file) => path.resolve(file));
    this.tooling = new HandlerTooling(options.handlerSdk ?? 'off', (id) => this.progressReporter(id));
    this.limits = new AccountConcurrency(options.accountConcurrency);
    if (options.onEvent) this.listeners.add(options.onEvent);
    const notes = new Set<string>();
    const log = (level: 'info' | 'warn', message: string) => this.emit({ event: 'runtime.log', data: { level, message } });
    this.templateSet = new TemplateSet(() => ({
      region: this.options.region,
      accountId: this.options.accountId,
      parameterOverrides: this.options.parameterOverrides,
      awsEndpoint: this.awsEndpointUrl ?? DEFAULT_AWS_ENDPOINT,
    }));
    this.launch = {
      region: options.region,
      nodes: new FunctionNodes(
        { configured: options.nodePath, provision: options.nodeProvision ?? false, perMajor: options.nodeRuntimes },
        log,
        (state, message, major) => {
          this.emit({ event: 'progress', data: { id: `node-${major}`, state, message } });
          log(state === 'failed' ? 'warn' : 'info', message);
        },
      ),
      isolation: options.isolation ?? 'lambda',
      noteOnce: (message) => {
        if (notes.has(message)) return;
        notes.add(message);
        log('warn', message);
      },
      bootstrapPath: options.bootstrapPath ?? defaultBootstrapPath(),
      buildDir: options.buildDir ?? path.join(os.tmpdir(), 'lambkin', 'build'),
      host: options.host ?? process.env,
      awsEndpoint: awsEndpointUrl,
      awsCredentials: options.awsCredentials ?? 'local',
      handlerSdk: this.tooling.sdk,
      esbuild: () => this.tooling.esbuild.load(),
    };
    if (options.statsFile !== false && (options.statsFile || this.templates.length > 0)) {
      this.stats = options.statsFile ? StatsStore.at(options.statsFile) : StatsStore.forTemplate(this.templates[0]);
    }
    this.pools = new FunctionPools({
      limits: this.limits,
      idleTimeoutMs: options.idleTimeoutMs,
      provisioned: options.provisionedConcurrency ?? true,
      launch: (config, runtimeApi, debug, provisioned) => launchEnvironment(config, runtimeApi, this.launch, debug, provisioned),
      events: environmentControlEvents((event) => this.emit(event), options.region),
    });
    this.queue = new AsyncQueue(
      options.asyncPolicy ?? LAMBDA_ASYNC_POLICY,
      (name, request) => this.invoke(name, request),
      (drop) => this.emit({ event: 'runtime.log', data: { level: 'warn', message: `Async event ${drop.requestId} for ${drop.functionName} dropped: ${drop.reason} after ${drop.attempts} attempt(s)${drop.error ? ` (${drop.error})` : ''}.` } }),
    );
  }

  static async create(options: RuntimeOptions): Promise<LambkinRuntime> {
    // The endpoint listens first: queue URLs and bucket domain names in the template point at its port.
    const localRequests = new LocalRequests();
    const endpoint = options.aws ? await AwsEndpoint.listen(options.aws.port, localRequests) : undefined;
    if (endpoint && options.aws) {
      try {
        options.aws.dataDir.lock(endpoint.url);
      } catch (error) {
        await endpoint.close();
        throw error;
      }
    }
    const runtime = new LambkinRuntime(options, endpoint?.url ?? options.useAwsEndpoint, localRequests);
    // Private /tmp folders a Lambkin process that died could not remove.
    removeOrphanedPrivateTmps();
    // Installing the handlers' SDK (first use on a machine) starts now, while the user is still reading the banner.
    void runtime.tooling.sdk();
    if (endpoint && options.aws) {
      const scope = { region: options.region, accountId: options.accountId, partition: partitionOf(options.region), awsEndpoint: endpoint.url };
      runtime.localAws = new LocalAws(endpoint, options.aws.dataDir, scope, runtime.serviceHost(), serviceFactories(runtime));
    }
    await runtime.reload();
    // As a deployment waits for its provisioned concurrency to be ready, the runtime is ready once the
    // provisioned environments have run their INIT: the first invocations find them warm.
    await runtime.pools.provisionedSettled();
    return runtime;
  }

  /** The local AWS endpoint (`http://127.0.0.1:4566`), when the runtime serves one. */
  get awsEndpoint(): string | undefined {
    return this.awsEndpointUrl;
  }

  /** The local AWS services, when the runtime serves them. */
  get services(): LocalAws | undefined {
    return this.localAws;
  }

  /** Clears the local services' data (all, one service's, one resource's), keeping the template's resources. */
  async resetData(service?: string, resource?: string): Promise<void> {
    if (!this.localAws) throw new Error('This runtime serves no local AWS services.');
    await this.localAws.reset({ functions: this.functions, resources: this.resourceList }, service, resource);
  }

  get resources(): LocalResource[] {
    return this.resourceList;
  }

  get region(): string {
    return this.options.region;
  }

  get accountId(): string {
    return this.options.accountId;
  }

  get functions(): FunctionConfig[] {
    return this.pools.functions;
  }

  get problems(): TemplateProblem[] {
    return this.problemList;
  }

  onEvent(listener: (event: ControlEvent) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** A function by name, by `name:$LATEST`, or by its ARN (with or without qualifier). */
  findFunction(reference: string): FunctionConfig | undefined {
    return this.pools.get(functionNameOf(reference))?.fn;
  }

  /** The template files the runtime serves. */
  get templateFiles(): readonly string[] {
    return this.templates;
  }

  /**
   * Re-reads the templates. Functions that disappear are stopped; changed ones get fresh environments. A
   * template whose new read is broken keeps its last good functions serving (see TemplateSet); returns
   * those files.
   */
  async reload(templates?: string[]): Promise<{ kept: string[] }> {
    if (templates) this.templates = templates.map((file) => path.resolve(file));
    const { functions: next, problems, resources, kept } = await this.templateSet.read(this.templates);
    this.pools.sync(next);
    this.problemList = problems;
    this.resourceList = resources;
    await this.localAws?.sync({ functions: this.functions, resources });
    this.emit({ event: 'functions', data: { functions: this.functions, problems, resources } });
    return { kept };
  }

  /**
   * The code of these functions changed on disk: their environments retire as after a deploy (running
   * invocations finish on the old code, the next one starts on the new). Returns how many environments
   * were stopped at once and how many stop after their invocation.
   */
  codeChanged(functionNames: Iterable<string>): { idle: number; busy: number } {
    return this.pools.codeChanged(functionNames);
  }

  /** Runs one invocation; undefined when no such function exists. */
  async invoke(reference: string, request: InvokeRequest): Promise<InvokeResult | undefined> {
    const pool = this.pools.get(functionNameOf(reference));
    if (!pool) return undefined;
    await this.tooling.prepare(pool.fn);
    return invokeFunction(pool, {
      region: this.options.region,
      accountId: this.options.accountId,
      started: (data) => this.emit({ event: 'invocation.started', data }),
      finished: (data) => {
        this.stats?.record(data, pool.fn.architecture);
        this.emit({ event: 'invocation.finished', data });
      },
    }, request);
  }

  /** Queues an `Event` invocation and returns its request id at once. */
  invokeAsync(reference: string, payload: Buffer, options: Pick<InvokeRequest, 'clientContext' | 'traceId' | 'trigger' | 'qualifier'> = {}): string | undefined {
    const fn = this.findFunction(reference);
    if (!fn) return undefined;
    const requestId = randomUUID();
    this.queue.enqueue(fn.name, { ...options, requestId, payload, invocationType: 'Event' });
    return requestId;
  }

  /** The cost report from every measurement kept for this project. */
  costReport(options: Omit<CostReportOptions, 'region'>): CostReport {
    if (!this.stats) throw new Error('Statistics are off for this runtime: no cost report.');
    return costReport(this.functions, this.stats, { ...options, region: this.options.region });
  }

  environments(): EnvironmentInfo[] {
    return this.pools.environments();
  }

  /**
   * Starts new environments of one function (or of all) under the Node inspector, or stops doing so.
   * Returns how many idle environments were retired so the next invocation gets a debuggable one.
   */
  setDebug(reference: string | undefined, debug: DebugOptions | undefined): number {
    const name = reference ? functionNameOf(reference) : undefined;
    if (name !== undefined && !this.pools.get(name)) throw new Error(`Function not found: ${reference}`);
    return this.pools.setDebug(name, debug);
  }

  /** Holds (or releases) the timeout clock of an environment while its debugger is paused. */
  holdClock(environmentId: string, held: boolean): boolean {
    return this.pools.holdClock(environmentId, held);
  }

  async stopEnvironments(reference?: string): Promise<number> {
    return this.pools.stopEnvironments(reference ? functionNameOf(reference) : undefined);
  }

  /**
   * Stops everything: environments first (invocations in flight are answered with an error at once, whatever
   * their timeout), then the local services. Async events still queued are lost, and the log says how many.
   */
  async close(): Promise<void> {
    const lostAsyncEvents = this.queue.close();
    if (lostAsyncEvents > 0) {
      this.emit({ event: 'runtime.log', data: { level: 'warn', message: `${lostAsyncEvents} async event(s) were still queued or retrying and are lost: Lambkin keeps no event queue across restarts.` } });
    }
    await this.pools.close();
    await this.localAws?.close();
    this.stats?.flush();
    this.options.aws?.dataDir.dispose();
    this.listeners.clear();
  }

  /** Last resort when the process must exit now (a second Ctrl-C, a stop that overran): kills every environment. */
  killEnvironments(): void {
    this.pools.killAll();
  }

  /** What the local AWS services may ask of the runtime. */
  private serviceHost(): ServiceHost {
    return {
      findFunction: (reference) => this.findFunction(reference),
      invokeAsync: (name, payload, options) => this.invokeAsync(name, payload, options),
      invoke: (name, payload, options) => this.invoke(name, { payload, invocationType: 'RequestResponse', ...options }),
      log: (level, message) => this.emit({ event: 'runtime.log', data: { level, message } }),
      loopStopped: (stop) => {
        this.emit({ event: 'loop.stopped', data: stop });
        this.emit({ event: 'runtime.log', data: { level: 'warn', message: loopStoppedMessage(stop) } });
      },
    };
  }

  /** A first-use install's progress (the handler SDK, esbuild's binary): a progress event and a log line. */
  private progressReporter(id: string): SdkProgress {
    return (state, message) => {
      this.emit({ event: 'progress', data: { id, state, message } });
      this.emit({ event: 'runtime.log', data: { level: state === 'failed' ? 'warn' : 'info', message } });
    };
  }

  private emit(event: ControlEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // A listener's failure must never take the runtime down.
        process.stderr.write(`lambkin: event listener failed: ${String(error)}\n`);
      }
    }
  }
}
