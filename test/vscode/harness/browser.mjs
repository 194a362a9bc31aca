// Headless Debian Chromium driven by playwright-core (never `playwright install`: no downloads).
import { createWriteStream, mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { harnessTimeouts } from './timeouts.mjs';

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const VIEWPORT = Object.freeze({ width: 1400, height: 900 });

/**
 * @param {{ executablePath: string, profileDir: string, consoleLogFile: string, elapsed: () => string, stepTimeoutMs?: number }} options
 */
export async function launchBrowser({ executablePath, profileDir, consoleLogFile, elapsed, stepTimeoutMs = harnessTimeouts().stepMs }) {
  mkdirSync(profileDir, { recursive: true });
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: VIEWPORT,
    timeout: stepTimeoutMs,
  });
  // page.goto and every other page wait: the harness's step timeout, not playwright's fixed 30 s.
  context.setDefaultTimeout(stepTimeoutMs);
  context.setDefaultNavigationTimeout(stepTimeoutMs);
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleLog = createWriteStream(consoleLogFile);
  const record = (line) => consoleLog.write(`[${elapsed()}] ${line}\n`);
  page.on('pageerror', (error) => record(`pageerror: ${error.stack ?? error.message}`));
  page.on('requestfailed', (request) => record(`requestfailed: ${request.url()} ${request.failure()?.errorText ?? ''}`));
  page.on('response', (response) => {
    if (response.status() >= 400) record(`HTTP ${response.status()} ${response.url()}`);
  });

  let closing;
  return {
    context,
    page,
    version: context.browser()?.version() ?? 'unknown',
    record,
    close: () => {
      closing ??= (async () => {
        await context.close().catch((error) => record(`browser close failed: ${error.message}`));
        await new Promise((resolve) => consoleLog.end(resolve));
      })();
      return closing;
    },
  };
}
