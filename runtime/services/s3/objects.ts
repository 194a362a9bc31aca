// Object operations: PutObject, CopyObject, GetObject/HeadObject (ranges, conditions, checksums),
// DeleteObject, DeleteObjects and object tagging. Each change that S3 notifies about sends its event.
import { closeSync, createReadStream, readSync } from 'node:fs';
import type * as http from 'node:http';
import { pipeline } from 'node:stream/promises';
import { readBody } from '../wire/body';
import { asList, parseXml, XmlSyntaxError } from '../wire/xml';
import { attributesFromRequest, checkTags, objectHeaders } from './attributes';
import { checksumHeader } from './checksums';
import { errors, S3Error } from './errors';
import { keyProblem } from './keys';
import { receiveBody } from './receive';
import type { StoredObject } from './object-model';
import { md5OfFile } from './store-files';
import { copyObjectFile, openObjectFile } from './store-files';
import { baseHeaders, header, quoted, sendEmpty, sendXml, xmlTime, type S3Call } from './wire';

/** Bytes read from disk at a time when answering GetObject. */
const READ_CHUNK = 1024 * 1024;
/** Answers up to this size are read with one synchronous read (cheaper than a stream through the thread pool). */
const SMALL_READ = 1024 * 1024;

/** S3's limit for one PUT (5 GiB). */
export const MAX_PUT_SIZE = 5 * 1024 ** 3;

export function checkedKey(call: S3Call): string {
  const key = call.key ?? '';
  const problem = keyProblem(key);
  if (problem === 'Your key is too long') throw new S3Error('KeyTooLongError', problem, 400, { MaxSizeAllowed: 1024, Size: Buffer.byteLength(key) });
  if (problem) throw errors.invalidArgument(problem, 'key', key);
  return key;
}

export async function putObject(call: S3Call): Promise<void> {
  const { engine, req } = call;
  const bucket = call.bucket!;
  await engine.requireBucket(bucket);
  const key = checkedKey(call);
  if (header(req, 'x-amz-copy-source') !== undefined) return copyObject(call, bucket, key);
  const attributes = attributesFromRequest(req);
  if (header(req, 'if-none-match') === '*' && (await engine.store.head(bucket, key))) {
    req.resume();
    throw new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: 'If-None-Match' });
  }
  const body = await receiveBody(req, await engine.store.tempFile(), MAX_PUT_SIZE, engine.md5Thread);
  const stored = await engine.store.commit(bucket, key, body.temp, { ...attributes, etag: body.md5Hex, ...(body.checksum ? { checksum: { ...body.checksum, type: 'FULL_OBJECT' } } : {}) });
  sendEmpty(call, 200, {
    ETag: quoted(stored.etag),
    'x-amz-server-side-encryption': 'AES256',
    ...(body.checksum ? { [checksumHeader(body.checksum.algorithm)]: body.checksum.value, 'x-amz-checksum-type': 'FULL_OBJECT' } : {}),
  });
  await engine.notify(bucket, 'ObjectCreated:Put', { key, size: stored.size, etag: stored.etag }, call.source);
}

/** `x-amz-copy-source: /bucket/url-encoded-key[?versionId=…]`. */
function copySource(value: string): { bucket: string; key: string } {
  const [path] = value.split('?');
  const trimmed = decodeURIComponent(path.replace(/^\//, ''));
  const slash = trimmed.indexOf('/');
  if (slash <= 0 || slash === trimmed.length - 1) throw errors.invalidArgument('Invalid copy source object key', 'x-amz-copy-source', value);
  return { bucket: trimmed.slice(0, slash), key: trimmed.slice(slash + 1) };
}

async function copyObject(call: S3Call, bucket: string, key: string): Promise<void> {
  const { engine, req } = call;
  req.resume();
  const from = copySource(header(req, 'x-amz-copy-source')!);
  await engine.requireBucket(from.bucket);
  const source = await engine.store.head(from.bucket, from.key);
  if (!source) throw errors.noSuchKey(from.key);
  const directive = (header(req, 'x-amz-metadata-directive') ?? 'COPY').toUpperCase();
  if (directive !== 'COPY' && directive !== 'REPLACE') throw errors.invalidArgument('Unknown metadata directive.', 'x-amz-metadata-directive', directive);
  if (from.bucket === bucket && from.key === key && directive === 'COPY') {
    throw errors.invalidRequest('This copy request is illegal because it is trying to copy an object to itself without changing the object\'s metadata, storage class, website redirect location or encryption attributes.');
  }
  const replaced = directive === 'REPLACE' ? attributesFromRequest(req) : undefined;
  const taggingDirective = (header(req, 'x-amz-tagging-directive') ?? 'COPY').toUpperCase();
  const tags = taggingDirective === 'REPLACE' ? Object.fromEntries(new URLSearchParams(header(req, 'x-amz-tagging') ?? '')) : source.tags;
  const temp = await engine.store.tempFile();
  await copyObjectFile(source.file, temp);
  // A copy is one part: a multipart source's `-N` ETag becomes the MD5 of the bytes.
  const etag = /-\d+$/.test(source.etag) ? await md5OfFile(temp) : source.etag;
  const stored = await engine.store.commit(bucket, key, temp, {
    contentType: replaced?.contentType ?? source.contentType,
    headers: replaced?.headers ?? source.headers,
    userMetadata: replaced?.userMetadata ?? source.userMetadata,
    etag,
    ...(source.checksum?.type === 'FULL_OBJECT' ? { checksum: source.checksum } : {}),
    ...(tags && Object.keys(tags).length > 0 ? { tags } : {}),
  });
  sendXml(call, 'CopyObjectResult', { LastModified: xmlTime(stored.lastModified), ETag: quoted(stored.etag) }, 200, { 'x-amz-server-side-encryption': 'AES256' });
  await engine.notify(bucket, 'ObjectCreated:Copy', { key, size: stored.size, etag: stored.etag }, call.source);
}

/** GetObject and HeadObject. */
export async function getObject(call: S3Call): Promise<void> {
  const { engine, req, query } = call;
  const bucket = call.bucket!;
  await engine.requireBucket(bucket);
  const key = call.key!;
  const object = await engine.store.head(bucket, key);
  if (!object) throw errors.noSuchKey(key);
  checkConditions(call, object);
  const headers = objectHeaders(object, query);
  let range = rangeOf(header(req, 'range'), object.size);
  const partNumber = query.get('partNumber');
  if (partNumber !== null) range = partRange(object, Number(partNumber));
  if (range === 'unsatisfiable') {
    throw new S3Error('InvalidRange', 'The requested range is not satisfiable', 416, { RangeRequested: header(req, 'range') ?? '', ActualObjectSize: object.size }, { 'Content-Range': `bytes */${object.size}` });
  }
  const whole = !range || (range.start === 0 && range.end === object.size - 1);
  // The SDK checks a returned checksum against what it receives: only the whole object's, and only when asked.
  if (object.checksum && whole && (header(req, 'x-amz-checksum-mode') ?? '').toUpperCase() === 'ENABLED') {
    headers[checksumHeader(object.checksum.algorithm)] = object.checksum.value;
    headers['x-amz-checksum-type'] = object.checksum.type;
  }
  const length = range ? range.end - range.start + 1 : object.size;
  headers['Content-Length'] = length;
  if (range) headers['Content-Range'] = `bytes ${range.start}-${range.end}/${object.size}`;
  const status = range ? 206 : 200;
  if (req.method === 'HEAD' || length === 0) {
    call.res.writeHead(status, baseHeaders(call, headers));
    call.res.end();
    return;
  }
  if (length <= SMALL_READ) return sendSmall(call, object.file, key, status, headers, range?.start ?? 0, length);
  let fd: number;
  try {
    fd = openObjectFile(object.file);
  } catch {
    throw errors.noSuchKey(key);
  }
  call.res.writeHead(status, baseHeaders(call, headers));
  await pipeline(createReadStream('', { fd, highWaterMark: READ_CHUNK, start: range?.start ?? 0, end: range?.end ?? object.size - 1 }), call.res).catch(() => call.res.destroy());
}

function sendSmall(call: S3Call, file: string, key: string, status: number, headers: http.OutgoingHttpHeaders, start: number, length: number): void {
  let fd: number;
  try {
    fd = openObjectFile(file);
  } catch {
    throw errors.noSuchKey(key);
  }
  const bytes = Buffer.allocUnsafe(length);
  let read = 0;
  try {
    for (let n = -1; read < length && n !== 0; read += n) n = readSync(fd, bytes, read, length - read, start + read);
  } finally {
    closeSync(fd);
  }
  call.res.writeHead(status, baseHeaders(call, headers));
  // Shortened by hand since it was looked at: the promised length cannot be kept, so the connection ends.
  if (read < length) call.res.destroy();
  else call.res.end(bytes);
}

function etagMatches(list: string, etag: string): boolean {
  return list.split(',').map((item) => item.trim().replace(/^W\//, '').replace(/"/g, '')).some((item) => item === '*' || item === etag);
}

function checkConditions(call: S3Call, object: StoredObject): void {
  const { req } = call;
  const ifMatch = header(req, 'if-match');
  const ifNoneMatch = header(req, 'if-none-match');
  const modifiedSeconds = Math.floor(object.lastModified.getTime() / 1000);
  const since = (name: string) => {
    const value = header(req, name);
    const time = value ? Date.parse(value) : Number.NaN;
    return Number.isNaN(time) ? undefined : Math.floor(time / 1000);
  };
  const unmodifiedSince = since('if-unmodified-since');
  const modifiedSince = since('if-modified-since');
  const failed = (condition: string) => new S3Error('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412, { Condition: condition });
  if (ifMatch !== undefined && !etagMatches(ifMatch, object.etag)) throw failed('If-Match');
  if (ifMatch === undefined && unmodifiedSince !== undefined && modifiedSeconds > unmodifiedSince) throw failed('If-Unmodified-Since');
  // Made only when thrown: an error's stack costs more than the rest of an unconditional GET's checks.
  const notModified = () => new S3Error('NotModified', 'Not Modified', 304, {}, { ETag: quoted(object.etag), 'Last-Modified': object.lastModified.toUTCString() });
  if (ifNoneMatch !== undefined && etagMatches(ifNoneMatch, object.etag)) throw notModified();
  if (ifNoneMatch === undefined && modifiedSince !== undefined && modifiedSeconds <= modifiedSince) throw notModified();
}

type ByteRange = { start: number; end: number } | 'unsatisfiable' | undefined;

/** `bytes=a-b`, `bytes=a-`, `bytes=-n`; anything else (several ranges, garbage) is ignored, as S3 does. */
export function rangeOf(value: string | undefined, size: number): ByteRange {
  const match = value ? /^bytes=(\d*)-(\d*)$/.exec(value.trim()) : null;
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  if (match[1] === '') {
    const suffix = Number(match[2]);
    if (suffix === 0) return 'unsatisfiable';
    return size === 0 ? undefined : { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(match[1]);
  const end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (match[2] !== '' && Number(match[2]) < start) return undefined;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

function partRange(object: StoredObject, part: number): ByteRange {
  const sizes = object.partSizes ?? [object.size];
  if (!Number.isInteger(part) || part < 1 || part > 10000) throw errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(part));
  if (part > sizes.length) return 'unsatisfiable';
  const start = sizes.slice(0, part - 1).reduce((sum, size) => sum + size, 0);
  return { start, end: start + sizes[part - 1] - 1 };
}

export async function deleteObject(call: S3Call): Promise<void> {
  const bucket = call.bucket!;
  await call.engine.requireBucket(bucket);
  call.req.resume();
  const key = call.key!;
  const deleted = await call.engine.store.delete(bucket, key);
  sendEmpty(call, 204);
  if (deleted) await call.engine.notify(bucket, 'ObjectRemoved:Delete', { key }, call.source);
}

export async function deleteObjects(call: S3Call): Promise<void> {
  const bucket = call.bucket!;
  await call.engine.requireBucket(bucket);
  const body = await readBody(call.req, 2 * 1024 * 1024);
  if (body === 'too-large') throw errors.malformedXml();
  let request: Record<string, unknown>;
  try {
    request = parseXml(body.toString('utf8')).Delete as Record<string, unknown>;
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw errors.malformedXml();
    throw error;
  }
  if (typeof request !== 'object' || request === null) throw errors.malformedXml();
  const objects = asList<Record<string, unknown>>(request.Object);
  if (objects.length > 1000) throw errors.malformedXml();
  const quiet = String(request.Quiet).toLowerCase() === 'true';
  const deleted: Array<{ Key: string }> = [];
  const removed: string[] = [];
  const failures: Array<{ Key: string; Code: string; Message: string }> = [];
  for (const object of objects) {
    const key = typeof object.Key === 'string' ? object.Key : '';
    if (keyProblem(key)) {
      failures.push({ Key: key, Code: 'InvalidArgument', Message: keyProblem(key)! });
      continue;
    }
    if (await call.engine.store.delete(bucket, key)) removed.push(key);
    deleted.push({ Key: key });
  }
  sendXml(call, 'DeleteResult', { ...(quiet ? {} : { Deleted: deleted }), Error: failures });
  for (const key of removed) await call.engine.notify(bucket, 'ObjectRemoved:Delete', { key }, call.source);
}

export async function objectTagging(call: S3Call): Promise<void> {
  const bucket = call.bucket!;
  await call.engine.requireBucket(bucket);
  const object = await call.engine.store.head(bucket, call.key!);
  if (!object) {
    call.req.resume();
    throw errors.noSuchKey(call.key!);
  }
  if (call.req.method === 'GET') {
    sendXml(call, 'Tagging', { TagSet: { Tag: Object.entries(object.tags ?? {}).map(([Key, Value]) => ({ Key, Value })) } });
    return;
  }
  if (call.req.method === 'DELETE') {
    await call.engine.store.updateAttributes(object, { tags: undefined });
    return sendEmpty(call, 204);
  }
  const body = await readBody(call.req, 64 * 1024);
  if (body === 'too-large') throw errors.malformedXml();
  let tags: Record<string, string>;
  try {
    const tagging = parseXml(body.toString('utf8')).Tagging as { TagSet?: { Tag?: unknown } } | undefined;
    tags = Object.fromEntries(asList<{ Key?: unknown; Value?: unknown }>(tagging?.TagSet?.Tag).map((tag) => [String(tag.Key ?? ''), String(tag.Value ?? '')]));
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw errors.malformedXml();
    throw error;
  }
  checkTags(tags);
  await call.engine.store.updateAttributes(object, { tags });
  sendEmpty(call, 200);
}
