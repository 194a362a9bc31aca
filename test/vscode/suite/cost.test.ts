// Cost hints in a real VS Code: after invoking an example function, the CodeLens above its handler shows
// the figures of the runtime's REPORT line, the hover explains them, the report webview opens, and the
// export and reset commands work. Screenshots: the hint (both styles) and the report.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { formatDurationMs, formatUsd, invocationCost } from '../../../runtime/cost';
import type { LambkinApi } from '../../../src/api';
import type { InvokeReply } from '../../../src/runtime/manager';
import { screenshot, screenshotsSupported } from './support/screenshot';
import { activateLambkin, useFreeInvokePort, waitFor } from './support/lambkin';

interface ReportFigures {
  durationMs: number;
  billedMs: number;
  memoryMb: number;
  initMs?: number;
}

/** The figures of the invocation's `REPORT RequestId: …` line, as Lambda prints them. */
function reportLine(reply: InvokeReply | undefined): ReportFigures {
  assert.ok(reply?.result, 'the invoke reply carries the invocation result');
  const line = reply.result.logs.find((candidate) => candidate.startsWith(`REPORT RequestId: ${reply.requestId}`));
  assert.ok(line, `no REPORT line in\n${reply.result.logs.join('\n')}`);
  const figure = (name: string) => {
    const match = new RegExp(`${name}: ([\\d.]+) (?:ms|MB)`).exec(line);
    return match ? Number(match[1]) : undefined;
  };
  return { durationMs: figure('Duration')!, billedMs: figure('Billed Duration')!, memoryMb: figure('Memory Size')!, initMs: figure('Init Duration') };
}

async function costLenses(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10)) ?? [];
  return lenses.filter((lens) => lens.command?.command === 'lambkin.showCostReport' || lens.command?.title.startsWith('cost: not measured yet'));
}

function webviewTabOpen(): boolean {
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('lambkin.costReport')));
}

describe('Lambkin cost hints and report', function () {
  this.timeout(90_000);
  let api: LambkinApi;
  let handlerUri: vscode.Uri;
  let handlerLine: number;
  const config = () => vscode.workspace.getConfiguration('lambkin');

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
    await config().update('apiPort', 0, vscode.ConfigurationTarget.Workspace);
    await config().update('showResultAfterInvoke', false, vscode.ConfigurationTarget.Workspace);
    await api.runtime.stop();
    await vscode.commands.executeCommand('lambkin.resetCostMeasurements', '*');
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    handlerUri = vscode.Uri.file(path.join(folder, 'src', 'hello', 'app.ts'));
    handlerLine = readFileSync(handlerUri.fsPath, 'utf8').split('\n').findIndex((line) => line.startsWith('export const handler'));
    assert.ok(handlerLine > 0);
    await vscode.window.showTextDocument(handlerUri, { preview: false });
  });

  after(async () => {
    await config().update('cost.hints', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('showResultAfterInvoke', undefined, vscode.ConfigurationTarget.Workspace);
    await config().update('apiPort', undefined, vscode.ConfigurationTarget.Workspace);
    await api.runtime.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows a quiet "not measured yet — Invoke" above a handler never invoked', async () => {
    const lens = await waitFor(async () => (await costLenses(handlerUri)).find((candidate) => candidate.range.start.line === handlerLine), 'the unmeasured lens');
    assert.equal(lens.command!.title, 'cost: not measured yet — Invoke');
    assert.equal(lens.command!.command, 'lambkin.invokeFunction');
    assert.deepEqual(lens.command!.arguments, ['HelloFunction']);
  });

  it('after an invocation, the lens at the handler\'s line shows the REPORT line\'s figures', async () => {
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunction', 'HelloFunction');
    const report = reportLine(reply);
    const lens = await waitFor(async () => (await costLenses(handlerUri)).find((candidate) => candidate.range.start.line === handlerLine && candidate.command?.command === 'lambkin.showCostReport'), 'the measured lens', 5000);
    const title = lens.command!.title;
    console.log(`REPORT ${JSON.stringify(report)} → lens "${title}"`);
    assert.ok(title.includes(`p50 ${formatDurationMs(report.durationMs)} · p95 ${formatDurationMs(report.durationMs)}`), title);
    assert.ok(title.includes(`billed ${formatDurationMs(report.billedMs)}`), title);
    assert.ok(title.includes(` · ${report.memoryMb} MB · `), title);
    const perInvocation = invocationCost({ memoryMb: report.memoryMb, billedMs: report.billedMs, architecture: 'x86_64' }).total;
    assert.ok(title.includes(`${formatUsd(perInvocation * 1e6)}/1M (${formatUsd(perInvocation)} each)`), title);
    if (report.initMs !== undefined) {
      // One cold invocation: INIT's part is what the billed duration adds over the warm ⌈duration⌉.
      const warm = invocationCost({ memoryMb: report.memoryMb, billedMs: Math.ceil(report.durationMs), architecture: 'x86_64' }).total;
      assert.ok(title.includes(`cold starts ${Math.round(((perInvocation - warm) / perInvocation) * 100)} % of cost`), title);
    }
    assert.deepEqual(lens.command!.arguments, ['HelloFunction']);
  });

  it('updates live as more invocations finish, and hovers with the full breakdown', async () => {
    const second = reportLine(await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunction', 'HelloFunction'));
    assert.equal(second.initMs, undefined, 'the second invocation reuses the warm environment');
    await waitFor(async () => (await costLenses(handlerUri)).some((lens) => String(lens.command?.tooltip).includes('measured over 2 invocations')), 'the lens to count 2 invocations', 5000);

    const column = readFileSync(handlerUri.fsPath, 'utf8').split('\n')[handlerLine]!.indexOf('handler') + 2;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', handlerUri, new vscode.Position(handlerLine, column));
    const text = hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
    for (const part of ['### HelloFunction — x86_64 · 256 MB', '2 invocations measured', 'Formula: `$0.2 / 1M + 256 MB / 1024 ×', 'per 1M · arm64', '| 1024 MB |', 'Month at 1,000,000 invocations', 'free tier applied once']) {
      assert.ok(text.includes(part), `${part} in the hover:\n${text}`);
    }
    if (screenshotsSupported()) {
      await vscode.window.showTextDocument(handlerUri, { preview: false, selection: new vscode.Range(handlerLine, 0, handlerLine, 0) });
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await screenshot('cost-hint-codelens');
      await vscode.window.showTextDocument(handlerUri, { preview: false, selection: new vscode.Range(handlerLine, column, handlerLine, column) });
      await vscode.commands.executeCommand('editor.action.showHover');
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await screenshot('cost-hover');
      await vscode.commands.executeCommand('editor.action.hideHover').then(undefined, () => undefined);
    }
  });

  it('shows the hint at the end of the line when lambkin.cost.hints is endOfLine (and no lens then)', async () => {
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'ThumbnailFunction', vscode.Uri.joinPath(folder, 'events', 'thumbnail.json'));
    assert.equal(reply?.result?.status, 'success', reply?.payload);
    assert.deepEqual(JSON.parse(reply.payload), { thumbnails: [{ bucket: 'UploadsBucket', source: 'uploads/summer holiday.jpg', thumbnail: 'thumbnails/summer holiday-128.jpg' }] });
    const report = reportLine(reply);
    await config().update('cost.hints', 'endOfLine', vscode.ConfigurationTarget.Workspace);
    try {
      await endOfLineHintShown(folder, report);
    } finally {
      // Restored even when the hint check fails: the next tests read the lenses this setting hides.
      await config().update('cost.hints', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await waitFor(async () => (await costLenses(handlerUri)).length > 0, 'the cost lens to come back');
    await waitFor(() => api.cost.endOfLineHints(vscode.Uri.joinPath(folder, 'src', 'thumbnail', 'index.js')).length === 0, 'the end-of-line hint to go with the setting');
  });

  async function endOfLineHintShown(folder: vscode.Uri, report: ReturnType<typeof reportLine>): Promise<void> {
    await waitFor(async () => (await costLenses(handlerUri)).length === 0, 'the cost lens to go away');
    // The TypeScript handler's line is wider than the editor; the CommonJS one shows its hint in full.
    const thumbnail = vscode.Uri.joinPath(folder, 'src', 'thumbnail', 'index.js');
    await vscode.window.showTextDocument(thumbnail, { preview: false });
    const exportLine = readFileSync(thumbnail.fsPath, 'utf8').split('\n').findIndex((line) => line.startsWith('exports.handler'));
    // What the extension set on the editor, as its API reports it (decorations cannot be read back).
    // The invocation's measurement reaches the hints a moment after its reply: wait for the measured hint.
    const [hint, ...others] = await waitFor(() => {
      const hints = api.cost.endOfLineHints(thumbnail);
      return hints.length > 0 && hints.every((candidate) => candidate.level !== 'unmeasured') && hints;
    }, 'the measured end-of-line hint in thumbnail/index.js');
    assert.deepEqual(others, [], 'one hint: one handler in the file');
    assert.equal(hint.line, exportLine, 'at the exported handler\'s line');
    assert.ok(hint.text.includes(`billed ${formatDurationMs(report.billedMs)} · ${report.memoryMb} MB · `), hint.text);
    assert.notEqual(hint.level, 'unmeasured', hint.text);
    if (screenshotsSupported()) await screenshot('cost-hint-end-of-line');
  }

  it('opens the cost report webview and exports the report as CSV and Markdown', async () => {
    assert.equal(await vscode.commands.executeCommand('lambkin.showCostReport', 'HelloFunction'), true);
    await waitFor(() => webviewTabOpen(), 'the cost report tab');
    if (screenshotsSupported()) {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      await screenshot('cost-report');
    }
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const csv = await vscode.commands.executeCommand<string>('lambkin.exportCostReport', 'csv', vscode.Uri.joinPath(folder, 'cost.csv'));
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    assert.match(lines[0]!, /^Function,Arch,Memory,Invocations,/);
    assert.match(lines.find((line) => line.startsWith('HelloFunction,'))!, /^HelloFunction,x86_64,256,2,/);
    const markdown = await vscode.commands.executeCommand<string>('lambkin.exportCostReport', 'markdown', vscode.Uri.joinPath(folder, 'cost.md'));
    assert.match(readFileSync(markdown, 'utf8'), /^# Lambda cost estimate \(us-east-1\)/);
  });

  it('resets one function\'s measurements through the running runtime, back to "not measured yet"', async () => {
    assert.equal(api.runtime.state, 'running');
    await vscode.commands.executeCommand('lambkin.functions.resetCostMeasurements', 'HelloFunction');
    await waitFor(async () => (await costLenses(handlerUri)).some((lens) => lens.command?.title === 'cost: not measured yet — Invoke'), 'the lens to read not measured yet');
  });
});
