// Where the local AWS services keep their data: `.lambkin/data/` beside the (first) template, a folder of the
// user's choice, or a temporary folder removed at exit. Each service gets its own subfolder; the folder ignores
// itself in git, as `.lambkin/stats/` does.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const LOCK_FILE = 'lambkin.lock';

/** Who serves a data folder: written while a runtime uses it, so a second one (or a reset) can say so. */
export interface DataDirOwner {
  pid: number;
  awsEndpoint: string;
}

export class DataDirInUseError extends Error {
  constructor(readonly dir: string, readonly owner: DataDirOwner) {
    super(`The data folder ${dir} is in use by another Lambkin runtime (pid ${owner.pid}, AWS endpoint ${owner.awsEndpoint}): stop that one first, or pass --data-dir DIR or --ephemeral.`);
  }
}

export class DataDir {
  private locked = false;

  private constructor(readonly root: string, readonly ephemeral: boolean) {}

  /** `.lambkin/data/` beside the template. */
  static forTemplate(templatePath: string): DataDir {
    return DataDir.at(DataDir.folderFor(templatePath));
  }

  /** Where `forTemplate` keeps the data, without creating anything (readers that only look). */
  static folderFor(templatePath: string): string {
    return path.join(path.dirname(path.resolve(templatePath)), '.lambkin', 'data');
  }

  static at(folder: string): DataDir {
    const dir = new DataDir(path.resolve(folder), false);
    dir.prepare();
    return dir;
  }

  /** A temporary folder, removed by `dispose()`. */
  static ephemeral(): DataDir {
    const dir = new DataDir(mkdtempSync(path.join(os.tmpdir(), 'lambkin-data-')), true);
    dir.prepare();
    return dir;
  }

  /** The folder of one service (`s3`, `dynamodb`, `sqs`, …), created on first use. */
  service(name: string): string {
    const folder = path.join(this.root, name);
    mkdirSync(folder, { recursive: true });
    return folder;
  }

  /**
   * Removes the data of one service (or of all but `keep`: services that cleared their own data and hold files
   * open, as DynamoDB's LevelDB store), leaving the folder, its .gitignore and its lock.
   */
  reset(service?: string, keep: readonly string[] = []): void {
    const targets = service ? [service] : readdirSync(this.root).filter((name) => name !== '.gitignore' && name !== LOCK_FILE && !keep.includes(name));
    for (const name of targets) rmSync(path.join(this.root, name), { recursive: true, force: true });
    this.prepare();
  }

  /** The runtime serving this folder now, if any (a stale lock of a process that is gone does not count). */
  owner(): DataDirOwner | undefined {
    let owner: DataDirOwner;
    try {
      owner = JSON.parse(readFileSync(this.lockFile, 'utf8')) as DataDirOwner;
    } catch {
      return undefined;
    }
    if (!Number.isInteger(owner.pid) || owner.pid === process.pid) return undefined;
    try {
      process.kill(owner.pid, 0);
      return owner;
    } catch (error) {
      // EPERM: the process exists but belongs to someone else; it still holds the folder.
      return (error as NodeJS.ErrnoException).code === 'EPERM' ? owner : undefined;
    }
  }

  /** Claims the folder for this process; throws DataDirInUseError when another live runtime holds it. */
  lock(awsEndpoint: string): void {
    const owner = this.owner();
    if (owner) throw new DataDirInUseError(this.root, owner);
    writeFileSync(this.lockFile, JSON.stringify({ pid: process.pid, awsEndpoint } satisfies DataDirOwner));
    this.locked = true;
  }

  dispose(): void {
    if (this.ephemeral) rmSync(this.root, { recursive: true, force: true });
    else if (this.locked) rmSync(this.lockFile, { force: true });
    this.locked = false;
  }

  private get lockFile(): string {
    return path.join(this.root, LOCK_FILE);
  }

  private prepare(): void {
    mkdirSync(this.root, { recursive: true });
    const ignore = path.join(this.root, '.gitignore');
    if (!existsSync(ignore)) writeFileSync(ignore, '*\n');
  }
}
