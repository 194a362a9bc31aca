// Watches a tree of folders and reports the path (relative to the root) of every entry that changed: one
// fs.watch per folder, as the dev loop's folder watcher does, so the store's own folders are never entered.
// Node's recursive watch on Linux walks the whole tree again on every change, and chokidar watched every file
// besides every folder and re-read a folder (with a stat of each entry) whenever anything in it changed;
// every upload paid for that. Here an event names the entry, and a folder is read only when it appears.
import { readdirSync, statSync, watch, type FSWatcher, type Stats } from 'node:fs';
import path from 'node:path';

export interface TreeWatchOptions {
  /** True for a path (relative to the root) the watch should neither report nor enter. */
  skip(relative: string): boolean;
  /** A changed entry, relative to the root: created, written, renamed or removed (file or folder; gone: no stat). */
  changed(relative: string, stat: Stats | undefined): void;
  error(error: unknown): void;
}

export class TreeWatch {
  /** By absolute path, with the folder's inode (a folder removed and made again under the same name is new). */
  private readonly watchers = new Map<string, { watcher: FSWatcher; ino: number }>();
  private closed = false;

  constructor(private readonly root: string, private readonly options: TreeWatchOptions) {
    this.enter(root);
  }

  close(): void {
    this.closed = true;
    for (const { watcher } of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  /** Watches the folder and every folder inside it (a folder dropped in whole arrives with its content). */
  private enter(folder: string, ino = statSync(folder, { throwIfNoEntry: false })?.ino): void {
    if (this.closed || ino === undefined) return;
    const known = this.watchers.get(folder);
    if (known?.ino === ino) return;
    if (known) this.leave(folder);
    if (!this.open(folder, ino)) return;
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const inner = path.join(folder, entry.name);
      if (entry.isDirectory() && !this.options.skip(path.relative(this.root, inner))) this.enter(inner);
    }
  }

  private open(folder: string, ino: number): boolean {
    try {
      const watcher = watch(folder, { persistent: false }, (_event, name) => {
        if (name) this.folderChanged(folder, name.toString());
      });
      watcher.on('error', (error) => {
        // A folder removed while watched ends its watch; only the root's failure is worth a word.
        this.leave(folder);
        if (folder === this.root && !this.closed) this.options.error(error);
      });
      this.watchers.set(folder, { watcher, ino });
      return true;
    } catch (error) {
      // Gone before it could be watched: its parent's event tells what happened.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && (error as NodeJS.ErrnoException).code !== 'ENOTDIR') this.options.error(error);
      return false;
    }
  }

  private folderChanged(folder: string, name: string): void {
    const full = path.join(folder, name);
    const relative = path.relative(this.root, full);
    if (this.options.skip(relative)) return;
    // A folder that appeared is watched from now on; a watched one that went (or moved) is no longer.
    const stat = statSync(full, { throwIfNoEntry: false });
    if (stat?.isDirectory()) this.enter(full, stat.ino);
    else if (this.watchers.has(full)) this.leave(full);
    this.options.changed(relative, stat);
  }

  /** Stops watching the folder and every folder under it. */
  private leave(folder: string): void {
    const inside = folder + path.sep;
    for (const [watched, { watcher }] of this.watchers) {
      if (watched === folder || watched.startsWith(inside)) {
        watcher.close();
        this.watchers.delete(watched);
      }
    }
  }
}
