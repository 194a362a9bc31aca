// Multipart uploads: create, upload part, list parts, complete, abort (and list uploads). An upload is a
// folder `s3/<bucket>/%uploads/<id>/` holding `upload.json` and one file per part; completing it joins the
// parts into a temporary file that is renamed into place as the object, and removes the folder.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { readBody } from '../wire/body';
import { asList, parseXml, XmlSyntaxError, type XmlValue } from '../wire/xml';
import { attributesFromRequest } from './attributes';
import { checksumHeader, checksumOf, hasher, isChecksumAlgorithm, type ChecksumAlgorithm } from './checksums';
import { errors, S3Error } from './errors';
import { checkedKey, MAX_PUT_SIZE } from './objects';
import { receiveBody } from './receive';
import type { ObjectAttributes } from './object-model';
import { header, quoted, sendEmpty, sendXml, xmlTime, type S3Call } from './wire';

const UPLOADS = '%uploads';
/** Every part but the last must be at least 5 MiB. */
export const MIN_PART_SIZE = 5 * 1024 * 1024;

interface Upload {
  key: string;
  initiated: string;
  attributes: Omit<ObjectAttributes, 'etag'>;
  checksum?: { algorithm: ChecksumAlgorithm; type: 'FULL_OBJECT' | 'COMPOSITE' };
}

interface Part {
  etag: string;
  size: number;
  lastModified: string;
  checksum?: string;
}

function uploadFolder(call: S3Call, uploadId: string): string {
  if (!/^[A-Za-z0-9_-]{1,128}$/.test(uploadId)) throw errors.noSuchUpload(uploadId);
  return path.join(call.engine.store.bucketFolder(call.bucket!), UPLOADS, uploadId);
}

async function readUpload(call: S3Call, uploadId: string): Promise<Upload> {
  try {
    const upload = JSON.parse(await fs.readFile(path.join(uploadFolder(call, uploadId), 'upload.json'), 'utf8')) as Upload;
    if (upload.key !== call.key) throw errors.noSuchUpload(uploadId);
    return upload;
  } catch (error) {
    if (error instanceof S3Error) throw error;
    throw errors.noSuchUpload(uploadId);
  }
}

export async function createMultipartUpload(call: S3Call): Promise<void> {
  await call.engine.requireBucket(call.bucket!);
  call.req.resume();
  const key = checkedKey(call);
  const named = header(call.req, 'x-amz-checksum-algorithm')?.toUpperCase();
  if (named !== undefined && !isChecksumAlgorithm(named)) throw errors.invalidRequest(`Checksum algorithm ${named} is not supported.`);
  const type = (header(call.req, 'x-amz-checksum-type') ?? (named === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE')).toUpperCase() as 'FULL_OBJECT' | 'COMPOSITE';
  const uploadId = randomBytes(24).toString('base64url');
  const upload: Upload = { key, initiated: new Date().toISOString(), attributes: attributesFromRequest(call.req), ...(named ? { checksum: { algorithm: named, type } } : {}) };
  const folder = uploadFolder(call, uploadId);
  await fs.mkdir(folder, { recursive: true });
  await writeFileAtomic(path.join(folder, 'upload.json'), JSON.stringify(upload));
  sendXml(call, 'InitiateMultipartUploadResult', { Bucket: call.bucket!, Key: key, UploadId: uploadId }, 200,
    named ? { 'x-amz-checksum-algorithm': named, 'x-amz-checksum-type': type } : {});
}

export async function uploadPart(call: S3Call): Promise<void> {
  await call.engine.requireBucket(call.bucket!);
  const uploadId = call.query.get('uploadId')!;
  const partNumber = Number(call.query.get('partNumber'));
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
    call.req.resume();
    throw errors.invalidArgument('Part number must be an integer between 1 and 10000, inclusive', 'partNumber', String(call.query.get('partNumber')));
  }
  await readUpload(call, uploadId).catch((error: unknown) => {
    call.req.resume();
    throw error;
  });
  const folder = uploadFolder(call, uploadId);
  const body = await receiveBody(call.req, await call.engine.store.tempFile(), MAX_PUT_SIZE, call.engine.md5Thread);
  const part: Part = { etag: body.md5Hex, size: body.size, lastModified: new Date().toISOString(), ...(body.checksum ? { checksum: body.checksum.value } : {}) };
  await writeFileAtomic(path.join(folder, `part-${partNumber}.json`), JSON.stringify(part));
  await fs.rename(body.temp, path.join(folder, `part-${partNumber}`));
  sendEmpty(call, 200, { ETag: quoted(part.etag), ...(body.checksum ? { [checksumHeader(body.checksum.algorithm)]: body.checksum.value } : {}) });
}

async function partsOf(folder: string): Promise<Map<number, Part>> {
  const parts = new Map<number, Part>();
  for (const name of await fs.readdir(folder)) {
    const match = /^part-(\d+)\.json$/.exec(name);
    if (!match) continue;
    try {
      parts.set(Number(match[1]), JSON.parse(await fs.readFile(path.join(folder, name), 'utf8')) as Part);
    } catch {
      // A part whose record is unreadable was never acknowledged.
    }
  }
  return parts;
}

export async function listParts(call: S3Call): Promise<void> {
  await call.engine.requireBucket(call.bucket!);
  const uploadId = call.query.get('uploadId')!;
  const upload = await readUpload(call, uploadId);
  const parts = [...(await partsOf(uploadFolder(call, uploadId))).entries()].sort((a, b) => a[0] - b[0]);
  const marker = Number(call.query.get('part-number-marker') ?? 0);
  const max = Number(call.query.get('max-parts') ?? 1000);
  const shown = parts.filter(([number]) => number > marker);
  const page = shown.slice(0, max);
  sendXml(call, 'ListPartsResult', {
    Bucket: call.bucket!, Key: upload.key, UploadId: uploadId, PartNumberMarker: marker, ...(page.length > 0 ? { NextPartNumberMarker: page.at(-1)![0] } : {}),
    MaxParts: max, IsTruncated: shown.length > page.length, StorageClass: 'STANDARD', ...(upload.checksum ? { ChecksumAlgorithm: upload.checksum.algorithm, ChecksumType: upload.checksum.type } : {}),
    Part: page.map(([number, part]) => ({
      PartNumber: number, LastModified: part.lastModified, ETag: quoted(part.etag), Size: part.size,
      ...(part.checksum && upload.checksum ? { [`Checksum${upload.checksum.algorithm}`]: part.checksum } : {}),
    })),
  });
}

export async function abortMultipartUpload(call: S3Call): Promise<void> {
  await call.engine.requireBucket(call.bucket!);
  call.req.resume();
  const uploadId = call.query.get('uploadId')!;
  await readUpload(call, uploadId);
  await fs.rm(uploadFolder(call, uploadId), { recursive: true, force: true });
  sendEmpty(call, 204);
}

export async function listMultipartUploads(call: S3Call): Promise<void> {
  await call.engine.requireBucket(call.bucket!);
  call.req.resume();
  const folder = path.join(call.engine.store.bucketFolder(call.bucket!), UPLOADS);
  const uploads: XmlValue[] = [];
  for (const id of await fs.readdir(folder).catch(() => [] as string[])) {
    try {
      const upload = JSON.parse(await fs.readFile(path.join(folder, id, 'upload.json'), 'utf8')) as Upload;
      uploads.push({ Key: upload.key, UploadId: id, Initiated: xmlTime(new Date(upload.initiated)), StorageClass: 'STANDARD' });
    } catch {
      // An upload being aborted.
    }
  }
  sendXml(call, 'ListMultipartUploadsResult', { Bucket: call.bucket!, MaxUploads: 1000, IsTruncated: false, Upload: uploads });
}

export async function completeMultipartUpload(call: S3Call): Promise<void> {
  const bucket = call.bucket!;
  await call.engine.requireBucket(bucket);
  const uploadId = call.query.get('uploadId')!;
  const body = await readBody(call.req, 4 * 1024 * 1024);
  const upload = await readUpload(call, uploadId);
  if (body === 'too-large') throw errors.malformedXml();
  let requested: Array<{ PartNumber?: unknown; ETag?: unknown }>;
  try {
    requested = asList((parseXml(body.toString('utf8')).CompleteMultipartUpload as { Part?: unknown } | undefined)?.Part);
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw errors.malformedXml();
    throw error;
  }
  if (requested.length === 0) throw errors.malformedXml();
  const folder = uploadFolder(call, uploadId);
  const stored = await partsOf(folder);
  const chosen: Array<[number, Part]> = [];
  for (const [index, entry] of requested.entries()) {
    const number = Number(entry.PartNumber);
    if (index > 0 && number <= chosen[index - 1][0]) throw new S3Error('InvalidPartOrder', 'The list of parts was not in ascending order. The parts list must be specified in order by part number.', 400, { UploadId: uploadId });
    const part = stored.get(number);
    const etag = String(entry.ETag ?? '').replace(/"/g, '');
    if (!part || etag !== part.etag) {
      throw new S3Error('InvalidPart', 'One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part\'s entity tag.', 400, { UploadId: uploadId, PartNumber: number, ETag: etag });
    }
    chosen.push([number, part]);
  }
  for (const [index, [number, part]] of chosen.entries()) {
    if (index < chosen.length - 1 && part.size < MIN_PART_SIZE) {
      throw new S3Error('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400, { ProposedSize: part.size, MinSizeAllowed: MIN_PART_SIZE, PartNumber: number, ETag: part.etag });
    }
  }
  const temp = await call.engine.store.tempFile();
  const whole = upload.checksum?.type === 'FULL_OBJECT' ? hasher(upload.checksum.algorithm) : undefined;
  const output = await fs.open(temp, 'w');
  try {
    for (const [number] of chosen) {
      for await (const chunk of createReadStream(path.join(folder, `part-${number}`))) {
        whole?.update(chunk as Buffer);
        await output.write(chunk as Buffer);
      }
    }
  } finally {
    await output.close();
  }
  const md5s = Buffer.concat(chosen.map(([, part]) => Buffer.from(part.etag, 'hex')));
  const etag = `${createHash('md5').update(md5s).digest('hex')}-${chosen.length}`;
  let checksum: ObjectAttributes['checksum'];
  if (upload.checksum && whole) checksum = { algorithm: upload.checksum.algorithm, value: await whole.digest(), type: 'FULL_OBJECT' };
  else if (upload.checksum && chosen.every(([, part]) => part.checksum)) {
    const raw = Buffer.concat(chosen.map(([, part]) => Buffer.from(part.checksum!, 'base64')));
    checksum = { algorithm: upload.checksum.algorithm, value: `${await checksumOf(upload.checksum.algorithm, raw)}-${chosen.length}`, type: 'COMPOSITE' };
  }
  const object = await call.engine.store.commit(bucket, upload.key, temp, { ...upload.attributes, etag, partSizes: chosen.map(([, part]) => part.size), ...(checksum ? { checksum } : {}) });
  await fs.rm(folder, { recursive: true, force: true });
  const location = `${call.engine.scope.awsEndpoint}/${bucket}/${upload.key.split('/').map(encodeURIComponent).join('/')}`;
  sendXml(call, 'CompleteMultipartUploadResult', {
    Location: location, Bucket: bucket, Key: upload.key, ETag: quoted(etag),
    ...(checksum ? { [`Checksum${checksum.algorithm}`]: checksum.value, ChecksumType: checksum.type } : {}),
  }, 200, { 'x-amz-server-side-encryption': 'AES256' });
  await call.engine.notify(bucket, 'ObjectCreated:CompleteMultipartUpload', { key: upload.key, size: object.size, etag }, call.source);
}
