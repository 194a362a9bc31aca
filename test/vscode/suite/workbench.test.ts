// Proves the harness itself: a real workbench with the copied workspace open, the Lambkin
// extension loaded in development mode, and screenshots coming back from the driver.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { screenshot, screenshotsSupported } from './support/screenshot';

const EXTENSION_ID = 'lambkin.lambkin';

describe('workbench harness', () => {
  it('runs inside a real VS Code extension host', () => {
    console.log(`vscode.version=${vscode.version} appName=${vscode.env.appName} node=${process.version}`);
    assert.match(vscode.version, /^1\.\d+\.\d+/);
  });

  it('has the workspace folder open', () => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    assert.equal(folders.length, 1, `expected one workspace folder, got ${folders.map((f) => f.uri.toString()).join(', ')}`);
    const expected = process.env.LAMBKIN_TEST_WORKSPACE_FOLDER;
    if (expected) assert.equal(folders[0].uri.fsPath, expected);
    assert.ok(statSync(folders[0].uri.fsPath).isDirectory());
  });

  it('loads the Lambkin extension under development', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    const manifest = JSON.parse(readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as { version: string };
    assert.equal(extension.packageJSON.version, manifest.version);
    // Activation is only meaningful once the extension's entry point exists in the source tree.
    if (existsSync(path.join(extension.extensionPath, 'src', 'extension.ts'))) {
      await extension.activate();
      assert.ok(extension.isActive, `${EXTENSION_ID} did not activate`);
    }
  });

  it('takes a screenshot of the workbench', async function () {
    if (!screenshotsSupported()) this.skip();
    const file = await screenshot('workbench');
    assert.ok(statSync(file).size > 10_000, `screenshot ${file} is suspiciously small`);
    assert.deepEqual([...readFileSync(file).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'not a PNG file');
  });
});
