// Debugging Lambda handlers: the `lambkin` debug type (configurations, the inline adapter), the tracker
// that pauses a function's clock while its debugger is paused, and the Debug commands.
import * as vscode from 'vscode';
import type { LambkinContext } from '../context';
import { resolveFunction, type FunctionArgument } from '../commands/pickers';
import { UserError } from '../errors';
import { Commands, DebugTypes } from '../ids';
import { ClockTrackerFactory } from './clockTracker';
import type { EventSpec } from './configuration';
import { VsCodeDebugHost } from './host';
import { ConfigurationResolver, functionConfiguration, ProvidedConfigurations, serveConfiguration } from './provider';
import { LambkinDebugSession } from './session';

/** Starts a `lambkin` session for `fn` (with `event` when given); resolves once VS Code started it. */
export async function debugFunction(context: LambkinContext, argument: FunctionArgument, event?: EventSpec): Promise<void> {
  const fn = await resolveFunction(context, argument, 'Function to debug');
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(fn.templatePath)) ?? vscode.workspace.workspaceFolders?.[0];
  const configuration = { ...functionConfiguration(fn, context.templates.activePaths.length > 1), ...(event ? { event } : {}) };
  if (!(await vscode.debug.startDebugging(folder, configuration))) throw new UserError(`VS Code did not start debugging ${fn.name}; see the Debug Console.`);
}

export function register(context: LambkinContext): void {
  const sessions = new Map<string, LambkinDebugSession>();
  const { templates } = context;

  context.track(vscode.debug.registerDebugConfigurationProvider(DebugTypes.lambkin, new ConfigurationResolver(templates)));
  context.track(vscode.debug.registerDebugConfigurationProvider(DebugTypes.lambkin, new ProvidedConfigurations(templates, true), vscode.DebugConfigurationProviderTriggerKind.Initial));
  context.track(vscode.debug.registerDebugConfigurationProvider(DebugTypes.lambkin, new ProvidedConfigurations(templates, false), vscode.DebugConfigurationProviderTriggerKind.Dynamic));

  context.track(
    vscode.debug.registerDebugAdapterDescriptorFactory(DebugTypes.lambkin, {
      createDebugAdapterDescriptor(session) {
        const host = new VsCodeDebugHost(context, session);
        const adapter = new LambkinDebugSession(host);
        sessions.set(session.id, adapter);
        const ended = vscode.debug.onDidTerminateDebugSession((terminated) => {
          if (terminated.id !== session.id) return;
          ended.dispose();
          sessions.delete(session.id);
          host.dispose();
        });
        return new vscode.DebugAdapterInlineImplementation(adapter as unknown as vscode.DebugAdapter);
      },
    }),
  );
  context.track(vscode.debug.registerDebugAdapterTrackerFactory(DebugTypes.node, new ClockTrackerFactory(sessions)));

  const debug = (argument?: FunctionArgument, event?: EventSpec) => debugFunction(context, argument, event);
  context.registerCommand(Commands.debugFunction, 'Debugging the function', debug);
  context.registerCommand(Commands.treeDebug, 'Debugging the function', debug);
  context.registerCommand(Commands.debugServe, 'Debugging the app', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!(await vscode.debug.startDebugging(folder, serveConfiguration()))) throw new UserError('VS Code did not start the debug session; see the Debug Console.');
  });
}
