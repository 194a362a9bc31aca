// Finds the source of a function's handler: the file its handler string names under the code root
// (TypeScript sources first, since that is what people edit), and the line that exports the handler.
import { promises as fs } from 'node:fs';
import path from 'node:path';

export const HANDLER_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs', ''];

export interface HandlerName {
  /** Module path relative to the code root, without extension: `src/app`. */
  modulePath: string;
  /** The exported name: `handler` for `src/app.handler` (and for `src/app.handler.nested`). */
  exportName: string;
}

export interface HandlerLocation {
  file: string;
  /** 0-based; undefined when the file exists but no export of the handler was recognised. */
  line?: number;
  column?: number;
}

/** `src/app.handler` → `{ modulePath: 'src/app', exportName: 'handler' }`: the module name ends at the first dot of the basename. */
export function parseHandler(handler: string): HandlerName | undefined {
  const slash = handler.lastIndexOf('/');
  const directory = handler.slice(0, slash + 1);
  const base = handler.slice(slash + 1);
  const dot = base.indexOf('.');
  if (dot <= 0 || dot === base.length - 1) return undefined;
  return { modulePath: directory + base.slice(0, dot), exportName: base.slice(dot + 1).split('.')[0]! };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Finds the line and column where `source` exports `exportName`, in the common ESM and CommonJS forms. */
export function findExport(source: string, exportName: string): { line: number; column: number } | undefined {
  // `\b` does not work next to `$`, which identifiers may contain.
  const name = `(?<![\\w$])(${escapeRegExp(exportName)})(?![\\w$])`;
  const patterns = [
    new RegExp(`\\bexport\\s+(?:const|let|var)\\s+${name}`, 'd'),
    new RegExp(`\\bexport\\s+(?:async\\s+)?function\\s*\\*?\\s*${name}`, 'd'),
    new RegExp(`\\bmodule\\.exports\\.${name}\\s*=`, 'd'),
    new RegExp(`(?<![.\\w$])exports\\.${name}\\s*=`, 'd'),
    new RegExp(`\\bexport\\s*\\{[^}]*?${name}\\s*(?:,|\\})`, 'd'),
    new RegExp(`\\bmodule\\.exports\\s*=\\s*\\{[^}]*?${name}`, 'd'),
  ];
  const lines = source.split(/\r?\n/);
  for (const pattern of patterns) {
    for (let index = 0; index < lines.length; index++) {
      const match = pattern.exec(lines[index]!);
      if (match?.indices?.[1]) return { line: index, column: match.indices[1][0] };
    }
  }
  return undefined;
}

async function isFile(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}

/** Resolves the handler's file under `codeRoot` and its export line; undefined when no such file exists. */
export async function locateHandler(codeRoot: string, handler: string): Promise<HandlerLocation | undefined> {
  const name = parseHandler(handler);
  if (!name) return undefined;
  for (const extension of HANDLER_EXTENSIONS) {
    const file = path.resolve(codeRoot, name.modulePath + extension);
    if (!(await isFile(file))) continue;
    const found = findExport(await fs.readFile(file, 'utf8'), name.exportName);
    return found ? { file, line: found.line, column: found.column } : { file };
  }
  return undefined;
}
