// Entry point the VS Code extension host loads as `extensionTestsPath`. It works the same under
// code-server (test/vscode/harness/run.mjs) and desktop VS Code (@vscode/test-electron).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';
import { tagConsole } from './support/console-tag';

function findBundledTests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return findBundledTests(full);
      return entry.isFile() && entry.name.endsWith('.test.js') ? [full] : [];
    })
    .sort();
}

export function run(): Promise<void> {
  // The bundles carry inline source maps: failures then point at the .ts sources.
  process.setSourceMapsEnabled(true);
  // One test's limit derives from the harness's one setting (LAMBKIN_VSCODE_TIMEOUT_MS, see
  // test/vscode/harness/timeouts.mjs); 60 s when run without the harness.
  const testTimeoutMs = Number(process.env.LAMBKIN_VSCODE_TEST_TIMEOUT_MS) || 60_000;
  // A `.only` left behind would silently skip every other test: CI refuses it.
  const ci = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: testTimeoutMs, forbidOnly: ci });
  const grep = process.env.LAMBKIN_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of findBundledTests(__dirname)) mocha.addFile(file);

  const restoreConsole = tagConsole(process.env.LAMBKIN_CONSOLE_TAG);
  // Mocha keeps the console.log it saw at load time; send its report through today's console.
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(...args);
  return new Promise<void>((resolve, reject) => {
    let passed = 0;
    let failed = 0;
    let pending = 0;
    // A pass after a retry is a flake: it is named and counted in the summary, never a clean pass.
    const passedAfterRetry: string[] = [];
    const failedTries = new Map<string, number>();
    try {
      const runner = mocha.run(() => {
        const pendingNote = pending > 0 ? `, ${pending} pending` : '';
        const retryNote = passedAfterRetry.length > 0 ? ` (${passedAfterRetry.length} after a retry)` : '';
        for (const flake of passedAfterRetry) console.log(`passed after a retry: ${flake}`);
        console.log(`${passed} passed${retryNote}, ${failed} failed${pendingNote}`);
        restoreConsole();
        if (failed > 0) return reject(new Error(`${failed} test(s) failed`));
        if (passed > 0) return resolve();
        // A run that tests nothing is almost always a typo in --grep or a missing build.
        const reason = grep ? `no test matched --grep ${JSON.stringify(grep)}` : `no tests found in ${__dirname}`;
        console.error(reason);
        reject(new Error(reason));
      });
      runner.on('pass', (test: Mocha.Test) => {
        passed += 1;
        const failedBefore = failedTries.get(test.fullTitle());
        if (failedBefore) passedAfterRetry.push(`${test.fullTitle()} (on try ${failedBefore + 1})`);
      });
      // 'fail' also fires for failing hooks, which must fail the run too.
      runner.on('fail', () => { failed += 1; });
      runner.on('pending', () => { pending += 1; });
      runner.on(Mocha.Runner.constants.EVENT_TEST_RETRY, (test: Mocha.Test, error: Error) => {
        failedTries.set(test.fullTitle(), (failedTries.get(test.fullTitle()) ?? 0) + 1);
        console.log(`retrying after a failed try: ${test.fullTitle()}: ${error.message.split('\n')[0]}`);
      });
    } catch (error) {
      console.error('could not start the mocha suite:', error);
      restoreConsole();
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
