// Every wait of the VS Code harness derives from one setting, LAMBKIN_VSCODE_TIMEOUT_MS (the whole run,
// default 10 minutes), so a slow or busy machine is handled by raising one number. Fixed step timeouts
// (playwright's 30 s for page.goto) failed runs under load that the global budget would have allowed.

export const DEFAULT_RUN_TIMEOUT_MS = 600_000;

/**
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ runMs: number, stepMs: number, settleMs: number, screenshotMs: number, testMs: number }}
 */
export function harnessTimeouts(env = process.env) {
  const raw = env.LAMBKIN_VSCODE_TIMEOUT_MS;
  const runMs = raw === undefined || raw === '' ? DEFAULT_RUN_TIMEOUT_MS : Number(raw);
  if (!Number.isFinite(runMs) || runMs <= 0) {
    throw new Error(`LAMBKIN_VSCODE_TIMEOUT_MS=${raw} is not a positive number of milliseconds`);
  }
  return {
    runMs,
    // One start-up step: code-server listening, Chromium launching, the workbench page loading (120 s by
    // default: the workbench's first load takes over 30 s on a busy 2-core machine).
    stepMs: Math.round(runMs / 5),
    // How long a start-up in flight may take to settle when the run is finishing (15 s by default).
    settleMs: Math.round(runMs / 40),
    // One screenshot (15 s by default).
    screenshotMs: Math.round(runMs / 40),
    // One test inside the extension host (mocha's timeout; 60 s by default).
    testMs: Math.round(runMs / 10),
  };
}
