// Starts code-server (VS Code's server build, real Node extension host) on loopback, isolated in
// a scratch folder: its own config, user data, extensions and XDG/TMPDIR, so nothing lands in $HOME.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { harnessTimeouts } from './timeouts.mjs';

// Keeps the workbench free of welcome pages, trust prompts and update checks.
const QUIET_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.openRepositoryInParentFolders': 'never',
  // The chat side bar would take a third of every screenshot.
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

const READY_PATTERN = /HTTP server listening on (https?:\/\/[^\s]+)/;
const STOP_GRACE_MS = 5_000;

/**
 * @param {{
 *   node: string, codeServerEntry: string, scratchDir: string, logFile: string,
 *   env?: Record<string, string>, settings?: Record<string, unknown>, smokeTestDriver?: boolean, port?: number,
 *   installExtensions?: string[],
 *   startTimeoutMs?: number,
 * }} options
 */
export async function startCodeServer(options) {
  const { node, codeServerEntry, scratchDir, logFile } = options;
  const startTimeoutMs = options.startTimeoutMs ?? harnessTimeouts().stepMs;
  const userDataDir = path.join(scratchDir, 'user-data');
  const configFile = path.join(scratchDir, 'config.yaml');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2),
  );
  // Port 0: the kernel picks a free port, read back from the "listening on" line (no race).
  // --auth none is acceptable only because the server is bound to loopback.
  const bindAddress = `127.0.0.1:${options.port ?? 0}`;
  writeFileSync(configFile, `bind-addr: ${bindAddress}\nauth: none\ncert: false\n`);
  const scratchEnv = {
    TMPDIR: mkdirp(path.join(scratchDir, 'tmp')),
    XDG_CONFIG_HOME: mkdirp(path.join(scratchDir, 'xdg-config')),
    XDG_DATA_HOME: mkdirp(path.join(scratchDir, 'xdg-data')),
    XDG_CACHE_HOME: mkdirp(path.join(scratchDir, 'xdg-cache')),
    // The AWS SDK Lambkin provides to handlers lives in the user's cache (installed once per machine, by
    // .ci/run on CI): the runtime the extension starts must find it there, not in the scratch XDG cache.
    LAMBKIN_CACHE_DIR: process.env.LAMBKIN_CACHE_DIR ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'lambkin'),
  };
  const extensionsDir = mkdirp(path.join(scratchDir, 'extensions'));
  const env = { ...process.env, ...scratchEnv, ...options.env };
  // Packaged extensions (.vsix) are installed as a user would, into this server's own extensions folder.
  for (const vsix of options.installExtensions ?? []) {
    const installed = spawnSync(node, [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix], { env, encoding: 'utf8' });
    writeFileSync(`${logFile}.install.log`, `${installed.stdout ?? ''}${installed.stderr ?? ''}`, { flag: 'a' });
    if (installed.status !== 0 || !/was successfully installed/.test(installed.stdout ?? '')) {
      throw new Error(`code-server --install-extension ${vsix} failed (exit ${installed.status ?? installed.signal}):\n${installed.stdout ?? ''}${installed.stderr ?? ''}`.trim());
    }
  }
  const args = [
    codeServerEntry,
    '--config', configFile,
    '--bind-addr', bindAddress,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  // The built workbench honours the development payload (extensionDevelopmentPath,
  // extensionTestsPath) only when the smoke-test driver is enabled.
  if (options.smokeTestDriver !== false) args.push('--vscode-option', 'enable-smoke-test-driver');

  const log = createWriteStream(logFile);
  // Detached: code-server and its extension host share a process group we can signal as one.
  const child = spawn(node, args, {
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within ${startTimeoutMs / 1000} s (a fifth of LAMBKIN_VSCODE_TIMEOUT_MS); see ${logFile}`)), startTimeoutMs);
    const onData = (chunk) => {
      log.write(chunk);
      if (output.length < 64_000) output += chunk;
      const match = READY_PATTERN.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(new URL(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => { clearTimeout(timer); reject(new Error(`could not start code-server: ${error.message}`)); });
    exited.then(({ code, signal }) => { clearTimeout(timer); reject(new Error(`code-server exited (${signal ?? `code ${code}`}) before listening; see ${logFile}`)); });
  });

  let stopping;
  const stop = () => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        signalGroup(child.pid, 'SIGTERM');
        const timedOut = await Promise.race([exited.then(() => false), delay(STOP_GRACE_MS).then(() => true)]);
        if (timedOut) {
          signalGroup(child.pid, 'SIGKILL');
          await exited;
        }
      }
      // The extension host and its helpers may outlive the server by a moment.
      signalGroup(child.pid, 'SIGKILL');
      await new Promise((resolve) => log.end(resolve));
    })();
    return stopping;
  };

  let address;
  try {
    address = await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  const authority = `127.0.0.1:${address.port}`;
  return {
    authority,
    origin: `http://${authority}`,
    userDataDir,
    /** Resolves when code-server exits, for whatever reason. */
    exited,
    stop,
    /** A vscode-remote URI for a path on this machine, as the development payload wants it. */
    remoteUri: (absolutePath) => `vscode-remote://${authority}${absolutePath}`,
  };
}

/**
 * The workbench URL that opens `folder` with the extension at `extensionDevelopmentPath` loaded
 * in development mode, and (when given) the suite at `extensionTestsPath` run by the extension host.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath }) {
  const payload = [
    ['extensionDevelopmentPath', server.remoteUri(extensionDevelopmentPath)],
    ...(extensionTestsPath ? [['extensionTestsPath', server.remoteUri(extensionTestsPath)]] : []),
    ['skipWelcome', 'true'],
    ['skipReleaseNotes', 'true'],
  ];
  return `${server.origin}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (error.code !== 'ESRCH') throw error;
  }
}

function mkdirp(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}

function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
