// The store's file-system helpers: single synchronous calls for the small steps of a request, and the walks
// over a bucket's folder (its keys) and its metadata folder (the keys recorded under a folder).
import { promises as fs, statSync, unlinkSync, type Stats } from 'node:fs';
import path from 'node:path';
import { decodeSegment, FILE_BESIDE_FOLDER, isReservedName } from './keys';

/** What tells a file the store placed from the same path changed since: inode, time and size. */
export function identity(stat: Stats): string {
  return `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
}

export function statOrUndefined(file: string): Stats | undefined {
  return statSync(file, { throwIfNoEntry: false });
}

/** Removes the file when it is there (one call: no stat first). */
export function removeIfThere(file: string): void {
  try {
    unlinkSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/** The keys of the files under `folder`, each prefixed with `keyPrefix` (`top`: the bucket's own folder). */
export async function walk(folder: string, keyPrefix: string, found: string[], top: boolean): Promise<void> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (top && isReservedName(entry.name)) continue;
    if (entry.isDirectory()) {
      await walk(path.join(folder, entry.name), `${keyPrefix}${decodeSegment(entry.name)}/`, found, false);
    } else if (entry.isFile()) {
      const name = entry.name.endsWith(FILE_BESIDE_FOLDER) ? entry.name.slice(0, -FILE_BESIDE_FOLDER.length) : entry.name;
      found.push(keyPrefix + decodeSegment(name));
    }
  }
}

/** The keys of the metadata records (files ending in `suffix`) under `folder`, each prefixed with `keyPrefix`. */
export async function walkMeta(folder: string, keyPrefix: string, suffix: string, found: string[]): Promise<void> {
  const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory()) await walkMeta(path.join(folder, entry.name), `${keyPrefix}${decodeSegment(entry.name)}/`, suffix, found);
    else if (entry.name.endsWith(suffix)) found.push(keyPrefix + decodeSegment(entry.name.slice(0, -suffix.length)));
  }
}

/** Removes `folder` and its parents while they are empty, up to (not including) `stopAt`. */
export async function pruneEmptyFolders(folder: string, stopAt: string): Promise<void> {
  let current = folder;
  while (current.startsWith(stopAt + path.sep)) {
    try {
      await fs.rmdir(current);
    } catch {
      return;
    }
    current = path.dirname(current);
  }
}
