// Provisioned concurrency from VS Code: a saved template that gives HelloFunction an alias and two
// provisioned environments reloads the runtime, which starts them ahead of traffic; the Functions view
// says so, and an invocation runs on one without a cold start. Screenshot: provisioned-concurrency.png.
// The same through an AWS::Lambda::Alias resource of the template. Screenshot: provisioned-alias.png.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import type { RuntimeInfo } from '../../../src/commands/runtimeCommands';
import type { InvokeReply } from '../../../src/runtime/manager';
import { screenshot, screenshotsSupported } from './support/screenshot';
import { activateLambkin, functionNode, revealFunction, useFreeInvokePort, waitFor } from './support/lambkin';

const ANCHOR = '      Description: Greets whoever is named in the path.\n';
const PROVISIONED = [
  '      AutoPublishAlias: live',
  '      ProvisionedConcurrencyConfig:',
  '        ProvisionedConcurrentExecutions: 2',
  '',
].join('\n');
const WIDER_STEPS = 5;
const ALIAS_RESOURCE = [
  '  HelloBetaAlias:',
  '    Type: AWS::Lambda::Alias',
  '    Properties:',
  '      FunctionName: !Ref HelloFunction',
  "      FunctionVersion: '1'",
  '      Name: beta',
  '      ProvisionedConcurrencyConfig:',
  '        ProvisionedConcurrentExecutions: 1',
  '',
].join('\n');

describe('Provisioned concurrency from VS Code', function () {
  this.timeout(180_000);
  let api: LambkinApi;
  let templatePath: string;
  let original: string;
  const hello = () => api.functionsTree.getTreeItem(functionNode(api, 'HelloFunction'));

  /** HelloFunction selected in a sidebar wide enough for its whole description (the default one cuts it after the runtime). */
  async function screenshotHelloFunction(name: string): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.extension.lambkin');
    // Focused on the sidebar, decreaseViewWidth narrows the editor beside it, as the schedules suite found.
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
    for (let step = 0; step < WIDER_STEPS; step++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
    try {
      await revealFunction(api, 'HelloFunction', { select: true, focus: true, expand: false });
      if (screenshotsSupported()) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        await screenshot(name);
      }
    } finally {
      await vscode.commands.executeCommand('workbench.action.focusSideBar');
      for (let step = 0; step < WIDER_STEPS; step++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    }
  }

  /** Later suites share the workspace: the tree and the runtime must be back on the original template. */
  async function restoreTemplate(): Promise<void> {
    writeFileSync(templatePath, original);
    await waitFor(() => !String(hello().description).includes('provisioned') && api.activity('HelloFunction').warm === 0, 'the original template again, its provisioned environments retired', 60_000);
  }

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
    await api.runtime.stop();
    templatePath = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'template.yaml');
    original = readFileSync(templatePath, 'utf8');
  });
  after(async () => {
    await api.runtime.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows "2 provisioned", starts them on reload, and invokes without a cold start', async () => {
    assert.ok(original.includes(ANCHOR) && !/AutoPublishAlias|ProvisionedConcurrency/.test(original), 'the example template has HelloFunction without an alias');
    const started = await vscode.commands.executeCommand<RuntimeInfo>('lambkin.startRuntime');
    assert.ok(started);
    assert.equal(api.activity('HelloFunction').warm, 0, 'nothing is warm before the template changes');
    try {
      writeFileSync(templatePath, original.replace(ANCHOR, ANCHOR + PROVISIONED));
      // The runtime watches its template: the reload starts the two provisioned environments, and only those.
      await waitFor(() => api.activity('HelloFunction').warm === 2, 'the reload to start 2 provisioned environments', 60_000);
      assert.equal(api.runtime.pid, started.pid, 'a saved template reloads the runtime, it does not restart it');
      const item = await waitFor(() => { const current = hello(); return String(current.description).includes('2 provisioned') && current; }, 'the tree to say 2 provisioned');
      assert.match(String(item.description), /^nodejs22\.x · 256 MB · x86_64 · 2 provisioned · 2 warm/);
      assert.ok((item.tooltip as vscode.MarkdownString).value.includes('| Provisioned concurrency | 2 environments kept initialised (alias live) |'), (item.tooltip as vscode.MarkdownString).value);

      const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'HelloFunction', { pathParameters: { name: 'Warm' } });
      assert.ok(reply, 'the command returned nothing (it failed: see the notification)');
      const record = await waitFor(() => api.activity('HelloFunction').recent.find((invocation) => invocation.requestId === reply.requestId), `the record of ${reply.requestId}`);
      assert.equal(record.initDurationMs, undefined, 'a provisioned environment has no INIT in the invocation');
      assert.ok(!record.logs.some((line) => line.startsWith('INIT_START') || line.includes('Init Duration')), `no cold start in:\n${record.logs.join('\n')}`);
      assert.ok(record.logs.some((line) => line.startsWith('REPORT RequestId')), `a REPORT line in:\n${record.logs.join('\n')}`);
      assert.equal(api.activity('HelloFunction').warm, 2, 'the invocation used a provisioned environment, not a new one');

      await screenshotHelloFunction('provisioned-concurrency');
    } finally {
      await restoreTemplate();
    }
  });

  it('does the same for an AWS::Lambda::Alias resource of the template: "1 provisioned (alias beta)"', async () => {
    assert.ok(original.includes('\nOutputs:'), 'the example template has Outputs after its Resources');
    await vscode.commands.executeCommand<RuntimeInfo>('lambkin.startRuntime');
    try {
      writeFileSync(templatePath, original.replace('\nOutputs:', `\n${ALIAS_RESOURCE}\nOutputs:`));
      await waitFor(() => api.activity('HelloFunction').warm === 1, 'the reload to start the alias\'s provisioned environment', 60_000);
      const item = await waitFor(() => { const current = hello(); return String(current.description).includes('1 provisioned') && current; }, 'the tree to say 1 provisioned');
      assert.ok((item.tooltip as vscode.MarkdownString).value.includes('| Provisioned concurrency | 1 environment kept initialised (alias beta) |'), (item.tooltip as vscode.MarkdownString).value);
      const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'HelloFunction', { pathParameters: { name: 'Beta' } });
      assert.ok(reply, 'the command returned nothing (it failed: see the notification)');
      const record = await waitFor(() => api.activity('HelloFunction').recent.find((invocation) => invocation.requestId === reply.requestId), `the record of ${reply.requestId}`);
      assert.equal(record.initDurationMs, undefined, 'the alias\'s provisioned environment took the invocation');
      await screenshotHelloFunction('provisioned-alias');
    } finally {
      await restoreTemplate();
    }
  });
});
