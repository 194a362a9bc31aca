// From a function's result to the HTTP response API Gateway sends, and the gateway's own error answers.
// Payload 1.0 needs a proxy object with a statusCode; 2.0 infers a 200 JSON response from anything
// else. A result that does not fit is a malformed response: the API's internal-error answer.
import type { ApiKind, PayloadVersion } from './routes';

export type HeaderList = Array<[string, string]>;

export interface GatewayResponse {
  status: number;
  headers: HeaderList;
  body: Buffer;
}

export type GatewayFailure = 'function-error' | 'malformed' | 'throttled' | 'timeout' | 'not-found' | 'too-large';

/** Maps a successful invocation's payload; undefined when it is malformed. */
export function mapResult(payload: Buffer, version: PayloadVersion): GatewayResponse | undefined {
  let value: unknown;
  try {
    value = JSON.parse(payload.toString('utf8'));
  } catch {
    return undefined;
  }
  if (version === '2.0' && !(isObject(value) && value.statusCode !== undefined)) return inferred(value);
  return isObject(value) ? proxyResponse(value, version) : undefined;
}

/** 2.0 without statusCode: 200, application/json, the value itself as the body (a string as is). */
function inferred(value: unknown): GatewayResponse {
  const body = typeof value === 'string' ? value : JSON.stringify(value) ?? '';
  return { status: 200, headers: [['Content-Type', 'application/json']], body: Buffer.from(body, 'utf8') };
}

function proxyResponse(value: Record<string, unknown>, version: PayloadVersion): GatewayResponse | undefined {
  const status = typeof value.statusCode === 'string' && /^\d+$/.test(value.statusCode) ? Number(value.statusCode) : value.statusCode;
  if (typeof status !== 'number' || !Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (value.body !== undefined && value.body !== null && typeof value.body !== 'string') return undefined;
  const headers: HeaderList = [];
  const multi = value.multiValueHeaders;
  if (multi !== undefined && multi !== null) {
    if (!isObject(multi)) return undefined;
    for (const [name, values] of Object.entries(multi)) {
      if (!Array.isArray(values)) return undefined;
      for (const item of values) headers.push([name, String(item)]);
    }
  }
  const single = value.headers;
  if (single !== undefined && single !== null) {
    if (!isObject(single)) return undefined;
    for (const [name, item] of Object.entries(single)) {
      if (item !== null && typeof item === 'object') return undefined;
      // When a name is in both maps, only the multiValueHeaders values are sent.
      if (!headers.some(([existing]) => existing.toLowerCase() === name.toLowerCase())) headers.push([name, String(item)]);
    }
  }
  if (version === '2.0' && value.cookies !== undefined) {
    if (!Array.isArray(value.cookies)) return undefined;
    for (const cookie of value.cookies) headers.push(['Set-Cookie', String(cookie)]);
  }
  const text = typeof value.body === 'string' ? value.body : '';
  const body = value.isBase64Encoded === true ? Buffer.from(text, 'base64') : Buffer.from(text, 'utf8');
  if (version === '1.0' && !headers.some(([name]) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/json']);
  return { status, headers, body };
}

/** API Gateway's own answers when the function cannot give one (bodies as each API type sends them). */
export function failureResponse(kind: ApiKind, failure: GatewayFailure): GatewayResponse {
  if (kind === 'rest') {
    switch (failure) {
      case 'not-found':
        return jsonError(403, '{"message":"Missing Authentication Token"}', 'MissingAuthenticationTokenException');
      case 'timeout':
        return jsonError(504, '{"message": "Endpoint request timed out"}');
      case 'too-large':
        return jsonError(413, '{"message":"Request Too Long"}');
      case 'throttled':
        // Lambda rejected the invoke (429): API Gateway answers 500, not 502.
        return jsonError(500, '{"message": "Internal server error"}');
      default:
        return jsonError(502, '{"message": "Internal server error"}');
    }
  }
  if (kind === 'url') {
    switch (failure) {
      case 'not-found':
        return jsonError(404, '{"Message":"Not Found"}');
      case 'throttled':
        return jsonError(429, '{"Reason":"ConcurrentInvocationLimitExceeded","Type":"User","message":"Rate Exceeded."}', 'TooManyRequestsException');
      case 'too-large':
        return jsonError(413, '{"Message":"Request must be smaller than 6291456 bytes for the InvokeFunction operation"}');
      default:
        return jsonError(502, '{"Message":"Internal Server Error"}');
    }
  }
  switch (failure) {
    case 'not-found':
      return jsonError(404, '{"message":"Not Found"}');
    case 'timeout':
      return jsonError(503, '{"message":"Service Unavailable"}');
    case 'too-large':
      return jsonError(413, '{"message":"Request Entity Too Large"}');
    default:
      // HTTP APIs answer every Lambda integration failure, throttles included, with this 500.
      return jsonError(500, '{"message":"Internal Server Error"}');
  }
}

function jsonError(status: number, body: string, errorType?: string): GatewayResponse {
  const headers: HeaderList = [['Content-Type', 'application/json']];
  if (errorType) headers.push(['x-amzn-ErrorType', errorType]);
  return { status, headers, body: Buffer.from(body, 'utf8') };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
