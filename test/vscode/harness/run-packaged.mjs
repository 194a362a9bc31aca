// `npm run test:vsix`: builds this machine's .vsix (scripts/package.mjs) and runs test/vscode/packaged
// against it, installed into code-server with --install-extension: what a user installs, not this folder.
//   node test/vscode/harness/run-packaged.mjs [--skip-package]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './install.mjs';

const target = `${process.platform}-${process.arch}`;
const { version } = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const vsix = path.join(repoRoot, 'out', 'package', `lambkin-${target}-${version}.vsix`);

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: 'inherit' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (!process.argv.includes('--skip-package')) {
  const packaged = run([path.join(repoRoot, 'scripts', 'package.mjs'), '--target', target]);
  if (packaged !== 0) process.exit(packaged);
}
process.exit(run([path.join(repoRoot, 'test', 'vscode', 'harness', 'run.mjs'), '--vsix', vsix]));
