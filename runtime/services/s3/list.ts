// ListObjectsV2 and ListObjects (v1): keys in UTF-8 binary order after a prefix, rolled up at a delimiter
// into CommonPrefixes, paged by max-keys with a continuation token (v2) or marker (v1).
import type { XmlValue } from '../wire/xml';
import { errors } from './errors';
import { OWNER, quoted, sendXml, xmlTime, type S3Call } from './wire';

export async function listObjects(call: S3Call): Promise<void> {
  const { engine, query } = call;
  const bucket = call.bucket!;
  await engine.requireBucket(bucket);
  call.req.resume();
  const v2 = query.get('list-type') === '2';
  const prefix = query.get('prefix') ?? '';
  const delimiter = query.get('delimiter') ?? '';
  const maxKeysText = query.get('max-keys');
  const maxKeys = maxKeysText === null ? 1000 : Number(maxKeysText);
  if (!Number.isInteger(maxKeys) || maxKeys < 0) throw errors.invalidArgument('Provided max-keys not an integer or within integer range', 'max-keys', maxKeysText ?? '');
  const encodingType = query.get('encoding-type');
  if (encodingType !== null && encodingType !== 'url') throw errors.invalidArgument('Invalid Encoding Method specified in Request', 'encoding-type', encodingType);
  const token = query.get('continuation-token');
  let after = v2 ? (query.get('start-after') ?? '') : (query.get('marker') ?? '');
  if (v2 && token !== null) {
    const decoded = Buffer.from(token, 'base64').toString('utf8');
    if (!decoded.startsWith('k:')) throw errors.invalidArgument('The continuation token provided is incorrect', 'continuation-token', token);
    after = decoded.slice(2);
  }
  // A v1 marker that is a common prefix stands for every key under it.
  if (!v2 && delimiter && after.endsWith(delimiter)) after += '\u{10FFFF}';
  const afterBytes = Buffer.from(after);
  const keys = (await engine.store.keys(bucket, prefix)).filter((key) => Buffer.compare(Buffer.from(key), afterBytes) > 0);
  const contents: string[] = [];
  const prefixes: string[] = [];
  let last = '';
  let truncated = false;
  for (const key of keys) {
    const rest = key.slice(prefix.length);
    const at = delimiter ? rest.indexOf(delimiter) : -1;
    const common = at === -1 ? undefined : prefix + rest.slice(0, at + delimiter.length);
    // Keys under a common prefix already listed are part of it, not new entries.
    if (common !== undefined && prefixes.at(-1) === common) continue;
    if (contents.length + prefixes.length >= maxKeys) {
      truncated = true;
      break;
    }
    if (common !== undefined) {
      prefixes.push(common);
      // Skip past the whole prefix: the next page starts after it.
      last = common + '\u{10FFFF}';
    } else {
      contents.push(key);
      last = key;
    }
  }
  const encode = (text: string) => (encodingType === 'url' ? encodeURIComponent(text).replace(/%2F/g, '/') : text);
  const objects: XmlValue[] = [];
  for (const key of contents) {
    const object = await engine.store.head(bucket, key);
    if (!object) continue;
    objects.push({
      Key: encode(key), LastModified: xmlTime(object.lastModified), ETag: quoted(object.etag), ...(object.checksum ? { ChecksumAlgorithm: object.checksum.algorithm, ChecksumType: object.checksum.type } : {}),
      Size: object.size, ...(v2 && query.get('fetch-owner') !== 'true' ? {} : { Owner: OWNER }), StorageClass: 'STANDARD',
    });
  }
  const common = prefixes.map((value) => ({ Prefix: encode(value) }));
  const result: Record<string, XmlValue> = { Name: bucket, Prefix: encode(prefix) };
  if (v2) {
    if (token !== null) result.ContinuationToken = token;
    if (query.get('start-after') !== null) result.StartAfter = encode(query.get('start-after')!);
    result.KeyCount = contents.length + prefixes.length;
  } else {
    result.Marker = encode(query.get('marker') ?? '');
    if (truncated && delimiter) result.NextMarker = encode(last.replace(/\u{10FFFF}$/u, ''));
  }
  result.MaxKeys = maxKeys;
  if (delimiter) result.Delimiter = encode(delimiter);
  if (encodingType) result.EncodingType = encodingType;
  result.IsTruncated = truncated;
  if (v2 && truncated) result.NextContinuationToken = Buffer.from(`k:${last}`).toString('base64');
  result.Contents = objects;
  result.CommonPrefixes = common;
  sendXml(call, 'ListBucketResult', result);
}
