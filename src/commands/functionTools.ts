// Open Handler, Show Logs, Copy Invoke URL: the function commands that run no code.
import * as vscode from 'vscode';
import type { LambkinContext } from '../context';
import { UserError } from '../errors';
import { locateHandler, parseHandler } from '../handlers/locate';
import { Commands } from '../ids';
import { functionLogsUri } from '../invocations/documents';
import { readSettings } from '../settings';
import { invokeUrl } from '../views/describe';
import { resolveFunction, type FunctionArgument } from './pickers';

export function register(context: LambkinContext): void {
  const openHandler = async (argument?: FunctionArgument) => {
    const fn = await resolveFunction(context, argument, 'Function whose handler to open');
    const handlerName = parseHandler(fn.handler);
    if (!handlerName) {
      throw new UserError(`The handler "${fn.handler}" of ${fn.name} is not of the form file.export (e.g. app.handler). Fix it in ${fn.templatePath}.`);
    }
    const location = await locateHandler(fn.codeRoot, fn.handler);
    if (!location) {
      throw new UserError(`No file for the handler "${fn.handler}" of ${fn.name}: looked for ${handlerName.modulePath}.{ts,js,mjs,cjs} under ${fn.codeRoot}.`);
    }
    const editor = await vscode.window.showTextDocument(vscode.Uri.file(location.file), { preview: false });
    if (location.line === undefined) {
      void vscode.window.showWarningMessage(`${vscode.workspace.asRelativePath(location.file)} does not visibly export "${handlerName.exportName}"; Lambda will fail with Runtime.HandlerNotFound unless it is exported.`);
      return location;
    }
    const position = new vscode.Position(location.line, location.column ?? 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return location;
  };

  const showLogs = async (argument?: FunctionArgument) => {
    const fn = await resolveFunction(context, argument, 'Function whose logs to show');
    const document = await vscode.workspace.openTextDocument(functionLogsUri(fn.name));
    await vscode.window.showTextDocument(document, { preview: true });
    return document.uri;
  };

  const copyInvokeUrl = async (argument?: FunctionArgument) => {
    const fn = await resolveFunction(context, argument, 'Function whose invoke URL to copy');
    const running = context.runtime.current;
    const port = readSettings().invokePort;
    if (!running && port === 0) {
      throw new UserError('The invoke port is chosen when the runtime starts ("lambkin.invokePort" is 0): start the runtime first.');
    }
    const url = invokeUrl(running?.invokeEndpoint ?? `http://127.0.0.1:${port}`, fn.name);
    await vscode.env.clipboard.writeText(url);
    vscode.window.setStatusBarMessage(`$(clippy) Copied ${url}`, 4000);
    return url;
  };

  context.registerCommand(Commands.openHandler, 'Opening the handler', openHandler);
  context.registerCommand(Commands.treeOpenHandler, 'Opening the handler', openHandler);
  context.registerCommand(Commands.showFunctionLogs, 'Showing the function logs', showLogs);
  context.registerCommand(Commands.treeShowLogs, 'Showing the function logs', showLogs);
  context.registerCommand(Commands.copyInvokeUrl, 'Copying the invoke URL', copyInvokeUrl);
  context.registerCommand(Commands.treeCopyInvokeUrl, 'Copying the invoke URL', copyInvokeUrl);
}
