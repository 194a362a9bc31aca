// A Node request as API Gateway sees it: raw path and query, headers in arrival order with their
// original case, the body, the client address and the time it arrived.
import { randomUUID } from 'node:crypto';
import { randomHex } from '../events/ids';
import type * as http from 'node:http';

/** API Gateway's limit on request payloads. */
export const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface GatewayRequest {
  method: string;
  rawPath: string;
  /** Without the `?`. */
  rawQuery: string;
  /** [name as sent, value] pairs in arrival order. */
  headers: Array<[string, string]>;
  body: Buffer;
  sourceIp: string;
  protocol: string;
  /** The Host header: what a deployed API's domainName is. */
  host: string;
  userAgent: string;
  receivedAt: Date;
  requestId: string;
  extendedRequestId: string;
}

export function describeRequest(req: http.IncomingMessage, body: Buffer): GatewayRequest {
  const url = req.url ?? '/';
  const question = url.indexOf('?');
  const headers: Array<[string, string]> = [];
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  const address = req.socket.remoteAddress ?? '127.0.0.1';
  return {
    method: (req.method ?? 'GET').toUpperCase(),
    rawPath: question === -1 ? url : url.slice(0, question),
    rawQuery: question === -1 ? '' : url.slice(question + 1),
    headers,
    body,
    sourceIp: address.startsWith('::ffff:') ? address.slice(7) : address,
    protocol: `HTTP/${req.httpVersion}`,
    host: req.headers.host ?? '127.0.0.1',
    userAgent: req.headers['user-agent'] ?? '',
    receivedAt: new Date(),
    requestId: randomUUID(),
    extendedRequestId: extendedId(),
  };
}

/** `Ab1CdEfGhIjKlMn=`-style ids, as API Gateway's extendedRequestId and WebSocket ids look. */
export function extendedId(): string {
  return Buffer.from(randomHex(24), 'hex').toString('base64').replace(/\+/g, 'A').replace(/\//g, 'B').slice(0, 15) + '=';
}

/** Reads the body; 'too-large' past the limit. */
export function readBody(req: http.IncomingMessage, limit = MAX_REQUEST_BYTES): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? 'too-large' : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** name=value pairs of a query string in order, decoded as API Gateway does (`+` is a space). */
export function queryPairs(rawQuery: string): Array<[string, string]> {
  if (rawQuery === '') return [];
  return rawQuery.split('&').filter((part) => part !== '').map((part) => {
    const equals = part.indexOf('=');
    const name = equals === -1 ? part : part.slice(0, equals);
    const value = equals === -1 ? '' : part.slice(equals + 1);
    return [decodeQuery(name), decodeQuery(value)];
  });
}

function decodeQuery(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}

export function headerOf(request: GatewayRequest, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = request.headers.length - 1; i >= 0; i--) if (request.headers[i][0].toLowerCase() === lower) return request.headers[i][1];
  return undefined;
}

const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-www-form-urlencoded)\b)|[+](json|xml)\b/i;

/** HTTP APIs and function URLs send these as text; every other body is base64. */
export function isTextContentType(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType.trim() === '') return true;
  return TEXT_TYPES.test(contentType.split(';')[0].trim());
}

/** REST APIs base64-encode only the API's BinaryMediaTypes (`image/png`, `image/*`, `*\/*`). */
export function isBinaryForRest(contentType: string | undefined, binaryMediaTypes: string[]): boolean {
  if (!contentType || binaryMediaTypes.length === 0) return false;
  const [type, subtype] = contentType.split(';')[0].trim().toLowerCase().split('/');
  return binaryMediaTypes.some((pattern) => {
    const [pType, pSubtype] = pattern.trim().toLowerCase().split('/');
    return (pType === '*' || pType === type) && (pSubtype === '*' || pSubtype === subtype);
  });
}
