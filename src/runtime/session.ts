// One running runtime and the control connection to it: spawned, connected, greeted, and its events
// routed to the invocation store, the function logs and the extension's log. No UI here.
import { loopStoppedMessage, type LoopStopped } from '../../runtime/event-sources/recursion';
import { CONTROL_PROTOCOL_VERSION, type ControlEventData, type ControlMethods } from '../../runtime/protocol/control';
import type { FunctionLogs } from '../invocations/functionLogs';
import type { InvocationStore } from '../invocations/store';
import type { Log } from '../log';
import { Emitter, type Disposable } from '../util/emitter';
import { ControlClient } from './controlClient';
import { RuntimeProcess, type ExitInfo, type RuntimeLaunch } from './runtimeProcess';

export interface SessionSinks {
  log: Log;
  invocations: InvocationStore;
  functionLogs: FunctionLogs;
}

export type HelloResult = ControlMethods['hello']['result'];
export type RuntimeProgress = ControlEventData<'progress'>;

const RECONNECT_ATTEMPTS = 3;

export class RuntimeSession implements Disposable {
  private client: ControlClient | undefined;
  private subscriptions: Disposable[] = [];
  private ending = false;
  private readonly lostEmitter = new Emitter<string>();
  private readonly loopEmitter = new Emitter<LoopStopped>();
  private readonly progressEmitter = new Emitter<RuntimeProgress>();

  /** Fires when the runtime is gone without being asked to stop, with a reason for the user. */
  readonly onDidLose = this.lostEmitter.event;
  /** Fires when Lambda's recursive-loop detection stopped a chain of invocations. */
  readonly onDidStopLoop = this.loopEmitter.event;
  /** A long task of the runtime started or ended (installing the handlers' AWS SDK). */
  readonly onDidReportProgress = this.progressEmitter.event;

  private constructor(
    readonly process: RuntimeProcess,
    readonly launch: RuntimeLaunch,
    private readonly sinks: SessionSinks,
    public hello: HelloResult,
  ) {}

  static async start(launch: RuntimeLaunch, sinks: SessionSinks): Promise<RuntimeSession> {
    const child = await RuntimeProcess.start(launch, (line) => sinks.log.runtimeLine(line));
    try {
      const client = await ControlClient.connect(child.ready.controlEndpoint, child.token);
      const hello = await client.request('hello', { clientName: 'lambkin-vscode' });
      const session = new RuntimeSession(child, launch, sinks, hello);
      session.attach(client);
      child.onExit((info) => session.exited(info));
      return session;
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
  }

  get invokeEndpoint(): string {
    return this.hello.invokeEndpoint || this.process.ready.invokeEndpoint;
  }

  get connected(): boolean {
    return this.client?.isOpen ?? false;
  }

  request<M extends keyof ControlMethods>(
    method: M,
    params: ControlMethods[M]['params'],
    timeoutMs?: number,
  ): Promise<ControlMethods[M]['result']> {
    if (!this.client) return Promise.reject(new Error('The Lambkin runtime is not connected.'));
    return this.client.request(method, params, timeoutMs);
  }

  /** Asks the runtime to shut down, then kills whatever is left of it after `graceMs`. */
  async stop(graceMs = 3000): Promise<void> {
    this.ending = true;
    if (this.client?.isOpen) {
      await this.client.request('shutdown', {}, graceMs).catch(() => undefined);
    }
    if (!(await this.process.waitForExit(graceMs))) {
      this.sinks.log.warn(`The runtime (pid ${this.process.pid}) did not exit within ${graceMs} ms; killing it.`);
      this.process.kill('SIGKILL');
      await this.process.waitForExit(1000);
    }
    this.dispose();
  }

  /** Synchronous last resort (extension host shutting down): ask politely, and make sure soon after. */
  dispose(): void {
    this.ending = true;
    if (this.process.alive) {
      if (this.client?.isOpen) void this.client.request('shutdown', {}, 1000).catch(() => undefined);
      setTimeout(() => this.process.kill('SIGKILL'), 1500);
    }
    this.detach();
    this.lostEmitter.dispose();
    this.loopEmitter.dispose();
    this.progressEmitter.dispose();
  }

  private attach(client: ControlClient): void {
    this.client = client;
    const { invocations, functionLogs, log } = this.sinks;
    invocations.resetEnvironments(this.hello.environments);
    this.subscriptions = [
      client.on('environment.started', (data) => invocations.environmentStarted(data)),
      client.on('environment.stopped', (data) => {
        invocations.environmentStopped(data);
        if (data.reason !== 'idle' && data.reason !== 'shutdown' && data.reason !== 'reload') {
          log.warn(`Environment ${data.environmentId} of ${data.functionName} stopped: ${data.reason}.`);
        }
      }),
      client.on('invocation.started', (data) => invocations.invocationStarted(data)),
      client.on('invocation.finished', (data) => invocations.invocationFinished(data)),
      client.on('log', (data) => functionLogs.append(data.functionName, data.line, data)),
      client.on('runtime.log', (data) => log.runtimeLine(`${data.level}: ${data.message}`)),
      client.on('progress', (data) => this.progressEmitter.fire(data)),
      client.on('loop.stopped', (data) => {
        log.warn(loopStoppedMessage(data));
        this.loopEmitter.fire(data);
      }),
      client.onClose((info) => {
        if (!info.byClient && !this.ending) void this.reconnect();
      }),
    ];
    if (this.hello.protocolVersion !== CONTROL_PROTOCOL_VERSION) {
      log.warn(`The runtime speaks control protocol ${this.hello.protocolVersion}, this extension ${CONTROL_PROTOCOL_VERSION}.`);
    }
  }

  private detach(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.subscriptions = [];
    this.client?.dispose();
    this.client = undefined;
  }

  /** The connection dropped while the process lives on: connect again, or give the runtime up. */
  private async reconnect(): Promise<void> {
    this.detach();
    for (let attempt = 1; attempt <= RECONNECT_ATTEMPTS && !this.ending && this.process.alive; attempt++) {
      this.sinks.log.warn(`Lost the control connection to the runtime; reconnecting (attempt ${attempt}).`);
      await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
      try {
        const client = await ControlClient.connect(this.process.ready.controlEndpoint, this.process.token);
        this.hello = await client.request('hello', { clientName: 'lambkin-vscode' });
        this.attach(client);
        this.sinks.log.info('Reconnected to the runtime.');
        return;
      } catch (error) {
        this.sinks.log.error('Reconnecting failed', error);
      }
    }
    if (this.ending || !this.process.alive) return;
    this.process.kill('SIGKILL');
    this.lostEmitter.fire('The extension lost its connection to the Lambkin runtime and stopped it.');
  }

  private exited(info: ExitInfo): void {
    this.process.killRemnants();
    this.detach();
    this.sinks.invocations.runtimeStopped();
    if (this.ending) return;
    const how = info.signal ? `was killed by ${info.signal}` : `exited with code ${info.code}`;
    this.lostEmitter.fire(`The Lambkin runtime ${how}.`);
  }
}
