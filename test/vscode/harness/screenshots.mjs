// Answers screenshot requests written by test/vscode/suite/support/screenshot.ts: the tests run
// in the extension host, the browser that can take the picture lives here in the driver.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { harnessTimeouts } from './timeouts.mjs';

const POLL_MS = 100;

/**
 * @param {{ requestsDir: string, artifactsDir: string, page: import('playwright-core').Page, log: (line: string) => void, screenshotTimeoutMs?: number }} options
 * @returns {{ dispose: () => Promise<void> }}
 */
export function serveScreenshotRequests({ requestsDir, artifactsDir, page, log, screenshotTimeoutMs = harnessTimeouts().screenshotMs }) {
  let disposed = false;
  let busy = Promise.resolve();

  const answer = async (requestFile) => {
    const base = requestFile.slice(0, -'.json'.length);
    try {
      const { name } = JSON.parse(readFileSync(requestFile, 'utf8'));
      if (typeof name !== 'string' || !/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`invalid screenshot name ${JSON.stringify(name)}`);
      const file = path.join(artifactsDir, `${name}.png`);
      await page.screenshot({ path: file, timeout: screenshotTimeoutMs });
      writeFileSync(`${base}.done`, file);
      log(`screenshot saved: ${path.relative(process.cwd(), file)}`);
    } catch (error) {
      writeFileSync(`${base}.error`, error instanceof Error ? error.message : String(error));
    } finally {
      rmSync(requestFile, { force: true });
    }
  };

  const poll = () => {
    if (disposed || !existsSync(requestsDir)) return;
    const requests = readdirSync(requestsDir).filter((file) => file.endsWith('.json')).sort();
    for (const request of requests) {
      busy = busy.then(() => answer(path.join(requestsDir, request)));
    }
    busy = busy.then(() => {
      if (!disposed) timer = setTimeout(poll, POLL_MS);
    });
  };
  let timer = setTimeout(poll, POLL_MS);

  return {
    async dispose() {
      disposed = true;
      clearTimeout(timer);
      await busy;
    },
  };
}
