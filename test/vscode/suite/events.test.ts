// Saved events: a sample saved for a function, an invocation's event saved, both shown under the
// function and usable to invoke it; the saved-event schema is contributed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import type { InvokeReply } from '../../../src/runtime/manager';
import type { FunctionsTreeNode } from '../../../src/views/nodes';
import { activateLambkin, childItems, EXTENSION_ID, useFreeInvokePort, waitFor } from './support/lambkin';

function savedEventNodes(api: LambkinApi, name: string): FunctionsTreeNode[] {
  return childItems(api, name).map(({ node }) => node).filter((node) => node.kind === 'savedEvent');
}

describe('Lambkin saved events', function () {
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

  it('saves a fitting sample for a function and lists it under the function', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('lambkin.newSavedEvent', 'ThumbnailFunction', 's3-put', 'jpg-upload');
    assert.ok(uri && existsSync(uri.fsPath), 'the saved event file exists');
    assert.match(uri.fsPath, /\.lambkin\/events\/ThumbnailFunction\/jpg-upload\.json$/);
    const event = JSON.parse(readFileSync(uri.fsPath, 'utf8')) as { Records: Array<{ s3: { object: { key: string } } }> };
    const key = event.Records[0]!.s3.object.key;
    assert.ok(key.startsWith('uploads/') && key.endsWith('.jpg'), `the sample passes the trigger's filter: ${key}`);
    const nodes = await waitFor(() => savedEventNodes(api, 'ThumbnailFunction').length === 1 && savedEventNodes(api, 'ThumbnailFunction'), 'the saved event in the tree');
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.functions.invokeSavedEvent', nodes[0]);
    assert.ok(reply, 'the invoke with the saved event returned nothing');
    assert.equal(reply.functionError, undefined, reply.payload);
  });

  it('saves the event of a finished invocation', async () => {
    const reply = await vscode.commands.executeCommand<InvokeReply>('lambkin.invokeFunctionWithEvent', 'SlowFunction', { sleepMs: 1, from: 'test' });
    assert.ok(reply);
    const invocation = await waitFor(() => childItems(api, 'SlowFunction').map(({ node }) => node).find((node) => node.kind === 'invocation' && node.invocation.requestId === reply.requestId && 'status' in node.invocation), 'the finished invocation in the tree');
    const uri = await vscode.commands.executeCommand<vscode.Uri>('lambkin.functions.saveInvocationEvent', invocation, 'from-invocation');
    assert.ok(uri);
    assert.deepEqual(JSON.parse(readFileSync(uri.fsPath, 'utf8')), { sleepMs: 1, from: 'test' });
    const again = await vscode.commands.executeCommand<vscode.Uri>('lambkin.functions.saveInvocationEvent', invocation, 'from-invocation');
    assert.equal(again, undefined, 'an existing saved event is never overwritten');
  });

  it('contributes the saved-event schema', () => {
    const validation = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.jsonValidation as Array<{ fileMatch: string[]; url: string }>;
    assert.ok(validation.some((entry) => entry.fileMatch.includes('**/.lambkin/events/*/*.json')));
    const schema = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist/schemas/lambda-event.schema.json');
    assert.ok(existsSync(schema.fsPath), 'the schema is built into dist/');
  });
});
