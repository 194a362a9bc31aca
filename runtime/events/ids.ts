// Id sources and the id formats AWS services use, all derived from one IdSource so a seeded source
// reproduces a whole event.

import { createHash, randomUUID } from 'node:crypto';
import type { IdSource } from './types';

/**
 * `length` random hex digits, drawn from randomUUID: Node keeps a pre-filled entropy cache for it, while
 * randomBytes calls into OpenSSL (a system call) each time, about 50 µs per call on this project's VM: profiles
 * showed it as 5 % of the gateway's time for one id per request, 6 % of a warm invoke's for two.
 */
export function randomHex(length: number): string {
  let out = '';
  while (out.length < length) {
    const id = randomUUID();
    // 30 of a UUID's 32 hex digits are random: its version digit and variant digit are left out.
    out += id.slice(0, 8) + id.slice(9, 13) + id.slice(15, 18) + id.slice(20, 23) + id.slice(24);
  }
  return out.slice(0, length);
}

export function randomIdSource(): IdSource {
  return { hex: randomHex };
}

/** Deterministic: the same seed yields the same sequence of ids. */
export function seededIdSource(seed: string | number): IdSource {
  let counter = 0;
  return {
    hex(length) {
      let out = '';
      while (out.length < length) {
        out += createHash('sha256').update(`${seed}:${counter++}`).digest('hex');
      }
      return out.slice(0, length);
    },
  };
}

/** RFC 4122 version-4 layout, as AWS request and message ids look. */
export function uuid(ids: IdSource): string {
  const h = ids.hex(32);
  const variant = '89ab'[parseInt(h[16] ?? '0', 16) & 3];
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function fromAlphabet(ids: IdSource, length: number, alphabet: string): string {
  const h = ids.hex(length * 2);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[parseInt(h.slice(i * 2, i * 2 + 2), 16) % alphabet.length];
  return out;
}

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** API Gateway api ids and resource ids: lower-case alphanumerics. */
export function lowerAlnum(ids: IdSource, length: number): string {
  return fromAlphabet(ids, length, LOWER_ALNUM);
}

export function upperAlnum(ids: IdSource, length: number): string {
  return fromAlphabet(ids, length, UPPER_ALNUM);
}

/** A decimal string of `length` digits without a leading zero (sequence numbers). */
export function digits(ids: IdSource, length: number): string {
  const body = fromAlphabet(ids, length, '0123456789');
  return (body[0] === '0' ? '1' : body[0]) + body.slice(1);
}

export function upperHex(ids: IdSource, length: number): string {
  return ids.hex(length).toUpperCase();
}

/** Base64 of `bytes` random bytes: extended request ids, connection ids, signatures. */
export function base64Id(ids: IdSource, bytes: number): string {
  return Buffer.from(ids.hex(bytes * 2), 'hex').toString('base64');
}

/** An IAM unique id of a user (`AIDA…`), as S3 principals and SQS senders show. */
export function iamUserId(ids: IdSource): string {
  return `AIDA${upperAlnum(ids, 17)}`;
}

/** `Root=1-<epoch hex>-<24 hex>`: the X-Ray trace header API Gateway adds. */
export function traceHeader(ids: IdSource, now: Date): string {
  return `Root=1-${Math.floor(now.getTime() / 1000).toString(16).padStart(8, '0')}-${ids.hex(24)}`;
}

/** URL-safe base64 (with padding) of `bytes` random bytes: CloudFront request ids. */
export function base64UrlId(ids: IdSource, bytes: number): string {
  return base64Id(ids, bytes).replace(/\+/g, '-').replace(/\//g, '_');
}
