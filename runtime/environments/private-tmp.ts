// Each execution environment's own temporary folder. On Lambda every environment has its own /tmp; locally
// the environments share the machine's, so each gets a folder of its own under <os tmp>/lambkin/environments/,
// handed to the function as TMPDIR (what os.tmpdir() returns), and removed when the environment ends.
// Folders are named after the Lambkin process, so ones left by a process that died are removed later.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, type Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export function privateTmpRoot(): string {
  return path.join(os.tmpdir(), 'lambkin', 'environments');
}

/** A new, empty folder for one environment. */
export function createPrivateTmp(root = privateTmpRoot()): string {
  mkdirSync(root, { recursive: true });
  return mkdtempSync(path.join(root, `${process.pid}-`));
}

export function removePrivateTmp(folder: string): void {
  rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
}

/** Removes the folders of Lambkin processes that are gone (a crash, a kill -9). */
export function removeOrphanedPrivateTmps(root = privateTmpRoot()): void {
  let names: string[];
  try {
    names = readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = Number(/^(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || isAlive(pid)) continue;
    removePrivateTmp(path.join(root, name));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but someone else's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Watches how much an environment's TMPDIR holds and calls `onExceeded` once when it passes `limitBytes`
 * (Lambda's EphemeralStorage, where a write past it fails with ENOSPC). Measured every `everyMs` in the
 * background; the returned function stops the watch.
 */
export function watchTmpSize(folder: string, limitBytes: number, onExceeded: (bytes: number) => void, everyMs = 2000): () => void {
  let stopped = false;
  let measuring = false;
  const timer = setInterval(() => {
    if (measuring) return;
    measuring = true;
    void folderBytes(folder).then((bytes) => {
      measuring = false;
      if (stopped || bytes <= limitBytes) return;
      stop();
      onExceeded(bytes);
    });
  }, everyMs);
  timer.unref();
  function stop(): void {
    stopped = true;
    clearInterval(timer);
  }
  return stop;
}

/** Bytes of the files under `folder` (0 for what vanished meanwhile). */
export async function folderBytes(folder: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) total += await folderBytes(full);
    else total += await lstat(full).then((stats) => stats.size, () => 0);
  }
  return total;
}
