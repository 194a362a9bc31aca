// Invocation documents as a person meets them: titled `Function · duration · time`, coloured by their
// languages, one editor group with the preview tab reused, stack traces linked to the source, and the
// actions on an invocation run through the extension's commands. Screenshots: invocation-*.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { InvocationResult } from '../../../runtime/protocol/control';
import type { LambkinApi } from '../../../src/api';
import type { InvokeReply } from '../../../src/runtime/manager';
import { screenshot, screenshotsSupported } from './support/screenshot';
import { activateLambkin, functionNode, useFreeInvokePort, waitFor } from './support/lambkin';

const SCHEME = 'lambkin-invocation';

function workspaceFolder(): string {
  return vscode.workspace.workspaceFolders![0]!.uri.fsPath;
}

function eventFile(name: string): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceFolder(), 'events', name));
}

function invocationTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === SCHEME);
}

function tabUri(tab: vscode.Tab): vscode.Uri {
  return (tab.input as vscode.TabInputText).uri;
}

/** The finished record of a reply, as the tree and the documents have it. */
function recordOf(api: LambkinApi, functionName: string, reply: InvokeReply | undefined): InvocationResult {
  assert.ok(reply, 'the command returned nothing (it failed: see the notification)');
  const found = api.activity(functionName).recent.find((invocation) => invocation.requestId === reply.requestId);
  assert.ok(found, `${reply.requestId} is recorded`);
  return found;
}

/** The invocation's document, once its editor shows it with its language. */
async function shownDocument(requestId: string): Promise<vscode.TextDocument> {
  return waitFor(() => {
    const editor = vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.scheme === SCHEME && candidate.document.uri.path.split('/')[2] === requestId);
    return editor?.document.languageId === 'lambkin-invocation' && editor.document;
  }, `the document of ${requestId}`);
}

/** A screenshot of the document from `topLine`, with the sections named in `fold` folded first. */
async function picture(name: string, document: vscode.TextDocument, options: { topLine?: number; fold?: string[] } = {}): Promise<void> {
  if (!screenshotsSupported()) return;
  const editor = await vscode.window.showTextDocument(document, { preview: true, preserveFocus: false });
  const lines = document.getText().split('\n');
  const folded = (options.fold ?? []).map((section) => lines.findIndex((line) => line.startsWith(`── ${section}`)));
  if (folded.length) {
    await waitFor(async () => {
      const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
      return folded.every((line) => ranges.some((range) => range.start === line));
    }, 'the sections to fold');
    await vscode.commands.executeCommand('editor.fold', { selectionLines: folded, levels: 1 });
  }
  if (document.uri.scheme === SCHEME) {
    // The caret on an empty line: no word highlighted.
    const blank = Math.max(0, lines.findIndex((line) => line === ''));
    editor.selection = new vscode.Selection(blank, 0, blank, 0);
  }
  const topLine = options.topLine ?? 0;
  editor.revealRange(new vscode.Range(topLine, 0, topLine, 0), vscode.TextEditorRevealType.AtTop);
  // CodeLens and the grammar's colours arrive a moment after the text.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await screenshot(name);
}

describe('Invocation documents', function () {
  this.timeout(120_000);
  let api: LambkinApi;

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
    // A runtime of its own: the first invocation of each function is a cold start.
    await api.runtime.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.view.extension.lambkin');
  });
  after(async () => {
    await api.runtime.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('a cold start: titled function · duration · time, with INIT in the time bar', async () => {
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'HelloFunction', eventFile('hello.json'));
    const invocation = recordOf(api, 'HelloFunction', reply);
    assert.ok(invocation.coldStart && invocation.initDurationMs !== undefined, 'a fresh runtime starts cold');
    const document = await shownDocument(invocation.requestId);
    const [tab] = invocationTabs();
    assert.match(tab!.label, /^HelloFunction · [\d.]+ m?s · \d\d:\d\d:\d\d$/);
    assert.ok(tabUri(tab!).path.includes(invocation.requestId), 'the request id is in the tab\'s tooltip (its path)');
    const lines = document.getText().split('\n');
    assert.equal(lines[0], tab!.label);
    assert.match(lines[1]!, /^✓ success · ❄ cold start · RequestResponse$/);
    assert.match(document.getText(), /^Time {9}▉+█+·*│$/m);
    // A loaded machine takes seconds for INIT: `2.04 s` as well as `287 ms`.
    assert.match(document.getText(), /INIT [\d.]+ m?s · handler [\d.]+ m?s · billed [\d.]+ m?s · [\d.<]+ % of the 10 s timeout/);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, new vscode.Position(lines.findIndex((line) => line.startsWith('Time')), 15));
    const hoverText = hover.flatMap((item) => item.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    assert.match(hoverText, /▉ INIT \| [\d.]+ m?s: the cold start/);
    assert.match(hoverText, /│ Timeout \| 10 s/);
    assert.match(hoverText, /```lambkin-invocation\nHelloFunction · .*\nTime {9}▉+█+·*│\n/, 'the bar in the document\'s language, so in its colours');
    await picture('invocation-cold-start', document, { fold: ['Event'] });
    if (screenshotsSupported()) {
      // The breakdown behind the bar, as a hover shows it.
      const editor = vscode.window.activeTextEditor!;
      const barLine = lines.findIndex((line) => line.startsWith('Time'));
      editor.selection = new vscode.Selection(barLine, 15, barLine, 15);
      await vscode.commands.executeCommand('editor.action.showHover');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await screenshot('invocation-time-hover');
    }
  });

  it('an API response: the JSON body string decoded and pretty-printed beneath the response', async () => {
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'HelloFunction', eventFile('hello.json'));
    const invocation = recordOf(api, 'HelloFunction', reply);
    const document = await shownDocument(invocation.requestId);
    const text = document.getText();
    assert.match(text, /"body": "\{\\"message\\":/, 'the response as sent');
    const decoded = /┄┄ body · JSON string, decoded: JSON ┄+\n(\{\n[\s\S]*?\n\})\n/.exec(text);
    assert.ok(decoded, text);
    assert.match(JSON.parse(decoded[1]!).message, /hi, lambkin!$/);
    const folds = await vscode.commands.executeCommand<vscode.FoldingRange[]>('vscode.executeFoldingRangeProvider', document.uri);
    const responseLine = text.split('\n').findIndex((line) => line.startsWith('── Response'));
    assert.ok(folds.some((fold) => fold.start === responseLine), 'the Response section folds');
    assert.ok(folds.some((fold) => fold.start === responseLine + 1), 'and so does its JSON');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', document.uri);
    assert.deepEqual(symbols.map((symbol) => symbol.name.replace(/\d+ lines/, 'n lines')), ['Event', 'Response', 'Logs · n lines']);
    assert.deepEqual(symbols[1]!.children.map((symbol) => symbol.name), ['body · JSON string, decoded: JSON']);
    assert.equal(invocationTabs().length, 1, 'the second invocation replaced the first one\'s preview');
    await picture('invocation-api-json-body', document, { fold: ['Event'] });
  });

  it('a success, warm, with its log lines', async () => {
    await vscode.commands.executeCommand('lambkin.invokeFunctionWithEvent', 'OrdersFunction', eventFile('orders.json'));
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'OrdersFunction', eventFile('orders.json'));
    const invocation = recordOf(api, 'OrdersFunction', reply);
    assert.equal(invocation.coldStart, false);
    const document = await shownDocument(invocation.requestId);
    assert.match(document.getText().split('\n')[1]!, /^✓ success · RequestResponse$/);
    assert.match(document.getText(), /\tINFO\torder order-1 placed: 2 x wool socks\n/);
    // Folded, the event leaves the header, the response and the log lines in view together.
    await picture('invocation-success', document, { fold: ['Event'] });
  });

  it('an error: its stack beneath, each source line a link that opens the file there', async () => {
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'SlowFunction', { fail: 'the lamb escaped' });
    const invocation = recordOf(api, 'SlowFunction', reply);
    const document = await shownDocument(invocation.requestId);
    const text = document.getText();
    assert.match(text.split('\n')[1]!, /^✗ error · Error: the lamb escaped · ❄ cold start · RequestResponse$/);
    assert.match(text, /┄┄ trace · stack trace ┄+\nError: the lamb escaped\n {4}at exports\.handler \(.*index\.js:\d+:\d+\)/);
    const handler = path.join(workspaceFolder(), 'src', 'slow', 'index.js');
    const throwLine = readFileSync(handler, 'utf8').split('\n').findIndex((line) => line.includes('throw new Error(request.fail)')) + 1;
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri);
    const toHandler = links.filter((link) => link.target?.fsPath === handler);
    assert.ok(toHandler.length >= 3, 'in the error body, beneath it and in the ERROR log line');
    assert.ok(toHandler.every((link) => link.target!.fragment.startsWith(`L${throwLine},`)), toHandler.map((link) => link.target!.toString()).join('\n'));
    assert.ok(!links.some((link) => link.target?.fsPath.includes('node:')), 'Node\'s internals are not linked');

    await picture('invocation-error', document, { fold: ['Event'] });
    // Following a link opens the handler at the line that threw.
    await vscode.commands.executeCommand('vscode.open', toHandler[0]!.target);
    const editor = await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === handler && vscode.window.activeTextEditor, 'the handler opened from the link');
    assert.equal(editor.selection.active.line, throwLine - 1);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a timeout: the bar runs into the timeout', async () => {
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'SlowFunction', { sleepMs: 2500 });
    const invocation = recordOf(api, 'SlowFunction', reply);
    assert.equal(invocation.status, 'timeout');
    const document = await shownDocument(invocation.requestId);
    const text = document.getText();
    assert.match(text.split('\n')[0]!, /^SlowFunction · 2\.00 s · /);
    assert.match(text.split('\n')[1]!, /^◷ timed out · RequestResponse$/);
    assert.match(text, /^Time {9}█{40}│$/m);
    assert.ok(text.includes('timed out at the 2 s timeout'));
    assert.match(text, /Task timed out after 2\.00 seconds/);
    await picture('invocation-timeout', document);
  });

  it('keeps invocations in one editor group: the preview is reused unless pinned, and pinned tabs stay', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('lambkin.openHandler', 'SlowFunction');
    const first = recordOf(api, 'SlowFunction', await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunction', 'SlowFunction'));
    await shownDocument(first.requestId);
    assert.equal(vscode.window.tabGroups.all.length, 2, 'beside the code');
    // Invoke Again from the document itself: the active editor is now the invocation, in its own group.
    const firstEditor = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.path.split('/')[2] === first.requestId)!;
    await vscode.window.showTextDocument(firstEditor.document, { viewColumn: firstEditor.viewColumn, preview: true });
    assert.equal(vscode.window.activeTextEditor?.document.uri.scheme, SCHEME);
    const again = recordOf(api, 'SlowFunction', await vscode.commands.executeCommand<InvokeReply>('lambkin.invocation.invokeAgain'));
    await shownDocument(again.requestId);
    assert.equal(vscode.window.tabGroups.all.length, 2, 'no third group');
    assert.deepEqual(invocationTabs().map((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.path.split('/')[2]), [again.requestId]);
    assert.equal(invocationTabs()[0]!.isPreview, true);

    await vscode.commands.executeCommand('workbench.action.keepEditor');
    const third = recordOf(api, 'SlowFunction', await vscode.commands.executeCommand<InvokeReply>('lambkin.invocation.invokeAgain', tabUri(invocationTabs()[0]!)));
    await shownDocument(third.requestId);
    const tabs = invocationTabs();
    assert.deepEqual(tabs.map((tab) => [tab.isPreview, tabUri(tab).path.split('/')[2]]), [[false, again.requestId], [true, third.requestId]]);
    assert.equal(new Set(tabs.map((tab) => tab.group)).size, 1);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('retitles a tab that opens under the running title after its invocation finished', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Opening a document takes a moment, and a short invocation can finish meanwhile: the tab then opens
    // after the finish. A link to the running document does the same, deterministically.
    const done = recordOf(api, 'SlowFunction', await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'SlowFunction', { sleepMs: 1 }));
    const title = (await shownDocument(done.requestId)).getText().split('\n')[0]!;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const time = /· (\d\d:\d\d:\d\d)$/.exec(title)![1]!;
    const runningUri = vscode.Uri.from({ scheme: SCHEME, path: `/SlowFunction/${done.requestId}/SlowFunction · running · ${time}` });
    await vscode.commands.executeCommand('vscode.open', runningUri, { preview: true });
    await waitFor(() => invocationTabs().length === 1 && invocationTabs()[0]!.label === title, 'the tab under its final title');
    assert.ok(invocationTabs()[0]!.isPreview, 'still a preview');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('retitles a document opened while its invocation ran, in the same tab', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const fn = functionNode(api, 'SlowFunction');
    assert.equal(fn.kind, 'function');
    const endpoint = api.runtime.invokeEndpoint;
    assert.ok(endpoint);
    const response = fetch(`${endpoint}/2015-03-31/functions/SlowFunction/invocations`, { method: 'POST', body: '{"sleepMs":1200}' });
    const running = await waitFor(() => api.activity('SlowFunction').inFlight[0], 'the invocation to start');
    await vscode.commands.executeCommand('lambkin.openInvocation', { kind: 'invocation', invocation: running, parent: fn });
    await waitFor(() => invocationTabs().some((tab) => tab.label.startsWith('SlowFunction · running · ')), 'the running tab');
    assert.equal((await response).status, 200);
    // 1.2 s asleep, so at least 1.20 s (more on a loaded machine): its duration replaces "running" in the same tab.
    const finalTitle = (label: string) => {
      const seconds = /^SlowFunction · ([\d.]+) s · /.exec(label)?.[1];
      return seconds !== undefined && Number(seconds) >= 1.2;
    };
    await waitFor(() => invocationTabs().length === 1 && finalTitle(invocationTabs()[0]!.label) && invocationTabs()[0]!.label, 'the tab under its final title');
    assert.ok(invocationTabs()[0]!.isPreview, 'still the preview it was');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('actions', () => {
    let invocation: InvocationResult;
    let uri: vscode.Uri;
    const event = { pathParameters: { name: "O'Brien" }, note: 'quotes \' " and $HOME stay as they are' };

    before(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      invocation = recordOf(api, 'HelloFunction', await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'HelloFunction', event));
      uri = (await shownDocument(invocation.requestId)).uri;
    });

    it('offers them above the document', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.deepEqual(lenses.map((lens) => lens.command?.command), [
        'lambkin.invocation.invokeAgain', 'lambkin.invocation.debug', 'lambkin.invocation.saveEvent',
        'lambkin.invocation.copyResponse', 'lambkin.invocation.copyCliCommand', 'lambkin.invocation.openLogs',
      ]);
      assert.ok(lenses.every((lens) => lens.range.start.line === 0 && lens.command?.arguments?.[0]?.toString() === uri.toString()));
    });

    it('Invoke Again sends the same event', async () => {
      const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invocation.invokeAgain', uri);
      const again = recordOf(api, 'HelloFunction', reply);
      assert.notEqual(again.requestId, invocation.requestId);
      assert.deepEqual(JSON.parse(again.event), event);
      assert.match(JSON.parse(JSON.parse(reply!.payload).body).message, /hi, O'Brien!$/);
    });

    it('Copy Response copies the response as JSON', async () => {
      const copied = await vscode.commands.executeCommand<string>('lambkin.invocation.copyResponse', uri);
      assert.equal(await vscode.env.clipboard.readText(), copied);
      assert.deepEqual(JSON.parse(copied), JSON.parse(invocation.response));
    });

    it('Copy as aws lambda invoke copies a command a shell runs with this event, against the running runtime', async () => {
      const command = await vscode.commands.executeCommand<string>('lambkin.invocation.copyCliCommand', invocation.requestId);
      assert.equal(await vscode.env.clipboard.readText(), command);
      // A real shell reads it; printf stands in for the aws CLI and prints the arguments it would get.
      const args = execFileSync('sh', ['-c', command.replace(/^aws /, "printf '%s\\0' ")], { encoding: 'utf8' }).split('\0').slice(0, -1);
      const option = (name: string) => args[args.indexOf(name) + 1]!;
      assert.deepEqual(args.slice(0, 2), ['lambda', 'invoke']);
      assert.equal(option('--endpoint-url'), api.runtime.invokeEndpoint);
      assert.equal(option('--function-name'), 'HelloFunction');
      assert.deepEqual(JSON.parse(option('--payload')), event);
      // What the CLI would send, sent: the runtime answers it like the original.
      const response = await fetch(`${option('--endpoint-url')}/2015-03-31/functions/${option('--function-name')}/invocations`, { method: 'POST', body: option('--payload') });
      assert.match(JSON.parse(((await response.json()) as { body: string }).body).message, /hi, O'Brien!$/);
    });

    it('Save as Event… writes the event to .lambkin/events/<function>/', async () => {
      const saved = await vscode.commands.executeCommand<vscode.Uri>('lambkin.invocation.saveEvent', uri, 'from-invocation-document');
      assert.ok(saved);
      assert.equal(saved.fsPath, path.join(workspaceFolder(), '.lambkin', 'events', 'HelloFunction', 'from-invocation-document.json'));
      assert.ok(existsSync(saved.fsPath));
      assert.deepEqual(JSON.parse(readFileSync(saved.fsPath, 'utf8')), event);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('Open Logs shows the function\'s log, coloured, at this request', async () => {
      const at = await vscode.commands.executeCommand<{ uri: vscode.Uri; startLine: number; endLine: number }>('lambkin.invocation.openLogs', uri);
      assert.ok(at);
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), 'lambkin-logs:/HelloFunction.log');
      assert.equal(editor.document.languageId, 'lambkin-log');
      assert.equal(editor.document.lineAt(at.startLine).text, `START RequestId: ${invocation.requestId} Version: $LATEST`);
      assert.match(editor.document.lineAt(at.endLine).text, new RegExp(`^REPORT RequestId: ${invocation.requestId}\\t`));
      assert.deepEqual([editor.selection.start.line, editor.selection.end.line], [at.startLine, at.endLine]);
      assert.ok(editor.document.getText().includes('INIT_START'), 'earlier requests are there too, each between its START and REPORT');
      await picture('invocation-function-log', editor.document, { topLine: Math.max(0, at.startLine - 8) });
    });

    it('the Lambkin Functions output channel is coloured by the same log language', async () => {
      const show = (await vscode.commands.getCommands(true)).find((command) => command.startsWith('workbench.action.output.show.') && command.endsWith('Lambkin Functions'));
      assert.ok(show, 'the channel is registered');
      await vscode.commands.executeCommand(show);
      const output = await waitFor(() => vscode.window.visibleTextEditors.find((editor) => editor.document.uri.scheme === 'output' && editor.document.getText().includes('[HelloFunction]'))?.document, 'the channel shown');
      assert.equal(output.languageId, 'lambkin-log');
      if (screenshotsSupported()) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await screenshot('invocation-output-channel');
      }
      await vscode.commands.executeCommand('workbench.action.closePanel');
    });

    it('Debug starts a debug session of the function with this event', async () => {
      const known = new Set(api.activity('HelloFunction').recent.map((recent) => recent.requestId));
      const started = new Promise<vscode.DebugSession>((resolve) => {
        const subscription = vscode.debug.onDidStartDebugSession((session) => {
          if (session.type !== 'lambkin') return;
          subscription.dispose();
          resolve(session);
        });
      });
      const ended = new Promise<void>((resolve) => {
        const subscription = vscode.debug.onDidTerminateDebugSession((session) => {
          if (session.type !== 'lambkin') return;
          subscription.dispose();
          resolve();
        });
      });
      await vscode.commands.executeCommand('lambkin.invocation.debug', uri);
      const session = await started;
      assert.equal(session.configuration.function, 'HelloFunction');
      assert.deepEqual(session.configuration.event, { json: event });
      await ended;
      const debugged = await waitFor(() => api.activity('HelloFunction').recent.find((recent) => !known.has(recent.requestId)), 'the debugged invocation');
      assert.deepEqual(JSON.parse(debugged.event), event);
    });

    it('refuses what it cannot do, and says why', async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      assert.equal(await vscode.commands.executeCommand('lambkin.invocation.copyResponse'), undefined, 'no invocation open, none given');
      assert.equal(await vscode.commands.executeCommand('lambkin.invocation.openLogs', 'not-a-request'), undefined);
    });
  });
});
