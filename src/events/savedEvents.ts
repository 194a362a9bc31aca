// Saved events: JSON files in `<workspace folder>/.lambkin/events/<function>/<name>.json` that users keep,
// edit (with a schema: see jsonValidation) and commit. Watched, so the tree follows edits on disk.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { listSavedEvents } from '../commands/eventPayload';
import { SAVED_EVENTS_DIR } from '../ids';

export class SavedEvents implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${SAVED_EVENTS_DIR}/**/*.json`);
  private readonly cache = new Map<string, string[]>();

  readonly onDidChange = this.changed.event;

  constructor() {
    const invalidate = () => {
      this.cache.clear();
      this.changed.fire();
    };
    this.watcher.onDidCreate(invalidate);
    this.watcher.onDidDelete(invalidate);
  }

  /**
   * What is known now, for synchronous callers (the tree): a cached list, or none while it is being read
   * (a change event follows once it is).
   */
  peek(functionName: string): string[] {
    const cached = this.cache.get(functionName);
    if (cached) return cached;
    void this.list(functionName).then((files) => {
      if (files.length > 0) this.changed.fire();
    });
    return [];
  }

  /** Saved event files of a function, from every workspace folder. */
  async list(functionName: string): Promise<string[]> {
    const cached = this.cache.get(functionName);
    if (cached) return cached;
    const files = await listSavedEvents(folders(), functionName);
    this.cache.set(functionName, files);
    return files;
  }

  /** Writes an event under the first workspace folder (or the one holding `near`), never over an existing file. */
  async save(functionName: string, name: string, payload: string, near?: string): Promise<vscode.Uri> {
    const root = folderFor(near) ?? folders()[0];
    if (!root) throw new Error('Open a folder first: saved events live in the workspace, under .lambkin/events/.');
    const directory = path.join(root, SAVED_EVENTS_DIR, functionName);
    await fs.mkdir(directory, { recursive: true });
    const file = path.join(directory, `${name}.json`);
    const text = JSON.stringify(JSON.parse(payload), null, 2) + '\n';
    // 'wx' refuses to replace a file the user already has.
    await fs.writeFile(file, text, { flag: 'wx' });
    this.cache.delete(functionName);
    this.changed.fire();
    return vscode.Uri.file(file);
  }

  dispose(): void {
    this.watcher.dispose();
    this.changed.dispose();
  }
}

/** A file name for an event: letters, digits, dots, dashes and underscores. */
export function validEventName(name: string): string | undefined {
  if (!name.trim()) return 'Give the event a name.';
  if (!/^[\w.-]+$/.test(name)) return 'Use letters, digits, ".", "-" and "_" only (it becomes <name>.json).';
  return undefined;
}

function folders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
}

function folderFor(file: string | undefined): string | undefined {
  if (!file) return undefined;
  return vscode.workspace.getWorkspaceFolder(vscode.Uri.file(file))?.uri.fsPath;
}
