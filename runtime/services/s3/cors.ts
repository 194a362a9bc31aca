// Bucket CORS as S3 applies it: rules from the template's `CorsConfiguration` or PutBucketCors; a preflight
// (`OPTIONS`) is answered from the first rule matching the Origin, the requested method and every requested
// header; an actual request with an Origin gets the matching rule's headers (a page served by the local API
// can upload with a presigned PUT). Without an Origin nothing changes.
import type * as http from 'node:http';
import { isRecord } from '../../template/resolved';
import { readBody } from '../wire/body';
import { asList, parseXml, XmlSyntaxError } from '../wire/xml';
import { errors, S3Error } from './errors';
import { header, sendEmpty, sendXml, type S3Call } from './wire';

export interface CorsRule {
  id?: string;
  allowedOrigins: string[];
  allowedMethods: string[];
  allowedHeaders: string[];
  exposeHeaders: string[];
  maxAgeSeconds?: number;
}

const METHODS = new Set(['GET', 'PUT', 'HEAD', 'POST', 'DELETE']);

function strings(value: unknown): string[] {
  return asList(value).map(String);
}

/** The template's `CorsConfiguration: { CorsRules: [...] }`. */
export function templateCorsRules(configuration: unknown): CorsRule[] | undefined {
  if (!isRecord(configuration) || !Array.isArray(configuration.CorsRules)) return undefined;
  return configuration.CorsRules.filter(isRecord).map((rule) => ({
    ...(typeof rule.Id === 'string' ? { id: rule.Id } : {}),
    allowedOrigins: strings(rule.AllowedOrigins), allowedMethods: strings(rule.AllowedMethods).map((method) => method.toUpperCase()),
    allowedHeaders: strings(rule.AllowedHeaders), exposeHeaders: strings(rule.ExposedHeaders),
    ...(rule.MaxAge !== undefined ? { maxAgeSeconds: Number(rule.MaxAge) } : {}),
  }));
}

/** `*` matches any run of characters (S3 allows one per origin or header). */
function wildcard(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const escaped = pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${escaped}$`, caseInsensitive ? 'i' : '').test(value);
}

function matchingRule(rules: readonly CorsRule[], origin: string, method: string, requestedHeaders: string[]): CorsRule | undefined {
  return rules.find((rule) => rule.allowedMethods.includes(method)
    && rule.allowedOrigins.some((allowed) => wildcard(allowed, origin, false))
    && requestedHeaders.every((name) => rule.allowedHeaders.some((allowed) => wildcard(allowed, name, true))));
}

function corsHeaders(rule: CorsRule, origin: string): http.OutgoingHttpHeaders {
  const any = rule.allowedOrigins.includes('*');
  return {
    'Access-Control-Allow-Origin': any ? '*' : origin,
    ...(any ? {} : { 'Access-Control-Allow-Credentials': 'true' }),
    'Access-Control-Allow-Methods': rule.allowedMethods.join(', '),
    Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
    ...(rule.exposeHeaders.length > 0 ? { 'Access-Control-Expose-Headers': rule.exposeHeaders.join(', ') } : {}),
    ...(rule.maxAgeSeconds !== undefined ? { 'Access-Control-Max-Age': String(rule.maxAgeSeconds) } : {}),
  };
}

/** Answers a preflight; true when the request was one. */
export async function answerPreflight(call: S3Call, rules: readonly CorsRule[] | undefined): Promise<boolean> {
  if (call.req.method !== 'OPTIONS') return false;
  call.req.resume();
  const origin = header(call.req, 'origin');
  const method = header(call.req, 'access-control-request-method');
  if (!origin || !method) throw new S3Error('BadRequest', 'Insufficient information. Origin request header needed.', 400);
  if (!rules || rules.length === 0) throw new S3Error('AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.', 403, { Method: method, ResourceType: 'BUCKET' });
  const requested = (header(call.req, 'access-control-request-headers') ?? '').split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const rule = matchingRule(rules, origin, method.toUpperCase(), requested);
  if (!rule) {
    throw new S3Error('AccessForbidden', 'CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource\'s CORS spec.', 403, { Method: method, ResourceType: 'OBJECT' });
  }
  sendEmpty(call, 200, { ...corsHeaders(rule, origin), ...(requested.length > 0 ? { 'Access-Control-Allow-Headers': requested.join(', ') } : {}) });
  return true;
}

/** Sets the CORS headers an actual request with an Origin gets (before its operation answers). */
export function applyCors(call: S3Call, rules: readonly CorsRule[] | undefined): void {
  const origin = header(call.req, 'origin');
  if (!origin || !rules) return;
  const rule = matchingRule(rules, origin, (call.req.method ?? 'GET').toUpperCase(), []);
  if (!rule) return;
  for (const [name, value] of Object.entries(corsHeaders(rule, origin))) if (value !== undefined) call.res.setHeader(name, value);
}

/** GetBucketCors, PutBucketCors, DeleteBucketCors. */
export async function bucketCors(call: S3Call): Promise<void> {
  const bucket = call.bucket!;
  const config = await call.engine.requireBucket(bucket);
  const method = call.req.method;
  if (method === 'GET') {
    call.req.resume();
    const rules = call.engine.corsRules(bucket, config);
    if (!rules) throw new S3Error('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404, { BucketName: bucket });
    return sendXml(call, 'CORSConfiguration', {
      CORSRule: rules.map((rule) => ({
        ...(rule.id ? { ID: rule.id } : {}), AllowedHeader: rule.allowedHeaders, AllowedMethod: rule.allowedMethods, AllowedOrigin: rule.allowedOrigins,
        ExposeHeader: rule.exposeHeaders, ...(rule.maxAgeSeconds !== undefined ? { MaxAgeSeconds: rule.maxAgeSeconds } : {}),
      })),
    });
  }
  if (method === 'DELETE') {
    call.req.resume();
    const { cors, ...rest } = config;
    void cors;
    await call.engine.store.saveBucketConfig(bucket, rest);
    return sendEmpty(call, 204);
  }
  const body = await readBody(call.req, 64 * 1024);
  if (body === 'too-large') throw errors.malformedXml();
  let parsed: Record<string, unknown>;
  try {
    parsed = (parseXml(body.toString('utf8')).CORSConfiguration ?? {}) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw errors.malformedXml();
    throw error;
  }
  const rules: CorsRule[] = asList<Record<string, unknown>>(parsed.CORSRule).map((rule) => ({
    ...(typeof rule.ID === 'string' ? { id: rule.ID } : {}),
    allowedOrigins: strings(rule.AllowedOrigin), allowedMethods: strings(rule.AllowedMethod), allowedHeaders: strings(rule.AllowedHeader),
    exposeHeaders: strings(rule.ExposeHeader), ...(rule.MaxAgeSeconds !== undefined ? { maxAgeSeconds: Number(rule.MaxAgeSeconds) } : {}),
  }));
  if (rules.length === 0 || rules.length > 100) throw errors.malformedXml();
  for (const rule of rules) {
    const unsupported = rule.allowedMethods.find((name) => !METHODS.has(name));
    if (unsupported) throw errors.invalidRequest(`Found unsupported HTTP method in CORS config. Unsupported method is ${unsupported}`);
    if (rule.allowedOrigins.length === 0 || rule.allowedMethods.length === 0) throw errors.malformedXml();
  }
  await call.engine.store.saveBucketConfig(bucket, { ...config, cors: rules });
  sendEmpty(call, 200);
}
