// The AWS SDK for JavaScript v3 that handlers can require without installing it, as on Lambda's Node.js
// runtimes: a pinned set (handler-sdk/package.json + its lockfile, so every package and its integrity hash is
// fixed) installed once from the npm registry into the user's cache folder, shared by every project, and put
// on the functions' NODE_PATH (a copy in the function's own node_modules wins, as on Lambda).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where the pinned manifest and lockfile are: beside the runtime bundle, or in the sources. */
export function handlerSdkManifestDir(): string | undefined {
  const candidates = [path.join(__dirname, 'handler-sdk'), path.join(__dirname, 'sdk', 'handler-sdk')];
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) candidates.push(path.join(dir, 'runtime', 'sdk', 'handler-sdk'));
  return candidates.find((candidate) => existsSync(path.join(candidate, 'package-lock.json')));
}

/** The user's cache folder for Lambkin, per platform (XDG on Linux, Library/Caches on macOS, LOCALAPPDATA on Windows). */
export function lambkinCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LAMBKIN_CACHE_DIR) return path.resolve(env.LAMBKIN_CACHE_DIR);
  if (process.platform === 'win32') return path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'lambkin', 'Cache');
  if (process.platform === 'darwin') return path.join(os.homedir(), 'Library', 'Caches', 'lambkin');
  return path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'lambkin');
}

export interface HandlerSdkInfo {
  /** The version of `@aws-sdk/client-s3` in the pinned set (what a handler reading the SDK's version sees). */
  version: string;
  /** Where the set is (or will be) installed: its `node_modules` goes on NODE_PATH. */
  folder: string;
  /** The `node_modules` folder inside it. */
  modules: string;
}

export function handlerSdkInfo(cacheDir = lambkinCacheDir(), manifestDir = handlerSdkManifestDir()): HandlerSdkInfo | undefined {
  if (!manifestDir) return undefined;
  const lock = readFileSync(path.join(manifestDir, 'package-lock.json'));
  const manifest = JSON.parse(readFileSync(path.join(manifestDir, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const version = manifest.dependencies['@aws-sdk/client-s3'] ?? 'unknown';
  // The folder name changes with the lockfile, so an updated pin installs beside the old one, never over it.
  const folder = path.join(cacheDir, 'aws-sdk', `${version}-${createHash('sha256').update(lock).digest('hex').slice(0, 10)}`);
  return { version, folder, modules: path.join(folder, 'node_modules') };
}

export type SdkProgress = (state: 'started' | 'finished' | 'failed', message: string) => void;

const INSTALLED_STAMP = '.lambkin-installed';
const LOCK_STALE_MS = 10 * 60_000;

/**
 * The pinned SDK's node_modules, installing it first when missing (with `npm ci`: exact versions, integrity
 * checked). Undefined when it cannot be had (offline, npm missing): handlers then need their own copy, and
 * `progress` says why. Several runtimes starting at once install it once (a lock folder).
 */
export async function ensureHandlerSdk(progress: SdkProgress, info = handlerSdkInfo(), manifestDir = handlerSdkManifestDir()): Promise<string | undefined> {
  if (!info || !manifestDir) {
    progress('failed', 'Lambkin\'s pinned AWS SDK manifest is missing from this installation; handlers need the SDK in their own node_modules.');
    return undefined;
  }
  if (existsSync(path.join(info.folder, INSTALLED_STAMP))) return info.modules;
  const lockDir = `${info.folder}.lock`;
  mkdirSync(path.dirname(info.folder), { recursive: true });
  while (!tryLock(lockDir)) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (existsSync(path.join(info.folder, INSTALLED_STAMP))) return info.modules;
  }
  try {
    if (existsSync(path.join(info.folder, INSTALLED_STAMP))) return info.modules;
    progress('started', `Installing the AWS SDK for JavaScript v3 (${info.version}) for your handlers into ${info.folder} (first use only; about 70 MB from the npm registry)…`);
    const staging = `${info.folder}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(path.join(staging, 'package.json'), readFileSync(path.join(manifestDir, 'package.json')));
    writeFileSync(path.join(staging, 'package-lock.json'), readFileSync(path.join(manifestDir, 'package-lock.json')));
    const result = await runNpm(['ci', '--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev', '--loglevel=error'], staging);
    if (result.code !== 0) {
      rmSync(staging, { recursive: true, force: true });
      progress('failed', `Could not install the AWS SDK for handlers (npm ci exited ${result.code}${result.output ? `: ${result.output.trim().split('\n').slice(-3).join(' ')}` : ''}). Handlers that require @aws-sdk/* need it in their own node_modules until it can be installed (lambkin sdk install).`);
      return undefined;
    }
    writeFileSync(path.join(staging, INSTALLED_STAMP), new Date().toISOString());
    rmSync(info.folder, { recursive: true, force: true });
    renameSync(staging, info.folder);
    progress('finished', `Installed the AWS SDK for JavaScript v3 (${info.version}) for handlers.`);
    return info.modules;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

export function tryLock(lockDir: string): boolean {
  try {
    mkdirSync(lockDir);
    return true;
  } catch {
    // A lock left by a process that died mid-install is taken over after a while.
    try {
      if (Date.now() - statSync(lockDir).mtimeMs > LOCK_STALE_MS) rmSync(lockDir, { recursive: true, force: true });
    } catch {
      // Gone meanwhile: the next try takes it.
    }
    return false;
  }
}

/** npm beside the running Node when there is one (it matches that Node), else the `npm` on PATH. */
export function runNpm(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; output: string }> {
  const bundled = [
    path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'bin', 'npm-cli.js'),
    path.join(path.dirname(process.execPath), 'node_modules', 'npm', 'bin', 'npm-cli.js'),
  ].find((file) => existsSync(file));
  const command = bundled ? process.execPath : process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const commandArgs = bundled ? [bundled, ...args] : args;
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(command, commandArgs, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], shell: !bundled && process.platform === 'win32' });
    child.stdout.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
    child.on('error', (error) => resolve({ code: null, output: error.message }));
    child.on('close', (code) => resolve({ code, output }));
  });
}
