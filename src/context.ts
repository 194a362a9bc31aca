// The one object that owns the extension's lifetimes: the shared services every feature works with,
// and every disposable a feature registers (disposed with the extension, in reverse order).
import * as vscode from 'vscode';
import { reportError } from './errors';
import { SavedEvents } from './events/savedEvents';
import type { CommandId } from './ids';
import { FunctionLogs } from './invocations/functionLogs';
import { InvocationStore } from './invocations/store';
import { Log } from './log';
import { RuntimeManager } from './runtime/manager';
import { readSettings } from './settings';
import { TemplateCatalog } from './templates/catalog';

export class LambkinContext implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  readonly log: Log;
  readonly templates: TemplateCatalog;
  readonly invocations: InvocationStore;
  readonly functionLogs: FunctionLogs;
  readonly runtime: RuntimeManager;
  readonly savedEvents: SavedEvents;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = this.track(new Log());
    this.templates = this.track(new TemplateCatalog(extension.workspaceState, this.log));
    this.invocations = this.track(new InvocationStore(readSettings().maxInvocationsShown));
    this.functionLogs = this.track(new FunctionLogs());
    this.savedEvents = this.track(new SavedEvents());
    this.runtime = this.track(
      new RuntimeManager({
        extensionPath: extension.extensionPath,
        log: this.log,
        templates: this.templates,
        invocations: this.invocations,
        functionLogs: this.functionLogs,
      }),
    );
  }

  /** Keeps `disposable` until the extension deactivates. */
  track<T extends vscode.Disposable>(disposable: T): T {
    this.disposables.push(disposable);
    return disposable;
  }

  /**
   * Registers a command whose failures become notifications with a way forward (see reportError), rather
   * than VS Code's generic "command failed"; it then resolves undefined. `doing` names the action for messages.
   */
  registerCommand<A extends unknown[]>(id: CommandId, doing: string, handler: (...args: A) => unknown): void {
    this.track(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        try {
          return await handler(...(args as A));
        } catch (error) {
          void reportError(this.log, doing, error);
          return undefined;
        }
      }),
    );
  }

  dispose(): void {
    // Reverse order: features go before the services they use.
    for (const disposable of this.disposables.splice(0).reverse()) {
      try {
        disposable.dispose();
      } catch (error) {
        this.log?.error('Disposing failed', error);
      }
    }
  }
}
