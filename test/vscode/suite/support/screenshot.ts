// Lets a test inside the extension host ask the harness (which owns the browser) for a screenshot
// of the workbench: a request file goes into LAMBKIN_SCREENSHOT_REQUESTS, the driver answers
// with a `.done` file holding the PNG path, or an `.error` file holding the reason.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const POLL_MS = 100;
const DEFAULT_TIMEOUT_MS = 30_000;

export interface ScreenshotRequest {
  name: string;
}

export function screenshotsSupported(): boolean {
  return Boolean(process.env.LAMBKIN_SCREENSHOT_REQUESTS);
}

/**
 * Saves a PNG of the whole workbench as `<artifacts>/<name>.png` and returns its path.
 * `name` may hold letters, digits, `.`, `_` and `-`.
 */
export async function screenshot(name: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<string> {
  if (!/^[A-Za-z0-9._-]+$/.test(name)) {
    throw new Error(`screenshot name ${JSON.stringify(name)} may only hold letters, digits, ".", "_" and "-"`);
  }
  const requests = process.env.LAMBKIN_SCREENSHOT_REQUESTS;
  if (!requests) {
    throw new Error('LAMBKIN_SCREENSHOT_REQUESTS is not set: screenshots need the code-server harness (npm run test:vscode)');
  }
  const id = `${Date.now()}-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const base = path.join(requests, id);
  const request: ScreenshotRequest = { name };
  // Written under another name first so the driver never reads half a request.
  writeFileSync(`${base}.tmp`, JSON.stringify(request));
  renameSync(`${base}.tmp`, `${base}.json`);

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (existsSync(`${base}.done`)) {
      const saved = readFileSync(`${base}.done`, 'utf8').trim();
      rmSync(`${base}.done`, { force: true });
      return saved;
    }
    if (existsSync(`${base}.error`)) {
      const reason = readFileSync(`${base}.error`, 'utf8').trim();
      rmSync(`${base}.error`, { force: true });
      throw new Error(`screenshot "${name}" failed: ${reason}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  rmSync(`${base}.json`, { force: true });
  throw new Error(`screenshot "${name}" timed out after ${timeoutMs} ms: is the harness driver polling ${requests}?`);
}
