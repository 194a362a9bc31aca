// Reacting to the runtime and to what it depends on: the runtime state context key, unexpected exits,
// template edits (reload), settings that only apply at start (offer a restart).
import * as vscode from 'vscode';
import { loopStoppedMessage } from '../../runtime/event-sources/recursion';
import type { LambkinContext } from '../context';
import { reportError } from '../errors';
import { Commands, ContextKeys, Settings } from '../ids';
import { affects, readSettings } from '../settings';

const SHOW_LOG = 'Show Log';
const RESTART = 'Restart';

export function register(context: LambkinContext): void {
  const { runtime, log, templates } = context;
  const publishState = () => void vscode.commands.executeCommand('setContext', ContextKeys.runtimeState, runtime.state);
  publishState();
  context.track(runtime.onDidChangeState(publishState));

  context.track(
    runtime.onDidLoseRuntime(async (reason) => {
      log.error(reason);
      const choice = await vscode.window.showErrorMessage(reason, SHOW_LOG, RESTART);
      if (choice === SHOW_LOG) log.show(false);
      if (choice === RESTART) await vscode.commands.executeCommand(Commands.startRuntime);
    }),
  );

  // A stopped loop is something the user must hear about: their code would cost money in a loop on AWS.
  context.track(
    runtime.onDidStopLoop(async (stop) => {
      const choice = await vscode.window.showWarningMessage(loopStoppedMessage(stop), SHOW_LOG);
      if (choice === SHOW_LOG) log.show(false);
    }),
  );

  // Long runtime tasks (the first install of the handlers' AWS SDK) show as a notification until they end.
  const running = new Map<string, () => void>();
  context.track({ dispose: () => running.forEach((end) => end()) });
  context.track(
    runtime.onDidReportProgress(({ id, state, message }) => {
      running.get(id)?.();
      running.delete(id);
      if (state === 'started') {
        void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Lambkin' }, (progress) => {
          progress.report({ message });
          return new Promise<void>((resolve) => running.set(id, resolve));
        });
      } else if (state === 'failed') {
        void vscode.window.showWarningMessage(message, SHOW_LOG).then((choice) => choice === SHOW_LOG && log.show(false));
      }
    }),
  );

  // Unsaved edits change the tree only, and saved ones the runtime sees itself (it watches its templates and
  // the functions' code): the extension reloads only when the set of templates changes (a scan, a selection).
  context.track(
    templates.onDidChange((reason) => {
      if (reason === 'editor' || reason === 'disk' || !runtime.current || !readSettings().reloadOnTemplateChange) return;
      runtime.reload().catch((error: unknown) => {
        // Stopped while reloading: the next start reads the templates anyway.
        if (runtime.current) void reportError(log, 'Reloading the templates', error);
      });
    }),
  );

  context.track(
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      const startOnly = [Settings.nodePath, Settings.nodeRuntimes, Settings.isolation, Settings.invokePort, Settings.apiPort, Settings.awsPort, Settings.awsCredentials, Settings.region, Settings.idleTimeout, Settings.accountConcurrency, Settings.reloadOnTemplateChange] as const;
      if (!runtime.current || !affects(event, ...startOnly)) return;
      const choice = await vscode.window.showInformationMessage('Lambkin settings changed that apply when the runtime starts. Restart it now?', RESTART);
      if (choice === RESTART) await vscode.commands.executeCommand(Commands.restartRuntime);
    }),
  );

  // A workspace trusted later can run code: nothing to do until the user asks; note it in the log.
  context.track(vscode.workspace.onDidGrantWorkspaceTrust(() => log.info('Workspace trusted: Lambkin can run functions now.')));
}
