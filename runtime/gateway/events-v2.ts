// Payload format 2.0 for HTTP APIs and function URLs, from the live request: the shared builder
// (runtime/events/payload-v2.ts) with the gateway's own choices — the route's stage, the request's
// protocol and time, base64 bodies for binary content types.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { payloadV2 } from '../events/payload-v2';
import { headerOf, isTextContentType, queryPairs, type GatewayRequest } from './request';
import type { RouteMatch } from './routes';

export function buildV2Event(request: GatewayRequest, match: RouteMatch, accountId: string): APIGatewayProxyEventV2 {
  const { route } = match;
  const routeKey = route.path === '$default' ? '$default' : `${route.method} ${route.path}`;
  const base64 = !isTextContentType(headerOf(request, 'content-type'));
  return payloadV2({
    routeKey,
    rawPath: match.path,
    rawQueryString: request.rawQuery,
    headers: request.headers,
    query: queryPairs(request.rawQuery),
    pathParameters: match.pathParameters,
    ...(request.body.length > 0 ? { body: { text: request.body.toString(base64 ? 'base64' : 'utf8'), isBase64Encoded: base64 } } : {}),
    context: {
      accountId: route.api.kind === 'url' ? 'anonymous' : accountId,
      apiId: route.api.apiId,
      domainName: request.host,
      requestId: route.api.kind === 'url' ? request.requestId : request.extendedRequestId,
      stage: route.api.stage,
      method: request.method,
      path: match.path,
      protocol: request.protocol,
      sourceIp: request.sourceIp,
      userAgent: request.userAgent,
      time: request.receivedAt,
    },
  });
}
