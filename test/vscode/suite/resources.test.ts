// The Resources view over the example app: the template's bucket and table, grouped by kind, and resetting
// the local data from VS Code.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import type { ResourcesTreeNode } from '../../../src/resources/nodes';
import { activateLambkin, label } from './support/lambkin';
import { screenshot, screenshotsSupported } from './support/screenshot';

async function labels(api: LambkinApi, node?: ResourcesTreeNode): Promise<string[]> {
  return (await api.resourcesTree.getChildren(node)).map((child) => label(api.resourcesTree.getTreeItem(child)));
}

describe('Resources view', () => {
  let api: LambkinApi;
  before(async () => {
    api = await activateLambkin();
  });

  it('groups the template\'s resources by kind, under their local names', async () => {
    assert.deepEqual(await labels(api), ['Buckets', 'Tables']);
    const [buckets, tables] = await api.resourcesTree.getChildren();
    assert.deepEqual(await labels(api, buckets), ['uploadsbucket']);
    assert.deepEqual(await labels(api, tables), ['OrdersTable']);
    const [bucket] = await api.resourcesTree.getChildren(buckets);
    const item = api.resourcesTree.getTreeItem(bucket!);
    assert.equal(item.contextValue, 'lambkin.resource.bucket');
    assert.equal(item.description, 'UploadsBucket');
    assert.match((item.tooltip as vscode.MarkdownString).value, /`AWS::S3::Bucket`[\s\S]*Logical id `UploadsBucket` in template\.yaml:\d+/);
  });

  it('copies a resource\'s name', async () => {
    const [buckets] = await api.resourcesTree.getChildren();
    const [bucket] = await api.resourcesTree.getChildren(buckets);
    assert.equal(await vscode.commands.executeCommand('lambkin.resources.copyName', bucket), 'uploadsbucket');
    assert.equal(await vscode.env.clipboard.readText(), 'uploadsbucket');
  });

  it('resets one service\'s local data on disk while the runtime is stopped', async () => {
    await api.runtime.stop();
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    const objects = path.join(folder, '.lambkin', 'data', 's3', 'uploadsbucket');
    const queues = path.join(folder, '.lambkin', 'data', 'sqs');
    mkdirSync(objects, { recursive: true });
    mkdirSync(queues, { recursive: true });
    writeFileSync(path.join(objects, 'photo.jpg'), 'jpeg');
    assert.equal(await vscode.commands.executeCommand('lambkin.resetLocalData', 's3'), true);
    assert.ok(!existsSync(path.join(folder, '.lambkin', 'data', 's3')), 'the S3 data is gone');
    assert.ok(existsSync(queues), 'other services keep theirs');
  });

  it('looks right in the sidebar', async function () {
    if (!screenshotsSupported()) this.skip();
    await vscode.commands.executeCommand('lambkin.resources.focus');
    await screenshot('resources-view');
  });
});
