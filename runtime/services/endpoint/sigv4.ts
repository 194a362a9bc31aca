// Reads (never verifies) an AWS Signature Version 4: any credentials work locally, but the credential scope
// says which service a request is for, and a presigned URL's date and expiry are enforced as S3 does.
import type { IncomingHttpHeaders } from 'node:http';

export interface SignatureInfo {
  accessKeyId: string;
  /** `yyyymmdd` of the credential scope. */
  date: string;
  region: string;
  /** The signing name: `s3`, `dynamodb` (also DynamoDB Streams), `sqs`, `sns`, `events`, `scheduler`, `lambda`, … */
  service: string;
  signedHeaders: string[];
  /** True for a presigned URL (`X-Amz-Credential` in the query). */
  presigned: boolean;
  /** `X-Amz-Date` (`yyyymmddThhmmssZ`) of a presigned URL, or of the request's header. */
  amzDate?: string;
  /** `X-Amz-Expires` of a presigned URL, in seconds. */
  expiresSeconds?: number;
}

/** No signature at all, a readable one, or a malformed one with what is wrong (for the service's own error). */
export type SignatureReading = { kind: 'none' } | { kind: 'signed'; signature: SignatureInfo } | { kind: 'malformed'; reason: string };

const ALGORITHM = 'AWS4-HMAC-SHA256';

export function readSignature(headers: IncomingHttpHeaders, query: URLSearchParams): SignatureReading {
  const authorization = headerText(headers.authorization);
  if (authorization !== undefined) return fromAuthorizationHeader(authorization, headerText(headers['x-amz-date']));
  const credential = query.get('X-Amz-Credential');
  if (credential !== null) return fromPresignedQuery(credential, query);
  return { kind: 'none' };
}

function fromAuthorizationHeader(value: string, amzDate: string | undefined): SignatureReading {
  const trimmed = value.trim();
  if (!trimmed.startsWith(ALGORITHM)) {
    // SigV2 (`AWS AKID:sig`) and anything else: not something a current SDK sends.
    return { kind: 'malformed', reason: `Authorization header uses an unsupported algorithm; expected ${ALGORITHM}.` };
  }
  const parts = new Map<string, string>();
  for (const part of trimmed.slice(ALGORITHM.length).split(',')) {
    const equals = part.indexOf('=');
    if (equals > 0) parts.set(part.slice(0, equals).trim(), part.slice(equals + 1).trim());
  }
  const credential = parts.get('Credential');
  if (!credential) return { kind: 'malformed', reason: 'Authorization header requires a Credential parameter.' };
  const scope = readScope(credential);
  if (typeof scope === 'string') return { kind: 'malformed', reason: scope };
  const signedHeaders = (parts.get('SignedHeaders') ?? '').split(';').filter(Boolean);
  if (signedHeaders.length === 0) return { kind: 'malformed', reason: 'Authorization header requires a SignedHeaders parameter.' };
  if (!parts.get('Signature')) return { kind: 'malformed', reason: 'Authorization header requires a Signature parameter.' };
  return { kind: 'signed', signature: { ...scope, signedHeaders, presigned: false, amzDate } };
}

function fromPresignedQuery(credential: string, query: URLSearchParams): SignatureReading {
  if (query.get('X-Amz-Algorithm') !== ALGORITHM) return { kind: 'malformed', reason: `X-Amz-Algorithm must be ${ALGORITHM}.` };
  const scope = readScope(credential);
  if (typeof scope === 'string') return { kind: 'malformed', reason: scope };
  const amzDate = query.get('X-Amz-Date') ?? undefined;
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) return { kind: 'malformed', reason: 'X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'".' };
  const expiresText = query.get('X-Amz-Expires');
  const expiresSeconds = expiresText === null ? undefined : Number(expiresText);
  if (expiresSeconds !== undefined && (!Number.isInteger(expiresSeconds) || expiresSeconds < 0)) {
    return { kind: 'malformed', reason: 'X-Amz-Expires should be a number.' };
  }
  const signedHeaders = (query.get('X-Amz-SignedHeaders') ?? 'host').split(';').filter(Boolean);
  if (!query.get('X-Amz-Signature')) return { kind: 'malformed', reason: 'Query-string authentication requires the X-Amz-Signature parameter.' };
  return { kind: 'signed', signature: { ...scope, signedHeaders, presigned: true, amzDate, expiresSeconds } };
}

/** `AKID/yyyymmdd/region/service/aws4_request` → its parts, or what is wrong with it. */
function readScope(credential: string): Pick<SignatureInfo, 'accessKeyId' | 'date' | 'region' | 'service'> | string {
  const parts = credential.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request' || !/^\d{8}$/.test(parts[1]) || !parts[3]) {
    return `Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".`;
  }
  return { accessKeyId: parts[0], date: parts[1], region: parts[2], service: parts[3] };
}

/** Epoch ms of an `X-Amz-Date` value (`20240101T000000Z`). */
export function amzDateMs(value: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return Number.NaN;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
