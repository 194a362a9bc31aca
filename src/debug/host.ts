// VS Code's side of a `lambkin` debug session: the workspace's functions and events, the runtime (started
// on demand, with a control connection of the session's own), and js-debug child sessions attached to
// the function's environments.
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import type { LambkinContext } from '../context';
import { requireTrust, UserError } from '../errors';
import { ControlClient } from '../runtime/controlClient';
import { readSettings } from '../settings';
import { attachConfiguration, ENVIRONMENT_KEY } from './attach';
import type { LambkinLaunch } from './configuration';
import { resolveEvent, type ResolvedEvent } from './eventSource';
import type { DebugHost, InspectableEnvironment, RuntimeConnection } from './session';

export class VsCodeDebugHost implements DebugHost {
  private readonly children = new Set<vscode.DebugSession>();
  private readonly subscriptions: vscode.Disposable[] = [];
  readonly region: string;

  constructor(
    private readonly context: LambkinContext,
    private readonly session: vscode.DebugSession,
  ) {
    this.region = readSettings(session.workspaceFolder).region;
    this.subscriptions.push(
      vscode.debug.onDidStartDebugSession((started) => {
        if (started.parentSession?.id === session.id && started.configuration[ENVIRONMENT_KEY]) this.children.add(started);
      }),
      vscode.debug.onDidTerminateDebugSession((ended) => this.children.delete(ended)),
    );
  }

  functions(): FunctionConfig[] {
    return this.context.templates.functions();
  }

  findFunction(name: string, template?: string): FunctionConfig {
    const named = this.functions().filter((fn) => fn.name === name || fn.logicalId === name);
    const matching = template ? named.filter((fn) => samePath(fn.templatePath, this.absolute(template))) : named;
    if (matching.length === 1) return matching[0]!;
    if (matching.length > 1) {
      throw new UserError(`Several templates declare ${name} (${matching.map((fn) => vscode.workspace.asRelativePath(fn.templatePath)).join(', ')}): say which with "template" in the debug configuration.`);
    }
    const known = this.functions().map((fn) => fn.name);
    throw new UserError(`There is no function "${name}"${template ? ` in ${template}` : ''} in the workspace's templates${known.length ? ` (functions: ${known.join(', ')})` : ''}. Fix "function" in the debug configuration.`);
  }

  resolveEvent(fn: FunctionConfig, launch: LambkinLaunch): Promise<ResolvedEvent> {
    const folders = this.folders();
    return resolveEvent(fn, launch.event, folders, this.region);
  }

  async connect(): Promise<RuntimeConnection> {
    requireTrust('debug functions');
    const running = await this.context.runtime.ensureRunning();
    const client = await ControlClient.connect(running.process.ready.controlEndpoint, running.process.token);
    return { link: client, invokeEndpoint: running.invokeEndpoint, gatewayEndpoint: running.process.ready.gatewayEndpoint };
  }

  async attach(target: InspectableEnvironment): Promise<void> {
    const folder = this.session.workspaceFolder ?? vscode.workspace.workspaceFolders?.[0];
    const configuration = attachConfiguration(target, {
      bootstrapPath: path.join(this.context.extension.extensionPath, 'dist', 'runtime', 'bootstrap-node.js'),
      // The runtime is the extension host's child and shares its temporary folder (runtime/lambkin-runtime.ts).
      buildDir: path.join(os.tmpdir(), 'lambkin', 'build'),
      workspaceFolder: folder?.uri.fsPath,
    });
    const started = await vscode.debug.startDebugging(folder, configuration as vscode.DebugConfiguration, {
      parentSession: this.session,
      lifecycleManagedByParent: true,
      compact: true,
      consoleMode: vscode.DebugConsoleMode.MergeWithParent,
    });
    if (!started) throw new Error('VS Code did not start the JavaScript debugger (is the built-in "JavaScript Debugger" extension enabled?).');
  }

  async detachAll(): Promise<void> {
    const children = [...this.children];
    this.children.clear();
    await Promise.all(children.map((child) => Promise.resolve(vscode.debug.stopDebugging(child)).catch(() => undefined)));
  }

  warn(message: string): void {
    void vscode.window.showWarningMessage(message);
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.children.clear();
  }

  private folders(): string[] {
    const own = this.session.workspaceFolder?.uri.fsPath;
    const all = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
    return own ? [own, ...all.filter((folder) => folder !== own)] : all;
  }

  private absolute(file: string): string {
    const base = this.session.workspaceFolder?.uri.fsPath ?? vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd();
    return path.resolve(base, file);
  }
}

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : path.resolve(a) === path.resolve(b);
}
