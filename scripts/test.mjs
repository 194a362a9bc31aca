// `npm test`: every check the project has, in order: lint, typecheck, build, unit and runtime tests
// (mocha, real processes), then the extension's tests inside a real VS Code (code-server harness).
// Ends with one "N passed, N failed" line summing the suites.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const skipVscode = process.env.LAMBKIN_SKIP_VSCODE === '1';
// The .vsix check (build this platform's package, install it into code-server, run test/vscode/packaged).
const skipVsix = skipVscode || process.env.LAMBKIN_SKIP_VSIX === '1';

function step(title, command, args, parse) {
  return new Promise((resolve) => {
    console.log(`\n== ${title}`);
    const started = Date.now();
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; process.stdout.write(chunk); });
    child.stderr.on('data', (chunk) => { output += chunk; process.stderr.write(chunk); });
    child.on('close', (code) => {
      console.log(`== ${title}: ${code === 0 ? 'ok' : `failed (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve({ code, counts: parse ? parse(output) : undefined });
    });
  });
}

const mochaCounts = (output) => ({
  passed: Number(/(\d+) passing/.exec(output)?.[1] ?? 0),
  failed: Number(/(\d+) failing/.exec(output)?.[1] ?? 0),
});
// The VS Code suite's summary: "N passed (M after a retry), N failed".
const plainCounts = (output) => {
  const matches = [...output.matchAll(/^(\d+) passed(?: \((\d+) after a retry\))?, (\d+) failed/gm)];
  const last = matches.at(-1);
  return last ? { passed: Number(last[1]), retried: Number(last[2] ?? 0), failed: Number(last[3]) } : { passed: 0, failed: 0 };
};

const results = [];
results.push(await step('lint', bin('eslint'), ['.']));
results.push(await step('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']));
results.push(await step('build', process.execPath, ['scripts/build.mjs']));
// dist/ was just built: test/support/fresh-dist.ts need not build it again inside mocha.
process.env.LAMBKIN_TEST_DIST_BUILT = results.at(-1).code === 0 ? '1' : '';
// In CI a `.only` left in a test would silently skip every other test: mocha refuses it there.
const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
results.push(await step('unit and runtime tests (mocha)', bin('mocha'), ci ? ['--forbid-only'] : [], mochaCounts));
const harness = path.join(root, 'test/vscode/harness/run.mjs');
if (existsSync(harness) && !skipVscode) {
  results.push(await step('extension tests in VS Code (code-server)', process.execPath, [harness], plainCounts));
} else if (skipVscode) {
  console.log('\n== extension tests in VS Code: skipped (LAMBKIN_SKIP_VSCODE=1)');
}
if (existsSync(harness) && !skipVsix) {
  results.push(await step('packaged extension (.vsix installed into code-server)', process.execPath, [path.join(root, 'test/vscode/harness/run-packaged.mjs')], plainCounts));
} else if (skipVsix) {
  console.log('\n== packaged extension: skipped (LAMBKIN_SKIP_VSIX=1 or LAMBKIN_SKIP_VSCODE=1)');
}

let passed = 0;
let failed = 0;
let retried = 0;
for (const result of results) {
  if (result.counts) {
    passed += result.counts.passed;
    retried += result.counts.retried ?? 0;
    failed += result.counts.failed;
    // A suite that crashed before counting still fails the run.
    if (result.code !== 0 && result.counts.failed === 0) failed += 1;
  } else if (result.code !== 0) {
    failed += 1;
  }
}
// Passes after a retry are flakes: the summary says how many, so they never look clean.
console.log(`\n${passed} passed${retried > 0 ? ` (${retried} after a retry)` : ''}, ${failed} failed`);
process.exit(failed === 0 && results.every((result) => result.code === 0) ? 0 : 1);
