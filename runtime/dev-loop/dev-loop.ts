// Saved changes take effect at once: the runtime watches its templates and each function's code folder,
// and a burst of changes (a save, a `git checkout`, an `npm install`) becomes one reload after a short
// quiet period. A template change rereads the templates; a code change retires the function's warm
// environments as a deploy would. One mechanism for `lambkin start` and the VS Code extension.
import path from 'node:path';
import { formatProblem } from '../cli/problems';
import type { LambkinRuntime } from '../lambkin-runtime';
import { FolderWatcher } from './folder-watcher';

/** Quiet period after the last change before reloading: one reload per burst of saves. */
export const DEBOUNCE_MS = 200;

export class DevLoop {
  private readonly watcher = new FolderWatcher((file) => this.changed(file));
  private readonly changedFiles = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private applying: Promise<void> = Promise.resolve();
  private disposed = false;

  constructor(
    private readonly runtime: LambkinRuntime,
    private readonly log: (level: 'info' | 'warn', message: string) => void,
    private readonly debounceMs = DEBOUNCE_MS,
  ) {
    this.watchCurrent();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.watcher.dispose();
  }

  /** Resolves once every change seen so far has been applied (for tests and orderly stops). */
  get settled(): Promise<void> {
    return this.applying;
  }

  private watchCurrent(): void {
    this.watcher.watchRoots(new Set(this.runtime.functions.map((fn) => fn.codeRoot)));
    // Editors save by writing a new file and renaming it over the old one: watch the template's folder.
    for (const template of this.runtime.templateFiles) this.watcher.watchFolder(path.dirname(template));
  }

  private changed(file: string): void {
    if (this.disposed) return;
    const templates = this.runtime.templateFiles;
    const folderOfTemplate = templates.some((template) => path.dirname(template) === path.dirname(file));
    // The template's folder is often the code folder too; other files beside a template matter only as code.
    if (folderOfTemplate && !templates.includes(file) && !this.isCode(file)) return;
    this.changedFiles.add(file);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.applying = this.applying.then(() => this.apply()).catch((error: unknown) => this.log('warn', `Reloading after a change failed: ${String(error)}`));
    }, this.debounceMs);
  }

  private isCode(file: string): boolean {
    return this.runtime.functions.some((fn) => within(fn.codeRoot, file));
  }

  private async apply(): Promise<void> {
    if (this.disposed) return;
    const files = [...this.changedFiles];
    this.changedFiles.clear();
    const templates = this.runtime.templateFiles;
    const changedTemplates = files.filter((file) => templates.includes(file));
    const changedCode = files.filter((file) => !templates.includes(file));
    if (changedTemplates.length > 0) {
      const before = this.runtime.functions.length;
      const { kept } = await this.runtime.reload();
      if (this.disposed) return;
      this.log('info', `${changedTemplates.map(relative).join(', ')} changed: ${this.runtime.functions.length} function(s) (were ${before}).`);
      for (const problem of this.runtime.problems) this.log('warn', formatProblem(problem));
      for (const file of kept) this.log('warn', `${relative(file)} has errors that lose functions; the last good version keeps serving until they are fixed.`);
    }
    const names = this.runtime.functions.filter((fn) => changedCode.some((file) => within(fn.codeRoot, file))).map((fn) => fn.name);
    if (names.length > 0) {
      const { idle, busy } = this.runtime.codeChanged(names);
      const what = changedCode.length === 1 ? relative(changedCode[0]!) : `${changedCode.length} files`;
      const retired = idle + busy === 0 ? 'no warm environment to retire' : `retired ${idle} idle environment(s)${busy > 0 ? `, ${busy} busy one(s) finish their invocation first` : ''}`;
      this.log('info', `${what} changed: ${names.join(', ')} start on the new code (${retired}).`);
    }
    this.watchCurrent();
  }
}

function within(folder: string, file: string): boolean {
  return file === folder || file.startsWith(folder.endsWith(path.sep) ? folder : folder + path.sep);
}

function relative(file: string): string {
  return path.relative(process.cwd(), file) || file;
}
