// A queue's file in the data folder (`sqs/<queue>.json`): written atomically (a temporary file renamed over
// the old one) a little after each change, changes coalesced, one write per queue at a time; `flush` waits
// for the last one (at close, so a restart finds every message).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { StoredQueue } from './model';

/** Long enough to coalesce a burst of sends into one write, short enough that a crash loses little. */
const SAVE_DELAY_MS = 50;

export class QueueStore {
  private readonly pending = new Map<string, { timer?: NodeJS.Timeout; writing?: Promise<void>; again: boolean }>();

  constructor(private readonly folder: string, private readonly snapshot: (name: string) => StoredQueue | undefined, private readonly log: (message: string) => void) {}

  /** Every queue file there is; a file that cannot be read is reported and skipped. */
  loadAll(): StoredQueue[] {
    const queues: StoredQueue[] = [];
    for (const file of readdirSync(this.folder).filter((name) => name.endsWith('.json'))) {
      try {
        const stored = JSON.parse(readFileSync(path.join(this.folder, file), 'utf8')) as StoredQueue;
        if (typeof stored.name !== 'string' || !Array.isArray(stored.messages)) throw new Error('it is not a queue file');
        queues.push(stored);
      } catch (error) {
        this.log(`${path.join(this.folder, file)} cannot be read (${error instanceof Error ? error.message : String(error)}); that queue's messages are not loaded. Fix or delete the file.`);
      }
    }
    return queues;
  }

  scheduleSave(name: string): void {
    const entry = this.pending.get(name) ?? { again: false };
    this.pending.set(name, entry);
    if (entry.writing) {
      entry.again = true;
      return;
    }
    entry.timer ??= setTimeout(() => this.write(name), SAVE_DELAY_MS);
  }

  remove(name: string): void {
    const entry = this.pending.get(name);
    if (entry?.timer) clearTimeout(entry.timer);
    this.pending.delete(name);
    rmSync(this.file(name), { force: true });
  }

  /** Writes whatever is waiting now, and waits until nothing is left to write. */
  async flush(): Promise<void> {
    for (;;) {
      const writes: Array<Promise<void>> = [];
      for (const [name, entry] of this.pending) {
        if (entry.timer && !entry.writing) {
          clearTimeout(entry.timer);
          this.write(name);
        }
        if (entry.writing) writes.push(entry.writing);
      }
      if (writes.length === 0) return;
      await Promise.all(writes);
    }
  }

  private file(name: string): string {
    return path.join(this.folder, `${name}.json`);
  }

  private write(name: string): void {
    const entry = this.pending.get(name);
    if (!entry) return;
    entry.timer = undefined;
    const stored = this.snapshot(name);
    if (!stored) {
      this.pending.delete(name);
      return;
    }
    entry.writing = writeFileAtomic(this.file(name), JSON.stringify(stored))
      .catch((error: unknown) => this.log(`Could not save queue ${name} in ${this.folder}: ${error instanceof Error ? error.message : String(error)}`))
      .then(() => {
        entry.writing = undefined;
        if (entry.again) {
          entry.again = false;
          entry.timer = setTimeout(() => this.write(name), SAVE_DELAY_MS);
        } else if (this.pending.get(name) === entry && !entry.timer) {
          this.pending.delete(name);
        }
      });
  }
}
