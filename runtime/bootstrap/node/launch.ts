// How a nodejs* execution environment is started: node + Lambda-like flags + Lambkin's bootstrap, with
// TypeScript handlers compiled first. Runs in the Lambkin process, never inside the environment.
import path from 'node:path';
import type { FunctionConfig } from '../../template/model';
import { findHandlerModule, isTypeModuleFolder, MalformedHandlerNameError, type ModuleLoader } from './handler-path';
import { compileTypeScriptHandler, formatForSource, type EsbuildLoader } from './typescript-build';

export interface NodeLaunchOptions {
  nodePath: string;
  bootstrapPath: string;
  /** Where compiled TypeScript handlers are cached. */
  buildDir: string;
  inspect?: { port: number; breakOnStart?: boolean };
  /** Flags for Node itself, before the bootstrap (the permission model's). */
  extraFlags?: string[];
  /** The provided AWS SDK's node_modules (on NODE_PATH before the task root, as Lambda's /var/runtime/node_modules). */
  sdkModules?: string;
  /** esbuild for TypeScript handlers (its binary fetched on first use, with progress reports). */
  esbuild?: EsbuildLoader;
}

export interface NodeLaunchSpec {
  command: string;
  args: string[];
  /** Variables to add to the environment's Lambda variables. */
  env: Record<string, string>;
}

export interface HandlerModuleLocation {
  /** Absolute path of the handler's module (the .ts source for TypeScript handlers). */
  file: string;
  /** Property path of the handler inside the module, e.g. `['handler']`. */
  exportPath: string[];
  loader: ModuleLoader;
  typescript: boolean;
}

/**
 * Which file and export a handler string designates under a code root, by Lambda's lookup order, with
 * TypeScript sources (.ts/.mts/.cts) considered when no JavaScript file of that name exists.
 * Returns undefined when no module matches; throws MalformedHandlerNameError for handler strings Lambda rejects.
 */
export function resolveHandlerModule(codeRoot: string, handler: string): HandlerModuleLocation | undefined {
  const found = findHandlerModule(codeRoot, handler, { typescript: true });
  return found && { file: found.file, exportPath: found.exportPath, loader: found.loader, typescript: found.typescript };
}

/**
 * V8 heap flags as Lambda's own Node bootstrap derives them from the memory setting: 10% of the function's
 * memory is set aside for the young generation (semi-spaces of 5% each), and the old generation may use the
 * remaining 90%. The heap limit is then close to the function's memory, so a handler that leaks fails with
 * a heap out-of-memory error near where it would in Lambda, instead of growing to Node's default limit.
 */
export function memoryFlags(memorySizeMb: number): string[] {
  const newSpace = Math.floor(memorySizeMb / 10);
  return [`--max-semi-space-size=${Math.floor(newSpace / 2)}`, `--max-old-space-size=${memorySizeMb - newSpace}`];
}

/** `nodejs20.x` -> `node20`, the esbuild target for compiled TypeScript. */
function esbuildTarget(runtime: string): string {
  const major = /^nodejs(\d+)/.exec(runtime)?.[1];
  return major ? `node${major}` : 'node20';
}

/** node_modules folders Node would search from `folder` upwards. */
function nodeModulesChain(folder: string): string[] {
  const chain: string[] = [];
  for (let dir = path.resolve(folder); ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') chain.push(path.join(dir, 'node_modules'));
    if (dir === path.dirname(dir)) return chain;
  }
}

/**
 * The node_modules folders of the function's layers in /opt's order: the Runtime's own major first, then the
 * shared one; within each, later layers first (on Lambda they overwrite earlier ones in /opt).
 */
export function layerModules(fn: FunctionConfig): string[] {
  const major = /^nodejs(\d+)/.exec(fn.runtime)?.[1];
  const layers = [...(fn.layers ?? [])].reverse();
  return [
    ...(major ? layers.map((layer) => path.join(layer, 'nodejs', `node${major}`, 'node_modules')) : []),
    ...layers.map((layer) => path.join(layer, 'nodejs', 'node_modules')),
  ];
}

/**
 * The command line for a nodejs* environment. Flags go on the command line, never into NODE_OPTIONS: a
 * NODE_OPTIONS from the function's own variables then applies exactly as in Lambda (command-line flags
 * win where both set the same thing), and the Lambkin host's NODE_OPTIONS (e.g. a debugger's bootloader)
 * never reaches the function because environments start from a clean environment.
 *
 * TypeScript handlers are compiled into `buildDir` first and LAMBKIN_HANDLER_MODULE points the bootstrap
 * at the output. Compile errors throw an Error naming file:line:column (reported as UserCodeSyntaxError).
 */
export async function nodeLaunchSpec(fn: FunctionConfig, options: NodeLaunchOptions): Promise<NodeLaunchSpec> {
  const args = [...memoryFlags(fn.memorySize), '--enable-source-maps', ...(options.extraFlags ?? [])];
  if (options.inspect) {
    const flag = options.inspect.breakOnStart ? '--inspect-brk' : '--inspect';
    args.push(`${flag}=127.0.0.1:${options.inspect.port}`);
  }
  args.push(options.bootstrapPath);

  const env: Record<string, string> = {};
  // Lambda's NODE_PATH: /opt/nodejs/nodeNN/node_modules, /opt/nodejs/node_modules, the runtime's modules (the
  // SDK), the task root. A NODE_PATH among the function's own variables replaces it there, so it does here.
  const nodePath = [...layerModules(fn), ...(options.sdkModules ? [options.sdkModules] : []), fn.codeRoot];

  let located;
  try {
    located = findHandlerModule(fn.codeRoot, fn.handler, { typescript: true });
  } catch (error) {
    // The bootstrap reports a malformed handler string as Lambda does, at init.
    if (!(error instanceof MalformedHandlerNameError)) throw error;
  }
  if (located?.typescript) {
    const compiled = await compileTypeScriptHandler({
      source: located.file,
      codeRoot: fn.codeRoot,
      buildDir: options.buildDir,
      format: formatForSource(located.file, isTypeModuleFolder),
      target: esbuildTarget(fn.runtime),
      esbuild: options.esbuild,
    });
    env.LAMBKIN_HANDLER_MODULE = compiled.file;
    // Packages imported statically are resolved at compile time; this keeps run-time require() calls with
    // computed names working from the compiled file's location too (CommonJS only: ESM ignores NODE_PATH).
    nodePath.unshift(...nodeModulesChain(path.dirname(located.file)));
  }
  if (fn.environment.NODE_PATH === undefined) env.NODE_PATH = nodePath.join(path.delimiter);
  return { command: options.nodePath, args, env };
}
