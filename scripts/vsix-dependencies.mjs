// What a .vsix carries in node_modules/ besides the bundles: the packages the runtime loads at run time
// and cannot bundle (esbuild's API, which drives a native binary the runtime fetches on first use; dynalite:
// actions loaded by name, and LevelDB's native binding through level → classic-level), installed by npm,
// then pruned to what runs on the target.
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

/**
 * The one classic-level prebuild (LevelDB's binding) each VS Code target loads, as node-gyp-build picks it
 * there: null where classic-level publishes none (Windows on Arm; Alpine on arm64, whose only arm64 build
 * links glibc). There the local DynamoDB keeps its tables in memory (runtime/services/dynamodb/engine.ts).
 * linux-armhf is ARMv7, the oldest CPU VS Code runs on, so the ARMv6 build stays out.
 */
export const LEVELDB_PREBUILD = {
  'linux-x64': 'linux-x64/classic-level.node',
  'linux-arm64': 'linux-arm64/classic-level.armv8.node',
  'linux-armhf': 'linux-arm/classic-level.armv7.node',
  'alpine-x64': 'linux-x64/classic-level.musl.node',
  'alpine-arm64': null,
  'darwin-x64': 'darwin-x64+arm64/classic-level.node',
  'darwin-arm64': 'darwin-x64+arm64/classic-level.node',
  'win32-x64': 'win32-x64/classic-level.node',
  'win32-arm64': null,
};

/** The packages the .vsix names as dependencies, at the versions installed here (the ones tested). */
export function runtimeDependencies(root) {
  const installed = (name) => JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  return { esbuild: installed('esbuild'), dynalite: installed('dynalite') };
}

// Files no package needs at run time: docs (a package's licence stays, and its README when it has no
// licence file of its own), type declarations, tests, examples and benchmarks, editor backups, dotfiles
// (linters' and npm's settings).
const NOT_RUN = /^\.|^(readme|changelog|upgrading|security|authors)(\.md)?$|\.d\.ts$|\.map$|~$|^(test|tests|example|bench|\.github|types)$|^(eslint\.config\.mjs|bower\.json|build-test\.js)$/i;
const LICENCE = /^licen[cs]e/i;

/** Only what each package runs; the comment of each entry says why the rest can go. */
const PACKAGE_PRUNING = {
  // esbuild's JS API; its binary is fetched on first use (runtime/esbuild/provision.ts), and bin/ and install.js
  // are for npm's install. An @esbuild/<platform> folder (npm installed optional dependencies after all) goes too.
  esbuild: (dir) => keepOnly(dir, ['package.json', 'LICENSE.md', 'lib']),
  '@esbuild': (dir) => rmSync(dir, { recursive: true, force: true }),
  // dynalite's server (cli.js, index.js, its TLS certificate) is not used: Lambkin calls its db, validations and actions.
  dynalite: (dir) => { for (const entry of ['cli.js', 'index.js', 'ssl']) rmSync(path.join(dir, entry), { recursive: true, force: true }); },
  // `require('async')` loads dist/async.js; the one-function files are for `require('async/each')`, unused.
  async: (dir) => keepOnly(dir, ['package.json', 'LICENSE', 'dist'], { dist: ['async.js'] }),
  // LevelDB's C++ sources (deps/, binding.*) only serve a build from source, which --ignore-scripts never runs.
  'classic-level': (dir, target) => {
    for (const entry of ['deps', 'binding.cc', 'binding.gyp']) rmSync(path.join(dir, entry), { recursive: true, force: true });
    const keep = LEVELDB_PREBUILD[target];
    const prebuilds = path.join(dir, 'prebuilds');
    for (const platform of readdirSync(prebuilds)) {
      for (const file of readdirSync(path.join(prebuilds, platform))) {
        if (`${platform}/${file}` !== keep) rmSync(path.join(prebuilds, platform, file));
      }
      if (readdirSync(path.join(prebuilds, platform)).length === 0) rmSync(path.join(prebuilds, platform), { recursive: true });
    }
  },
  // The C header of N-API helpers: classic-level's build from source only.
  'napi-macros': (dir) => rmSync(path.join(dir, 'napi-macros.h'), { force: true }),
};

function keepOnly(dir, entries, nested = {}) {
  for (const entry of readdirSync(dir)) {
    if (!entries.includes(entry)) rmSync(path.join(dir, entry), { recursive: true, force: true });
    else if (nested[entry]) keepOnly(path.join(dir, entry), nested[entry]);
  }
}

function pruneDocs(dir, target) {
  const entries = readdirSync(dir, { withFileTypes: true });
  const hasLicence = entries.some((entry) => LICENCE.test(entry.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.name === 'node_modules') pruneTree(full, target);
    else if (NOT_RUN.test(entry.name) && !(/^readme/i.test(entry.name) && !hasLicence)) rmSync(full, { recursive: true, force: true });
    else if (entry.isDirectory()) pruneDocs(full, target);
  }
}

/** Prunes every package in a node_modules folder (nested ones too) for `target`. */
export function pruneTree(nodeModules, target) {
  if (!existsSync(nodeModules)) return;
  for (const name of readdirSync(nodeModules)) {
    const dir = path.join(nodeModules, name);
    if (name.startsWith('.')) continue;
    if (name.startsWith('@') && name !== '@esbuild') {
      pruneTree(dir, target);
      continue;
    }
    PACKAGE_PRUNING[name]?.(dir, target);
    if (existsSync(dir)) pruneDocs(dir, target);
  }
}
