// Module resolution hooks for ES modules inside an environment. CommonJS `require` searches NODE_PATH; ES
// module `import` does not. On Lambda, an ES module handler can still import the runtime's AWS SDK and its
// layers' packages; these hooks give the same: a bare specifier that resolves nowhere else is looked up in
// each NODE_PATH folder, in order, after the handler's own node_modules (which therefore still win).
// Two forms of the same hook: `resolveSync` for module.registerHooks (Node 22.15+, 23.5+: runs in the handler's
// own thread, at no cost to the cold start), and `resolve` for module.register (Node 20.6+: its hooks run on a
// thread of their own, which took as long to start as Node itself). The bootstrap uses the first it can;
// `resolve` is bundled alone as an ES module (dist/runtime/esm-resolve-hooks.mjs) for module.register.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

interface ResolveContext {
  conditions: string[];
  importAttributes?: Record<string, string>;
  parentURL?: string;
}
interface Resolved {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<Resolved>;
type NextResolveSync = (specifier: string, context: ResolveContext) => Resolved;

const folders = (process.env.NODE_PATH ?? '').split(path.delimiter).filter(Boolean);

function isBare(specifier: string): boolean {
  return !/^(\.{1,2}\/|\/|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(specifier);
}

/** Only a bare import that Node found nowhere is looked up in NODE_PATH (require searches it by itself). */
function searchesNodePath(specifier: string, error: unknown): boolean {
  return (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND' && isBare(specifier);
}

/**
 * Resolving as if imported from a file inside a NODE_PATH folder makes Node search that folder itself (a NODE_PATH
 * entry is a node_modules folder, or a folder holding packages directly, like Lambda's task root).
 */
function parentsInNodePath(): string[] {
  return folders.flatMap((folder) => [path.join(folder, '__lambkin_node_path__.mjs'), path.join(folder, 'node_modules', '__lambkin_node_path__.mjs')])
    .map((parent) => pathToFileURL(parent).href);
}

export async function resolve(specifier: string, context: ResolveContext, next: NextResolve): Promise<Resolved> {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (!searchesNodePath(specifier, error)) throw error;
    for (const parentURL of parentsInNodePath()) {
      try {
        return await next(specifier, { ...context, parentURL });
      } catch {
        // Not in this folder: try the next.
      }
    }
    throw error;
  }
}

export function resolveSync(specifier: string, context: ResolveContext, next: NextResolveSync): Resolved {
  try {
    return next(specifier, context);
  } catch (error) {
    if (!searchesNodePath(specifier, error)) throw error;
    for (const parentURL of parentsInNodePath()) {
      try {
        return next(specifier, { ...context, parentURL });
      } catch {
        // Not in this folder: try the next.
      }
    }
    throw error;
  }
}
