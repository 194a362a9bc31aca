// Runs the integration suite (test/vscode/suite) inside a real VS Code, offline: code-server's
// extension host runs the tests, headless Chromium renders the workbench and reports the result.
//   node test/vscode/harness/run.mjs [--grep PATTERN]
//   node test/vscode/harness/run.mjs --vsix FILE   (test/vscode/packaged against the installed .vsix)
// Environment: LAMBKIN_TEST_WORKSPACE (folder to copy and open, default examples/hello-app),
// LAMBKIN_VSCODE_TIMEOUT_MS (default 600000), LAMBKIN_KEEP_TMP=1 (keep the scratch folder).
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSuiteArgs } from './args.mjs';
import { launchBrowser } from './browser.mjs';
import { buildExtension, buildSuite, packagedSuite, suiteEntry } from './build.mjs';
import { extensionHostConsolePrinter, newConsoleTag } from './console.mjs';
import { ensureInstalled, repoRoot } from './install.mjs';
import { serveScreenshotRequests } from './screenshots.mjs';
import { harnessTimeouts } from './timeouts.mjs';
import { startCodeServer, workbenchUrl } from './server.mjs';
import { copyWorkspace, resolveWorkspaceSource } from './workspace.mjs';

const EXIT_TIMEOUT = 2;
const EXIT_SERVER_DIED = 3;
const EXIT_DRIVER_ERROR = 4;
const EXIT_INTERRUPTED = 130;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (line) => console.log(`[vscode ${elapsed()}] ${line}`);

async function main() {
  const options = parseSuiteArgs(process.argv.slice(2), 'run.mjs');
  if (options.help) return 0;
  const workspaceSource = resolveWorkspaceSource();
  const timeouts = harnessTimeouts();
  const timeoutMs = timeouts.runMs;
  const tools = await ensureInstalled({ log: (line) => say(`install: ${line}`) });
  const vsix = options.vsix ? path.resolve(options.vsix) : undefined;
  if (vsix && !existsSync(vsix)) throw new Error(`${vsix} does not exist: build it with npm run package`);
  const buildsExtension = !options.skipExtensionBuild && !vsix;
  say(buildsExtension ? 'building extension and suite' : 'building suite (extension build skipped)');
  if (buildsExtension) await buildExtension();
  const testFiles = await buildSuite(vsix ? packagedSuite : undefined);
  const testsEntry = vsix ? packagedSuite.entry : suiteEntry;
  say(`built ${testFiles} test file(s) into ${path.relative(repoRoot, path.dirname(testsEntry))}/`);

  // The packaged run keeps its own artifacts: it runs after the main suite and must not wipe them.
  const artifactsDir = path.join(repoRoot, 'artifacts', vsix ? 'vscode-packaged' : 'vscode');
  rmSync(artifactsDir, { recursive: true, force: true });
  mkdirSync(artifactsDir, { recursive: true });
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'lambkin-vscode-'));
  const workspace = copyWorkspace(workspaceSource, scratchDir);
  const screenshotRequests = path.join(scratchDir, 'screenshot-requests');
  mkdirSync(screenshotRequests);
  const testOutput = createWriteStream(path.join(artifactsDir, 'test-output.log'));
  const lambkinCache = vsix ? firstUseCache(scratchDir) : undefined;

  const resources = { server: undefined, browser: undefined, screenshots: undefined };
  let finishing;
  let startup;
  const finish = (code, reason) => {
    finishing ??= (async () => {
      say(`finishing: ${reason}`);
      // Let a start-up in flight (Ctrl-C or timeout while launching) settle, so nothing it
      // starts is missed by the teardown below.
      await Promise.race([startup?.catch(() => {}), delay(timeouts.settleMs)]);
      if (code !== 0 && resources.browser) {
        await resources.browser.page.screenshot({ path: path.join(artifactsDir, 'final-state.png'), timeout: timeouts.screenshotMs }).catch(() => {});
      }
      await resources.screenshots?.dispose();
      await resources.browser?.close();
      await resources.server?.stop();
      await new Promise((resolve) => testOutput.end(resolve));
      if (resources.server && existsSync(path.join(resources.server.userDataDir, 'logs'))) {
        cpSync(path.join(resources.server.userDataDir, 'logs'), path.join(artifactsDir, 'server-logs'), { recursive: true, force: true });
      }
      if (process.env.LAMBKIN_KEEP_TMP) say(`kept scratch folder ${scratchDir}`);
      else removeScratch(scratchDir);
      say(`exit code ${code}; artifacts in ${path.relative(process.cwd(), artifactsDir) || '.'}/`);
      return code;
    })();
    return finishing;
  };

  const interrupted = new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => resolve([EXIT_INTERRUPTED, `interrupted by ${signal}`]));
  });
  let timer;
  const timedOut = new Promise((resolve) => {
    timer = setTimeout(() => resolve([EXIT_TIMEOUT, `global timeout of ${timeoutMs / 1000} s reached`]), timeoutMs);
  });

  const consoleTag = newConsoleTag();
  const printTestOutput = extensionHostConsolePrinter(consoleTag, (text, type) => {
    testOutput.write(`${text}\n`);
    (type === 'error' ? console.error : console.log)(text);
  });
  // A resource started after finish() began (global timeout during start-up) is closed at once.
  const keep = async (name, resource, close) => {
    resources[name] = resource;
    if (finishing) {
      await close(resource);
      throw new Error(`${name} started after the run was already finishing`);
    }
    return resource;
  };

  const startAll = async () => {
    const server = await keep('server', await startCodeServer({
      node: tools.node,
      codeServerEntry: tools.codeServerEntry,
      scratchDir: path.join(scratchDir, 'code-server'),
      logFile: path.join(artifactsDir, 'code-server.log'),
      ...(vsix ? { installExtensions: [vsix] } : {}),
      startTimeoutMs: timeouts.stepMs,
      // code-server hands its environment down to the extension host, where the tests read it.
      env: {
        LAMBKIN_TEST_ARTIFACTS: artifactsDir,
        LAMBKIN_SCREENSHOT_REQUESTS: screenshotRequests,
        LAMBKIN_TEST_WORKSPACE_FOLDER: workspace,
        LAMBKIN_CONSOLE_TAG: consoleTag,
        ...(lambkinCache ? { LAMBKIN_CACHE_DIR: lambkinCache } : {}),
        LAMBKIN_VSCODE_TEST_TIMEOUT_MS: String(timeouts.testMs),
        ...(options.grep ? { LAMBKIN_TEST_GREP: options.grep } : {}),
      },
    }), (started) => started.stop());
    say(`code-server listening on ${server.origin}`);
    const serverDied = server.exited.then(({ code, signal }) => [EXIT_SERVER_DIED, `code-server exited (${signal ?? `code ${code}`})`]);

    const browser = await keep('browser', await launchBrowser({
      executablePath: tools.chromium,
      profileDir: path.join(scratchDir, 'chromium-profile'),
      consoleLogFile: path.join(artifactsDir, 'browser-console.log'),
      elapsed,
      stepTimeoutMs: timeouts.stepMs,
    }), (started) => started.close());
    say(`chromium ${browser.version} launched`);
    const { page } = browser;
    page.on('console', (message) => browser.record(`${message.type()}: ${message.text()}`));
    let reportExit;
    const suiteExit = new Promise((resolve) => { reportExit = resolve; });
    // Both hooks must exist before the workbench loads: the smoke-test driver looks them up.
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (!printTestOutput(type, args)) browser.record(`automation ${type}: ${JSON.stringify(args)}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => reportExit([Number(code) === 0 ? 0 : 1, `suite finished with code ${code}`]));
    const pageCrashed = new Promise((resolve) => page.once('crash', () => resolve([EXIT_DRIVER_ERROR, 'the workbench page crashed'])));
    resources.screenshots = serveScreenshotRequests({ requestsDir: screenshotRequests, artifactsDir, page, log: say, screenshotTimeoutMs: timeouts.screenshotMs });

    await page.goto(workbenchUrl(server, {
      folder: workspace,
      extensionDevelopmentPath: vsix ? packagedSuite.driverExtension : repoRoot,
      extensionTestsPath: testsEntry,
      // The workbench's first load takes over 30 s (Playwright's default) on a busy 2-core machine.
    }), { timeout: timeouts.stepMs });
    say(`workbench opened on ${path.basename(workspace)}${options.grep ? ` (grep ${JSON.stringify(options.grep)})` : ''}`);
    return [suiteExit, serverDied, pageCrashed];
  };

  startup = startAll();
  const suiteRun = startup.then(
    (outcomes) => Promise.race(outcomes),
    (error) => [EXIT_DRIVER_ERROR, `driver error: ${error.stack ?? error.message}`],
  );
  const [code, reason] = await Promise.race([suiteRun, timedOut, interrupted]);
  clearTimeout(timer);
  return finish(code, reason);
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * The packaged run's Lambkin cache: the user's installed AWS SDK and Node majors (linked, not reinstalled),
 * and nothing else, so the installed extension fetches esbuild's binary as on a user's first TypeScript build.
 */
function firstUseCache(scratchDir) {
  const userCache = process.env.LAMBKIN_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'lambkin');
  const cache = path.join(scratchDir, 'lambkin-cache');
  mkdirSync(cache);
  for (const shared of ['aws-sdk', 'node']) {
    mkdirSync(path.join(userCache, shared), { recursive: true });
    symlinkSync(path.join(userCache, shared), path.join(cache, shared), 'junction');
  }
  return cache;
}

function removeScratch(dir) {
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    console.warn(`[vscode] could not remove ${dir}: ${error.message}`);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[vscode] ${error.message}`);
    process.exit(EXIT_DRIVER_ERROR);
  },
);
