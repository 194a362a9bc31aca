// Runtime, gateway, CLI and debug tests run the bundles in dist/ (the Node bootstrap every environment
// starts, bin/lambkin.js): testing a bundle older than the sources would judge code that no longer exists.
// Importing this module builds dist/ from the sources first, once: the variable below marks the build done
// for this process and the processes it starts (`npm test` sets it after its own build step).
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const BUILT_MARK = 'LAMBKIN_TEST_DIST_BUILT';
const root = path.resolve(__dirname, '../..');

if (process.env[BUILT_MARK] !== '1') {
  try {
    execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string };
    throw new Error(`Building dist/ before the tests failed (node scripts/build.mjs):\n${output.stderr ?? ''}${output.stdout ?? ''}`, { cause: error });
  }
  process.env[BUILT_MARK] = '1';
}
