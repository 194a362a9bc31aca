// Bundles the two halves of Lambkin: the extension (vscode external) and the standalone runtime.
// The runtime context refuses any `vscode` import, so the boundary holds even if lint is skipped.
import * as esbuild from 'esbuild';
import { writeEventSchemas } from './event-schemas.mjs';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');
// --outdir DIR builds elsewhere than dist/ (scripts/package.mjs stages the packages without touching dist/).
const outdirFlag = process.argv.indexOf('--outdir');
const distDir = outdirFlag >= 0 ? path.resolve(process.argv[outdirFlag + 1]) : path.join(root, 'dist');

const noVscodeInRuntime = {
  name: 'no-vscode-in-runtime',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, (args) => ({
      errors: [{ text: `runtime/ must not import "vscode" (imported by ${path.relative(root, args.importer)})` }],
    }));
  },
};

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // The packages (scripts/package.mjs) ship minified bundles without source maps; names are kept so
  // error names and stack traces stay readable.
  sourcemap: !production,
  minify: production,
  keepNames: production,
  logLevel: 'warning',
};

const contexts = [
  {
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: distDir,
    external: ['vscode', 'esbuild', 'bufferutil', 'utf-8-validate'],
  },
  {
    ...common,
    entryPoints: { 'runtime/cli': 'runtime/cli/main.ts' },
    outdir: distDir,
    // esbuild's API is loaded from node_modules at run time (pointed at a native binary, see runtime/esbuild/). dynalite loads its actions
    // by name and LevelDB's native binding: it too stays in node_modules (scripts/package.mjs ships it).
    external: ['esbuild', 'bufferutil', 'utf-8-validate', 'dynalite'],
    plugins: [noVscodeInRuntime],
  },
  {
    // What every nodejs* environment runs. Its map is written but not referenced: environments run with
    // --enable-source-maps, under which Node reads and parses a referenced map at every cold start.
    ...common,
    sourcemap: production ? false : 'external',
    entryPoints: { 'runtime/bootstrap-node': 'runtime/bootstrap/node/main.ts' },
    outdir: distDir,
    plugins: [noVscodeInRuntime],
  },
  {
    // Registered inside nodejs* environments with module.register(): an ES module of its own.
    ...common,
    format: 'esm',
    outExtension: { '.js': '.mjs' },
    entryPoints: { 'runtime/esm-resolve-hooks': 'runtime/bootstrap/node/esm-resolve-hooks.ts' },
    outdir: distDir,
    plugins: [noVscodeInRuntime],
  },
].map((options) => ({
  ...options,
  entryPoints: Object.fromEntries(
    Object.entries(options.entryPoints).filter(([, file]) => existsSync(path.join(root, file))),
  ),
})).filter((options) => Object.keys(options.entryPoints).length > 0);

writeEventSchemas(root, distDir);
// The pinned AWS SDK handlers get (runtime/sdk/provision.ts reads it beside the runtime bundle).
mkdirSync(path.join(distDir, 'runtime', 'handler-sdk'), { recursive: true });
for (const file of ['package.json', 'package-lock.json']) {
  copyFileSync(path.join(root, 'runtime', 'sdk', 'handler-sdk', file), path.join(distDir, 'runtime', 'handler-sdk', file));
}

// esbuild's version and each platform binary's integrity hash, from the lockfile: a .vsix ships esbuild without
// its binary, and the runtime fetches this platform's on first use, checked against this hash
// (runtime/esbuild/provision.ts).
const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8'));
const esbuildPins = { version: lock.packages['node_modules/esbuild'].version, integrity: {} };
for (const [entry, record] of Object.entries(lock.packages)) {
  const name = /^node_modules\/(@esbuild\/[^/]+)$/.exec(entry)?.[1];
  if (name && record.version === esbuildPins.version && record.integrity) esbuildPins.integrity[name] = record.integrity;
}
writeFileSync(path.join(distDir, 'runtime', 'esbuild-binaries.json'), `${JSON.stringify(esbuildPins, null, 2)}\n`);

if (watch) {
  for (const options of contexts) {
    const ctx = await esbuild.context(options);
    await ctx.watch();
  }
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(contexts.map((options) => esbuild.build(options)));
}
