// Buckets in the Resources view: a bucket expands to its folders and objects (listed by the running runtime's
// local S3), Upload Files… puts files (and folders) as objects and the function the bucket triggers runs, its
// invocation showing in the Functions view; Open, Download…, Copy S3 URI, Delete and Reset Bucket Data. The
// project is a template of its own (selected with Select Template…), so the example app's tests are not disturbed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import { activateLambkin, label, useFreeInvokePort, waitFor } from './support/lambkin';
import { rows, type Row } from './support/resources-tree';
import { screenshot, screenshotsSupported } from './support/screenshot';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  PhotosBucket:
    Type: AWS::S3::Bucket
  Thumbnails:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      CodeUri: src/
      Handler: thumbs.handler
      Events:
        Uploaded:
          Type: S3
          Properties:
            Bucket: !Ref PhotosBucket
            Events: s3:ObjectCreated:*
`;

async function bucketRow(api: LambkinApi): Promise<Row> {
  const group = (await rows(api)).find((row) => label(row.item) === 'Buckets');
  assert.ok(group, 'no Buckets group');
  const bucket = (await rows(api, group.node)).find((row) => label(row.item) === 'photosbucket');
  assert.ok(bucket, 'no photosbucket');
  return bucket;
}

describe('Resources view: buckets and their objects', function () {
  this.timeout(120_000);
  let api: LambkinApi;
  let folder: string;
  let files: string;

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-buckets-'));
    writeFileSync(path.join(folder, 'template.yaml'), TEMPLATE);
    mkdirSync(path.join(folder, 'src'));
    writeFileSync(path.join(folder, 'src', 'thumbs.js'), 'exports.handler = async (event) => ({ made: event.Records.map((r) => `thumb of ${r.s3.object.key}`) });\n');
    files = mkdtempSync(path.join(os.tmpdir(), 'lambkin-upload-'));
    writeFileSync(path.join(files, 'cat.txt'), 'a cat, in text');
    mkdirSync(path.join(files, 'album', 'summer'), { recursive: true });
    writeFileSync(path.join(files, 'album', 'summer', 'beach.txt'), 'sand');
    writeFileSync(path.join(files, 'album', 'cover.txt'), 'cover');
    await vscode.commands.executeCommand('lambkin.selectTemplate', path.join(folder, 'template.yaml'));
    await waitFor(async () => (await rows(api)).some((row) => label(row.item) === 'Buckets'), 'the buckets template in the Resources view');
  });
  after(async () => {
    await api.runtime.stop();
    await vscode.commands.executeCommand('lambkin.selectTemplate', null);
    rmSync(folder, { recursive: true, force: true });
    rmSync(files, { recursive: true, force: true });
  });

  it('uploads files and folders; the bucket lists folders then objects; the triggered function\'s invocation shows', async () => {
    const bucket = await bucketRow(api);
    assert.equal(bucket.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const uploaded = await vscode.commands.executeCommand<string[]>('lambkin.resources.uploadFiles', bucket.node, [path.join(files, 'cat.txt'), path.join(files, 'album')]);
    assert.deepEqual(uploaded, ['cat.txt', 'album/cover.txt', 'album/summer/beach.txt']);
    const top = await rows(api, bucket.node);
    assert.deepEqual(top.map((row) => [label(row.item), row.item.description, row.item.contextValue]), [['album/', undefined, 'lambkin.bucketFolder'], ['cat.txt', '14 B', 'lambkin.bucketObject']]);
    const album = await rows(api, top[0]!.node);
    assert.deepEqual(album.map((row) => label(row.item)), ['summer/', 'cover.txt']);
    const fn = api.functionsTree.getChildren().find((node) => node.kind === 'function' && node.fn.name === 'Thumbnails');
    assert.ok(fn, 'no Thumbnails in the Functions view');
    await waitFor(() => api.functionsTree.getChildren(fn).filter((node) => node.kind === 'invocation').length >= 3, 'three invocations of Thumbnails in the Functions view', 60_000);
  });

  it('opens, downloads, copies the URI of and deletes an object', async () => {
    const bucket = await bucketRow(api);
    const cat = (await rows(api, bucket.node)).find((row) => label(row.item) === 'cat.txt')!;
    const opened = await vscode.commands.executeCommand<string>('lambkin.resources.openObject', cat.node);
    assert.equal(readFileSync(opened, 'utf8'), 'a cat, in text');
    await waitFor(() => vscode.window.activeTextEditor?.document.uri.fsPath === opened, 'the object open in an editor');
    const target = path.join(files, 'downloaded.txt');
    assert.equal(await vscode.commands.executeCommand('lambkin.resources.downloadObject', cat.node, target), target);
    assert.equal(readFileSync(target, 'utf8'), 'a cat, in text');
    assert.equal(await vscode.commands.executeCommand('lambkin.resources.copyObjectUri', cat.node), 's3://photosbucket/cat.txt');
    assert.equal(await vscode.env.clipboard.readText(), 's3://photosbucket/cat.txt');
    assert.equal(await vscode.commands.executeCommand('lambkin.resources.deleteObject', cat.node, true), true);
    assert.deepEqual((await rows(api, bucket.node)).map((row) => label(row.item)), ['album/']);
  });

  it('looks right in the sidebar', async function () {
    if (!screenshotsSupported()) this.skip();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.action.focusSideBar');
    await vscode.commands.executeCommand('lambkin.resources.focus');
    const bucket = await bucketRow(api);
    await api.resourcesTree.view.reveal(bucket.node, { expand: true });
    const album = (await rows(api, bucket.node))[0]!;
    await api.resourcesTree.view.reveal(album.node, { expand: true, select: false });
    const summer = (await rows(api, album.node))[0]!;
    await api.resourcesTree.view.reveal(summer.node, { expand: true, select: false });
    // The uploads' invocations under the function the bucket triggers.
    const fn = api.functionsTree.getChildren().find((node) => node.kind === 'function' && node.fn.name === 'Thumbnails');
    if (fn) await api.functionsTree.view.reveal(fn, { expand: true, select: false });
    // The workbench draws the expanded tree a moment after the extension host has it; only the picture waits.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await screenshot('resources-buckets');
  });

  it('resets the bucket\'s data: the bucket stays, empty', async () => {
    const bucket = await bucketRow(api);
    assert.equal(await vscode.commands.executeCommand('lambkin.resources.resetBucket', bucket.node, true), true);
    assert.deepEqual((await rows(api, bucket.node)).map((row) => label(row.item)), ['Empty: Upload Files… adds objects']);
  });
});
