// Every command is registered and does its job, from the palette's arguments and from tree nodes.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import type { InvokeReply } from '../../../src/runtime/manager';
import { screenshot, screenshotsSupported } from './support/screenshot';
import { activateLambkin, childItems, EXTENSION_ID, functionNode, recordErrorMessages, useFreeInvokePort, waitFor } from './support/lambkin';

function body(reply: InvokeReply | undefined): { message: string } {
  assert.ok(reply, 'the invoke command returned nothing (it failed: see the notification)');
  assert.equal(reply.statusCode, 200);
  assert.equal(reply.functionError, undefined, reply.payload);
  const response = JSON.parse(reply.payload) as { statusCode: number; body: string };
  assert.equal(response.statusCode, 200);
  return JSON.parse(response.body) as { message: string };
}

function workspaceFolder(): string {
  return vscode.workspace.workspaceFolders![0]!.uri.fsPath;
}

describe('Lambkin commands', function () {
  this.timeout(60_000);
  let api: LambkinApi;

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
  });
  after(async () => {
    await api.runtime.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('registers every command it contributes', async () => {
    const contributed = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), []);
  });

  it('Invoke Function starts the runtime on demand and returns the handler\'s response', async () => {
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunction', 'HelloFunction');
    assert.match(body(reply).message, /hi, world!$/);
    assert.equal(api.runtime.state, 'running');
  });

  it('lists the invocation under its function and opens its document', async () => {
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.functions.invoke', functionNode(api, 'HelloFunction'));
    assert.ok(reply);
    const invocation = await waitFor(
      () => childItems(api, 'HelloFunction').find(({ item }) => item.id === `invocation:${reply.requestId}`),
      'the invocation in the tree',
    );
    assert.match(String(invocation.item.description), /^success · [\d.]+ m?s · billed \d+ ms/);
    assert.equal((invocation.item.iconPath as vscode.ThemeIcon).id, 'pass');
    assert.ok(invocation.item.command);
    await vscode.commands.executeCommand(invocation.item.command.command, ...(invocation.item.command.arguments ?? []));
    const document = await waitFor(
      () => vscode.window.visibleTextEditors.map((e) => e.document).find((d) => d.uri.scheme === 'lambkin-invocation' && d.uri.path.includes(`/${reply.requestId}/`)),
      'the invocation document',
    );
    const text = document.getText();
    for (const part of [`Request      ${reply.requestId}`, '✓ success', '── Event', '── Response', '"statusCode": 200', '── Logs', 'greeting world']) {
      assert.ok(text.includes(part), `${part} in\n${text}`);
    }
    if (screenshotsSupported()) {
      // What a person sees: the Lambkin sidebar with the invocation under its function, and its document.
      await vscode.commands.executeCommand('workbench.view.extension.lambkin');
      await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await screenshot('invocation-document');
    }
  });

  it('Invoke Function with Event takes the event as an argument, a file, or a saved event', async () => {
    const fromObject = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'HelloFunction', { pathParameters: { name: 'Ada' } });
    assert.match(body(fromObject).message, /hi, Ada!$/);

    const saved = path.join(workspaceFolder(), '.lambkin', 'events', 'HelloFunction', 'grace.json');
    mkdirSync(path.dirname(saved), { recursive: true });
    writeFileSync(saved, JSON.stringify({ pathParameters: { name: 'Grace' } }));
    const fromFile = await vscode.commands.executeCommand<InvokeReply>('lambkin.functions.invokeWithEvent', functionNode(api, 'HelloFunction'), vscode.Uri.file(saved));
    assert.match(body(fromFile).message, /hi, Grace!$/);

    const example = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'HelloFunction', vscode.Uri.file(path.join(workspaceFolder(), 'events', 'hello.json')));
    assert.match(body(example).message, /hi, lambkin!$/);
  });

  it('refuses an event that is not JSON (and says so instead of invoking)', async () => {
    const before = api.activity('HelloFunction').recent.length;
    const errors = recordErrorMessages();
    try {
      const reply = await vscode.commands.executeCommand('lambkin.invokeFunctionWithEvent', 'HelloFunction', '{"name": ');
      assert.equal(reply, undefined);
      const message = await waitFor(() => errors.messages[0], 'the error notification');
      assert.match(message, /^The event from .* is not valid JSON \(.*\)\. Fix it and invoke again\.$/, message);
      assert.equal(errors.messages.length, 1, errors.messages.join('\n'));
    } finally {
      errors.restore();
    }
    assert.equal(api.activity('HelloFunction').recent.length, before);
  });

  it('Open Handler jumps to the exported handler', async () => {
    await vscode.commands.executeCommand('lambkin.openHandler', 'HelloFunction');
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.fsPath, path.join(workspaceFolder(), 'src', 'hello', 'app.ts'));
    const expectedLine = readFileSync(editor.document.uri.fsPath, 'utf8').split('\n').findIndex((line) => line.startsWith('export const handler'));
    assert.equal(editor.selection.active.line, expectedLine);

    await vscode.commands.executeCommand('lambkin.functions.openHandler', functionNode(api, 'OrdersFunction'));
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, path.join(workspaceFolder(), 'src', 'orders', 'index.mjs'));
  });

  it('Copy Invoke URL copies the URL the Invoke API answers on', async () => {
    const url = await vscode.commands.executeCommand<string>('lambkin.copyInvokeUrl', 'HelloFunction');
    assert.equal(url, `${api.runtime.invokeEndpoint}/2015-03-31/functions/HelloFunction/invocations`);
    assert.equal(await vscode.env.clipboard.readText(), url);
    const response = await fetch(url, { method: 'POST', body: JSON.stringify({ pathParameters: { name: 'curl' } }) });
    assert.equal(response.status, 200);
    assert.match(JSON.parse(((await response.json()) as { body: string }).body).message, /hi, curl!$/);
  });

  it('Show Logs opens the function\'s recent output', async () => {
    // Its own invocation: the test does not lean on what earlier tests printed.
    body(await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'HelloFunction', { pathParameters: { name: 'Logbook' } }));
    await vscode.commands.executeCommand('lambkin.functions.showLogs', functionNode(api, 'HelloFunction'));
    const document = vscode.window.activeTextEditor?.document;
    assert.equal(document?.uri.toString(), 'lambkin-logs:/HelloFunction.log');
    await waitFor(() => document.getText().includes('greeting Logbook'), 'the function log to hold the handler\'s output');
  });

  it('Show Runtime Log shows the runtime\'s log; Refresh reads the templates again', async () => {
    const started = await vscode.commands.executeCommand<{ pid: number }>('lambkin.startRuntime');
    assert.ok(started);
    await vscode.commands.executeCommand('lambkin.showRuntimeLog');
    await waitFor(() => vscode.window.visibleTextEditors.some((editor) => editor.document.uri.scheme === 'output' && editor.document.getText().includes(`Runtime ready (pid ${started.pid})`)), 'the runtime log, with this runtime\'s start, shown');
    const reread = new Promise<string>((resolve) => {
      const subscription = api.templates.onDidChange((reason) => {
        subscription.dispose();
        resolve(reason);
      });
    });
    assert.equal(await vscode.commands.executeCommand('lambkin.refresh'), 5);
    assert.equal(await reread, 'scan', 'the templates were read again');
    await vscode.commands.executeCommand('workbench.action.closePanel');
  });
});
