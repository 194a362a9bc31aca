// Builds what the VS Code harness loads: the extension (scripts/build.mjs) and the integration
// suite (test/vscode/suite -> out/vscode-tests, CJS, `vscode` left to the extension host).
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { repoRoot } from './install.mjs';

export const suiteSourceDir = path.join(repoRoot, 'test', 'vscode', 'suite');
export const suiteOutDir = path.join(repoRoot, 'out', 'vscode-tests');
export const suiteEntry = path.join(suiteOutDir, 'index.js');
// The suite run against an installed .vsix (run.mjs --vsix): its own tests, the same entry point.
export const packagedSuite = {
  testsDir: path.join(repoRoot, 'test', 'vscode', 'packaged'),
  outDir: path.join(repoRoot, 'out', 'vscode-packaged-tests'),
  entry: path.join(repoRoot, 'out', 'vscode-packaged-tests', 'index.js'),
  // Development payloads need an extension folder: this one is empty, so the installed Lambkin runs.
  driverExtension: path.join(repoRoot, 'test', 'vscode', 'packaged', 'driver'),
};

export function buildExtension() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'scripts', 'build.mjs')], { cwd: repoRoot, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`node scripts/build.mjs failed (${signal ?? `exit ${code}`})`)));
  });
}

function findTestSources(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findTestSources(full);
    return entry.isFile() && entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/** Bundles `index.ts` of the suite and the tests of `testsDir` (default: the suite's own) into `outDir`. */
export async function buildSuite({ testsDir = suiteSourceDir, outDir = suiteOutDir } = {}) {
  // Stale bundles of deleted tests would otherwise still be picked up by the suite runner.
  rmSync(outDir, { recursive: true, force: true });
  const tests = findTestSources(testsDir).map((file) => [path.relative(testsDir, file).replace(/\.ts$/, ''), file]);
  const entryPoints = { index: path.join(suiteSourceDir, 'index.ts'), ...Object.fromEntries(tests) };
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints,
    outdir: outDir,
    bundle: true,
    platform: 'node',
    // Desktop VS Code 1.95 runs its extension host on Node 20.
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    // mocha is bundled so the suite does not rely on require(esm) (mocha 12 is an ES module).
    external: ['vscode'],
    logLevel: 'warning',
    logOverride: { 'require-resolve-not-external': 'silent', 'unsupported-require-call': 'silent', 'unsupported-dynamic-import': 'silent' },
  });
  return tests.length;
}
