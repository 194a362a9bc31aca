// What a PutObject, CopyObject (REPLACE) or CreateMultipartUpload says about the object besides its bytes:
// content headers, `x-amz-meta-*`, `x-amz-tagging`; and those attributes back as GetObject/HeadObject headers.
import type * as http from 'node:http';
import { errors } from './errors';
import type { ContentHeaders, ObjectAttributes, StoredObject } from './object-model';
import { header, quoted } from './wire';

const CONTENT_HEADERS: ReadonlyArray<[keyof ContentHeaders, string]> = [
  ['cacheControl', 'cache-control'],
  ['contentDisposition', 'content-disposition'],
  ['contentEncoding', 'content-encoding'],
  ['contentLanguage', 'content-language'],
  ['expires', 'expires'],
];

/** Tag sets are at most 10 tags; keys up to 128 characters, values up to 256. */
export function checkTags(tags: Record<string, string>): void {
  const entries = Object.entries(tags);
  if (entries.length > 10) throw errors.invalidRequest('Object tags cannot be greater than 10');
  for (const [key, value] of entries) {
    if (key.length === 0 || key.length > 128) throw errors.invalidArgument('The TagKey you have provided is invalid', 'TagKey', key);
    if (value.length > 256) throw errors.invalidArgument('The TagValue you have provided is too long, max length is 256', 'TagValue', value);
  }
}

export function attributesFromRequest(req: http.IncomingMessage): Omit<ObjectAttributes, 'etag'> {
  const headers: ContentHeaders = {};
  for (const [field, name] of CONTENT_HEADERS) {
    let value = header(req, name);
    // `aws-chunked` describes the transfer, not the object.
    if (field === 'contentEncoding' && value !== undefined) value = value.split(',').map((token) => token.trim()).filter((token) => token && token !== 'aws-chunked').join(', ') || undefined;
    if (value !== undefined) headers[field] = value;
  }
  const userMetadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (name.startsWith('x-amz-meta-') && value !== undefined) userMetadata[name.slice('x-amz-meta-'.length)] = Array.isArray(value) ? value.join(',') : value;
  }
  const tagging = header(req, 'x-amz-tagging');
  const tags = tagging !== undefined ? Object.fromEntries(new URLSearchParams(tagging)) : undefined;
  if (tags) checkTags(tags);
  return { contentType: header(req, 'content-type') ?? 'binary/octet-stream', headers, userMetadata, ...(tags ? { tags } : {}) };
}

/** The headers GetObject and HeadObject answer with (checksum and range headers are the caller's). */
export function objectHeaders(object: StoredObject, query: URLSearchParams): http.OutgoingHttpHeaders {
  const out: http.OutgoingHttpHeaders = {
    'Content-Type': query.get('response-content-type') ?? object.contentType,
    ETag: quoted(object.etag),
    'Last-Modified': object.lastModified.toUTCString(),
    'Accept-Ranges': 'bytes',
    'x-amz-server-side-encryption': 'AES256',
  };
  for (const [field, name] of CONTENT_HEADERS) {
    const override = query.get(`response-${name}`);
    const value = override ?? object.headers[field];
    if (value !== undefined) out[name] = value;
  }
  for (const [name, value] of Object.entries(object.userMetadata)) out[`x-amz-meta-${name}`] = value;
  const tagCount = Object.keys(object.tags ?? {}).length;
  if (tagCount > 0) out['x-amz-tagging-count'] = String(tagCount);
  if (/-\d+$/.test(object.etag)) out['x-amz-mp-parts-count'] = object.etag.split('-')[1];
  return out;
}
