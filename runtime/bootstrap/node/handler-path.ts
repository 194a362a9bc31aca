// Lambda's handler-string rules for Node.js (`path/to/module.export.nested`), shared by the bootstrap
// (which loads the module) and the launcher/editor features (which only need to know which file it is).
// Only Node built-ins: this file is bundled into the bootstrap that runs inside the user's environment.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export type ModuleLoader = 'require' | 'import';

export interface ParsedHandler {
  /** Directory part of the handler string as written (`src/` for `src/app.handler`), '' when none. */
  moduleRoot: string;
  /** Module name: from the basename up to its first '.' (`app`). */
  moduleName: string;
  /** Property path inside the module (`['handler']`, `['nested', 'handler']`). */
  exportPath: string[];
}

export interface ResolvedHandlerModule extends ParsedHandler {
  /** Absolute path of the module file Lambda would load. */
  file: string;
  /** How Lambda loads it: `require` (CommonJS) or `import` (ES module). */
  loader: ModuleLoader;
  /** True for a `.ts`/`.mts`/`.cts` source that Lambkin must compile before Node can load it. */
  typescript: boolean;
}

/** Thrown for handler strings Lambda refuses (`Runtime.MalformedHandlerName`). */
export class MalformedHandlerNameError extends Error {
  constructor(message: string) {
    super(message);
  }
}
MalformedHandlerNameError.prototype.name = 'Runtime.MalformedHandlerName';

const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts'] as const;

/** Splits a handler string exactly as Lambda's Node runtime does, or throws MalformedHandlerNameError. */
export function parseHandlerString(handler: string): ParsedHandler {
  if (handler.includes('..')) {
    throw new MalformedHandlerNameError(
      `'${handler}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const base = path.basename(handler);
  const moduleRoot = handler.substring(0, handler.indexOf(base));
  const match = /^([^.]*)\.(.*)$/.exec(base);
  if (!match) throw new MalformedHandlerNameError('Bad handler');
  return { moduleRoot, moduleName: match[1], exportPath: match[2].split('.') };
}

/**
 * Whether `.js` files in `folder` are ES modules: the nearest package.json walking up decides,
 * and the walk stops (answering no) at a `node_modules` folder or the filesystem root.
 */
export function isTypeModuleFolder(folder: string): boolean {
  let current = path.resolve(folder);
  for (;;) {
    if (current.endsWith(`${path.sep}node_modules`)) return false;
    const manifest = path.join(current, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed: unknown = JSON.parse(readFileSync(manifest, 'utf8'));
        return typeof parsed === 'object' && parsed !== null && (parsed as { type?: unknown }).type === 'module';
      } catch {
        // Lambda ignores an unreadable package.json for module detection (it only warns).
        return false;
      }
    }
    const parent = path.dirname(current);
    if (parent === current) return false;
    current = parent;
  }
}

/** How Node loads a file by extension alone, with `.js` (and extensionless) decided by package.json. */
export function loaderForFile(file: string): ModuleLoader {
  const extension = path.extname(file);
  if (extension === '.mjs' || extension === '.mts') return 'import';
  if (extension === '.cjs' || extension === '.cts') return 'require';
  if (extension === '.js' || extension === '.ts') return isTypeModuleFolder(path.dirname(file)) ? 'import' : 'require';
  return 'require';
}

function isFile(candidate: string): boolean {
  try {
    return existsSync(candidate) && statSync(candidate).isFile();
  } catch {
    return false;
  }
}

/**
 * Finds the module file for a handler string under the code root, in Lambda's order:
 * extensionless (require), `.js` (require unless package.json type module), `.js` (import when it is),
 * `.mjs` (import), `.cjs` (require), then — only with `typescript` — `.ts`/`.mts`/`.cts` sources,
 * then `require.resolve(module, { paths: [root, root/moduleRoot] })`.
 * Returns undefined when nothing matches (Lambda's Runtime.ImportModuleError).
 * Throws MalformedHandlerNameError for handler strings Lambda rejects.
 */
export function findHandlerModule(
  codeRoot: string,
  handler: string,
  options: { typescript?: boolean } = {},
): ResolvedHandlerModule | undefined {
  const parsed = parseHandlerString(handler);
  const base = path.resolve(codeRoot, parsed.moduleRoot, parsed.moduleName);
  const found = (file: string, loader: ModuleLoader, typescript = false): ResolvedHandlerModule =>
    ({ ...parsed, file, loader, typescript });

  // Lambda's extensionless check is a plain existence test: require() then picks file or folder index.
  if (existsSync(base)) {
    const resolved = tryRequireResolve(base, codeRoot);
    if (resolved) return found(resolved, 'require');
  }
  const typeModule = isTypeModuleFolder(path.dirname(base));
  if (isFile(`${base}.js`)) return found(`${base}.js`, typeModule ? 'import' : 'require');
  if (isFile(`${base}.mjs`)) return found(`${base}.mjs`, 'import');
  if (isFile(`${base}.cjs`)) return found(`${base}.cjs`, 'require');
  if (options.typescript) {
    for (const extension of TYPESCRIPT_EXTENSIONS) {
      const file = `${base}${extension}`;
      if (isFile(file)) return found(file, loaderForFile(file), true);
    }
  }
  const fallback = tryRequireResolve(parsed.moduleName, codeRoot, [codeRoot, path.join(codeRoot, parsed.moduleRoot)]);
  return fallback ? found(fallback, 'require') : undefined;
}

function tryRequireResolve(request: string, codeRoot: string, paths?: string[]): string | undefined {
  try {
    const localRequire = createRequire(path.join(path.resolve(codeRoot), 'noop.js'));
    return localRequire.resolve(request, paths ? { paths } : undefined);
  } catch {
    return undefined;
  }
}
