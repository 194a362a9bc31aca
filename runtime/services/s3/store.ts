// Buckets as folders and objects as files under the data folder's `s3/`: `s3/<bucket>/<key>`. What a file
// cannot say (content type, user metadata, ETag, checksum, tags) lives in `s3/<bucket>/%meta/…`, keyed like the
// object; it is trusted only while the file's size and modification time are those it was written with, so
// a file changed by hand is still an object, with its ETag worked out again. Every write goes to a temporary
// file and is renamed into place: readers see the old object or the new one, never part of one.
// The small steps of a request (stats, the metadata file, renames) are synchronous calls: each takes a few
// microseconds, while the same call through the thread pool costs about 0.1 ms of this thread's time and,
// on a loaded machine, a wait for the pool thread to be scheduled (ARCHITECTURE.md, "Where an S3 request's
// time goes"). Object bodies still stream asynchronously.
import { randomUUID } from 'node:crypto';
import { promises as fs, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { isBucketName, type BucketConfig, type ObjectAttributes, type StoredMeta, type StoredObject } from './object-model';
import { contentTypeOf } from './content-types';
import { compareKeys, FILE_BESIDE_FOLDER, isReservedName, keyToSegments } from './keys';
import { identity, md5OfFile, pruneEmptyFolders, recoverMetaTemp, removeIfThere, replaceFile, statOrUndefined, walk, walkMeta } from './store-files';

const META = '%meta';
const TEMP = '%tmp';
const BUCKET_FILE = '%bucket.json';
const META_SUFFIX = '%.json';
/** A committed body waiting for its last rename (`commit`); the `%` keeps it from ever ending a record's name. */
const READY_SUFFIX = '%.ready';
const META_TEMP_SUFFIX = '.tmp';

/** A bucket configuration as last read, with what identifies the file it was read from. */
interface CachedConfig {
  ino: number;
  mtimeMs: number;
  size: number;
  config: BucketConfig;
}

export class ObjectStore {
  private tempFolderMade = false;
  /** Read once per change of `%bucket.json` (every request asks for it; a stat tells whether it changed). */
  private readonly configs = new Map<string, CachedConfig>();
  /** Files this store has just put in place (inode, time, size), until the folder watch reports them. */
  private readonly placed = new Map<string, string>();

  constructor(readonly root: string) {}

  /** The bucket's folder; a name that is no bucket name (`..`, `a/b`) never becomes a path outside the store. */
  bucketFolder(bucket: string): string {
    if (!isBucketName(bucket)) throw new Error(`"${bucket}" is not a bucket name.`);
    return path.join(this.root, bucket);
  }

  async bucketNames(): Promise<string[]> {
    const entries = await fs.readdir(this.root, { withFileTypes: true }).catch(() => []);
    return entries.filter((entry) => entry.isDirectory() && !isReservedName(entry.name)).map((entry) => entry.name).sort();
  }

  async bucketConfig(bucket: string): Promise<BucketConfig | undefined> {
    if (!isBucketName(bucket)) return undefined;
    const folder = this.bucketFolder(bucket);
    const file = path.join(folder, BUCKET_FILE);
    const fileStat = statOrUndefined(file);
    if (fileStat?.isFile()) {
      const cached = this.configs.get(bucket);
      if (cached && cached.ino === fileStat.ino && cached.mtimeMs === fileStat.mtimeMs && cached.size === fileStat.size) return cached.config;
      try {
        const config = JSON.parse(readFileSync(file, 'utf8')) as BucketConfig;
        this.configs.set(bucket, { ino: fileStat.ino, mtimeMs: fileStat.mtimeMs, size: fileStat.size, config });
        return config;
      } catch {
        // Unreadable: the folder's own time, as for a folder made by hand.
      }
    }
    this.configs.delete(bucket);
    const stat = statOrUndefined(folder);
    if (!stat?.isDirectory()) return undefined;
    // A folder made by hand is a bucket too, created when the folder was.
    return { creationDate: stat.birthtime.toISOString() };
  }

  /** Creates the bucket; false when it already existed. */
  async createBucket(bucket: string): Promise<boolean> {
    if (await this.bucketConfig(bucket)) return false;
    await fs.mkdir(this.bucketFolder(bucket), { recursive: true });
    await this.saveBucketConfig(bucket, { creationDate: new Date().toISOString() });
    return true;
  }

  async saveBucketConfig(bucket: string, config: BucketConfig): Promise<void> {
    this.configs.delete(bucket);
    await writeFileAtomic(path.join(this.bucketFolder(bucket), BUCKET_FILE), `${JSON.stringify(config, null, 2)}\n`);
  }

  async isEmpty(bucket: string): Promise<boolean> {
    const entries = await fs.readdir(this.bucketFolder(bucket));
    return entries.every((name) => isReservedName(name) || name === '.DS_Store');
  }

  async deleteBucket(bucket: string): Promise<void> {
    this.configs.delete(bucket);
    await fs.rm(this.bucketFolder(bucket), { recursive: true, force: true });
  }

  /** The store's own folders may have been removed (a reset of all data): make them again when next needed. */
  forgetFolders(): void {
    this.tempFolderMade = false;
  }

  /** A temporary file on the same disk, for a body being received (renamed into place by `commit`). */
  async tempFile(): Promise<string> {
    const folder = path.join(this.root, TEMP);
    // Made once (and again after `forgetFolders`, when a reset may have removed it).
    if (!this.tempFolderMade) {
      mkdirSync(folder, { recursive: true });
      this.tempFolderMade = true;
    }
    return path.join(folder, randomUUID());
  }

  /**
   * Moves a fully written temporary file into place as the object, with its attributes. Each step leaves
   * something a crash can be recovered from (`recover`): the body takes the key's "ready" name beside its
   * metadata (complete from then on), the metadata is replaced, and the old object is unlinked and the ready
   * file renamed into its place in one synchronous step (`replaceFile`: no rename over an existing file).
   */
  async commit(bucket: string, key: string, temp: string, attributes: ObjectAttributes): Promise<StoredObject> {
    const stat = statSync(temp);
    const ready = this.metaPath(bucket, key, READY_SUFFIX);
    try {
      renameSync(temp, ready);
    } catch (error) {
      // The key's metadata folder is made when first needed (and again after a delete pruned it).
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(path.dirname(ready), { recursive: true });
      renameSync(temp, ready);
    }
    this.writeMeta(bucket, key, { ...attributes, size: stat.size, mtimeMs: stat.mtimeMs });
    const target = this.placeReady(bucket, key, ready);
    // Reports of files never watched would pile up: past this many, the folder watch checks them the long way.
    if (this.placed.size >= 10_000) this.placed.clear();
    this.placed.set(target, identity(stat));
    return { bucket, key, file: target, size: stat.size, lastModified: stat.mtime, ...attributes };
  }

  /** Puts the key's ready file in place of its object; the object's path. */
  private placeReady(bucket: string, key: string, ready: string): string {
    const segments = keyToSegments(key);
    let target = path.join(this.bucketFolder(bucket), ...segments);
    try {
      // Usually the key's folder is there and nothing is in the way.
      replaceFile(ready, target);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // ENOENT: a folder is missing; ENOTDIR: a file is where a folder goes; EISDIR (EPERM, EACCES on Windows):
      // the key is a folder too. The careful way sorts each out; a real failure fails there again, and leaves
      // the ready file for the next start.
      if (!['ENOENT', 'ENOTDIR', 'EISDIR', 'EPERM', 'EACCES'].includes(code ?? '')) throw error;
      target = this.prepareFilePath(bucket, segments);
      replaceFile(ready, target);
    }
    if (!target.endsWith(FILE_BESIDE_FOLDER)) removeIfThere(target + FILE_BESIDE_FOLDER);
    return target;
  }

  /**
   * After a crash (at start, before the folder watch), each key ends as its last commit left it or as that
   * commit would have: bodies still arriving (`%tmp/`) go; a metadata record written aside whose old record is
   * gone (the crash fell between their unlink and rename) is put in place if it is whole JSON, else removed; a
   * ready file the key's record describes (the commit got past its metadata) is put in place, one it does not
   * (the commit stopped before) is removed, the old object and record staying as they were. The keys whose
   * ready file was put in place, by bucket.
   */
  recover(): Map<string, string[]> {
    const completed = new Map<string, string[]>();
    rmSync(path.join(this.root, TEMP), { recursive: true, force: true });
    this.tempFolderMade = false;
    let buckets: string[];
    try {
      buckets = readdirSync(this.root, { withFileTypes: true }).filter((entry) => entry.isDirectory() && isBucketName(entry.name)).map((entry) => entry.name);
    } catch {
      return completed;
    }
    for (const bucket of buckets) {
      const readyKeys: string[] = [];
      walkMeta(path.join(this.bucketFolder(bucket), META), '', READY_SUFFIX, readyKeys, (file) => {
        if (file.endsWith(META_TEMP_SUFFIX)) recoverMetaTemp(file);
      });
      const placed: string[] = [];
      for (const key of readyKeys) {
        const ready = this.metaPath(bucket, key, READY_SUFFIX);
        const meta = this.readMeta(bucket, key);
        const stat = statOrUndefined(ready);
        if (meta && stat && meta.size === stat.size && meta.mtimeMs === stat.mtimeMs) {
          this.placeReady(bucket, key, ready);
          placed.push(key);
        } else {
          rmSync(ready, { force: true });
        }
      }
      if (placed.length > 0) completed.set(bucket, placed);
    }
    return completed;
  }

  /**
   * True when the file is as this store last put it there: the folder watch's reports of our own unlink and
   * rename, which need no second look. A file changed since has another time, size or inode (and is forgotten).
   */
  placedByStore(file: string, stat: Stats): boolean {
    const placed = this.placed.get(file);
    if (placed === undefined) return false;
    if (placed === identity(stat)) return true;
    this.placed.delete(file);
    return false;
  }

  /** The object, or undefined when there is none. */
  async head(bucket: string, key: string): Promise<StoredObject | undefined> {
    const found = await this.findFile(bucket, key);
    if (!found) return undefined;
    const meta = this.readMeta(bucket, key);
    if (meta && meta.size === found.stat.size && meta.mtimeMs === found.stat.mtimeMs) {
      const { size, mtimeMs, ...attributes } = meta;
      void mtimeMs;
      return { bucket, key, file: found.file, size, lastModified: found.stat.mtime, ...attributes };
    }
    // Written by hand (or by a write that stopped before its rename): the file is the truth.
    const attributes: ObjectAttributes = {
      contentType: meta?.contentType ?? contentTypeOf(key),
      headers: meta?.headers ?? {},
      userMetadata: meta?.userMetadata ?? {},
      etag: await md5OfFile(found.file),
      ...(meta?.tags ? { tags: meta.tags } : {}),
    };
    this.writeMeta(bucket, key, { ...attributes, size: found.stat.size, mtimeMs: found.stat.mtimeMs });
    return { bucket, key, file: found.file, size: found.stat.size, lastModified: found.stat.mtime, ...attributes };
  }

  /** Changes what is kept about an object without touching its bytes (tags). */
  async updateAttributes(object: StoredObject, change: Partial<ObjectAttributes>): Promise<void> {
    const stat = statSync(object.file);
    const attributes: ObjectAttributes = {
      contentType: object.contentType, headers: object.headers, userMetadata: object.userMetadata, etag: object.etag,
      ...(object.checksum ? { checksum: object.checksum } : {}), ...(object.tags ? { tags: object.tags } : {}), ...(object.partSizes ? { partSizes: object.partSizes } : {}),
    };
    this.writeMeta(object.bucket, object.key, { ...attributes, ...change, size: stat.size, mtimeMs: stat.mtimeMs });
  }

  /** Removes the object; false when there was none. */
  async delete(bucket: string, key: string): Promise<boolean> {
    const found = await this.findFile(bucket, key);
    const meta = this.metaPath(bucket, key);
    await fs.rm(meta, { force: true });
    if (!found) return false;
    await fs.rm(found.file, { force: true });
    const folder = this.bucketFolder(bucket);
    await pruneEmptyFolders(path.dirname(found.file), folder);
    await pruneEmptyFolders(path.dirname(meta), path.join(folder, META));
    return true;
  }

  /**
   * What a file change seen in the folder means for the key: `created` when the file is one the store has no
   * record of (dropped in, or edited), `removed` when a recorded file is gone (its record goes too).
   */
  async reconcile(bucket: string, key: string): Promise<'created' | 'removed' | 'unchanged'> {
    const found = await this.findFile(bucket, key);
    const meta = this.readMeta(bucket, key);
    if (found) return meta && meta.size === found.stat.size && meta.mtimeMs === found.stat.mtimeMs ? 'unchanged' : 'created';
    if (!meta) return 'unchanged';
    const file = this.metaPath(bucket, key);
    await fs.rm(file, { force: true });
    await pruneEmptyFolders(path.dirname(file), path.join(this.bucketFolder(bucket), META));
    return 'removed';
  }

  /** True when the key names a folder of other keys (a folder dropped into the bucket). */
  isFolder(bucket: string, key: string): boolean {
    return statOrUndefined(path.join(this.bucketFolder(bucket), ...keyToSegments(key)))?.isDirectory() ?? false;
  }

  /** The keys under `folderKey/` that have metadata, whether or not their files are still there. */
  async recordedKeys(bucket: string, folderKey: string): Promise<string[]> {
    const found: string[] = [];
    const folder = path.join(this.bucketFolder(bucket), META, ...keyToSegments(folderKey));
    // Usually there is no such folder (the key was a file): one stat says so.
    if (statOrUndefined(folder)?.isDirectory()) walkMeta(folder, `${folderKey}/`, META_SUFFIX, found);
    return found;
  }

  /** Every key of the bucket that starts with `prefix`, in UTF-8 binary order. */
  async keys(bucket: string, prefix = ''): Promise<string[]> {
    const folder = this.bucketFolder(bucket);
    // Only the folder the prefix's complete segments name can hold matching keys.
    const segments = prefix.split('/').slice(0, -1);
    const start = path.join(folder, ...segments.map((segment) => keyToSegments(segment)[0]));
    const found: string[] = [];
    walk(start, segments.length > 0 ? `${segments.join('/')}/` : '', found, segments.length === 0);
    return found.filter((key) => key.startsWith(prefix)).sort(compareKeys);
  }

  private async findFile(bucket: string, key: string): Promise<{ file: string; stat: Stats } | undefined> {
    const plain = path.join(this.bucketFolder(bucket), ...keyToSegments(key));
    for (const file of [plain, plain + FILE_BESIDE_FOLDER]) {
      const stat = statOrUndefined(file);
      if (stat?.isFile()) return { file, stat };
    }
    return undefined;
  }

  /** The file path for a key's segments, making its folders; a file in the way of a folder moves aside (`a` → `a%F`). */
  private prepareFilePath(bucket: string, segments: string[]): string {
    let folder = this.bucketFolder(bucket);
    for (const segment of segments.slice(0, -1)) {
      folder = path.join(folder, segment);
      if (statOrUndefined(folder)?.isFile()) renameSync(folder, folder + FILE_BESIDE_FOLDER);
    }
    mkdirSync(folder, { recursive: true });
    const target = path.join(folder, segments.at(-1)!);
    return statOrUndefined(target)?.isDirectory() ? target + FILE_BESIDE_FOLDER : target;
  }

  /** The key's metadata record (or, with `READY_SUFFIX`, its ready file) under the bucket's `%meta/`. */
  private metaPath(bucket: string, key: string, suffix = META_SUFFIX): string {
    const segments = keyToSegments(key);
    return path.join(this.bucketFolder(bucket), META, ...segments.slice(0, -1), segments.at(-1)! + suffix);
  }

  private readMeta(bucket: string, key: string): StoredMeta | undefined {
    try {
      return JSON.parse(readFileSync(this.metaPath(bucket, key), 'utf8')) as StoredMeta;
    } catch {
      return undefined;
    }
  }

  private writeMeta(bucket: string, key: string, meta: StoredMeta): void {
    const file = this.metaPath(bucket, key);
    // Written aside and renamed into place (never half-written); not fsynced, as the object file is not either.
    // The old record is removed first, in the same synchronous step (no request of this process can look in
    // between): renaming over an existing file makes ext4 write the new file's data out first, which cost
    // 0.3 to 3 ms here against 0.1 ms. A power cut may then leave the record empty; it is not trusted, and the
    // object is taken as a file written by hand (ETag from its bytes), as when the record's size or time differ.
    const temp = `${file}.${randomUUID()}${META_TEMP_SUFFIX}`;
    const text = JSON.stringify(meta);
    try {
      writeFileSync(temp, text);
    } catch (error) {
      // The key's metadata folder is made when first needed (and again after a delete pruned it).
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(temp, text);
    }
    try {
      removeIfThere(file);
      renameSync(temp, file);
    } catch (error) {
      rmSync(temp, { force: true });
      throw error;
    }
  }
}
