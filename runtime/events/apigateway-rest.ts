// API Gateway REST API proxy integration events (payload format 1.0), `apigateway-rest`.

import type { APIGatewayProxyEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { requestTimeOf } from './format';
import {
  allValues, DEFAULT_SOURCE_IP, encodeBody, executeApiEndpoint, gatewayHeaders, headerValue, lastValues, mergeHeaders,
} from './http-common';
import { base64Id, lowerAlnum, uuid } from './ids';
import { multiValueParam, stringMapParam } from './json-input';
import { resolveRoute } from './route';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'apigateway-rest';
const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

export type ApiGatewayRestOptions = {
  method: string;
  path: string;
  resource: string;
  pathParameters: JsonValue;
  body: string;
  headers: JsonValue;
  query: JsonValue;
  stage: string;
  sourceIp: string;
  base64: boolean;
  payloadVersion: string;
};

/** HTTP API payload format 1.0 adds `version` to the REST shape. */
export type ApiGatewayRestEvent = APIGatewayProxyEvent & { version?: string };

export function checkMethod(generator: string, method: string): string {
  const upper = method.toUpperCase();
  if (!HTTP_METHODS.includes(upper)) {
    throw new EventInputError(`Parameter "method" of ${generator} must be one of ${HTTP_METHODS.join(', ')}; got "${method}".`);
  }
  return upper;
}

/** `{}` becomes null: v1 events never carry empty maps. */
function orNull<T extends object>(value: T): T | null {
  return Object.keys(value).length === 0 ? null : value;
}

export const apiGatewayRestGenerator = defineEventGenerator<ApiGatewayRestOptions, ApiGatewayRestEvent>({
  name: NAME,
  description: 'API Gateway REST API proxy request (payload format 1.0)',
  kind: 'apigateway-rest',
  params: {
    method: { description: 'HTTP method', type: 'string', default: 'GET' },
    path: { description: 'Request path, e.g. /items/123 (empty: filled from resource)', type: 'string', default: '' },
    resource: { description: 'Resource template, e.g. /items/{id} or /{proxy+} (empty: same as path)', type: 'string', default: '' },
    pathParameters: { description: 'Path variable values, e.g. {"id":"123"} (default: taken from path)', type: 'json', default: {} },
    body: { description: 'Request body text (empty: null)', type: 'string', default: '' },
    headers: { description: 'Extra headers, e.g. {"Content-Type":"application/json"}; an array repeats a header', type: 'json', default: {} },
    query: { description: 'Query string, e.g. {"page":"2","tag":["a","b"]}', type: 'json', default: {} },
    stage: { description: 'Stage name', type: 'string', default: 'Prod' },
    sourceIp: { description: 'Caller IP address', type: 'string', default: DEFAULT_SOURCE_IP },
    base64: { description: 'Send the body base64-encoded (isBase64Encoded: true)', type: 'boolean', default: false },
    payloadVersion: { description: 'Empty for a REST API; 1.0 for an HTTP API with PayloadFormatVersion 1.0', type: 'string', default: '' },
  },
  build(o, ctx) {
    if (o.payloadVersion !== '' && o.payloadVersion !== '1.0') {
      throw new EventInputError(`Parameter "payloadVersion" of ${NAME} must be empty (REST API) or 1.0 (HTTP API); for 2.0 use apigateway-http.`);
    }
    const method = checkMethod(NAME, o.method);
    const explicit = stringMapParam(NAME, 'pathParameters', o.pathParameters, '{"id":"123"}');
    const route = resolveRoute(NAME, 'resource', o.resource, o.path, explicit);
    const endpoint = executeApiEndpoint(ctx);
    const headers = mergeHeaders(
      gatewayHeaders(ctx, endpoint.domainName, o.sourceIp),
      multiValueParam(NAME, 'headers', o.headers, '{"Content-Type":"application/json"}'),
    );
    const query = multiValueParam(NAME, 'query', o.query, '{"page":"2"}');
    const { body, isBase64Encoded } = encodeBody(o.body, o.base64);
    return restEvent(ctx, {
      method, route, endpoint, headers, query, stage: o.stage, sourceIp: o.sourceIp, body, isBase64Encoded,
      version: o.payloadVersion || undefined,
    });
  },
});

interface RestParts {
  method: string;
  route: ReturnType<typeof resolveRoute>;
  endpoint: ReturnType<typeof executeApiEndpoint>;
  headers: ReturnType<typeof mergeHeaders>;
  query: ReturnType<typeof mergeHeaders>;
  stage: string;
  sourceIp: string;
  body: string | undefined;
  isBase64Encoded: boolean;
  version: string | undefined;
}

function restEvent(ctx: EventContext, p: RestParts): ApiGatewayRestEvent {
  const userAgent = headerValue(p.headers, 'User-Agent') ?? null;
  return {
    version: p.version,
    resource: p.route.template,
    path: p.route.path,
    httpMethod: p.method,
    headers: lastValues(p.headers),
    multiValueHeaders: allValues(p.headers),
    queryStringParameters: orNull(lastValues(p.query)),
    multiValueQueryStringParameters: orNull(allValues(p.query)),
    pathParameters: orNull(p.route.pathParameters),
    stageVariables: null,
    requestContext: {
      accountId: ctx.accountId,
      apiId: p.endpoint.apiId,
      authorizer: undefined,
      domainName: p.endpoint.domainName,
      domainPrefix: p.endpoint.apiId,
      extendedRequestId: base64Id(ctx.ids, 11),
      httpMethod: p.method,
      identity: {
        accessKey: null, accountId: null, apiKey: null, apiKeyId: null, caller: null, clientCert: null,
        cognitoAuthenticationProvider: null, cognitoAuthenticationType: null, cognitoIdentityId: null,
        cognitoIdentityPoolId: null, principalOrgId: null, sourceIp: p.sourceIp, user: null, userAgent, userArn: null,
      },
      // A named stage prefixes the path; HTTP APIs' `$default` stage does not.
      path: p.stage === '$default' ? p.route.path : `/${p.stage}${p.route.path}`,
      protocol: 'HTTP/1.1',
      requestId: uuid(ctx.ids),
      requestTime: requestTimeOf(ctx.now),
      requestTimeEpoch: ctx.now.getTime(),
      resourceId: lowerAlnum(ctx.ids, 6),
      resourcePath: p.route.template,
      stage: p.stage,
    },
    body: p.body ?? null,
    isBase64Encoded: p.isBase64Encoded,
  };
}

export const generateApiGatewayRest = (options?: Partial<ApiGatewayRestOptions>, ctx?: Partial<EventContext>): ApiGatewayRestEvent =>
  apiGatewayRestGenerator.build(options, ctx);
