// Saved events: a sample saved for a function, an invocation's event saved, both shown under the
// function and usable to invoke it; the saved-event schema is contributed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import type { InvokeReply } from '../../../src/runtime/manager';
import type { FunctionsTreeNode } from '../../../src/views/nodes';
import { activateLambkin, childItems, EXTENSION_ID, useFreeInvokePort, waitFor } from './support/lambkin';
import { screenshot, screenshotsSupported } from './support/screenshot';

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

  it('offers the event-source samples, and the schema checks a saved one of them', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('lambkin.newSavedEvent', 'OrdersFunction', 'cloudwatch-logs', 'log-errors');
    assert.ok(uri);
    const saved = JSON.parse(readFileSync(uri.fsPath, 'utf8')) as { awslogs: { data: string } };
    const logs = JSON.parse(gunzipSync(Buffer.from(saved.awslogs.data, 'base64')).toString('utf8')) as { messageType: string };
    assert.equal(logs.messageType, 'DATA_MESSAGE');
    // A Kinesis record whose data is not base64: the contributed schema must flag it in the editor.
    const bad = await vscode.commands.executeCommand<vscode.Uri>('lambkin.newSavedEvent', 'OrdersFunction', 'kinesis', 'bad-kinesis');
    assert.ok(bad);
    const kinesis = JSON.parse(readFileSync(bad.fsPath, 'utf8')) as { Records: Array<{ kinesis: { data: string } }> };
    kinesis.Records[0]!.kinesis.data = 'not base64!';
    const edit = new vscode.WorkspaceEdit();
    const document = await vscode.workspace.openTextDocument(bad);
    edit.replace(bad, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), JSON.stringify(kinesis, null, 2));
    await vscode.workspace.applyEdit(edit);
    await document.save();
    await vscode.window.showTextDocument(document);
    const problems = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(bad).filter((d) => /pattern|match/i.test(d.message));
      return found.length > 0 && found;
    }, 'the schema to flag the Kinesis data', 30_000);
    assert.equal(document.getText().split('\n')[problems[0]!.range.start.line]?.includes('"data"'), true, 'the problem is on the data field');
    assert.deepEqual(vscode.languages.getDiagnostics(uri), [], 'the generated CloudWatch Logs event is valid');
    if (screenshotsSupported()) {
      await screenshot('saved-event-schema-kinesis');
      // The samples picker for a function: its own trigger first, then the catalog.
      const picking = vscode.commands.executeCommand('lambkin.newSavedEvent', 'OrdersFunction');
      await new Promise((resolve) => setTimeout(resolve, 1000));
      for (let page = 0; page < 2; page++) await vscode.commands.executeCommand('quickInput.pageNext');
      await new Promise((resolve) => setTimeout(resolve, 500));
      await screenshot('sample-event-picker');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      await picking;
    }
  });

  it('contributes the saved-event schema', () => {
    const validation = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.jsonValidation as Array<{ fileMatch: string[]; url: string }>;
    assert.ok(validation.some((entry) => entry.fileMatch.includes('**/.lambkin/events/*/*.json')));
    const schema = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'dist/schemas/lambda-event.schema.json');
    assert.ok(existsSync(schema.fsPath), 'the schema is built into dist/');
  });
});
