// Which functions of the templates have their handler in a given source file, and on which line it is
// exported. The handler string names a module under the code root; its TypeScript source and its
// JavaScript (compiled or hand-written) both count. No vscode here.
import path from 'node:path';
import type { FunctionConfig } from '../../runtime/template/model';
import { findExport, HANDLER_EXTENSIONS, parseHandler } from '../handlers/locate';

export interface HandlerSite {
  fn: FunctionConfig;
  exportName: string;
  /** 0-based line and column of the exported name. */
  line: number;
  column: number;
}

const SOURCE_EXTENSIONS = new Set(HANDLER_EXTENSIONS.filter((extension) => extension !== ''));

function comparable(file: string): string {
  const resolved = path.resolve(file);
  return process.platform === 'win32' ? resolved.toLowerCase() : resolved;
}

/** True when `file` is a module the function's handler string can name (`src/app.handler` → src/app.ts, src/app.js, …). */
export function isHandlerModule(fn: FunctionConfig, file: string): boolean {
  const name = parseHandler(fn.handler);
  if (!name || !fn.runtime.startsWith('nodejs')) return false;
  const extension = path.extname(file);
  if (!SOURCE_EXTENSIONS.has(extension)) return false;
  return comparable(file.slice(0, -extension.length)) === comparable(path.resolve(fn.codeRoot, name.modulePath));
}

/** The handlers `text` (the contents of `file`) exports for the given functions, in function order. */
export function handlerSites(functions: readonly FunctionConfig[], file: string, text: string): HandlerSite[] {
  const sites: HandlerSite[] = [];
  for (const fn of functions) {
    if (!isHandlerModule(fn, file)) continue;
    const exportName = parseHandler(fn.handler)!.exportName;
    const found = findExport(text, exportName);
    if (found) sites.push({ fn, exportName, line: found.line, column: found.column });
  }
  return sites;
}

/** The functions whose handler module is `file`, exported or not (F5 in that file debugs one of them). */
export function functionsOfFile(functions: readonly FunctionConfig[], file: string): FunctionConfig[] {
  return functions.filter((fn) => isHandlerModule(fn, file));
}
