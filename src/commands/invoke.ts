// Invoke, Invoke with Event…, and opening an invocation's document.
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import type { LambkinContext } from '../context';
import { Commands } from '../ids';
import { invocationUri } from '../invocations/documents';
import type { InvokeReply } from '../runtime/manager';
import { readSettings } from '../settings';
import type { InvocationNode } from '../views/nodes';
import { chooseEvent, type EventArgument } from './chooseEvent';
import { resolveFunction, type FunctionArgument } from './pickers';

const DEFAULT_EVENT = '{}';

/** Shows the invocation's document; where it is already open, that editor is revealed rather than a second one. */
export async function openInvocation(functionName: string, requestId: string, beside: boolean): Promise<void> {
  const uri = invocationUri(functionName, requestId);
  const document = await vscode.workspace.openTextDocument(uri);
  const open = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
  await vscode.window.showTextDocument(document, {
    preview: true,
    preserveFocus: beside,
    // Beside the editor the user works in; with no editor open, "beside" would leave an empty group.
    viewColumn: open?.viewColumn ?? (beside && vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active),
  });
}

async function run(context: LambkinContext, fn: FunctionConfig, payload: string): Promise<InvokeReply> {
  const reply = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Invoking ${fn.name}…` },
    () => context.runtime.invoke(fn, payload),
  );
  context.log.info(`Invoked ${fn.name}: request ${reply.requestId}, status ${reply.statusCode}${reply.functionError ? `, ${reply.functionError}` : ''}.`);
  if (readSettings().showResultAfterInvoke) {
    await openInvocation(fn.name, reply.requestId, true);
  } else if (reply.functionError) {
    void vscode.window.showWarningMessage(`${fn.name} failed (${reply.functionError}): ${reply.payload.slice(0, 300)}`);
  } else {
    vscode.window.setStatusBarMessage(`$(pass) ${fn.name}: ${reply.payload.slice(0, 120)}`, 5000);
  }
  return reply;
}

export function register(context: LambkinContext): void {
  const invoke = async (argument?: FunctionArgument) => {
    const fn = await resolveFunction(context, argument, 'Function to invoke');
    return run(context, fn, DEFAULT_EVENT);
  };
  const invokeWithEvent = async (argument?: FunctionArgument, event?: EventArgument) => {
    const fn = await resolveFunction(context, argument, 'Function to invoke');
    return run(context, fn, await chooseEvent(fn, event));
  };
  context.registerCommand(Commands.invokeFunction, 'Invoking the function', invoke);
  context.registerCommand(Commands.treeInvoke, 'Invoking the function', invoke);
  context.registerCommand(Commands.invokeFunctionWithEvent, 'Invoking the function', invokeWithEvent);
  context.registerCommand(Commands.treeInvokeWithEvent, 'Invoking the function', invokeWithEvent);
  context.registerCommand(Commands.openInvocation, 'Opening the invocation', (node: InvocationNode) =>
    openInvocation(node.parent.fn.name, node.invocation.requestId, false),
  );
}
