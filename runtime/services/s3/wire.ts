// S3's REST-XML wire: which bucket and key a request names (path style `/bucket/key`, or virtual-hosted
// `Host: bucket.localhost`), and answers as S3 writes them (namespace, `x-amz-request-id`, `x-amz-id-2`).
import type * as http from 'node:http';
import { isVirtualHostedBucket } from '../endpoint/router';
import { toXml, type XmlValue } from '../wire/xml';
import type { ChangeSource, S3Engine } from './engine';

export const S3_NAMESPACE = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** The owner listings name (a fixed local canonical id). */
export const OWNER = { ID: '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a', DisplayName: 'lambkin' };

/** One request to the local S3, with what it names. */
export interface S3Call {
  engine: S3Engine;
  req: http.IncomingMessage;
  res: http.ServerResponse;
  requestId: string;
  hostId: string;
  bucket?: string;
  key?: string;
  query: URLSearchParams;
  source: ChangeSource;
}

/** Bucket and key of a request; the raw path is used, so `.` and `..` in keys are kept as written. */
export function targetOf(req: http.IncomingMessage): { bucket?: string; key?: string; query: URLSearchParams } {
  const raw = req.url ?? '/';
  const question = raw.indexOf('?');
  const rawPath = question === -1 ? raw : raw.slice(0, question);
  const query = new URLSearchParams(question === -1 ? '' : raw.slice(question + 1));
  const host = Array.isArray(req.headers.host) ? req.headers.host[0] : req.headers.host;
  const path = rawPath.replace(/^\/+/, (slashes) => (slashes.length > 1 ? slashes.slice(1) : ''));
  if (isVirtualHostedBucket(host)) {
    const bucket = host!.replace(/:\d+$/, '').toLowerCase().replace(/(\.s3)?\.localhost$/, '');
    return { bucket, ...(path ? { key: decode(path) } : {}), query };
  }
  if (!path) return { query };
  const slash = path.indexOf('/');
  if (slash === -1) return { bucket: decode(path), query };
  const key = path.slice(slash + 1);
  return { bucket: decode(path.slice(0, slash)), ...(key ? { key: decode(key) } : {}), query };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export function baseHeaders(call: S3Call, extra: http.OutgoingHttpHeaders = {}): http.OutgoingHttpHeaders {
  return { 'x-amz-request-id': call.requestId, 'x-amz-id-2': call.hostId, ...extra };
}

export function sendXml(call: S3Call, root: string, content: Record<string, XmlValue>, status = 200, headers: http.OutgoingHttpHeaders = {}): void {
  const body = toXml(root, content, S3_NAMESPACE);
  call.res.writeHead(status, baseHeaders(call, { 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body), ...headers }));
  call.res.end(body);
}

export function sendEmpty(call: S3Call, status = 200, headers: http.OutgoingHttpHeaders = {}): void {
  call.res.writeHead(status, baseHeaders(call, { 'Content-Length': 0, ...headers }));
  call.res.end();
}

export function header(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `2024-01-01T00:00:00.000Z`, as S3's XML writes times. */
export function xmlTime(date: Date): string {
  return date.toISOString();
}

export function quoted(etag: string): string {
  return `"${etag}"`;
}
