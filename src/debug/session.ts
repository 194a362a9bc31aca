// One `lambkin` debug session: turns debugging on for the function (or the app) in the runtime, invokes it
// (single-invoke mode) or waits for the app's own traffic (serve mode), has the JavaScript debugger attach
// to every environment that becomes inspectable, reports the outcome, and leaves nothing running behind.
// No vscode here: VS Code's side (attaching js-debug, the runtime's lifecycle) comes in through DebugHost.
import type { DebugProtocol } from '@vscode/debugprotocol';
import type { ControlEventData, ControlEventName, ControlMethod, ControlMethods } from '../../runtime/protocol/control';
import type { FunctionConfig } from '../../runtime/template/model';
import type { Disposable } from '../util/emitter';
import { checkConfiguration, describeLaunch, type LambkinLaunch } from './configuration';
import { InlineDebugAdapter } from './dap';
import type { ResolvedEvent } from './eventSource';
import { describeReply, describeServed, type InvokeReply } from './report';

export type InspectableEnvironment = ControlEventData<'environment.inspectable'>;

/** A control connection owned by the session (closed when it ends). */
export interface RuntimeLink extends Disposable {
  request<M extends ControlMethod>(method: M, params: ControlMethods[M]['params'], timeoutMs?: number): Promise<ControlMethods[M]['result']>;
  on<E extends ControlEventName>(event: E, listener: (data: ControlEventData<E>) => void): Disposable;
  onClose(listener: (info: { byClient: boolean }) => void): Disposable;
}

export interface RuntimeConnection {
  link: RuntimeLink;
  invokeEndpoint: string;
  gatewayEndpoint?: string;
}

export interface DebugHost {
  /** The function by name; throws an error whose message says what to fix. */
  findFunction(name: string, template?: string): FunctionConfig;
  functions(): FunctionConfig[];
  resolveEvent(fn: FunctionConfig, launch: LambkinLaunch): Promise<ResolvedEvent>;
  /** Starts the runtime when needed and opens a control connection for this session. */
  connect(): Promise<RuntimeConnection>;
  /** Attaches the JavaScript debugger to an environment waiting on --inspect-brk. */
  attach(target: InspectableEnvironment): Promise<void>;
  /** Ends the JavaScript debugger sessions this session started. */
  detachAll(): Promise<void>;
  /** A warning the user should not miss (a notification in VS Code). */
  warn(message: string): void;
  region: string;
}

/** An invoke under a debugger has no deadline of ours: the function's clock stops while paused. */
const NO_REPLY_DEADLINE_MS = 2_147_483_647;

export class LambkinDebugSession extends InlineDebugAdapter {
  private launchConfig: LambkinLaunch | undefined;
  private connection: RuntimeConnection | undefined;
  private subscriptions: Disposable[] = [];
  /** Environments the debugger attached to, with whether their clock is held now. */
  private readonly attached = new Map<string, boolean>();
  private everPaused = false;
  private ended: Promise<void> | undefined;
  private invokeInFlight = false;
  /** The V8 bug of nodejs/node#57606 was already announced by a notification in this session. */
  private toldDebugCrash = false;

  constructor(private readonly host: DebugHost) {
    super();
  }

  /** Whether `environmentId` is one this session's debugger attached to. */
  owns(environmentId: string): boolean {
    return this.attached.has(environmentId);
  }

  /**
   * The debugger paused or resumed an environment: its Lambda clock (init or timeout) follows, so a
   * breakpoint never turns into Sandbox.Timedout.
   */
  async debuggerPaused(environmentId: string, paused: boolean): Promise<void> {
    const link = this.connection?.link;
    if (!link || !this.attached.has(environmentId) || this.attached.get(environmentId) === paused) return;
    this.attached.set(environmentId, paused);
    if (paused && !this.everPaused) {
      this.everPaused = true;
      this.output('While the debugger is paused, the function\'s timeout clock is paused too: a breakpoint never ends in Sandbox.Timedout.');
    }
    await link.request('holdClock', { environmentId, held: paused }).catch(() => undefined);
  }

  protected async dispatch(request: DebugProtocol.Request): Promise<unknown> {
    switch (request.command) {
      case 'initialize':
        return { supportsConfigurationDoneRequest: true, supportsTerminateRequest: true } satisfies DebugProtocol.Capabilities;
      case 'launch':
        await this.launch((request.arguments ?? {}) as Record<string, unknown>);
        return {};
      case 'configurationDone':
        return {};
      case 'threads':
        return { threads: [] } satisfies DebugProtocol.ThreadsResponse['body'];
      case 'terminate':
      case 'disconnect':
        await this.end('Stopped.');
        return {};
      default:
        throw new Error(`The Lambkin session does not handle "${request.command}"; the JavaScript debugger session below it does.`);
    }
  }

  /** A debugged environment died of the V8 bug: said in the Debug Console each time, by a notification once. */
  private debugCrash(functionName: string, hint: string): void {
    this.output(`${functionName}'s environment died while debugged. ${hint}`, 'stderr');
    if (this.toldDebugCrash) return;
    this.toldDebugCrash = true;
    this.host.warn(`Lambkin: ${functionName}'s environment died while debugged. ${hint}`);
  }

  private async launch(config: Record<string, unknown>): Promise<void> {
    const check = checkConfiguration(config);
    if (!check.ok) throw new Error(check.reason);
    const launch = check.launch;
    this.launchConfig = launch;
    const fn = launch.function ? this.host.findFunction(launch.function, launch.template) : undefined;
    const event = fn && !launch.serve ? await this.host.resolveEvent(fn, launch) : undefined;
    this.connection = await this.host.connect();
    const { link } = this.connection;
    const debuggable = !fn || fn.runtime.startsWith('nodejs');
    this.subscriptions.push(
      link.on('environment.inspectable', (target) => {
        if (fn && target.functionName !== fn.name) return;
        this.attached.set(target.environmentId, false);
        this.host.attach(target).catch((error: unknown) => this.output(`Could not attach the debugger to ${target.functionName} (pid ${target.pid}): ${(error as Error).message}`, 'stderr'));
      }),
      link.on('log', (line) => {
        if (!fn || line.functionName === fn.name) this.output(launch.serve && !fn ? `[${line.functionName}] ${line.line}` : line.line, 'stdout');
      }),
      link.on('environment.stopped', (environment) => {
        this.attached.delete(environment.environmentId);
        if (environment.debugCrash && (!fn || environment.functionName === fn.name)) this.debugCrash(environment.functionName, environment.debugCrash);
      }),
      link.onClose(({ byClient }) => {
        if (!byClient) void this.end('The Lambkin runtime went away.');
      }),
    );
    if (launch.serve) {
      this.subscriptions.push(link.on('invocation.finished', (result) => {
        if (fn && result.functionName !== fn.name) return;
        const line = describeServed(result, this.host.functions().find((candidate) => candidate.name === result.functionName), this.host.region);
        this.output(line.text, line.category);
      }));
    }
    if (debuggable) {
      const debug = { breakOnStart: true, ...(launch.overrides ? { overrides: launch.overrides } : {}) };
      await link.request('setDebug', { ...(fn ? { functionName: fn.name } : {}), debug });
    }
    this.output(`Debugging ${describeLaunch(launch)}.`);
    if (fn && !debuggable) {
      this.output(`${fn.name} runs a custom runtime (${fn.runtime}): attaching a debugger is its bootstrap's business (start your language's debug server from it). Lambkin runs it under this session and shows its output.`, 'important');
    }
    if (launch.serve) {
      const where = [this.connection.gatewayEndpoint && `HTTP ${this.connection.gatewayEndpoint}`, `Invoke API ${this.connection.invokeEndpoint}`].filter(Boolean).join(', ');
      this.output(`Every new execution environment starts under the debugger until you stop this session. Send requests to ${where}.`);
      return;
    }
    this.output(`Event: ${event!.source}.`);
    this.invoke(fn!, event!.payload);
  }

  private invoke(fn: FunctionConfig, payload: string): void {
    const link = this.connection!.link;
    this.invokeInFlight = true;
    link.request('invoke', { functionName: fn.name, payload }, NO_REPLY_DEADLINE_MS).then(
      (reply: InvokeReply) => {
        this.invokeInFlight = false;
        if (this.ended) return;
        for (const line of describeReply(reply, fn, this.host.region, this.everPaused)) this.output(line.text, line.category);
        void this.end();
      },
      (error: unknown) => {
        this.invokeInFlight = false;
        if (this.ended) return;
        this.output(`Invoking ${fn.name} failed: ${(error as Error).message}`, 'stderr');
        void this.end();
      },
    );
  }

  /** Ends once: debugging off in the runtime, debugger sessions closed, the connection closed, then `terminated`. */
  private end(why?: string): Promise<void> {
    this.ended ??= this.finish(why);
    return this.ended;
  }

  private async finish(why?: string): Promise<void> {
    const link = this.connection?.link;
    const launch = this.launchConfig;
    if (why && launch) this.output(why);
    if (link && launch) {
      const functionName = launch.function;
      for (const [environmentId, held] of this.attached) {
        if (held) await link.request('holdClock', { environmentId, held: false }).catch(() => undefined);
      }
      await link.request('setDebug', { ...(functionName ? { functionName } : {}), debug: null }).catch(() => undefined);
      // Stopped in the middle of an invocation: its environment goes (as a stopped launch kills its program).
      if (this.invokeInFlight && functionName) await link.request('stopEnvironments', { functionName }).catch(() => undefined);
    }
    for (const subscription of this.subscriptions.splice(0)) subscription.dispose();
    link?.dispose();
    this.sendEvent('terminated');
    // Not awaited: VS Code may route a child's stop through this session's own disconnect, which waits for this.
    void this.host.detachAll().catch(() => undefined);
  }

  override dispose(): void {
    void this.end();
    super.dispose();
  }
}
