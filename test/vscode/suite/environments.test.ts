// Execution environments started from VS Code: a function runs on the Node major its Runtime names (installed
// into the user cache), and `lambkin.nodeRuntimes` picks another Node for a major. Screenshot:
// environments-node-major.png.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import type { InvokeReply } from '../../../src/runtime/manager';
import { screenshot, screenshotsSupported } from './support/screenshot';
import { activateLambkin, useFreeInvokePort, waitFor } from './support/lambkin';

async function initStartOf(api: LambkinApi, reply: InvokeReply | undefined): Promise<string> {
  assert.ok(reply, 'the command returned nothing (it failed: see the notification)');
  const record = await waitFor(() => api.activity('HelloFunction').recent.find((invocation) => invocation.requestId === reply.requestId), `the record of ${reply.requestId}`);
  const line = record.logs.find((candidate) => candidate.startsWith('INIT_START'));
  assert.ok(line, `a cold start logs INIT_START; got:\n${record.logs.join('\n')}`);
  return line;
}

describe('Execution environments from VS Code', function () {
  // The first run on a machine installs Node 22 from the npm registry.
  this.timeout(300_000);
  let api: LambkinApi;
  const settings = () => vscode.workspace.getConfiguration('lambkin');

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
    await api.runtime.stop();
  });
  after(async () => {
    await settings().update('nodeRuntimes', undefined, vscode.ConfigurationTarget.Workspace);
    await api.runtime.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs a nodejs22.x function on Node 22, whatever Node runs VS Code and the runtime', async () => {
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'HelloFunction', { name: 'node' });
    assert.match(await initStartOf(api, reply), /^INIT_START Runtime Version: nodejs:22\.v22\.\d+\.\d+\t/);
    if (screenshotsSupported()) {
      await waitFor(() => vscode.window.visibleTextEditors.find((editor) => editor.document.getText().includes('INIT_START')), 'the invocation document');
      await screenshot('environments-node-major');
    }
  });

  it('runs a major on the Node lambkin.nodeRuntimes names for it', async () => {
    // The extension host's own Node (code-server's, Node 24) stands in for a Node the user installed.
    await settings().update('nodeRuntimes', { 22: process.execPath }, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('lambkin.restartRuntime');
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'HelloFunction', { name: 'node' });
    const major = process.versions.node.split('.')[0];
    assert.match(await initStartOf(api, reply), new RegExp(`^INIT_START Runtime Version: nodejs:${major}\\.v${process.versions.node.replace(/\./g, '\\.')}\\t`));
  });
});
