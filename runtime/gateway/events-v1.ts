// Payload format 1.0: what a REST API (and an HTTP API route set to PayloadFormatVersion 1.0) sends.
// Empty maps are null, not {}; repeated headers and query parameters keep their last value in the
// single-value maps and every value in the multiValue ones.
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { requestTimeOf } from '../events/format';
import { headerOf, isBinaryForRest, isTextContentType, queryPairs, type GatewayRequest } from './request';
import { stableId, type RouteMatch } from './routes';

export interface V1Event extends APIGatewayProxyEvent {
  version?: '1.0';
  routeKey?: string;
}

export function buildV1Event(request: GatewayRequest, match: RouteMatch, accountId: string): V1Event {
  const { route } = match;
  const api = route.api;
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of request.headers) {
    headers[name] = value;
    (multiValueHeaders[name] ??= []).push(value);
  }
  const query: Record<string, string> = {};
  const multiQuery: Record<string, string[]> = {};
  for (const [name, value] of queryPairs(request.rawQuery)) {
    query[name] = value;
    (multiQuery[name] ??= []).push(value);
  }
  const contentType = headerOf(request, 'content-type');
  const base64 = api.kind === 'rest' ? isBinaryForRest(contentType, api.binaryMediaTypes) : !isTextContentType(contentType);
  const hasBody = request.body.length > 0;
  const isHttpApi = api.kind !== 'rest';
  const resource = route.path === '$default' ? '$default' : route.path;
  const routeKey = route.path === '$default' ? '$default' : `${route.method} ${route.path}`;
  const domainName = request.host;
  const event: V1Event = {
    ...(isHttpApi ? { version: '1.0' as const, routeKey } : {}),
    resource,
    path: match.path,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters: Object.keys(query).length > 0 ? query : null,
    multiValueQueryStringParameters: Object.keys(multiQuery).length > 0 ? multiQuery : null,
    pathParameters: Object.keys(match.pathParameters).length > 0 ? match.pathParameters : null,
    stageVariables: null,
    requestContext: {
      accountId,
      apiId: api.apiId,
      authorizer: isHttpApi ? undefined : null,
      domainName,
      domainPrefix: domainName.split('.')[0].split(':')[0],
      extendedRequestId: request.extendedRequestId,
      httpMethod: request.method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: request.sourceIp,
        user: null,
        userAgent: request.userAgent,
        userArn: null,
      },
      path: isHttpApi ? match.path : `/${api.stage}${match.path}`,
      protocol: request.protocol,
      requestId: isHttpApi ? request.extendedRequestId : request.requestId,
      requestTime: requestTimeOf(request.receivedAt),
      requestTimeEpoch: request.receivedAt.getTime(),
      resourceId: isHttpApi ? routeKey : stableId(`${api.apiId}:${route.path}`, 6),
      resourcePath: resource,
      stage: api.stage,
      ...(isHttpApi ? { routeKey } : {}),
    } as V1Event['requestContext'],
    body: hasBody ? request.body.toString(base64 ? 'base64' : 'utf8') : null,
    isBase64Encoded: hasBody && base64,
  };
  if (isHttpApi) delete (event.requestContext as { authorizer?: unknown }).authorizer;
  return event;
}
