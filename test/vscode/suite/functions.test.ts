// The Functions view over the example app: functions with their configuration and triggers.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import { screenshot, screenshotsSupported } from './support/screenshot';
import { activateLambkin, childItems, EXAMPLE_FUNCTIONS, functionNode, functionNodes, label, revealFunction, waitFor } from './support/lambkin';

describe('Functions view', () => {
  let api: LambkinApi;
  before(async () => {
    api = await activateLambkin();
  });

  it('lists every function of the example template', () => {
    const names = functionNodes(api).map((node) => label(api.functionsTree.getTreeItem(node)));
    assert.deepEqual(names, EXAMPLE_FUNCTIONS);
  });

  it('describes each function by runtime, memory, architecture and state, with its configuration as tooltip', () => {
    const hello = api.functionsTree.getTreeItem(functionNode(api, 'HelloFunction'));
    assert.equal(hello.contextValue, 'lambkin.function');
    assert.match(String(hello.description), /^nodejs22\.x · 256 MB · x86_64 · (idle|\d+ warm)/);
    const tooltip = hello.tooltip as vscode.MarkdownString;
    assert.ok(tooltip.value.includes('`app.handler`'), tooltip.value);
    assert.ok(tooltip.value.includes('| Timeout | 10 s |'), tooltip.value);
    const thumbnail = api.functionsTree.getTreeItem(functionNode(api, 'ThumbnailFunction'));
    assert.match(String(thumbnail.description), /^nodejs22\.x · 512 MB · arm64/);
  });

  it('shows the triggers of each function with fitting icons', () => {
    const triggers = (name: string) =>
      childItems(api, name)
        .filter(({ node }) => node.kind === 'trigger')
        .map(({ item }) => [label(item), item.description, (item.iconPath as vscode.ThemeIcon).id]);
    assert.deepEqual(triggers('HelloFunction'), [['GET /hello/{name}', 'HTTP API', 'globe'], ['Function URL', 'auth NONE', 'link']]);
    assert.deepEqual(triggers('ThumbnailFunction'), [['uploadsbucket', 'S3 · s3:ObjectCreated:* · prefix: uploads/, suffix: .jpg', 'archive']]);
    const [orders] = triggers('OrdersFunction');
    assert.equal(orders![2], 'database');
    assert.match(String(orders![0]), /OrdersTable/);
    assert.deepEqual(triggers('SlowFunction'), []);
  });

  it('jumps from a trigger to its place in the template', async () => {
    const [{ item }] = childItems(api, 'HelloFunction').filter(({ node }) => node.kind === 'trigger');
    assert.ok(item?.command);
    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor && editor.document.uri.fsPath.endsWith('template.yaml'));
    assert.match(editor.document.lineAt(editor.selection.active.line).text, /SayHello:/);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('shows the Lambkin sidebar (screenshot)', async function () {
    await vscode.commands.executeCommand('workbench.view.extension.lambkin');
    await waitFor(() => api.functionsTree.view.visible, 'the Functions view to be visible');
    await revealFunction(api, 'HelloFunction', { select: true, focus: true, expand: true });
    if (!screenshotsSupported()) this.skip();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await screenshot('lambkin-sidebar');
  });
});
