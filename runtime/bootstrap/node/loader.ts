// Loads the user's handler the way Lambda's Node runtime does, mapping failures to Lambda's init errors.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { handlerNotFoundError, importModuleError, userCodeSyntaxError } from './errors';
import { isTypeModuleFolder, loaderForFile, parseHandlerString } from './handler-path';

export type UserHandler = (...args: unknown[]) => unknown;

export interface LoadOptions {
  /** LAMBDA_TASK_ROOT. */
  taskRoot: string;
  /** _HANDLER. */
  handler: string;
  /** LAMBKIN_HANDLER_MODULE: an already-compiled file that replaces the module lookup (TypeScript sources). */
  moduleOverride?: string;
}

// Every request is absolute or carries explicit `paths`, so the base only shows up in "Require stack"
// messages, where Lambda lists its own runtime file too.
function runtimeRequire(): NodeJS.Require {
  return createRequire(__filename);
}

async function importFile(file: string): Promise<unknown> {
  return import(pathToFileURL(file).href);
}

function existing(file: string): boolean {
  return existsSync(file);
}

async function loadModule(options: LoadOptions, moduleRoot: string, moduleName: string): Promise<unknown> {
  const localRequire = runtimeRequire();
  if (options.moduleOverride) {
    const file = options.moduleOverride;
    return loaderForFile(file) === 'import' ? importFile(file) : localRequire(file);
  }
  const base = path.resolve(options.taskRoot, moduleRoot, moduleName);
  if (existing(base)) return localRequire(base);
  const typeModule = isTypeModuleFolder(path.dirname(base));
  if (!typeModule && existing(`${base}.js`)) return localRequire(`${base}.js`);
  if (typeModule && existing(`${base}.js`)) return importFile(`${base}.js`);
  if (existing(`${base}.mjs`)) return importFile(`${base}.mjs`);
  if (existing(`${base}.cjs`)) return localRequire(`${base}.cjs`);
  const resolved = localRequire.resolve(moduleName, {
    paths: [options.taskRoot, path.join(options.taskRoot, moduleRoot)],
  });
  return localRequire(resolved);
}

/**
 * Returns the handler function, or throws the error Lambda reports at init:
 * Runtime.MalformedHandlerName, Runtime.UserCodeSyntaxError, Runtime.ImportModuleError,
 * Runtime.HandlerNotFound; anything else the module throws while loading is rethrown as is.
 */
export async function loadHandler(options: LoadOptions): Promise<UserHandler> {
  const { moduleRoot, moduleName, exportPath } = parseHandlerString(options.handler);
  let loaded: unknown;
  try {
    loaded = await loadModule(options, moduleRoot, moduleName);
  } catch (error) {
    if (error instanceof SyntaxError) throw userCodeSyntaxError(error);
    if ((error as { code?: unknown } | null)?.code === 'MODULE_NOT_FOUND') throw importModuleError(error);
    throw error;
  }
  let candidate: unknown = loaded;
  for (const key of exportPath) {
    candidate = candidate ? (candidate as Record<string, unknown>)[key] : candidate;
  }
  if (!candidate) throw handlerNotFoundError(`${options.handler} is undefined or not exported`);
  if (typeof candidate !== 'function') throw handlerNotFoundError(`${options.handler} is not a function`);
  return candidate as UserHandler;
}
