// `npm run package`: the shippable artifacts, in out/package/:
//   lambkin-<version>.tgz                  the CLI / runtime as an npm package (`npm pack`)
//   lambkin-<target>-<version>.vsix        the VS Code extension, one per platform
// Both hold the same files (package.json "files": minified bundles, media, grammars, the example app);
// each .vsix adds the runtime's two dependencies: esbuild's JavaScript API without its native binary (the
// runtime fetches this platform's on the first TypeScript build, runtime/esbuild/provision.ts), and dynalite
// with the one LevelDB binding of its platform. npm installs both, binaries included, for the CLI package.
//   node scripts/package.mjs [--target linux-x64 ...] [--cli-only]
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { pruneTree, runtimeDependencies } from './vsix-dependencies.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = path.join(root, 'out', 'package');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
export const version = manifest.version;

/**
 * The platforms VS Code publishes builds for. What differs between their packages is LevelDB's binding
 * (scripts/vsix-dependencies.mjs picks it); esbuild's binary is not in any of them.
 */
export const TARGETS = ['linux-x64', 'linux-arm64', 'linux-armhf', 'alpine-x64', 'alpine-arm64', 'darwin-x64', 'darwin-arm64', 'win32-x64', 'win32-arm64'];

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// Under `npm run package` / `npm test` the outer npm exports its config as npm_* variables, which the nested
// npm (pack, install for another platform) would take as its own: they are left out.
const nestedEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', shell: process.platform === 'win32', env: nestedEnv, ...options });
  if (result.error) throw new Error(`could not run ${command}: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal}) in ${options.cwd ?? root}:\n${result.stdout ?? ''}${result.stderr ?? ''}`.trim());
  }
  return result.stdout;
}

/** Folders and files named (by their first path segment) in package.json "files", other than dist/. */
function sourcesToCopy() {
  return [...new Set(manifest.files.map((entry) => entry.split('/')[0]))].filter((entry) => entry !== 'dist');
}

/**
 * The CLI package's folder, out/package/cli/: the repository's shipped files and a production build of
 * dist/ (minified, no source maps), so the working tree's dist/ (what tests and F5 use) stays as it is.
 */
export function stageCli() {
  const stage = path.join(outDir, 'cli');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const file of ['package.json', 'README.md', ...sourcesToCopy()]) {
    cpSync(path.join(root, file), path.join(stage, file), {
      recursive: true,
      filter: (source) => !/[\\/](node_modules|\.lambkin|\.aws-sam)([\\/]|$)/.test(path.relative(root, source)),
    });
  }
  run(process.execPath, [path.join(root, 'scripts', 'build.mjs'), '--production', '--outdir', path.join(stage, 'dist')]);
  return stage;
}

/** `npm pack` of the staged CLI package (scripts ignored: `prepare` would rebuild dist/ unminified). */
export function packCli(stage) {
  const output = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', outDir], { cwd: stage });
  const [packed] = JSON.parse(output);
  const tarball = path.join(outDir, packed.filename);
  const unwanted = packed.files.map((file) => file.path).filter((file) => /(^|\/)(node_modules|\.lambkin|test)\/|\.map$|\.ts$/.test(file) && !file.startsWith('examples/'));
  if (unwanted.length > 0) throw new Error(`${packed.filename} holds files it should not: ${unwanted.join(', ')}`);
  return { tarball, files: packed.files.map((file) => file.path) };
}

/**
 * One platform's .vsix: the CLI tarball's files, plus esbuild's API and dynalite with the target's LevelDB
 * binding (pruned for it from what npm installs on any machine), packed by @vscode/vsce.
 */
export function packageExtension(target, tarball) {
  if (!TARGETS.includes(target)) throw new Error(`unknown target "${target}"; one of: ${TARGETS.join(', ')}`);
  const stage = path.join(outDir, 'stage', target);
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  run('tar', ['-xzf', tarball, '-C', stage, '--strip-components=1']);

  const staged = JSON.parse(readFileSync(path.join(stage, 'package.json'), 'utf8'));
  delete staged.scripts;
  delete staged.devDependencies;
  staged.dependencies = runtimeDependencies(root);
  // What npm installs is pruned for the target first (scripts/vsix-dependencies.mjs): all of it ships.
  staged.files = [...staged.files, 'node_modules/'];
  writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(staged, null, 2)}\n`);

  // --omit=optional: esbuild's platform binaries are its optional dependencies, the only ones in the tree.
  run(npm, ['install', '--omit=dev', '--omit=optional', '--ignore-scripts', '--no-package-lock', '--no-audit', '--no-fund', '--prefer-offline'], { cwd: stage });
  pruneTree(path.join(stage, 'node_modules'), target);

  const vsix = path.join(outDir, `lambkin-${target}-${version}.vsix`);
  const vsce = path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce');
  // No public repository exists yet, so README's relative links (ARCHITECTURE.md, which ships in the
  // package) stay relative instead of being rewritten to a repository URL that would be made up.
  run(process.execPath, [vsce, 'package', '--target', target, '--out', vsix, '--no-rewrite-relative-links', '--allow-missing-repository'], { cwd: stage });
  return { vsix, bytes: statSync(vsix).size };
}

function parseArgs(argv) {
  const options = { targets: [], cliOnly: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--target') options.targets.push(argv[++i]);
    else if (arg.startsWith('--target=')) options.targets.push(arg.slice('--target='.length));
    else if (arg === '--cli-only') options.cliOnly = true;
    else throw new Error(`unknown argument ${JSON.stringify(arg)}\nusage: node scripts/package.mjs [--target ${TARGETS.join('|')}]... [--cli-only]`);
  }
  for (const target of options.targets) {
    if (!TARGETS.includes(target)) throw new Error(`unknown target "${target}"; one of: ${TARGETS.join(', ')}`);
  }
  if (options.targets.length === 0) options.targets = [...TARGETS];
  return options;
}

// Both units: vsce and the Marketplace count in MiB (and print "MB").
const megabytes = (bytes) => `${(bytes / 1_000_000).toFixed(2)} MB (${(bytes / 1_048_576).toFixed(2)} MiB)`;

function main() {
  const options = parseArgs(process.argv.slice(2));
  const { tarball } = packCli(stageCli());
  const sizes = [{ file: path.basename(tarball), bytes: statSync(tarball).size }];
  console.log(`${path.relative(root, tarball)}  ${megabytes(sizes[0].bytes)}`);
  if (!options.cliOnly) {
    for (const target of options.targets) {
      const { vsix, bytes } = packageExtension(target, tarball);
      sizes.push({ file: path.basename(vsix), bytes });
      console.log(`${path.relative(root, vsix)}  ${megabytes(bytes)}`);
    }
    rmSync(path.join(outDir, 'stage'), { recursive: true, force: true });
  }
  rmSync(path.join(outDir, 'cli'), { recursive: true, force: true });
  const sizesFile = path.join(outDir, 'sizes.json');
  writeFileSync(`${sizesFile}.tmp`, `${JSON.stringify(sizes, null, 2)}\n`);
  renameSync(`${sizesFile}.tmp`, sizesFile);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`package: ${error.message}`);
    process.exit(1);
  }
}
