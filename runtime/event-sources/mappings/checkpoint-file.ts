// Mappings' checkpoints in one JSON file of the service's data folder, rewritten atomically (temporary file,
// then rename) after every move, writes one at a time: a crash leaves the previous or the next state.
import { readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { CheckpointStore } from './stream-poller';

export class CheckpointFile implements CheckpointStore {
  private readonly positions: Record<string, string | null>;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: string, onError: (message: string) => void) {
    let positions: Record<string, string | null> = {};
    try {
      const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) positions = parsed as Record<string, string | null>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') onError(`The mappings' checkpoints in ${file} could not be read (${(error as Error).message}); the mappings start from their StartingPosition.`);
    }
    this.positions = positions;
  }

  get(uuid: string): string | null | undefined {
    return this.positions[uuid];
  }

  set(uuid: string, sequence: string | null): Promise<void> {
    this.positions[uuid] = sequence;
    return this.save();
  }

  /** Forgets the mappings not in `keep` (their function or event left the template), or all. */
  forget(keep: ReadonlySet<string> = new Set()): Promise<void> {
    for (const uuid of Object.keys(this.positions)) if (!keep.has(uuid)) delete this.positions[uuid];
    return this.save();
  }

  flushed(): Promise<void> {
    return this.writing;
  }

  private save(): Promise<void> {
    const text = JSON.stringify(this.positions);
    this.writing = this.writing.then(async () => {
      const temporary = `${this.file}.${process.pid}.tmp`;
      await writeFile(temporary, text);
      await rename(temporary, path.resolve(this.file));
    });
    return this.writing;
  }
}
