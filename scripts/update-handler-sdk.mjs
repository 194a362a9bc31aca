// Pins the AWS SDK for JavaScript v3 that Lambkin provides to handlers (as Lambda's Node runtimes do) to the
// newest version of each package on the npm registry, and regenerates its lockfile (exact versions and
// integrity hashes of every transitive package). Run it, test, and commit runtime/sdk/handler-sdk/.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../runtime/sdk/handler-sdk');
const manifest = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
for (const name of Object.keys(manifest.dependencies)) {
  manifest.dependencies[name] = execFileSync(npm, ['view', name, 'version'], { encoding: 'utf8' }).trim();
  console.log(`${name}@${manifest.dependencies[name]}`);
}
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lambkin-handler-sdk-'));
try {
  writeFileSync(path.join(scratch, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  execFileSync(npm, ['install', '--package-lock-only', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: scratch, stdio: 'inherit' });
  copyFileSync(path.join(scratch, 'package.json'), path.join(folder, 'package.json'));
  copyFileSync(path.join(scratch, 'package-lock.json'), path.join(folder, 'package-lock.json'));
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
