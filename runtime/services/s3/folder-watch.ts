// Files created, changed or deleted in a bucket's folder by hand (or by any program) are object changes like
// any other: once a file has been quiet for a moment, a file the store has no record of (or a different one
// from) is ObjectCreated:Put, and a recorded file that is gone is ObjectRemoved:Delete. The store's own writes
// record the file before renaming it into place, so they are never seen twice; the report of one is known by
// the file's inode, time and size and dropped at once.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { localChangeSource, type ChangeSource, type S3Engine } from './engine';
import { decodeSegment, FILE_BESIDE_FOLDER, isReservedName } from './keys';
import { TreeWatch } from './tree-watch';

/** How long a file must be left alone before it counts as written (a copy in progress fires many events). */
const QUIET_MS = 100;

export class BucketFolderWatch {
  private watcher: TreeWatch | undefined;
  private readonly pending = new Map<string, NodeJS.Timeout>();
  private paused = 0;
  /** Changes are settled one at a time: a file and its folder both reported must not notify its removal twice. */
  private settling: Promise<void> = Promise.resolve();
  private watchedInode: number | undefined;

  constructor(private readonly engine: S3Engine, private readonly log: (message: string) => void) {}

  /**
   * Watches the buckets' folder (again when it was removed and made anew by a reset of all data), never
   * entering the store's own folders (`tree-watch.ts`).
   */
  start(): void {
    const root = this.engine.store.root;
    mkdirSync(root, { recursive: true });
    const inode = statSync(root).ino;
    if (this.watcher && inode === this.watchedInode) return;
    this.watcher?.close();
    this.watchedInode = inode;
    this.watcher = new TreeWatch(root, {
      skip: (relative) => {
        const parts = relative.split(path.sep);
        return isReservedName(parts[0]) || (parts.length > 1 && isReservedName(parts[1]));
      },
      changed: (relative, stat) => {
        // Our own upload's rename: already recorded, nothing to settle.
        if (stat?.isFile() && this.engine.store.placedByStore(path.join(root, relative), stat)) return;
        this.schedule(relative);
      },
      error: (error) => this.log(`Lambkin could not watch the buckets' folder for files changed by hand: ${error instanceof Error ? error.message : String(error)}`),
    });
  }

  /** Runs `action` (a reset) without taking what it removes for deletions made by hand. */
  async quietly<T>(action: () => Promise<T>): Promise<T> {
    this.paused++;
    try {
      return await action();
    } finally {
      // Events of the removal may still be on their way: let them arrive while paused.
      await new Promise((resolve) => setTimeout(resolve, QUIET_MS));
      for (const timer of this.pending.values()) clearTimeout(timer);
      this.pending.clear();
      this.paused--;
    }
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
    for (const timer of this.pending.values()) clearTimeout(timer);
    this.pending.clear();
  }

  private schedule(relative: string): void {
    if (this.paused > 0) return;
    const parts = relative.split(path.sep);
    // `%tmp` (bodies arriving), `%meta`, `%uploads`, `%bucket.json`: the store's own files.
    if (parts.length < 2 || isReservedName(parts[0]) || isReservedName(parts[1])) return;
    clearTimeout(this.pending.get(relative));
    this.pending.set(relative, setTimeout(() => {
      this.pending.delete(relative);
      this.settling = this.settling.then(() => this.settle(parts[0], parts.slice(1))).catch((error: unknown) => this.log(`A change in the buckets' folder (${relative}) was not handled: ${error instanceof Error ? error.message : String(error)}`));
    }, QUIET_MS));
  }

  private async settle(bucket: string, names: string[]): Promise<void> {
    if (this.paused > 0 || !(await this.engine.store.bucketConfig(bucket))) return;
    const last = names.at(-1)!;
    const key = [...names.slice(0, -1), last.endsWith(FILE_BESIDE_FOLDER) ? last.slice(0, -FILE_BESIDE_FOLDER.length) : last].map(decodeSegment).join('/');
    const source = localChangeSource('F');
    // A folder dropped in whole: its files may have landed before the watch reached inside it.
    if (this.engine.store.isFolder(bucket, key)) {
      for (const inner of await this.engine.store.keys(bucket, `${key}/`)) await this.settleKey(bucket, inner, source);
      return;
    }
    await this.settleKey(bucket, key, source);
    // A folder removed or moved away whole: the objects recorded under it are gone with it.
    for (const inner of await this.engine.store.recordedKeys(bucket, key)) await this.settleKey(bucket, inner, source);
  }

  private async settleKey(bucket: string, key: string, source: ChangeSource): Promise<void> {
    const change = await this.engine.store.reconcile(bucket, key);
    if (change === 'created') {
      const object = await this.engine.store.head(bucket, key);
      if (object) await this.engine.notify(bucket, 'ObjectCreated:Put', { key, size: object.size, etag: object.etag }, source);
    } else if (change === 'removed') {
      await this.engine.notify(bucket, 'ObjectRemoved:Delete', { key }, source);
    }
  }
}
