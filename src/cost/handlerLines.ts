// Which functions have their handler in a given source file, and on which line it is exported. Works on
// the editor's text (so hints follow typing) and picks the same file as Open Handler: the first of the
// handler's candidate files that exists, TypeScript first.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FunctionConfig } from '../../runtime/template/model';
import { findExport, HANDLER_EXTENSIONS, parseHandler } from '../handlers/locate';

export interface HandlerAtLine {
  fn: FunctionConfig;
  line: number;
  /** Where the exported name starts and ends on that line. */
  column: number;
  endColumn: number;
}

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' || process.platform === 'darwin' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** The file `fn`'s handler resolves to, or undefined when none of its candidates exists. */
export function handlerFile(fn: FunctionConfig, exists: (file: string) => boolean = existsSync): string | undefined {
  const name = parseHandler(fn.handler);
  if (!name) return undefined;
  for (const extension of HANDLER_EXTENSIONS) {
    const file = path.resolve(fn.codeRoot, name.modulePath + extension);
    if (exists(file)) return file;
  }
  return undefined;
}

/** The handlers exported by the document at `file` with text `source`, one per function (several functions may share one). */
export function handlersInDocument(functions: readonly FunctionConfig[], file: string, source: string, exists: (file: string) => boolean = existsSync): HandlerAtLine[] {
  const found: HandlerAtLine[] = [];
  for (const fn of functions) {
    const name = parseHandler(fn.handler);
    if (!name) continue;
    const resolved = handlerFile(fn, exists);
    if (!resolved || !samePath(resolved, file)) continue;
    const at = findExport(source, name.exportName);
    if (at) found.push({ fn, line: at.line, column: at.column, endColumn: at.column + name.exportName.length });
  }
  return found;
}
