// Actions on one invocation, from its document (CodeLens, title bar), its item in the Functions view or the
// palette: Invoke Again and Debug with its event, Save as Event…, Copy Response, Copy as `aws lambda
// invoke`, Open Logs at this request. Each resolves to what it did, so other extensions and tests can tell.
import * as vscode from 'vscode';
import type { InvocationResult } from '../../runtime/protocol/control';
import type { FunctionConfig } from '../../runtime/template/model';
import type { LambkinContext } from '../context';
import { debugFunction } from '../debug/register';
import { UserError } from '../errors';
import { Commands, Schemes } from '../ids';
import { readSettings } from '../settings';
import type { InvocationNode } from '../views/nodes';
import { isFinished } from '../views/nodes';
import { awsInvokeCommand } from './awsCli';
import { functionLogsUri, requestIdOf, withLanguage } from './documents';
import { parsePayload, prettyPayload } from './payloads';
import type { AnyInvocation } from './render';

/** An invocation document's URI, a tree item, a request id, or nothing (then the active editor's invocation). */
export type InvocationArgument = vscode.Uri | InvocationNode | string | undefined;

interface Target {
  invocation: AnyInvocation;
  fn: FunctionConfig;
}

function requestIdFrom(argument: InvocationArgument): string | undefined {
  if (typeof argument === 'string') return argument;
  if (argument instanceof vscode.Uri) return requestIdOf(argument);
  if (argument && typeof argument === 'object' && 'kind' in argument && argument.kind === 'invocation') return argument.invocation.requestId;
  const active = vscode.window.activeTextEditor?.document.uri;
  return active?.scheme === Schemes.invocation ? requestIdOf(active) : undefined;
}

function resolve(context: LambkinContext, argument: InvocationArgument): Target {
  const requestId = requestIdFrom(argument);
  if (!requestId) throw new UserError('No invocation to act on: open one from the Lambkin view (under its function) first.');
  const invocation = context.invocations.find(requestId);
  if (!invocation) {
    throw new UserError(`Invocation ${requestId} is no longer kept: Lambkin keeps the last ${readSettings().maxInvocationsShown} invocations of each function ("lambkin.maxInvocationsShown").`);
  }
  const fn = context.templates.findFunction(invocation.functionName);
  if (!fn) throw new UserError(`${invocation.functionName} is no longer in the templates Lambkin reads, so it cannot run again.`);
  return { invocation, fn };
}

function finished(target: Target, doing: string): InvocationResult {
  if (!isFinished(target.invocation)) throw new UserError(`The invocation is still running: ${doing} once it has finished.`);
  return target.invocation;
}

export interface LogsAtRequest {
  uri: vscode.Uri;
  /** 0-based lines of the request in the log document. */
  startLine: number;
  endLine: number;
}

export function registerActions(context: LambkinContext): void {
  context.registerCommand(Commands.invocationInvokeAgain, 'Invoking the function again', (argument?: InvocationArgument) => {
    const target = resolve(context, argument);
    const invocation = finished(target, 'invoke it again');
    return vscode.commands.executeCommand(Commands.invokeFunctionWithEvent, target.fn.name, invocation.event);
  });

  context.registerCommand(Commands.invocationDebug, 'Debugging the function', async (argument?: InvocationArgument) => {
    const target = resolve(context, argument);
    const parsed = parsePayload(finished(target, 'debug it').event);
    if (!parsed.json) throw new UserError('The event of this invocation is not JSON, and a debug session takes a JSON event.');
    await debugFunction(context, target.fn.name, { json: parsed.value });
  });

  context.registerCommand(Commands.invocationSaveEvent, 'Saving the event', (argument?: InvocationArgument, name?: string) => {
    const target = resolve(context, argument);
    finished(target, 'save its event');
    const node: InvocationNode = { kind: 'invocation', invocation: target.invocation, parent: { kind: 'function', fn: target.fn } };
    return vscode.commands.executeCommand<vscode.Uri | undefined>(Commands.saveInvocationEvent, node, name);
  });

  context.registerCommand(Commands.invocationCopyResponse, 'Copying the response', async (argument?: InvocationArgument) => {
    const invocation = finished(resolve(context, argument), 'copy its response');
    const text = prettyPayload(invocation.response);
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`$(clippy) Copied the ${invocation.functionError ? 'error' : 'response'} of ${invocation.functionName}`, 4000);
    return text;
  });

  context.registerCommand(Commands.invocationCopyCliCommand, 'Copying the aws lambda invoke command', async (argument?: InvocationArgument) => {
    const invocation = finished(resolve(context, argument), 'copy its command');
    const settings = readSettings();
    const endpoint = context.runtime.current?.invokeEndpoint ?? (settings.invokePort === 0 ? undefined : `http://127.0.0.1:${settings.invokePort}`);
    if (!endpoint) throw new UserError('The invoke port is chosen when the runtime starts ("lambkin.invokePort" is 0): start the runtime first.');
    const command = awsInvokeCommand({ functionName: invocation.functionName, event: invocation.event, invocationType: invocation.invocationType, endpoint, region: settings.region });
    await vscode.env.clipboard.writeText(command);
    vscode.window.setStatusBarMessage('$(clippy) Copied the aws lambda invoke command', 4000);
    return command;
  });

  context.registerCommand(Commands.invocationOpenLogs, 'Opening the logs', async (argument?: InvocationArgument): Promise<LogsAtRequest> => {
    const { invocation } = resolve(context, argument);
    const range = context.functionLogs.locate(invocation.functionName, invocation.requestId);
    if (!range) {
      throw new UserError(`The log of ${invocation.functionName} no longer holds request ${invocation.requestId} (it keeps the last 1000 lines); its own lines are in its invocation document.`);
    }
    const document = await withLanguage(await vscode.workspace.openTextDocument(functionLogsUri(invocation.functionName)));
    const selection = new vscode.Selection(range.endLine, document.lineAt(range.endLine).text.length, range.startLine, 0);
    const editor = await vscode.window.showTextDocument(document, { preview: true, selection });
    editor.revealRange(new vscode.Range(range.startLine, 0, range.endLine, 0), vscode.TextEditorRevealType.AtTop);
    return { uri: document.uri, ...range };
  });
}
