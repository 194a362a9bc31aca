// DynamoDB tables in the Resources view: the key schema and stream from the template, the item count and the
// stream's records beneath a table while the runtime runs, View Items as a read-only JSON document, and Reset
// Table Data. The project is a template of its own (selected with Select Template…).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  OrdersTable:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: orders
      AttributeDefinitions:
        - { AttributeName: pk, AttributeType: S }
        - { AttributeName: sk, AttributeType: N }
      KeySchema:
        - { AttributeName: pk, KeyType: HASH }
        - { AttributeName: sk, KeyType: RANGE }
      StreamSpecification:
        StreamViewType: NEW_AND_OLD_IMAGES
      TimeToLiveSpecification:
        AttributeName: expiresAt
        Enabled: true
  NotesTable:
    Type: AWS::Serverless::SimpleTable
  OnOrder:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      CodeUri: src/
      Handler: echo.handler
      Events:
        Changes:
          Type: DynamoDB
          Properties:
            Stream: !GetAtt OrdersTable.StreamArn
            StartingPosition: TRIM_HORIZON
`;

async function table(api: LambkinApi, name: string): Promise<Row> {
  const group = (await rows(api)).find((row) => label(row.item) === 'Tables');
  assert.ok(group, 'no Tables group');
  const found = (await rows(api, group.node)).find((row) => label(row.item) === name);
  assert.ok(found, `no table ${name}`);
  return found;
}

async function put(api: LambkinApi, item: Record<string, unknown>): Promise<void> {
  const endpoint = api.runtime.awsEndpoint;
  assert.ok(endpoint, 'the runtime serves no AWS endpoint');
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.PutItem', Authorization: 'AWS4-HMAC-SHA256 Credential=test/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00' },
    body: JSON.stringify({ TableName: 'orders', Item: item }),
  });
  assert.equal(response.status, 200, await response.text());
}

describe('Resources view: DynamoDB tables', function () {
  this.timeout(120_000);
  let api: LambkinApi;
  let folder: string;

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-tables-'));
    writeFileSync(path.join(folder, 'template.yaml'), TEMPLATE);
    mkdirSync(path.join(folder, 'src'));
    writeFileSync(path.join(folder, 'src', 'echo.js'), 'exports.handler = async (event) => event;\n');
    await vscode.commands.executeCommand('lambkin.selectTemplate', path.join(folder, 'template.yaml'));
    await waitFor(async () => (await rows(api)).some((row) => label(row.item) === 'Tables'), 'the tables template in the Resources view');
  });
  after(async () => {
    await api.runtime.stop();
    await vscode.commands.executeCommand('lambkin.selectTemplate', null);
    rmSync(folder, { recursive: true, force: true });
  });

  it('shows each table\'s keys and stream from the template', async () => {
    const orders = await table(api, 'orders');
    assert.equal(orders.item.description, 'pk · sk · stream NEW_AND_OLD_IMAGES');
    assert.equal(orders.item.contextValue, 'lambkin.resource.table');
    assert.equal((await table(api, 'NotesTable')).item.description, 'id');
  });

  it('counts items and stream records while running, views items read-only, and resets a table', async () => {
    await vscode.commands.executeCommand('lambkin.startRuntime');
    await waitFor(() => api.runtime.awsEndpoint, 'the runtime to serve its AWS endpoint', 60_000);
    await put(api, { pk: { S: 'o-1' }, sk: { N: '1' }, status: { S: 'open' } });
    await put(api, { pk: { S: 'o-2' }, sk: { N: '1' }, status: { S: 'paid' } });
    const orders = await table(api, 'orders');
    const details = await waitFor(async () => {
      const texts = (await rows(api, orders.node)).map((row) => label(row.item));
      return texts[0] === '2 items' ? texts : undefined;
    }, 'two items under the table');
    assert.deepEqual(details, ['2 items', 'stream NEW_AND_OLD_IMAGES: 2 records (24 h)', 'TTL on expiresAt']);
    const viewed = await vscode.commands.executeCommand<{ uri: string; count: number }>('lambkin.resources.viewTableItems', orders.node);
    assert.equal(viewed?.count, 2);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), viewed?.uri);
    assert.equal(editor?.document.languageId, 'json');
    assert.deepEqual((JSON.parse(editor?.document.getText() ?? '[]') as Array<{ pk: { S: string } }>).map((item) => item.pk.S).sort(), ['o-1', 'o-2']);
    if (screenshotsSupported()) {
      await vscode.commands.executeCommand('workbench.action.focusSideBar');
      await vscode.commands.executeCommand('lambkin.resources.focus');
      await api.resourcesTree.view.reveal(orders.node, { expand: true });
      await api.resourcesTree.view.reveal((await rows(api, orders.node))[0].node, { select: true });
      // The workbench draws the expanded tree a moment after the extension host has it; only the picture waits.
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await screenshot('resources-dynamodb-tables');
    }
    assert.equal(await vscode.commands.executeCommand('lambkin.resources.resetTable', orders.node, true), true);
    await waitFor(async () => label((await rows(api, orders.node))[0].item) === '0 items' || undefined, 'the table emptied');
    assert.equal(label((await rows(api, orders.node))[1].item), 'stream NEW_AND_OLD_IMAGES: 0 records (24 h)');
  });

  it('drops a table the template no longer declares when asked to', async () => {
    writeFileSync(path.join(folder, 'template.yaml'), TEMPLATE.replace('  NotesTable:\n    Type: AWS::Serverless::SimpleTable\n', ''));
    // The template lives outside the workspace, where no file watcher sees it: Refresh reads it again (and reloads the runtime).
    await vscode.commands.executeCommand('lambkin.refresh');
    await waitFor(async () => !(await rows(api, (await rows(api)).find((row) => label(row.item) === 'Tables')!.node)).some((row) => label(row.item) === 'NotesTable') || undefined, 'NotesTable gone from the view');
    const dropped = await waitFor(async () => {
      const tables = await vscode.commands.executeCommand<string[]>('lambkin.dropRemovedTables', true);
      return tables && tables.length > 0 ? tables : undefined;
    }, 'the runtime to report NotesTable as removed', 30_000);
    assert.deepEqual(dropped, ['NotesTable']);
    assert.deepEqual(await vscode.commands.executeCommand('lambkin.dropRemovedTables', true), []);
  });
});
