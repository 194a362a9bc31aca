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
    // At least the VS Code the extension declares it needs (package.json engines.vscode, "^1.95.0").
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    const needed = /^\^?(\d+)\.(\d+)\./.exec(String(extension.packageJSON.engines.vscode));
    const running = /^(\d+)\.(\d+)\./.exec(vscode.version);
    assert.ok(needed && running, `${vscode.version} vs ${extension.packageJSON.engines.vscode}`);
    assert.equal(running[1], needed[1], 'the same major version');
    assert.ok(Number(running[2]) >= Number(needed[2]), `VS Code ${vscode.version} is older than engines.vscode ${extension.packageJSON.engines.vscode}`);
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
    // Under development: the repository itself (this suite is bundled into its out/vscode-tests/), not an
    // installed copy, and the dist/ built from its sources.
    assert.equal(extension.extensionPath, path.resolve(__dirname, '..', '..'));
    assert.ok(existsSync(path.join(extension.extensionPath, 'src', 'extension.ts')), 'the source tree');
    assert.equal(extension.packageJSON.main, './dist/extension.js');
    await extension.activate();
    assert.ok(extension.isActive, `${EXTENSION_ID} did not activate`);
  });

  it('takes a screenshot of the workbench', async function () {
    if (!screenshotsSupported()) this.skip();
    const file = await screenshot('workbench');
    assert.ok(statSync(file).size > 10_000, `screenshot ${file} is suspiciously small`);
    assert.deepEqual([...readFileSync(file).subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47], 'not a PNG file');
  });
});
