// Watches folders for saved changes: one fs.watch per directory (so any folder can be skipped, which a
// recursive fs.watch cannot do), new directories picked up as they appear. `.lambkin/` and `.git/` are
// never watched; `node_modules/` only at its top, where an install adds, removes or rewrites entries
// (its `.package-lock.json`) without a watch on each of its thousands of folders.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

const SKIPPED = new Set(['.lambkin', '.git']);
const SHALLOW = new Set(['node_modules']);

export class FolderWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private disposed = false;

  /** `onChange` receives the absolute path of every file or folder that changed (or may have). */
  constructor(private readonly onChange: (file: string) => void) {}

  /** Watches exactly these roots from now on (recursively), dropping the ones no longer listed. */
  watchRoots(roots: Iterable<string>): void {
    const wanted = new Set([...roots].map((root) => path.resolve(root)));
    for (const [dir, watcher] of this.watchers) {
      if (![...wanted].some((root) => dir === root || dir.startsWith(root + path.sep))) {
        watcher.close();
        this.watchers.delete(dir);
      }
    }
    for (const root of wanted) this.add(root, true);
  }

  /** Watches one folder's own entries (a template's folder: only the template file matters). */
  watchFolder(dir: string): void {
    this.add(path.resolve(dir), false);
  }

  dispose(): void {
    this.disposed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private add(dir: string, recursive: boolean): void {
    if (this.disposed || this.watchers.has(dir)) return;
    let watcher: FSWatcher;
    try {
      watcher = watch(dir, { persistent: false }, (_event, name) => this.changed(dir, name ? String(name) : undefined, recursive));
    } catch {
      return; // Gone, or not a folder: nothing to watch.
    }
    watcher.on('error', () => {
      // The folder was removed: its parent's watch reports that.
      watcher.close();
      this.watchers.delete(dir);
    });
    this.watchers.set(dir, watcher);
    if (!recursive || SHALLOW.has(path.basename(dir))) return;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && !SKIPPED.has(entry.name)) this.add(path.join(dir, entry.name), true);
    }
  }

  private changed(dir: string, name: string | undefined, recursive: boolean): void {
    if (name !== undefined && SKIPPED.has(name)) return;
    const file = name === undefined ? dir : path.join(dir, name);
    // A new folder (a `git checkout`, an unpacked package) is watched as soon as it appears.
    if (recursive && name !== undefined && !SHALLOW.has(path.basename(dir)) && isFolder(file)) this.add(file, true);
    this.onChange(file);
  }
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}
