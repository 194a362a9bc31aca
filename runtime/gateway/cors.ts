// CORS as each API type does it. REST (SAM `Cors`): SAM adds an OPTIONS mock method answering every
// preflight with fixed headers; the function's own responses are left alone (a Lambda proxy must add
// Access-Control-Allow-Origin itself). HTTP APIs (`CorsConfiguration`) and function URLs (`Cors`) answer
// preflights themselves and add the CORS headers to every response for an allowed origin.
import { isRecord, type Resolved } from '../template/resolved';

export interface CorsRules {
  /** 'rest': fixed preflight answer only. 'http': origin-checked preflight and response headers. */
  style: 'rest' | 'http';
  allowOrigins: string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  maxAge?: number;
  allowCredentials: boolean;
}

export type HeaderPairs = Array<[string, string]>;

/** SAM `Cors: "'*'"` or `{AllowOrigin, AllowMethods, AllowHeaders, MaxAge, AllowCredentials}` with quoted values. */
export function restCors(value: Resolved | undefined): CorsRules | undefined {
  if (typeof value === 'string') return { style: 'rest', allowOrigins: [unquote(value)], allowMethods: [], allowHeaders: [], exposeHeaders: [], allowCredentials: false };
  if (!isRecord(value)) return undefined;
  const text = (key: string) => (typeof value[key] === 'string' ? unquote(value[key]) : undefined);
  const maxAge = text('MaxAge') ?? (typeof value.MaxAge === 'number' ? String(value.MaxAge) : undefined);
  return {
    style: 'rest',
    allowOrigins: [text('AllowOrigin') ?? '*'],
    allowMethods: splitList(text('AllowMethods')),
    allowHeaders: splitList(text('AllowHeaders')),
    exposeHeaders: [],
    maxAge: maxAge === undefined ? undefined : Number(maxAge),
    allowCredentials: value.AllowCredentials === true || value.AllowCredentials === 'true',
  };
}

/** HttpApi `CorsConfiguration: true` or `{AllowOrigins, AllowMethods, AllowHeaders, ExposeHeaders, MaxAge, AllowCredentials}`; function URL `Cors` has the same keys. */
export function httpCors(value: Resolved | undefined): CorsRules | undefined {
  if (value === true) return { style: 'http', allowOrigins: ['*'], allowMethods: ['*'], allowHeaders: ['*'], exposeHeaders: [], allowCredentials: false };
  if (!isRecord(value)) return undefined;
  const list = (key: string) => (Array.isArray(value[key]) ? (value[key] as Resolved[]).map(String) : typeof value[key] === 'string' ? splitList(value[key] as string) : []);
  return {
    style: 'http',
    allowOrigins: list('AllowOrigins'),
    allowMethods: list('AllowMethods'),
    allowHeaders: list('AllowHeaders'),
    exposeHeaders: list('ExposeHeaders'),
    maxAge: typeof value.MaxAge === 'number' ? value.MaxAge : undefined,
    allowCredentials: value.AllowCredentials === true,
  };
}

export function isPreflight(method: string, headers: Record<string, string | string[] | undefined>): boolean {
  return method === 'OPTIONS' && headers.origin !== undefined && headers['access-control-request-method'] !== undefined;
}

/** The answer to a preflight; undefined when an HTTP API would not answer it (origin not allowed). */
export function preflightHeaders(rules: CorsRules, origin: string | undefined, requestMethod: string | undefined): HeaderPairs | undefined {
  if (rules.style === 'rest') {
    const headers: HeaderPairs = [['Access-Control-Allow-Origin', rules.allowOrigins[0] ?? '*']];
    if (rules.allowMethods.length > 0) headers.push(['Access-Control-Allow-Methods', rules.allowMethods.join(',')]);
    if (rules.allowHeaders.length > 0) headers.push(['Access-Control-Allow-Headers', rules.allowHeaders.join(',')]);
    if (rules.maxAge !== undefined) headers.push(['Access-Control-Max-Age', String(rules.maxAge)]);
    if (rules.allowCredentials) headers.push(['Access-Control-Allow-Credentials', 'true']);
    return headers;
  }
  const allowedOrigin = originAllowed(rules, origin);
  if (!allowedOrigin) return undefined;
  const method = (requestMethod ?? '').toUpperCase();
  if (!rules.allowMethods.some((allowed) => allowed === '*' || allowed.toUpperCase() === method)) return undefined;
  const headers: HeaderPairs = [['Access-Control-Allow-Origin', allowedOrigin]];
  headers.push(['Access-Control-Allow-Methods', rules.allowMethods.join(',')]);
  if (rules.allowHeaders.length > 0) headers.push(['Access-Control-Allow-Headers', rules.allowHeaders.join(',')]);
  if (rules.maxAge !== undefined) headers.push(['Access-Control-Max-Age', String(rules.maxAge)]);
  if (rules.allowCredentials) headers.push(['Access-Control-Allow-Credentials', 'true']);
  return headers;
}

/** Headers an HTTP API or function URL adds to an actual response; none for REST. */
export function responseCorsHeaders(rules: CorsRules | undefined, origin: string | undefined): HeaderPairs {
  if (!rules || rules.style === 'rest') return [];
  const allowedOrigin = originAllowed(rules, origin);
  if (!allowedOrigin) return [];
  const headers: HeaderPairs = [['Access-Control-Allow-Origin', allowedOrigin]];
  if (rules.exposeHeaders.length > 0) headers.push(['Access-Control-Expose-Headers', rules.exposeHeaders.join(',')]);
  if (rules.allowCredentials) headers.push(['Access-Control-Allow-Credentials', 'true']);
  return headers;
}

function originAllowed(rules: CorsRules, origin: string | undefined): string | undefined {
  if (origin === undefined) return undefined;
  if (rules.allowOrigins.includes('*')) return rules.allowCredentials ? origin : '*';
  return rules.allowOrigins.find((allowed) => allowed.toLowerCase() === origin.toLowerCase());
}

/** SAM writes header values as API Gateway mapping literals: `"'GET,POST'"`. */
function unquote(value: string): string {
  const trimmed = value.trim();
  return trimmed.length >= 2 && trimmed.startsWith("'") && trimmed.endsWith("'") ? trimmed.slice(1, -1) : trimmed;
}

function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
}
