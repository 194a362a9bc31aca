// Runs the same integration suite in a desktop VS Code through @vscode/test-electron, for
// machines that have one. It never downloads unless asked: point LAMBKIN_VSCODE_EXECUTABLE at
// the VS Code (Electron) binary, or set LAMBKIN_VSCODE_DOWNLOAD=1 where Microsoft's servers are
// reachable. On a Linux machine without a display, run it under xvfb-run.
//   node test/vscode/harness/run-electron.mjs [--grep PATTERN]
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { parseSuiteArgs } from './args.mjs';
import { buildExtension, buildSuite, suiteEntry } from './build.mjs';
import { repoRoot } from './install.mjs';
import { copyWorkspace, resolveWorkspaceSource } from './workspace.mjs';

const EXIT_NO_VSCODE = 3;

// Where the official packages install the Electron binary (not the `code` shell wrapper).
const KNOWN_INSTALLS = {
  linux: ['/usr/share/code/code', '/snap/code/current/usr/share/code/code', '/usr/share/code-insiders/code-insiders'],
  darwin: ['/Applications/Visual Studio Code.app/Contents/MacOS/Electron'],
  win32: [path.join(process.env.LOCALAPPDATA ?? '', 'Programs', 'Microsoft VS Code', 'Code.exe')],
};

function findVSCode() {
  const configured = process.env.LAMBKIN_VSCODE_EXECUTABLE;
  if (configured) {
    if (!existsSync(configured)) throw new Error(`LAMBKIN_VSCODE_EXECUTABLE=${configured} does not exist`);
    return configured;
  }
  return (KNOWN_INSTALLS[process.platform] ?? []).find((candidate) => existsSync(candidate));
}

async function main() {
  const options = parseSuiteArgs(process.argv.slice(2), 'run-electron.mjs');
  if (options.help) return 0;
  if (options.vsix) throw new Error('--vsix runs under code-server only: node test/vscode/harness/run.mjs --vsix FILE');
  const executable = findVSCode();
  const download = process.env.LAMBKIN_VSCODE_DOWNLOAD === '1';
  if (!executable && !download) {
    console.error(
      '[electron] no desktop VS Code found. Set LAMBKIN_VSCODE_EXECUTABLE to its binary ' +
      '(e.g. /usr/share/code/code), or LAMBKIN_VSCODE_DOWNLOAD=1 to let @vscode/test-electron download one. ' +
      'Offline, use `npm run test:vscode` (code-server + headless Chromium) instead.',
    );
    return EXIT_NO_VSCODE;
  }
  const workspaceSource = resolveWorkspaceSource();
  if (!options.skipExtensionBuild) await buildExtension();
  await buildSuite();

  const artifactsDir = path.join(repoRoot, 'artifacts', 'vscode');
  mkdirSync(artifactsDir, { recursive: true });
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'lambkin-electron-'));
  try {
    const workspace = copyWorkspace(workspaceSource, scratchDir);
    // No screenshot driver here: LAMBKIN_SCREENSHOT_REQUESTS stays unset and those tests skip.
    const code = await runTests({
      ...(executable ? { vscodeExecutablePath: executable } : {}),
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: suiteEntry,
      launchArgs: [
        workspace,
        '--user-data-dir', path.join(scratchDir, 'user-data'),
        '--extensions-dir', path.join(scratchDir, 'extensions'),
      ],
      extensionTestsEnv: {
        LAMBKIN_TEST_ARTIFACTS: artifactsDir,
        LAMBKIN_TEST_WORKSPACE_FOLDER: workspace,
        LAMBKIN_SCREENSHOT_REQUESTS: undefined,
        ...(options.grep ? { LAMBKIN_TEST_GREP: options.grep } : {}),
      },
    });
    return code;
  } finally {
    rmSync(scratchDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    // runTests rejects with TestRunFailedError when VS Code exits non-zero (failed tests).
    console.error(`[electron] ${error.message}`);
    process.exit(typeof error.code === 'number' && error.code !== 0 ? error.code : 1);
  },
);
