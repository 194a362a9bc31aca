// The HTTP route table: every Api (REST, payload 1.0), HttpApi (payload 2.0 or 1.0) event and function
// URL of the template's functions, matched as API Gateway does it: per path segment a literal beats a
// `{param}`, which beats a greedy `{proxy+}`; a longer match beats a shorter one; a specific method
// beats ANY; `$default` catches what nothing else does.
// Function URLs are served under `/_lambda-url/<FunctionName>/…` on the gateway's port.
import { createHash } from 'node:crypto';
import type { FunctionConfig } from '../template/model';
import type { Resolved } from '../template/resolved';
import { IMPLICIT_HTTP_API, IMPLICIT_REST_API, type ApiDefinitions } from './api-definitions';
import { httpCors, restCors, type CorsRules } from './cors';

export type ApiKind = 'rest' | 'http' | 'url';
export type PayloadVersion = '1.0' | '2.0';

export const FUNCTION_URL_PREFIX = '/_lambda-url';
/** API Gateway's maximum integration timeouts. */
export const REST_TIMEOUT_MS = 29_000;
export const HTTP_API_TIMEOUT_MS = 30_000;

export interface ApiConfig {
  kind: ApiKind;
  /** Logical id of the API (`ServerlessRestApi` / `ServerlessHttpApi` for the implicit ones), or the function name for a URL. */
  logicalId: string;
  /** A stable 10-character id, as API Gateway's are (32 for function URLs). */
  apiId: string;
  stage: string;
  cors?: CorsRules;
  /** REST only: content types sent to the function base64-encoded (`*~1*` style already decoded). */
  binaryMediaTypes: string[];
}

type Segment = { kind: 'literal'; text: string } | { kind: 'param'; name: string } | { kind: 'greedy'; name: string };

export interface Route {
  api: ApiConfig;
  /** Upper-case method or `ANY`. */
  method: string;
  /** Resource path as written (`/items/{id}`), or `$default`. */
  path: string;
  functionName: string;
  payloadVersion: PayloadVersion;
  /** How long the gateway waits for the function; undefined for function URLs (the function's own timeout). */
  timeoutMs?: number;
  streaming: boolean;
  segments: Segment[];
}

export interface RouteMatch {
  route: Route;
  /** Decoded values of the path variables; empty when there are none. */
  pathParameters: Record<string, string>;
  /** The path the function sees (without the function URL prefix). */
  path: string;
}

export interface RouteListing {
  kind: ApiKind;
  method: string;
  path: string;
  functionName: string;
  /** Path to request on the gateway (the route's path; function URLs with their prefix). */
  url: string;
}

export class RouteTable {
  readonly warnings: string[] = [];
  private readonly routes: Route[] = [];

  constructor(functions: FunctionConfig[], definitions: ApiDefinitions) {
    this.warnings.push(...definitions.warnings);
    const apis = new Map<string, ApiConfig>();
    for (const fn of functions) {
      for (const event of fn.events) {
        const route = routeOf(fn, event.type, event.properties, definitions, apis, this.warnings);
        if (route) this.add(route, `${fn.logicalId}.Events.${event.name}`);
      }
    }
  }

  list(): RouteListing[] {
    return this.routes.map((route) => ({
      kind: route.api.kind,
      method: route.method,
      path: route.path,
      functionName: route.functionName,
      url: route.api.kind === 'url' ? `${FUNCTION_URL_PREFIX}/${route.functionName}/` : route.path === '$default' ? '/' : route.path,
    }));
  }

  /** The function URL named by a path under `/_lambda-url/`, with the path its function sees. */
  matchFunctionUrl(rawPath: string): RouteMatch | undefined {
    const rest = rawPath.slice(FUNCTION_URL_PREFIX.length + 1);
    const slash = rest.indexOf('/');
    const name = decodeURIComponent(slash === -1 ? rest : rest.slice(0, slash));
    const route = this.routes.find((candidate) => candidate.api.kind === 'url' && candidate.functionName === name);
    return route ? { route, pathParameters: {}, path: slash === -1 ? '/' : rest.slice(slash) } : undefined;
  }

  /** The best route for a request, or undefined (see `unknownRouteKind` for which error to answer). */
  match(method: string, rawPath: string): RouteMatch | undefined {
    if (rawPath === FUNCTION_URL_PREFIX || rawPath.startsWith(`${FUNCTION_URL_PREFIX}/`)) return this.matchFunctionUrl(rawPath);
    const parts = rawPath.split('/').slice(1);
    let best: { route: Route; score: number[]; params: Record<string, string> } | undefined;
    for (const route of this.routes) {
      if (route.api.kind === 'url' || route.path === '$default') continue;
      if (route.method !== 'ANY' && route.method !== method) continue;
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      const score = specificity(route);
      if (!best || compareScores(score, best.score) > 0) best = { route, score, params };
    }
    if (best) return { route: best.route, pathParameters: best.params, path: rawPath };
    const fallback = this.routes.find((route) => route.api.kind !== 'url' && route.path === '$default');
    return fallback ? { route: fallback, pathParameters: {}, path: rawPath } : undefined;
  }

  /** Routes for a path whatever the method: the OPTIONS preflight of a REST API answers for them. */
  apisForPath(rawPath: string): ApiConfig[] {
    const parts = rawPath.split('/').slice(1);
    return this.routes.filter((route) => route.api.kind !== 'url' && route.path !== '$default' && matchSegments(route.segments, parts)).map((route) => route.api);
  }

  /** Unknown routes answer as the template's APIs do: REST's 403 when it has only REST APIs, else the HTTP API's 404. */
  get unknownRouteKind(): 'rest' | 'http' {
    const kinds = new Set(this.routes.map((route) => route.api.kind));
    return kinds.has('rest') && !kinds.has('http') ? 'rest' : 'http';
  }

  private add(route: Route, where: string): void {
    const clash = this.routes.find((existing) => existing.method === route.method && existing.api.kind !== 'url' && route.api.kind !== 'url' && sameShape(existing.segments, route.segments) && existing.path !== '$default' === (route.path !== '$default'));
    if (clash) {
      this.warnings.push(`${where}: ${route.method} ${route.path} is already served by ${clash.functionName}; the first route is used. Give one of them another Path or Method.`);
      return;
    }
    this.routes.push(route);
  }
}

function routeOf(fn: FunctionConfig, type: string, p: Record<string, unknown>, definitions: ApiDefinitions, apis: Map<string, ApiConfig>, warnings: string[]): Route | undefined {
  if (type === 'Api') {
    const apiRef = typeof p.RestApiId === 'string' ? p.RestApiId : IMPLICIT_REST_API;
    const api = cached(apis, `rest:${apiRef}`, () => restApi(apiRef, definitions));
    const path = typeof p.Path === 'string' ? p.Path : undefined;
    const method = typeof p.Method === 'string' ? normalMethod(p.Method) : undefined;
    if (!path || !method) {
      warnings.push(`${fn.logicalId}: an Api event needs Path and Method; it is not served.`);
      return undefined;
    }
    return makeRoute(api, method, path, fn.name, '1.0', timeoutOf(p.TimeoutInMillis, REST_TIMEOUT_MS), false);
  }
  if (type === 'HttpApi') {
    const apiRef = typeof p.ApiId === 'string' ? p.ApiId : IMPLICIT_HTTP_API;
    const api = cached(apis, `http:${apiRef}`, () => httpApi(apiRef, definitions));
    const version: PayloadVersion = String(p.PayloadFormatVersion ?? '2.0') === '1.0' ? '1.0' : '2.0';
    const timeout = timeoutOf(p.TimeoutInMillis, HTTP_API_TIMEOUT_MS);
    if (p.Path === undefined && p.Method === undefined) return makeRoute(api, 'ANY', '$default', fn.name, version, timeout, false);
    const path = typeof p.Path === 'string' ? p.Path : '/';
    return makeRoute(api, typeof p.Method === 'string' ? normalMethod(p.Method) : 'ANY', path, fn.name, version, timeout, false);
  }
  if (type === 'FunctionUrl' && fn.functionUrl) {
    const api: ApiConfig = { kind: 'url', logicalId: fn.name, apiId: stableId(`url:${fn.name}`, 32), stage: '$default', cors: httpCors(fn.functionUrl.cors as Resolved | undefined), binaryMediaTypes: [] };
    return makeRoute(api, 'ANY', '$default', fn.name, '2.0', undefined, fn.functionUrl.invokeMode === 'RESPONSE_STREAM');
  }
  return undefined;
}

function restApi(logicalId: string, definitions: ApiDefinitions): ApiConfig {
  const own = definitions.restApis.get(logicalId);
  const binary = [...(own?.binaryMediaTypes ?? []), ...definitions.restGlobals.binaryMediaTypes].map((type) => type.replace(/~1/g, '/'));
  return { kind: 'rest', logicalId, apiId: stableId(`rest:${logicalId}`, 10), stage: own?.stage ?? 'Prod', cors: restCors(own?.cors ?? definitions.restGlobals.cors), binaryMediaTypes: binary };
}

function httpApi(logicalId: string, definitions: ApiDefinitions): ApiConfig {
  const own = definitions.httpApis.get(logicalId);
  return { kind: 'http', logicalId, apiId: stableId(`http:${logicalId}`, 10), stage: own?.stage ?? '$default', cors: httpCors(own?.corsConfiguration ?? definitions.httpGlobals.corsConfiguration), binaryMediaTypes: [] };
}

function makeRoute(api: ApiConfig, method: string, path: string, functionName: string, payloadVersion: PayloadVersion, timeoutMs: number | undefined, streaming: boolean): Route {
  return { api, method, path, functionName, payloadVersion, timeoutMs, streaming, segments: path === '$default' ? [] : parseSegments(path) };
}

function parseSegments(path: string): Segment[] {
  return path.split('/').filter((part) => part !== '').map((part): Segment => {
    const variable = /^\{([^{}]+?)(\+?)\}$/.exec(part);
    if (!variable) return { kind: 'literal', text: part };
    return variable[2] === '+' ? { kind: 'greedy', name: variable[1] } : { kind: 'param', name: variable[1] };
  });
}

function matchSegments(segments: Segment[], rawParts: string[]): Record<string, string> | undefined {
  // A trailing slash does not make another resource: `/items/` is `/items`.
  const parts = rawParts.length > 0 && rawParts[rawParts.length - 1] === '' ? rawParts.slice(0, -1) : rawParts;
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    if (segment.kind === 'greedy') {
      const rest = parts.slice(i);
      if (rest.length === 0 || rest.every((part) => part === '')) return undefined;
      params[segment.name] = safeDecode(rest.join('/'));
      return params;
    }
    const part = parts[i];
    if (part === undefined || part === '') return undefined;
    if (segment.kind === 'literal' && safeDecode(part) !== segment.text) return undefined;
    if (segment.kind === 'param') params[segment.name] = safeDecode(part);
  }
  return parts.length === segments.length ? params : undefined;
}

/** Per segment 3 (literal) / 2 (param) / 1 (greedy), then the segment count, then 1 for a specific method. */
function specificity(route: Route): number[] {
  const weights = route.segments.map((segment) => (segment.kind === 'literal' ? 3 : segment.kind === 'param' ? 2 : 1));
  return [...weights, 0, route.segments.length, route.method === 'ANY' ? 0 : 1];
}

function compareScores(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const difference = (a[i] ?? 0) - (b[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function sameShape(a: Segment[], b: Segment[]): boolean {
  return a.length === b.length && a.every((segment, i) => segment.kind === b[i].kind && (segment.kind !== 'literal' || segment.text === (b[i] as { text: string }).text));
}

function normalMethod(method: string): string {
  const upper = method.toUpperCase();
  return upper === 'X-AMAZON-APIGATEWAY-ANY-METHOD' ? 'ANY' : upper;
}

function timeoutOf(value: unknown, max: number): number {
  const ms = Number(value);
  return Number.isInteger(ms) && ms >= 50 && ms <= max ? ms : max;
}

function cached(apis: Map<string, ApiConfig>, key: string, create: () => ApiConfig): ApiConfig {
  let api = apis.get(key);
  if (!api) apis.set(key, (api = create()));
  return api;
}

/** Lower-case letters and digits derived from a name, so ids stay the same from run to run. */
export function stableId(name: string, length: number): string {
  const digest = createHash('sha256').update(name).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  return [...digest.subarray(0, length)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
