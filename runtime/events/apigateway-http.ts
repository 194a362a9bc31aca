// API Gateway HTTP API events (payload format 2.0), `apigateway-http`.

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { checkMethod } from './apigateway-rest';
import { defineEventGenerator } from './define';
import { DEFAULT_SOURCE_IP, executeApiEndpoint, gatewayHeaders } from './http-common';
import { base64Id } from './ids';
import { v2Event } from './http-v2';
import { multiValueParam, stringMapParam } from './json-input';
import { resolveRoute } from './route';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'apigateway-http';

export type ApiGatewayHttpOptions = {
  method: string;
  path: string;
  routeKey: string;
  pathParameters: JsonValue;
  body: string;
  headers: JsonValue;
  query: JsonValue;
  stage: string;
  sourceIp: string;
  base64: boolean;
};

/** `GET /items/{id}` → method and path template; `$default` → none. */
export function parseRouteKey(generator: string, routeKey: string): { method?: string; template: string } {
  if (routeKey === '$default') return { template: '' };
  const match = /^([A-Za-z]+) (\/\S*)$/.exec(routeKey);
  if (!match) {
    throw new EventInputError(`Parameter "routeKey" of ${generator} must be $default or "METHOD /path", e.g. "GET /items/{id}"; got "${routeKey}".`);
  }
  const method = (match[1] ?? '').toUpperCase();
  return { method: method === 'ANY' ? undefined : method, template: match[2] ?? '' };
}

export const apiGatewayHttpGenerator = defineEventGenerator<ApiGatewayHttpOptions, APIGatewayProxyEventV2>({
  name: NAME,
  description: 'API Gateway HTTP API request (payload format 2.0)',
  kind: 'apigateway-http',
  params: {
    method: { description: 'HTTP method (a routeKey with a method sets it)', type: 'string', default: 'GET' },
    path: { description: 'Request path, e.g. /items/123 (empty: filled from routeKey)', type: 'string', default: '' },
    routeKey: { description: '$default or "METHOD /path", e.g. "GET /items/{id}"', type: 'string', default: '$default' },
    pathParameters: { description: 'Path variable values, e.g. {"id":"123"} (default: taken from path)', type: 'json', default: {} },
    body: { description: 'Request body text (empty: omitted)', type: 'string', default: '' },
    headers: { description: 'Extra headers, e.g. {"Cookie":"a=1; b=2"}; an array repeats a header', type: 'json', default: {} },
    query: { description: 'Query string, e.g. {"page":"2","tag":["a","b"]}', type: 'json', default: {} },
    stage: { description: 'Stage name', type: 'string', default: '$default' },
    sourceIp: { description: 'Caller IP address', type: 'string', default: DEFAULT_SOURCE_IP },
    base64: { description: 'Send the body base64-encoded (isBase64Encoded: true)', type: 'boolean', default: false },
  },
  build(o, ctx) {
    const parsed = parseRouteKey(NAME, o.routeKey);
    const method = checkMethod(NAME, parsed.method ?? o.method);
    const explicit = stringMapParam(NAME, 'pathParameters', o.pathParameters, '{"id":"123"}');
    const route = resolveRoute(NAME, 'routeKey', parsed.template, o.path, explicit);
    const endpoint = executeApiEndpoint(ctx);
    return v2Event(ctx, {
      method,
      route: parsed.template === '' ? { ...route, pathParameters: explicit } : route,
      routeKey: o.routeKey,
      stage: o.stage,
      apiId: endpoint.apiId,
      domainName: endpoint.domainName,
      requestId: base64Id(ctx.ids, 11),
      defaultHeaders: gatewayHeaders(ctx, endpoint.domainName, o.sourceIp),
      headers: multiValueParam(NAME, 'headers', o.headers, '{"Content-Type":"application/json"}'),
      query: multiValueParam(NAME, 'query', o.query, '{"page":"2"}'),
      body: o.body,
      base64: o.base64,
      sourceIp: o.sourceIp,
      accountId: ctx.accountId,
    });
  },
});

export const generateApiGatewayHttp = (options?: Partial<ApiGatewayHttpOptions>, ctx?: Partial<EventContext>): APIGatewayProxyEventV2 =>
  apiGatewayHttpGenerator.build(options, ctx);
