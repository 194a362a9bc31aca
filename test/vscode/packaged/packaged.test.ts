// The .vsix as users get it: installed into code-server with --install-extension (run.mjs --vsix), never
// loaded from the repository. Opens the example app and checks what needs every part of the package: the
// sidebar lists the functions (manifest, views, media), an invoke returns (the runtime bundle, started
// from the installed folder, compiling the TypeScript handler with the packaged esbuild API and the binary
// it fetches into the Lambkin cache, which the harness starts without one: run.mjs), F5 stops
// at a breakpoint (debugger contribution, bootstrap), a cost hint appears above the handler, and the local
// DynamoDB answers the AWS SDK from LevelDB files (dynalite and LevelDB's binding loaded from the package).
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import type { DebugProtocol } from '@vscode/debugprotocol';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import type { InvokeReply } from '../../../src/runtime/manager';
import { screenshot, screenshotsSupported } from '../suite/support/screenshot';
import { activateLambkin, EXAMPLE_FUNCTIONS, functionNodes, label, useFreeInvokePort, waitFor } from '../suite/support/lambkin';

// The bundled suite runs from out/vscode-packaged-tests/.
const REPO_ROOT = path.resolve(__dirname, '../..');
const ESBUILD_PACKAGE = { linux: { x64: '@esbuild/linux-x64', arm64: '@esbuild/linux-arm64' } } as const;
const LEVELDB_BINDING = { linux: { x64: 'classic-level/prebuilds/linux-x64/classic-level.node', arm64: 'classic-level/prebuilds/linux-arm64/classic-level.armv8.node' } } as const;

interface Stop {
  session: vscode.DebugSession;
  threadId: number;
  at: number;
}

describe('Packaged extension (.vsix installed into code-server)', function () {
  this.timeout(90_000);
  let extension: vscode.Extension<LambkinApi>;
  let api: LambkinApi;
  let folder: string;
  let handler: vscode.Uri;

  before(async () => {
    extension = vscode.extensions.getExtension<LambkinApi>('lambkin.lambkin')!;
    assert.ok(extension, 'lambkin.lambkin is installed');
    api = await activateLambkin();
    await useFreeInvokePort();
    await vscode.workspace.getConfiguration('lambkin').update('showResultAfterInvoke', false, vscode.ConfigurationTarget.Workspace);
    folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    handler = vscode.Uri.file(path.join(folder, 'src', 'hello', 'app.ts'));
  });

  after(async () => {
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    await api?.runtime.stop();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('runs from the installed package, which holds esbuild\'s API without its binary, and no sources', () => {
    const installed = extension.extensionPath;
    assert.ok(path.relative(REPO_ROOT, installed).startsWith('..'), `${installed} is inside the repository, not an installed copy`);
    assert.match(path.basename(installed), /^lambkin\.lambkin-\d+\.\d+\.\d+/);
    assert.ok(existsSync(path.join(installed, 'node_modules', 'esbuild', 'lib', 'main.js')), 'esbuild\'s API is in the package');
    assert.ok(!existsSync(path.join(installed, 'node_modules', '@esbuild')), 'no esbuild binary is in the package');
    assert.ok(!existsSync(path.join(installed, 'node_modules', 'esbuild', 'bin')), 'no esbuild binary is in the package');
    const binding = (LEVELDB_BINDING as Record<string, Record<string, string>>)[process.platform]?.[process.arch];
    if (binding) assert.ok(existsSync(path.join(installed, 'node_modules', binding)), `${binding} is in the package`);
    assert.ok(existsSync(path.join(installed, 'node_modules', 'dynalite', 'db', 'index.js')), 'dynalite is in the package');
    for (const absent of ['src', 'runtime', 'test', 'dist/extension.js.map']) assert.ok(!existsSync(path.join(installed, absent)), `${absent} is not in the package`);
    const manifest = JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')) as { icon: string };
    assert.ok(existsSync(path.join(installed, manifest.icon)), 'the icon the manifest names');
  });

  it('lists the example\'s functions in the sidebar', async () => {
    assert.deepEqual(functionNodes(api).map((node) => label(api.functionsTree.getTreeItem(node))), EXAMPLE_FUNCTIONS);
    await vscode.commands.executeCommand('workbench.view.extension.lambkin');
    await waitFor(() => api.functionsTree.view.visible, 'the Functions view to be visible');
    if (screenshotsSupported()) await screenshot('packaged-sidebar');
  });

  it('invokes the TypeScript handler through the runtime it starts from the package, fetching esbuild\'s binary first', async () => {
    const platformPackage = (ESBUILD_PACKAGE as Record<string, Record<string, string>>)[process.platform]?.[process.arch];
    const esbuildVersion = (JSON.parse(readFileSync(path.join(extension.extensionPath, 'node_modules', 'esbuild', 'package.json'), 'utf8')) as { version: string }).version;
    const cacheFolder = platformPackage && path.join(process.env.LAMBKIN_CACHE_DIR!, 'esbuild', `${esbuildVersion}-${platformPackage.split('/')[1]}`);
    const cached = cacheFolder && path.join(cacheFolder, 'node_modules', platformPackage, 'bin', 'esbuild');
    if (cached) assert.ok(!existsSync(cached), `${cached} is not there before the first TypeScript build (run.mjs starts with a cache without it)`);
    let invoked = false;
    const invoking = Promise.resolve(vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunction', 'HelloFunction')).finally(() => { invoked = true; });
    if (cacheFolder && screenshotsSupported()) {
      // While the binary is fetched (its lock folder exists) the progress notification shows: captured once.
      const fetching = await waitFor(() => existsSync(`${cacheFolder}.lock`) || (invoked && 'ended'), 'the fetch of esbuild\'s binary to start', 60_000);
      if (fetching === true) {
        // A picture only (nothing is asserted on it): the report travels runtime → extension → workbench first,
        // and the headless workbench keeps toasts in the notification list, opened for the picture.
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        await vscode.commands.executeCommand('notifications.showList');
        await screenshot('packaged-esbuild-fetch');
        await vscode.commands.executeCommand('notifications.hideList');
      }
    }
    const reply = await invoking;
    assert.equal(reply?.statusCode, 200);
    assert.equal(reply.functionError, undefined, reply.payload);
    assert.match((JSON.parse(reply.payload) as { body: string }).body, /hi, /);
    if (cached) assert.ok(existsSync(cached), `the first TypeScript build fetched esbuild's binary into ${cached}`);
    const pid = api.runtime.pid;
    assert.ok(pid, 'the runtime runs');
    if (process.platform === 'linux') {
      const commandLine = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      assert.ok(commandLine.includes(path.join(extension.extensionPath, 'dist', 'runtime', 'cli.js')), commandLine.join(' '));
    }
  });

  it('serves DynamoDB from the package: the example\'s table, kept in LevelDB files', async () => {
    const endpoint = api.runtime.awsEndpoint;
    assert.ok(endpoint, 'the runtime serves the local AWS endpoint');
    const dynamodb = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    try {
      const table = (await dynamodb.send(new ListTablesCommand({}))).TableNames?.find((name) => /OrdersTable/.test(name));
      assert.ok(table, 'the example\'s OrdersTable');
      await dynamodb.send(new PutItemCommand({ TableName: table, Item: { orderId: { S: 'vsix-1' }, total: { N: '7' } } }));
      const read = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { orderId: { S: 'vsix-1' } } }));
      assert.deepEqual(read.Item?.total, { N: '7' });
    } finally {
      dynamodb.destroy();
    }
    // LevelDB's files, not the in-memory store of a machine where its binding cannot load.
    assert.ok(existsSync(path.join(folder, '.lambkin', 'data', 'dynamodb', 'db', 'CURRENT')), 'LevelDB keeps the tables in .lambkin/data/dynamodb/db');
  });

  it('shows the measured cost above the handler', async () => {
    await vscode.window.showTextDocument(handler, { preview: false });
    const lens = await waitFor(async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', handler, 10)) ?? [];
      return lenses.find((candidate) => candidate.command?.command === 'lambkin.showCostReport');
    }, 'the measured cost lens above the handler');
    assert.match(lens.command!.title, /p50 .* billed .* 256 MB .*\/1M/);
    if (screenshotsSupported()) await screenshot('packaged-cost-hint');
  });

  it('F5 stops at a breakpoint in the TypeScript handler', async () => {
    const stops: Stop[] = [];
    const tracker = vscode.debug.registerDebugAdapterTrackerFactory('pwa-node', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (message: DebugProtocol.ProtocolMessage) => {
          const event = message as DebugProtocol.StoppedEvent;
          if (event.type === 'event' && event.event === 'stopped') stops.push({ session, threadId: event.body.threadId ?? 0, at: Date.now() });
        },
      }),
    });
    try {
      const document = await vscode.workspace.openTextDocument(handler);
      const line = document.getText().split('\n').findIndex((text) => text.includes('invocations += 1;'));
      assert.ok(line >= 0);
      vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(handler, new vscode.Position(line, 0)))]);
      await vscode.window.showTextDocument(document);
      const ended = new Promise<void>((resolve) => {
        const subscription = vscode.debug.onDidTerminateDebugSession((session) => {
          if (session.type !== 'lambkin') return;
          subscription.dispose();
          resolve();
        });
      });
      // What F5 starts with the handler open and no launch.json (see test/vscode/suite/debug.test.ts).
      assert.ok(await vscode.debug.startDebugging(vscode.workspace.workspaceFolders![0], { type: 'lambkin', request: 'launch', name: 'Debug the open handler' }));
      const stop = await waitFor(() => stops[0], 'the debugger to stop in app.ts', 60_000);
      const trace = await stop.session.customRequest('stackTrace', { threadId: stop.threadId, startFrame: 0, levels: 1 }) as DebugProtocol.StackTraceResponse['body'];
      const frame = trace.stackFrames[0]!;
      assert.equal(frame.line, line + 1, 'stopped at the breakpoint\'s line');
      assert.match(frame.source?.path ?? '', /hello\/app\.ts$/);
      if (screenshotsSupported()) await screenshot('packaged-debug-stopped');
      await stop.session.customRequest('continue', { threadId: stop.threadId });
      await ended;
    } finally {
      tracker.dispose();
    }
  });
});
