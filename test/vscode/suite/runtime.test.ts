// The runtime's lifecycle: started as a child process, restarted, stopped, and gone on deactivate.
import assert from 'node:assert/strict';
import net from 'node:net';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import type { RuntimeInfo } from '../../../src/commands/runtimeCommands';
import { activateLambkin, EXTENSION_ID, processAlive, recordErrorMessages, useFreeInvokePort, waitFor } from './support/lambkin';

describe('Lambkin runtime lifecycle', function () {
  this.timeout(60_000);
  let api: LambkinApi;

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
    await api.runtime.stop();
  });
  after(() => api.runtime.stop());

  it('Start Runtime starts it once, however often it is asked', async () => {
    const [first, second] = await Promise.all([
      vscode.commands.executeCommand<RuntimeInfo>('lambkin.startRuntime'),
      vscode.commands.executeCommand<RuntimeInfo>('lambkin.startRuntime'),
    ]);
    assert.ok(first && second);
    assert.equal(first.pid, second.pid);
    assert.ok(processAlive(first.pid));
    assert.equal(api.runtime.state, 'running');
    assert.equal(api.runtime.pid, first.pid);
    assert.match(first.invokeEndpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('Restart Runtime replaces the process', async () => {
    const before = api.runtime.pid!;
    const after = await vscode.commands.executeCommand<RuntimeInfo>('lambkin.restartRuntime');
    assert.ok(after);
    assert.notEqual(after.pid, before);
    await waitFor(() => !processAlive(before), `the old runtime (pid ${before}) to exit`);
    assert.ok(processAlive(after.pid));
  });

  it('Stop Runtime ends the process', async () => {
    const pid = api.runtime.pid!;
    await vscode.commands.executeCommand('lambkin.stopRuntime');
    assert.equal(api.runtime.state, 'stopped');
    assert.equal(api.runtime.pid, undefined);
    await waitFor(() => !processAlive(pid), `the runtime (pid ${pid}) to exit`);
  });

  it('notices when the runtime dies and starts a new one on the next command', async () => {
    const started = await vscode.commands.executeCommand<RuntimeInfo>('lambkin.startRuntime');
    assert.ok(started);
    process.kill(started.pid, 'SIGKILL');
    await waitFor(() => api.runtime.state === 'stopped', 'the runtime to be seen as stopped');
    const again = await vscode.commands.executeCommand<RuntimeInfo>('lambkin.startRuntime');
    assert.ok(again && again.pid !== started.pid && processAlive(again.pid));
    await vscode.commands.executeCommand('lambkin.stopRuntime');
  });

  it('explains a port that is already taken', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    const errors = recordErrorMessages();
    try {
      await vscode.workspace.getConfiguration('lambkin').update('invokePort', port, vscode.ConfigurationTarget.Workspace);
      assert.equal(await vscode.commands.executeCommand('lambkin.startRuntime'), undefined);
      assert.equal(api.runtime.state, 'stopped');
      const message = await waitFor(() => errors.messages[0], 'the error notification');
      assert.match(message, new RegExp(`^Port ${port} is already in use .*Set "lambkin\\.invokePort" to a free port, or to 0`));
      assert.equal(errors.messages.length, 1, errors.messages.join('\n'));
    } finally {
      errors.restore();
      blocker.close();
      await useFreeInvokePort();
    }
  });

  it('deactivate() shuts the runtime down', async () => {
    const started = await vscode.commands.executeCommand<RuntimeInfo>('lambkin.startRuntime');
    assert.ok(started);
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    // The module the extension host loaded; its deactivate() is what VS Code calls on shutdown.
    const main = require(path.join(extension.extensionPath, 'dist', 'extension.js')) as { deactivate(): Promise<void> };
    await main.deactivate();
    assert.equal(api.runtime.state, 'stopped');
    await waitFor(() => !processAlive(started.pid), `the runtime (pid ${started.pid}) to exit`);
  });
});
