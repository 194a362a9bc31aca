// esbuild's native binary, which compiles TypeScript handlers. esbuild publishes it per platform on the npm
// registry (`@esbuild/linux-x64`, …), and npm installs it beside the `esbuild` package when it installs the
// CLI package or a checkout: then that one is used. A .vsix ships esbuild's JavaScript API without it (the
// binary alone would be most of the package), so on the first TypeScript build Lambkin fetches the binary of
// the exact esbuild version it carries, as it provisions Node majors and the handlers' AWS SDK: with npm,
// against the integrity hash pinned at build time (dist/runtime/esbuild-binaries.json, from package-lock.json),
// into the user's cache folder shared by every project. JavaScript handlers never need it.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lambkinCacheDir, runNpm, tryLock } from '../sdk/provision';

/** What the build records from package-lock.json: the esbuild version and each platform package's integrity. */
export interface EsbuildPins {
  version: string;
  integrity: Record<string, string>;
}

export interface EsbuildBinary {
  /** The executable. */
  path: string;
  version: string;
  /** `installed`: npm put it beside esbuild; `cache`: fetched by an earlier run; `fetched`: fetched now. */
  source: 'installed' | 'cache' | 'fetched';
}

export type EsbuildProgress = (state: 'started' | 'finished' | 'failed', message: string) => void;

/** The binary cannot be had (offline, npm missing, a platform esbuild does not publish for). */
export class EsbuildUnavailableError extends Error {}

const INSTALLED_STAMP = '.lambkin-installed';
// esbuild's binary packages are named `@esbuild/<platform>-<arch>` after Node's own names.
const PUBLISHED = new Set(['aix-ppc64', 'android-arm64', 'darwin-arm64', 'darwin-x64', 'freebsd-arm64', 'freebsd-x64', 'linux-arm', 'linux-arm64',
  'linux-ia32', 'linux-loong64', 'linux-mips64el', 'linux-ppc64', 'linux-riscv64', 'linux-s390x', 'linux-x64', 'netbsd-arm64', 'netbsd-x64',
  'openbsd-arm64', 'openbsd-x64', 'sunos-x64', 'win32-arm64', 'win32-ia32', 'win32-x64']);

/** This platform's binary package and the executable's path inside it, as esbuild's own loader names them. */
export function esbuildPlatformPackage(platform: string = process.platform, arch: string = os.arch()): { name: string; subpath: string } | undefined {
  const key = `${platform}-${arch}`;
  if (!PUBLISHED.has(key)) return undefined;
  return { name: `@esbuild/${key}`, subpath: platform === 'win32' ? 'esbuild.exe' : 'bin/esbuild' };
}

/** Where the pins are: beside the runtime bundle, or in dist/runtime when running from the sources. */
export function esbuildPinsFile(): string | undefined {
  const candidates = [path.join(__dirname, 'esbuild-binaries.json')];
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) candidates.push(path.join(dir, 'dist', 'runtime', 'esbuild-binaries.json'));
  return candidates.find((candidate) => existsSync(candidate));
}

/** The esbuild JavaScript API Lambkin loads: its entry file and version. */
export function esbuildApi(): { main: string; version: string } {
  const main = require.resolve('esbuild');
  const manifest = JSON.parse(readFileSync(path.join(path.dirname(main), '..', 'package.json'), 'utf8')) as { version: string };
  return { main, version: manifest.version };
}

/**
 * The binary esbuild would find by itself: the one ESBUILD_BINARY_PATH names, else the platform package npm
 * installed beside it (the CLI package, a checkout). Undefined in a .vsix, which ships none.
 */
export function installedEsbuildBinary(esbuildMain: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.ESBUILD_BINARY_PATH && existsSync(env.ESBUILD_BINARY_PATH)) return env.ESBUILD_BINARY_PATH;
  const platformPackage = esbuildPlatformPackage();
  if (!platformPackage) return undefined;
  try {
    return require.resolve(`${platformPackage.name}/${platformPackage.subpath}`, { paths: [path.dirname(esbuildMain)] });
  } catch {
    return undefined;
  }
}

/** The cache folder of one version's binary for this platform, and the executable inside it. */
export function cachedEsbuildLocation(version: string, packageName: string, subpath: string, cacheDir = lambkinCacheDir()): { folder: string; executable: string } {
  const folder = path.join(cacheDir, 'esbuild', `${version}-${packageName.replace('@esbuild/', '')}`);
  return { folder, executable: path.join(folder, 'node_modules', ...packageName.split('/'), ...subpath.split('/')) };
}

export interface EnsureEsbuildOptions {
  progress?: EsbuildProgress;
  cacheDir?: string;
  /** The esbuild API the binary must match (default: the one this runtime loads). */
  api?: { main: string; version: string };
  pins?: EsbuildPins;
  /** npm's environment (its `npm_config_*` settings: registry, cache, proxy); default: this process's. */
  npmEnv?: NodeJS.ProcessEnv;
  /** Fetch into the cache even when esbuild has a binary of its own (`lambkin sdk install` in a checkout does not). */
  ignoreInstalled?: boolean;
}

/**
 * The binary that compiles TypeScript handlers: esbuild's own when npm installed it, else the cached copy,
 * else fetched now. Several runtimes asking at once fetch it once (a lock folder). Throws EsbuildUnavailableError
 * with what to do when it cannot be had; a failure is not remembered, so the next build tries again.
 */
export async function ensureEsbuildBinary(options: EnsureEsbuildOptions = {}): Promise<EsbuildBinary> {
  const progress = options.progress ?? (() => undefined);
  const api = options.api ?? esbuildApi();
  const installed = options.ignoreInstalled ? undefined : installedEsbuildBinary(api.main);
  if (installed) return { path: installed, version: api.version, source: 'installed' };
  const platformPackage = esbuildPlatformPackage();
  if (!platformPackage) {
    const message = `esbuild publishes no binary for ${process.platform}-${os.arch()}, so TypeScript handlers cannot be compiled here; compile them to JavaScript yourself and point the Handler at the output.`;
    progress('failed', message);
    throw new EsbuildUnavailableError(message);
  }
  const { name } = platformPackage;
  const location = cachedEsbuildLocation(api.version, name, platformPackage.subpath, options.cacheDir);
  const ready = () => existsSync(path.join(location.folder, INSTALLED_STAMP)) && existsSync(location.executable);
  if (ready()) return { path: location.executable, version: api.version, source: 'cache' };

  const lockDir = `${location.folder}.lock`;
  mkdirSync(path.dirname(location.folder), { recursive: true });
  while (!tryLock(lockDir)) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (ready()) return { path: location.executable, version: api.version, source: 'cache' };
  }
  try {
    if (ready()) return { path: location.executable, version: api.version, source: 'cache' };
    const pins = options.pins ?? readPins();
    // The hash pinned at build time when this is the esbuild Lambkin was built with; otherwise npm checks the registry's own.
    const integrity = pins?.version === api.version ? pins.integrity[name] : undefined;
    progress('started', `Fetching esbuild's binary for ${process.platform}-${os.arch()} (${name}@${api.version}, about 5 MB from the npm registry) into ${location.folder} to compile TypeScript handlers (first use only)…`);
    const staging = `${location.folder}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    writeFileSync(path.join(staging, 'package.json'), `${JSON.stringify({ name: 'lambkin-esbuild-binary', private: true, dependencies: { [name]: api.version } })}\n`);
    if (integrity) writeFileSync(path.join(staging, 'package-lock.json'), `${JSON.stringify(lockfile(name, api.version, integrity))}\n`);
    // One quick retry, not npm's default of a minute of them: offline, the build should say so in seconds.
    const args = [integrity ? 'ci' : 'install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error', '--fetch-retries=1', '--fetch-retry-mintimeout=1000', '--fetch-retry-maxtimeout=3000'];
    const result = await runNpm(args, staging, options.npmEnv);
    const stagedExecutable = path.join(staging, path.relative(location.folder, location.executable));
    if (result.code !== 0 || !existsSync(stagedExecutable)) {
      rmSync(staging, { recursive: true, force: true });
      const message = unavailableMessage(name, api.version, location.folder, `npm ${args[0]} exited ${result.code}${npmDetail(result.output)}`);
      progress('failed', message);
      throw new EsbuildUnavailableError(message);
    }
    writeFileSync(path.join(staging, INSTALLED_STAMP), new Date().toISOString());
    rmSync(location.folder, { recursive: true, force: true });
    renameSync(staging, location.folder);
    progress('finished', `Fetched esbuild's binary (${name}@${api.version}) for TypeScript handlers.`);
    return { path: location.executable, version: api.version, source: 'fetched' };
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/**
 * esbuild's JavaScript API, pointed at `binary`. esbuild reads ESBUILD_BINARY_PATH once, when it is first
 * required: it is set for that moment only, so the functions' processes and npm never inherit it.
 */
export function loadEsbuild(binary: EsbuildBinary): typeof import('esbuild') {
  // esbuild finds the one npm installed beside it by itself (or the ESBUILD_BINARY_PATH the user set).
  if (binary.source === 'installed') return require('esbuild') as typeof import('esbuild');
  const previous = process.env.ESBUILD_BINARY_PATH;
  process.env.ESBUILD_BINARY_PATH = binary.path;
  try {
    return require('esbuild') as typeof import('esbuild');
  } finally {
    if (previous === undefined) delete process.env.ESBUILD_BINARY_PATH;
    else process.env.ESBUILD_BINARY_PATH = previous;
  }
}

function readPins(): EsbuildPins | undefined {
  const file = esbuildPinsFile();
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as EsbuildPins) : undefined;
}

/** A lockfile holding the one package, so `npm ci` installs exactly it and refuses a tarball of another hash. */
function lockfile(name: string, version: string, integrity: string): unknown {
  // npm rewrites registry.npmjs.org to the registry the user configured (its replace-registry-host default).
  const resolved = `https://registry.npmjs.org/${name}/-/${name.split('/')[1]}-${version}.tgz`;
  return {
    name: 'lambkin-esbuild-binary',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'lambkin-esbuild-binary', dependencies: { [name]: version } },
      [`node_modules/${name}`]: { version, resolved, integrity },
    },
  };
}

/** npm's error code and its first line of explanation, not its log-file footer. */
function npmDetail(output: string): string {
  const lines = output.split('\n').map((line) => line.replace(/^npm (error|ERR!)\s*/, '').trim()).filter((line) => line !== '' && !/complete log of this run|^\{|^\}|^[a-z]+: /.test(line));
  const code = /npm (?:error|ERR!) code (\S+)/.exec(output)?.[1];
  const first = lines.find((line) => !line.startsWith('code ') && !line.startsWith('errno ') && !line.startsWith('syscall '));
  return `${code ? `: ${code}` : ''}${first ? ` (${first.slice(0, 300)})` : ''}`;
}

/** What a user reads when a TypeScript handler cannot be compiled for want of the binary: why, and what to do. */
export function unavailableMessage(name: string, version: string, folder: string, why: string): string {
  return `TypeScript handlers are compiled with esbuild, whose binary for this platform (${name}@${version}) is fetched from the npm registry `
    + `on the first TypeScript build, and that failed: ${why}. Go online once (the next build of a TypeScript handler fetches it into ${folder}, `
    + 'shared by every project), or run "lambkin sdk install" while online. Lambkin fetches with npm, so a proxy or a private registry '
    + 'goes in npm\'s config (.npmrc). JavaScript handlers are not affected.';
}
