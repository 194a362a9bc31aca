// Each execution environment's own temporary folder. On Lambda every environment has its own /tmp; locally
// the environments share the machine's, so each gets a folder of its own under <os tmp>/lambkin/environments/,
// handed to the function as TMPDIR (what os.tmpdir() returns), and removed when the environment ends.
// Folders are named after the Lambkin process, so ones left by a process that died are removed later.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
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
