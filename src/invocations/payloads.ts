// What an invocation's event and response hold, made readable: JSON pretty-printed, and the payloads AWS
// nests inside them as strings (an API response's `body`, an SQS `body`, an SNS `Message`, base64 bodies,
// Kinesis data, CloudWatch Logs' gzipped data) decoded so they can be shown beneath. No vscode here.
import { gunzipSync } from 'node:zlib';

/** A payload found inside another one, decoded. */
export interface NestedPayload {
  /** Where it sits, as a property path: `body`, `Records[0].Sns.Message`, `Records[0].body → Message`. */
  path: string;
  /** `json`: `text` is pretty-printed JSON; `text`: decoded text as is; `binary`: not shown (`text` is empty). */
  kind: 'json' | 'text' | 'binary';
  /** How it was stored: `JSON string`, `base64`, `base64 gzip`. */
  encoding: string;
  text: string;
  /** Decoded size in bytes (what the binary note shows). */
  bytes: number;
  /** The content type the payload declares (a `content-type` header beside the body), if any. */
  contentType?: string;
}

export type ParsedPayload = { json: true; value: unknown; pretty: string } | { json: false; text: string };

const MAX_NESTED = 12;
const MAX_DEPTH = 3;

/** Pretty-prints JSON payloads; anything else is shown as sent. */
export function prettyPayload(text: string): string {
  const parsed = parsePayload(text);
  return parsed.json ? parsed.pretty : parsed.text;
}

export function parsePayload(text: string): ParsedPayload {
  if (text === '') return { json: false, text: '(empty)' };
  try {
    const value: unknown = JSON.parse(text);
    return { json: true, value, pretty: JSON.stringify(value, null, 2) };
  } catch {
    return { json: false, text };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The JSON inside a string, when the string is an encoded object or array (not a bare number or word). */
function jsonInString(text: string): unknown {
  const trimmed = text.trimStart();
  if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? value : undefined;
  } catch {
    return undefined;
  }
}

/** UTF-8 text without control characters other than tab and line breaks; otherwise undefined (binary). */
function asText(bytes: Buffer): string | undefined {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
  // eslint-disable-next-line no-control-regex -- exactly the control characters are what is looked for
  return /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text) ? undefined : text;
}

function headerValue(headers: unknown, name: string): string | undefined {
  if (!isRecord(headers)) return undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  }
  return undefined;
}

function contentTypeOf(owner: Record<string, unknown>): string | undefined {
  return headerValue(owner.headers, 'content-type') ?? headerValue(owner.multiValueHeaders, 'content-type');
}

const BASE64 = /^[A-Za-z0-9+/\r\n]*={0,2}\s*$/;

type Decoder = (value: string) => { bytes: Buffer; encoding: string } | undefined;

const fromBase64: Decoder = (value) => (BASE64.test(value) ? { bytes: Buffer.from(value, 'base64'), encoding: 'base64' } : undefined);

const fromGzippedBase64: Decoder = (value) => {
  const raw = fromBase64(value);
  if (!raw) return undefined;
  try {
    return { bytes: gunzipSync(raw.bytes), encoding: 'base64 gzip' };
  } catch {
    return raw;
  }
};

/**
 * The decoder for a string property that AWS documents as encoded: a body flagged `isBase64Encoded`
 * (API Gateway, function URLs, ALB), a Kinesis record's `data`, CloudWatch Logs' `awslogs.data`.
 */
function encodedDecoder(owner: Record<string, unknown>, key: string, parentKey: string | undefined): Decoder | undefined {
  if (key === 'body' && owner.isBase64Encoded === true) return fromBase64;
  if (key === 'data' && parentKey === 'kinesis') return fromBase64;
  if (key === 'data' && parentKey === 'awslogs') return fromGzippedBase64;
  return undefined;
}

/** A decoded payload's own paths continue after an arrow: `body → message`, `Records[0].body → Records[0].Sns`. */
const INSIDE = ' → ';

function propertyPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return base === '' || base.endsWith(INSIDE) ? `${base}${key}` : `${base}.${key}`;
}

/** Every payload nested in `root` as a string, decoded, in document order (at most a dozen). */
export function nestedPayloads(root: unknown): NestedPayload[] {
  const found: NestedPayload[] = [];

  const visitString = (value: string, owner: Record<string, unknown>, key: string, parentKey: string | undefined, path: string, depth: number) => {
    const decoder = encodedDecoder(owner, key, parentKey);
    if (decoder) {
      const decoded = decoder(value);
      if (!decoded) return;
      const contentType = contentTypeOf(owner);
      const text = asText(decoded.bytes);
      if (text === undefined) {
        found.push({ path, kind: 'binary', encoding: decoded.encoding, text: '', bytes: decoded.bytes.length, contentType });
        return;
      }
      const json = jsonInString(text);
      if (json === undefined) {
        found.push({ path, kind: 'text', encoding: decoded.encoding, text, bytes: decoded.bytes.length, contentType });
        return;
      }
      found.push({ path, kind: 'json', encoding: decoded.encoding, text: JSON.stringify(json, null, 2), bytes: decoded.bytes.length, contentType });
      visit(json, `${path}${INSIDE}`, undefined, depth + 1);
      return;
    }
    const json = jsonInString(value);
    if (json === undefined) return;
    found.push({ path, kind: 'json', encoding: 'JSON string', text: JSON.stringify(json, null, 2), bytes: Buffer.byteLength(value), contentType: contentTypeOf(owner) });
    visit(json, `${path}${INSIDE}`, undefined, depth + 1);
  };

  const visit = (value: unknown, path: string, parentKey: string | undefined, depth: number): void => {
    if (found.length >= MAX_NESTED || depth > MAX_DEPTH) return;
    if (Array.isArray(value)) {
      value.forEach((item, index) => visit(item, propertyPath(path, index), parentKey, depth));
      return;
    }
    if (!isRecord(value)) return;
    for (const [key, child] of Object.entries(value)) {
      if (found.length >= MAX_NESTED) return;
      if (typeof child === 'string') visitString(child, value, key, parentKey, propertyPath(path, key), depth);
      else visit(child, propertyPath(path, key), key, depth);
    }
  };

  visit(root, '', undefined, 0);
  return found;
}

/** `12.3 KB` */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** An error body's `trace` (Lambda's Node runtime puts the stack there as an array of lines). */
export function errorTrace(value: unknown): string[] | undefined {
  if (!isRecord(value) || !Array.isArray(value.trace)) return undefined;
  const lines = value.trace.filter((line): line is string => typeof line === 'string');
  return lines.length > 0 ? lines : undefined;
}
