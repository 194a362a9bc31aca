// Invoke, Invoke with Event…, and opening an invocation's document.
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import type { LambkinContext } from '../context';
import { Commands } from '../ids';
import { openInvocation } from '../invocations/open';
import type { InvokeReply } from '../runtime/manager';
import { readSettings } from '../settings';
import type { InvocationNode } from '../views/nodes';
import { chooseEvent, type EventArgument } from './chooseEvent';
import { resolveFunction, type FunctionArgument } from './pickers';

const DEFAULT_EVENT = '{}';

async function run(context: LambkinContext, fn: FunctionConfig, payload: string): Promise<InvokeReply> {
  const reply = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: `Invoking ${fn.name}…` },
    () => context.runtime.invoke(fn, payload),
  );
  context.log.info(`Invoked ${fn.name}: request ${reply.requestId}, status ${reply.statusCode}${reply.functionError ? `, ${reply.functionError}` : ''}.`);
  const invocation = reply.requestId ? context.invocations.find(reply.requestId) : undefined;
  if (readSettings().showResultAfterInvoke && invocation) {
    await openInvocation(invocation, true);
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
    openInvocation(context.invocations.find(node.invocation.requestId) ?? node.invocation, false),
  );
}
