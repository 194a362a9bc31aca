// Composes Lambkin's features; each owns its listeners through the context, disposed on deactivation.
import * as vscode from 'vscode';
import { createApi, type LambkinApi } from './api';
import { register as registerCodeLens } from './codelens/register';
import { register as registerCommands } from './commands/register';
import { LambkinContext } from './context';
import { register as registerCost } from './cost/register';
import { register as registerDebug } from './debug/register';
import { register as registerEvents } from './events/commands';
import { EXTENSION_ID } from './ids';
import { register as registerInvocations } from './invocations/register';
import { register as registerRuntime } from './runtime/register';
import { register as registerStatus } from './status/register';
import { register as registerResources } from './resources/register';
import { register as registerTemplates } from './templates/register';
import { register as registerViews } from './views/register';

export function activate(extension: vscode.ExtensionContext): LambkinApi {
  const context = new LambkinContext(extension);
  extension.subscriptions.push(context);
  registerTemplates(context);
  registerRuntime(context);
  registerInvocations(context);
  const functions = registerViews(context);
  const resources = registerResources(context);
  registerCommands(context);
  registerEvents(context);
  const cost = registerCost(context);
  registerStatus(context);
  registerDebug(context);
  registerCodeLens(context);
  return createApi(context, functions, resources, cost);
}

/** Stops the runtime in order (shutdown, then kill) before VS Code disposes the context. */
export async function deactivate(): Promise<void> {
  const api = vscode.extensions.getExtension<LambkinApi>(EXTENSION_ID)?.exports;
  await api?.runtime.stop();
}
