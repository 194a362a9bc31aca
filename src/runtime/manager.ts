// The runtime's lifecycle as the extension sees it: started on demand (with progress), stopped,
// restarted, reloaded; one session at a time; state changes for the status bar and context keys.
import type { LoopStopped } from '../../runtime/event-sources/recursion';
import { existsSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { ControlMethods } from '../../runtime/protocol/control';
import type { FunctionConfig } from '../../runtime/template/model';
import { requireTrust, UserError } from '../errors';
import type { FunctionLogs } from '../invocations/functionLogs';
import type { InvocationStore } from '../invocations/store';
import type { Log } from '../log';
import { readSettings } from '../settings';
import type { TemplateCatalog } from '../templates/catalog';
import { checkNode } from './nodeCheck';
import { describeStartFailure, RuntimeStartError } from './runtimeProcess';
import { RuntimeSession, type RuntimeProgress } from './session';

export type RuntimeState = 'stopped' | 'starting' | 'running' | 'stopping';
export type InvokeReply = ControlMethods['invoke']['result'];

export interface RuntimeDependencies {
  extensionPath: string;
  log: Log;
  templates: TemplateCatalog;
  invocations: InvocationStore;
  functionLogs: FunctionLogs;
}

/** Margin over the function's own timeout before the extension stops waiting for an invoke reply. */
const INVOKE_REPLY_MARGIN_MS = 30_000;

export class RuntimeManager implements vscode.Disposable {
  private session: RuntimeSession | undefined;
  private starting: Promise<RuntimeSession> | undefined;
  private stopping: Promise<void> | undefined;
  private stateValue: RuntimeState = 'stopped';
  private readonly stateEmitter = new vscode.EventEmitter<RuntimeState>();
  private readonly lostEmitter = new vscode.EventEmitter<string>();
  private readonly loopEmitter = new vscode.EventEmitter<LoopStopped>();
  private readonly progressEmitter = new vscode.EventEmitter<RuntimeProgress>();

  readonly onDidChangeState = this.stateEmitter.event;
  /** Lambda's recursive-loop detection stopped a chain of invocations (S3, SQS, SNS). */
  readonly onDidStopLoop = this.loopEmitter.event;
  /** A long task of the runtime started or ended (installing the handlers' AWS SDK). */
  readonly onDidReportProgress = this.progressEmitter.event;
  /** The runtime went away without being asked to: the reason, for an error notification. */
  readonly onDidLoseRuntime = this.lostEmitter.event;

  constructor(private readonly deps: RuntimeDependencies) {}

  get state(): RuntimeState {
    return this.stateValue;
  }

  /** The running session, if any. */
  get current(): RuntimeSession | undefined {
    return this.stateValue === 'running' ? this.session : undefined;
  }

  get cliPath(): string {
    return path.join(this.deps.extensionPath, 'dist', 'runtime', 'cli.js');
  }

  /** The running session, starting the runtime first when needed. */
  ensureRunning(): Promise<RuntimeSession> {
    if (this.session && this.stateValue === 'running') return Promise.resolve(this.session);
    if (this.starting) return this.starting;
    const starting = (this.stopping ?? Promise.resolve()).then(() => this.launch());
    this.starting = starting;
    void starting.then(
      () => { if (this.starting === starting) this.starting = undefined; },
      () => { if (this.starting === starting) this.starting = undefined; },
    );
    return starting;
  }

  async stop(): Promise<void> {
    if (this.starting) await this.starting.catch(() => undefined);
    const session = this.session;
    if (!session) return this.stopping;
    this.session = undefined;
    this.setState('stopping');
    this.stopping = session.stop().finally(() => {
      this.stopping = undefined;
      this.setState('stopped');
      this.deps.log.info('Runtime stopped.');
    });
    return this.stopping;
  }

  async restart(): Promise<RuntimeSession> {
    await this.stop();
    return this.ensureRunning();
  }

  async invoke(fn: FunctionConfig, payload: string): Promise<InvokeReply> {
    requireTrust('invoke functions');
    const session = await this.ensureRunning();
    const reply = await session.request('invoke', { functionName: fn.name, payload }, fn.timeout * 1000 + INVOKE_REPLY_MARGIN_MS);
    if (reply.result) this.deps.invocations.invocationFinished(reply.result);
    return reply;
  }

  /** Re-reads the templates in the running runtime; without a runtime there is nothing to do. */
  async reload(): Promise<void> {
    const session = this.current;
    if (!session) return;
    const templates = this.deps.templates.activePaths;
    if (templates.length === 0) {
      this.deps.log.info('No template is left in the workspace; stopping the runtime.');
      await this.stop();
      return;
    }
    const result = await session.request('reload', { templates });
    this.deps.log.info(`Runtime reloaded ${templates.length} template(s): ${result.functions.length} function(s).`);
  }

  /** Synchronous disposal cannot wait; `stop()` (from deactivate) is the orderly way. */
  dispose(): void {
    this.session?.dispose();
    this.session = undefined;
    this.stateEmitter.dispose();
    this.lostEmitter.dispose();
    this.loopEmitter.dispose();
    this.progressEmitter.dispose();
  }

  private async launch(): Promise<RuntimeSession> {
    requireTrust('start the runtime');
    const templates = this.deps.templates.activePaths;
    if (templates.length === 0) {
      throw new UserError('There is no SAM template to run: open a folder with a template.yaml, or use "Lambkin: Select Template…".');
    }
    if (!existsSync(this.cliPath)) {
      throw new UserError(`The Lambkin runtime is missing from the extension (${this.cliPath}). Rebuild the extension with "npm run build".`);
    }
    const settings = readSettings(vscode.workspace.workspaceFolders?.[0]);
    this.setState('starting');
    try {
      const session = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Lambkin: starting the runtime…' },
        async () => {
          const nodeVersion = await checkNode(settings.nodePath);
          this.deps.log.info(`Starting the runtime with ${settings.nodePath} (${nodeVersion}) for ${templates.join(', ')}.`);
          return RuntimeSession.start(
            {
              nodePath: settings.nodePath,
              cliPath: this.cliPath,
              templates,
              invokePort: settings.invokePort,
              apiPort: settings.apiPort,
              awsPort: settings.awsPort,
              awsCredentials: settings.awsCredentials,
              region: settings.region,
              idleTimeoutSeconds: settings.idleTimeoutSeconds,
              accountConcurrency: settings.accountConcurrency,
              functionsNode: settings.functionsNode,
              nodeRuntimes: settings.nodeRuntimes,
              isolation: settings.isolation,
              watch: settings.reloadOnTemplateChange,
              cwd: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(templates[0]!),
            },
            this.deps,
          );
        },
      );
      session.onDidLose((reason) => {
        if (this.session !== session) return;
        this.session = undefined;
        this.setState('stopped');
        this.lostEmitter.fire(reason);
      });
      session.onDidStopLoop((stop) => this.loopEmitter.fire(stop));
      session.onDidReportProgress((progress) => this.progressEmitter.fire(progress));
      this.session = session;
      this.setState('running');
      this.deps.log.info(`Runtime ready (pid ${session.process.pid}): invoke endpoint ${session.invokeEndpoint}.`);
      return session;
    } catch (error) {
      this.setState('stopped');
      throw explainStartFailure(error, settings.invokePort);
    }
  }

  private setState(state: RuntimeState): void {
    if (state === this.stateValue) return;
    this.stateValue = state;
    this.stateEmitter.fire(state);
  }
}

/** A start failure the runtime explained becomes a notification with its words (UserError: no "failed:" prefix). */
function explainStartFailure(error: unknown, invokePort: number): unknown {
  if (!(error instanceof RuntimeStartError)) return error;
  const explained = describeStartFailure(error, invokePort);
  return explained ? new UserError(explained) : error;
}
