// Payload format 2.0: HTTP APIs and function URLs. Header names lower-case, repeated headers and query
// parameters joined with commas, cookies moved to `cookies`, and empty fields left out entirely.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requestTimeOf } from '../events/format';
import { headerOf, isTextContentType, queryPairs, type GatewayRequest } from './request';
import type { RouteMatch } from './routes';

export function buildV2Event(request: GatewayRequest, match: RouteMatch, accountId: string): APIGatewayProxyEventV2 {
  const { route } = match;
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      cookies.push(...value.split(';').map((cookie) => cookie.trim()).filter((cookie) => cookie !== ''));
      continue;
    }
    headers[lower] = headers[lower] === undefined ? value : `${headers[lower]},${value}`;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of queryPairs(request.rawQuery)) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const routeKey = route.path === '$default' ? '$default' : `${route.method} ${route.path}`;
  const domainName = request.host;
  const base64 = !isTextContentType(headerOf(request, 'content-type'));
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: match.path,
    rawQueryString: request.rawQuery,
    headers,
    requestContext: {
      accountId: route.api.kind === 'url' ? 'anonymous' : accountId,
      apiId: route.api.apiId,
      domainName,
      domainPrefix: domainName.split('.')[0].split(':')[0],
      http: {
        method: request.method,
        path: match.path,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: request.userAgent,
      },
      requestId: route.api.kind === 'url' ? request.requestId : request.extendedRequestId,
      routeKey,
      stage: route.api.stage,
      time: requestTimeOf(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (Object.keys(match.pathParameters).length > 0) event.pathParameters = match.pathParameters;
  if (request.body.length > 0) {
    event.body = request.body.toString(base64 ? 'base64' : 'utf8');
    event.isBase64Encoded = base64;
  }
  return event;
}
