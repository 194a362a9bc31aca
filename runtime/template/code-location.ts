// Where a function's code lives on disk, and whether the handler it names can be found there.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SourceLocation } from './model';
import type { ProblemSink } from './located';

export const SUPPORTED_RUNTIMES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'provided.al2023', 'provided.al2'] as const;

/** What the Node.js runtime (and Lambkin's TypeScript support) will try for a handler module. */
const NODE_MODULE_EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.ts', '.mts', '.cts'];

/** Lambda refuses to set these itself; a template that sets them fails to deploy. */
const RESERVED_VARIABLES = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE',
  'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

export function isReservedVariable(name: string): boolean {
  return RESERVED_VARIABLES.has(name);
}

export function isNodeRuntime(runtime: string): boolean {
  return runtime.startsWith('nodejs');
}

export function isProvidedRuntime(runtime: string): boolean {
  return runtime === 'provided' || runtime.startsWith('provided.');
}

export function resolveCodeRoot(templatePath: string, codePath: string): string {
  return path.resolve(path.dirname(templatePath), codePath);
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

/** Reports a code folder that is missing or is a file; returns whether it is a usable folder. */
export function checkCodeRoot(property: string, written: string, codeRoot: string, loc: SourceLocation, problems: ProblemSink): boolean {
  const stats = statOf(codeRoot);
  if (!stats) {
    problems.error(loc, `${property} "${written}" was not found: looked for the folder ${codeRoot}. Create it or point ${property} at your code folder.`);
    return false;
  }
  if (!stats.isDirectory()) {
    problems.error(loc, `${property} "${written}" is a file (${codeRoot}); Lambkin runs code from a folder, so point ${property} at the folder that holds your handler.`);
    return false;
  }
  return true;
}

/** Splits `src/app.handler` into the module path (`src/app`) and export path (`handler`). */
export function splitNodeHandler(handler: string): { modulePath: string; exportPath: string } | undefined {
  const slash = handler.lastIndexOf('/');
  const dot = handler.indexOf('.', slash + 1);
  if (dot <= slash + 1 || dot === handler.length - 1) return undefined;
  return { modulePath: handler.slice(0, dot), exportPath: handler.slice(dot + 1) };
}

/** Checks the handler string's shape, then (when the code folder exists) that its file is there. */
export function checkHandler(handler: string, runtime: string, codeRoot: string | undefined, loc: SourceLocation, problems: ProblemSink): void {
  if (isProvidedRuntime(runtime)) {
    if (codeRoot) checkBootstrap(codeRoot, loc, problems);
    return;
  }
  if (!isNodeRuntime(runtime)) return;
  if (handler.split('/').includes('..')) {
    problems.error(loc, `Handler "${handler}" climbs out of the code folder with ".."; Lambda rejects it (Runtime.MalformedHandlerName). Move the file under CodeUri.`);
    return;
  }
  const parts = splitNodeHandler(handler);
  if (!parts) {
    problems.error(loc, `Handler "${handler}" must be <file>.<export>, e.g. app.handler for an app.js that exports handler.`);
    return;
  }
  if (!codeRoot) return;
  const base = path.join(codeRoot, parts.modulePath);
  const found = NODE_MODULE_EXTENSIONS.some((extension) => statOf(base + extension)?.isFile());
  if (!found) {
    const candidates = NODE_MODULE_EXTENSIONS.filter(Boolean).map((extension) => path.basename(parts.modulePath) + extension);
    problems.warning(loc, `Handler "${handler}": none of ${candidates.join(', ')} exists in ${path.dirname(base)}; check Handler and CodeUri.`);
  }
}

function checkBootstrap(codeRoot: string, loc: SourceLocation, problems: ProblemSink): void {
  const bootstrap = path.join(codeRoot, 'bootstrap');
  const stats = statOf(bootstrap);
  if (!stats?.isFile()) {
    problems.warning(loc, `A custom runtime needs an executable file named bootstrap in its code folder; none at ${bootstrap}.`);
    return;
  }
  if (process.platform !== 'win32' && (stats.mode & 0o111) === 0) {
    problems.warning(loc, `${bootstrap} is not executable; run chmod +x on it.`);
  }
}
