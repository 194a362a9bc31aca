// Templates as the user edits them: the tree follows the editor, problems reach the Problems panel.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import { activateLambkin, EXAMPLE_FUNCTIONS, functionNodes, label, waitFor } from './support/lambkin';

const ADDED = [
  '  AddedFunction:',
  '    Type: AWS::Serverless::Function',
  '    Properties:',
  '      CodeUri: src/hello/',
  '      Handler: app.handler',
  '      Events:',
  '        Nightly:',
  '          Type: Schedule',
  '          Properties:',
  '            Schedule: rate(1 day)',
  '',
].join('\n');

describe('Template changes', function () {
  this.timeout(30_000);
  let api: LambkinApi;
  let templatePath: string;
  let original: string;

  const names = () => functionNodes(api).map((node) => label(api.functionsTree.getTreeItem(node)));

  before(async () => {
    api = await activateLambkin();
    templatePath = path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'template.yaml');
    original = readFileSync(templatePath, 'utf8');
  });
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    writeFileSync(templatePath, original);
    await waitFor(() => names().join() === EXAMPLE_FUNCTIONS.join() && api.templates.current()[0]?.problems.length === 0, 'the original template again');
  });

  it('adds a function to the tree as it is typed (before saving)', async () => {
    const document = await vscode.workspace.openTextDocument(templatePath);
    const editor = await vscode.window.showTextDocument(document);
    const resourcesLine = document.getText().split('\n').findIndex((line) => line === 'Resources:');
    await editor.edit((edit) => edit.insert(new vscode.Position(resourcesLine + 1, 0), ADDED));
    assert.ok(document.isDirty);
    await waitFor(() => names().includes('AddedFunction'), 'AddedFunction in the tree');
    const added = functionNodes(api).find((node) => node.kind === 'function' && node.fn.name === 'AddedFunction')!;
    const [trigger] = api.functionsTree.getChildren(added).map((node) => api.functionsTree.getTreeItem(node));
    assert.equal(label(trigger!), 'rate(1 day)');
  });

  it('puts a template error in the Problems panel at its line, and in the tree', async () => {
    const lines = original.split('\n');
    const line = lines.findIndex((text) => text.includes('MemorySize: 256'));
    writeFileSync(templatePath, original.replace('MemorySize: 256', 'MemorySize: lots'));
    const uri = vscode.Uri.file(templatePath);
    const [diagnostic] = await waitFor(() => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Lambkin');
      return found.length > 0 && found;
    }, 'a Lambkin diagnostic on template.yaml');
    assert.equal(diagnostic!.range.start.line, line);
    assert.equal(diagnostic!.range.start.character, lines[line]!.indexOf('256'));
    assert.equal(diagnostic!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostic!.message, /MemorySize "lots" is not a whole number/);
    const problem = api.functionsTree.getChildren().find((node) => node.kind === 'problem');
    assert.ok(problem, 'the problem is listed in the Functions view');
  });
});
