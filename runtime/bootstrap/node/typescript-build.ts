// Compiles a TypeScript handler with esbuild so Node can load it, with linked source maps (original
// sources embedded) so stack traces and debuggers show the .ts lines. Cached on disk by the inputs'
// mtime + size. Runs in the Lambkin process (not inside the environment), so it may use esbuild.
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BuildFailure, Message, Plugin } from 'esbuild';
import { ensureEsbuildBinary, loadEsbuild } from '../../esbuild/provision';

export type EsbuildLoader = () => Promise<typeof import('esbuild')>;

export type OutputFormat = 'esm' | 'cjs';

export interface CompiledHandler {
  /** Absolute path of the compiled module (`.mjs` for ES modules, `.cjs` for CommonJS). */
  file: string;
  /** True when the cached output was still valid and nothing was rebuilt. */
  cached: boolean;
}

interface Stamp {
  file: string;
  mtimeMs: number;
  size: number;
}

interface CacheRecord {
  output: string;
  stamps: Stamp[];
}

const BUILTINS = new Set(builtinModules);
// esbuild filters are Go regular expressions (no lookahead): Windows drive paths are excluded in the callback.
const BARE_SPECIFIER = /^[^./]/;
const WINDOWS_ABSOLUTE = /^[a-zA-Z]:[\\/]/;

function isBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:') || BUILTINS.has(specifier) || BUILTINS.has(specifier.split('/')[0]);
}

/**
 * Installed packages stay external (they are loaded from node_modules at run time, as after a SAM esbuild
 * build), but the output lives in buildDir, far from the code's node_modules. So each package import is
 * resolved here, from the importing source file with the right import/require conditions, and written out
 * as an absolute path (a file: URL for ES modules). Resolution therefore works for ESM too, which ignores
 * NODE_PATH. Specifiers that resolve to local files (tsconfig `paths`) are bundled like any local import;
 * ones that do not resolve at all are left bare for Node to try at run time (NODE_PATH, Lambda's layers).
 */
function externalPackagesPlugin(format: OutputFormat): Plugin {
  const RESOLVING = 'lambkinResolving';
  return {
    name: 'lambkin-external-packages',
    setup(build) {
      build.onResolve({ filter: BARE_SPECIFIER }, async (args) => {
        if (args.kind === 'entry-point' || WINDOWS_ABSOLUTE.test(args.path) || (args.pluginData as Record<string, unknown> | undefined)?.[RESOLVING]) return undefined;
        if (isBuiltin(args.path)) return { path: args.path, external: true };
        const resolved = await build.resolve(args.path, {
          kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: { [RESOLVING]: true },
        });
        if (resolved.errors.length > 0 || !resolved.path) return { path: args.path, external: true };
        if (!resolved.path.split(path.sep).includes('node_modules')) return { path: resolved.path };
        return { path: format === 'esm' ? pathToFileURL(resolved.path).href : resolved.path, external: true };
      });
    },
  };
}

/** ES module or CommonJS, as Node would treat the source: by extension, else the nearest package.json type. */
export function formatForSource(file: string, isTypeModule: (folder: string) => boolean): OutputFormat {
  const extension = path.extname(file);
  if (extension === '.mts') return 'esm';
  if (extension === '.cts') return 'cjs';
  return isTypeModule(path.dirname(file)) ? 'esm' : 'cjs';
}

function nearestTsconfig(folder: string): string | undefined {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'tsconfig.json');
    if (existsSync(candidate)) return candidate;
    if (dir === path.dirname(dir) || path.basename(dir) === 'node_modules') return undefined;
  }
}

async function stampOf(file: string): Promise<Stamp | undefined> {
  try {
    const info = await stat(file);
    return { file, mtimeMs: info.mtimeMs, size: info.size };
  } catch {
    return undefined;
  }
}

async function isFresh(record: CacheRecord): Promise<boolean> {
  if (!existsSync(record.output)) return false;
  for (const previous of record.stamps) {
    const current = await stampOf(previous.file);
    if (!current || current.mtimeMs !== previous.mtimeMs || current.size !== previous.size) return false;
  }
  return true;
}

/** Writes via a temporary name + rename, so two environments compiling at once never see half a file. */
async function writeAtomically(file: string, contents: Uint8Array | string): Promise<void> {
  const temporary = `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(temporary, contents);
  await rename(temporary, file);
}

/** esbuild's messages as `/abs/file.ts:line:column: text` (esbuild columns are 0-based, editors' 1-based). */
function describeMessages(messages: Message[], codeRoot: string): string {
  return messages.map((message) => {
    const where = message.location
      ? `${path.resolve(codeRoot, message.location.file)}:${message.location.line}:${message.location.column + 1}: `
      : '';
    return `${where}${message.text}`;
  }).join('\n');
}

function isBuildFailure(error: unknown): error is BuildFailure {
  return typeof error === 'object' && error !== null && Array.isArray((error as BuildFailure).errors);
}

/**
 * Compiles `source` (a .ts/.mts/.cts handler module under `codeRoot`) into `buildDir`, or reuses the
 * previous output when no input changed. Throws an Error naming file:line:column and esbuild's message
 * when the code does not compile.
 */
export async function compileTypeScriptHandler(options: {
  source: string;
  codeRoot: string;
  buildDir: string;
  format: OutputFormat;
  /** esbuild target, e.g. `node20`. */
  target: string;
  /**
   * esbuild's API, its binary fetched first when it has none (see runtime/esbuild/); called only when a build
   * is needed. Default: fetched without progress reports.
   */
  esbuild?: EsbuildLoader;
}): Promise<CompiledHandler> {
  const { source, codeRoot, format, target } = options;
  const key = createHash('sha256').update(JSON.stringify([source, format, target])).digest('hex').slice(0, 16);
  const outDir = path.join(options.buildDir, key);
  const output = path.join(outDir, `${path.basename(source).replace(/\.[cm]?ts$/, '')}.${format === 'esm' ? 'mjs' : 'cjs'}`);
  const recordFile = path.join(outDir, 'lambkin-build.json');
  try {
    const record = JSON.parse(await readFile(recordFile, 'utf8')) as CacheRecord;
    if (record.output === output && (await isFresh(record))) return { file: output, cached: true };
  } catch {
    // No usable cache record: build.
  }

  // Loaded on first use: most functions are plain JavaScript and never need the compiler (nor its binary).
  const esbuild = await (options.esbuild ?? (async () => loadEsbuild(await ensureEsbuildBinary())))();
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: codeRoot,
      entryPoints: [source],
      outfile: output,
      bundle: true,
      platform: 'node',
      format,
      target,
      sourcemap: 'linked',
      sourcesContent: true,
      metafile: true,
      write: false,
      logLevel: 'silent',
      plugins: [externalPackagesPlugin(format)],
    });
  } catch (error) {
    if (isBuildFailure(error)) throw new Error(`TypeScript handler ${source} does not compile:\n${describeMessages(error.errors, codeRoot)}`, { cause: error });
    throw error;
  }

  await mkdir(outDir, { recursive: true });
  for (const file of result.outputFiles) await writeAtomically(file.path, file.contents);
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(codeRoot, input));
  const tsconfig = nearestTsconfig(path.dirname(source));
  if (tsconfig) inputs.push(tsconfig);
  const stamps = (await Promise.all(inputs.map(stampOf))).filter((stamp): stamp is Stamp => stamp !== undefined);
  await writeAtomically(recordFile, JSON.stringify({ output, stamps } satisfies CacheRecord));
  return { file: output, cached: false };
}
