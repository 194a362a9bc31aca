// Module resolution hooks for ES modules inside an environment. CommonJS `require` searches NODE_PATH; ES
// module `import` does not. On Lambda, an ES module handler can still import the runtime's AWS SDK and its
// layers' packages; these hooks give the same: a bare specifier that resolves nowhere else is looked up in
// each NODE_PATH folder, in order, after the handler's own node_modules (which therefore still win).
// Bundled alone as an ES module (dist/runtime/esm-resolve-hooks.mjs) and registered by the bootstrap.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ResolveContext {
  conditions: string[];
  importAttributes?: Record<string, string>;
  parentURL?: string;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<{ url: string; format?: string | null; shortCircuit?: boolean }>;

const folders = (process.env.NODE_PATH ?? '').split(path.delimiter).filter(Boolean);

function isBare(specifier: string): boolean {
  return !/^(\.{1,2}\/|\/|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(specifier);
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<{ url: string; format?: string | null; shortCircuit?: boolean }> {
  try {
    return await next(specifier, context);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ERR_MODULE_NOT_FOUND' || !isBare(specifier)) throw error;
    for (const folder of folders) {
      // Resolving as if imported from a file inside `folder` makes Node search `folder` itself (a NODE_PATH
      // entry is a node_modules folder, or a folder holding packages directly, like Lambda's task root).
      for (const parent of [path.join(folder, '__lambkin_node_path__.mjs'), path.join(folder, 'node_modules', '__lambkin_node_path__.mjs')]) {
        try {
          return await next(specifier, { ...context, parentURL: pathToFileURL(parent).href });
        } catch {
          // Not in this folder: try the next.
        }
      }
    }
    throw error;
  }
}
