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
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60_000 });
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
    try {
      const runner = mocha.run(() => {
        const pendingNote = pending > 0 ? `, ${pending} pending` : '';
        console.log(`${passed} passed, ${failed} failed${pendingNote}`);
        restoreConsole();
        if (failed > 0) return reject(new Error(`${failed} test(s) failed`));
        if (passed > 0) return resolve();
        // A run that tests nothing is almost always a typo in --grep or a missing build.
        const reason = grep ? `no test matched --grep ${JSON.stringify(grep)}` : `no tests found in ${__dirname}`;
        console.error(reason);
        reject(new Error(reason));
      });
      runner.on('pass', () => { passed += 1; });
      // 'fail' also fires for failing hooks, which must fail the run too.
      runner.on('fail', () => { failed += 1; });
      runner.on('pending', () => { pending += 1; });
    } catch (error) {
      console.error('could not start the mocha suite:', error);
      restoreConsole();
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
