// Payload format 2.0 from a request's parts: the one place both the sample generators (HTTP API and
// function-URL samples) and the live gateway turn a request into Lambda's event. Header names lower-case,
// repeated headers and query parameters joined with commas, cookies apart, empty fields left out.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requestTimeOf } from './format';
import type { JsonObject } from './types';

export interface PayloadV2Request {
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  /** [name as sent, value] pairs in order; a name may repeat, in any case. */
  headers: Array<[string, string]>;
  /** Decoded [name, value] pairs in order; a name may repeat. */
  query: Array<[string, string]>;
  pathParameters: Record<string, string>;
  /** Already in its wire form: text, or base64 of the bytes. */
  body?: { text: string; isBase64Encoded: boolean };
  context: {
    accountId: string;
    apiId: string;
    domainName: string;
    requestId: string;
    stage: string;
    method: string;
    path: string;
    protocol: string;
    sourceIp: string;
    userAgent: string;
    time: Date;
    authorizer?: JsonObject;
  };
}

export function payloadV2(request: PayloadV2Request): APIGatewayProxyEventV2 {
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
  for (const [name, value] of request.query) query[name] = query[name] === undefined ? value : `${query[name]},${value}`;
  const { context } = request;
  const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: JsonObject } } = {
    version: '2.0',
    routeKey: request.routeKey,
    rawPath: request.rawPath,
    rawQueryString: request.rawQueryString,
    headers,
    requestContext: {
      accountId: context.accountId,
      apiId: context.apiId,
      ...(context.authorizer ? { authorizer: context.authorizer } : {}),
      domainName: context.domainName,
      domainPrefix: context.domainName.split('.')[0]!.split(':')[0]!,
      http: { method: context.method, path: context.path, protocol: context.protocol, sourceIp: context.sourceIp, userAgent: context.userAgent },
      requestId: context.requestId,
      routeKey: request.routeKey,
      stage: context.stage,
      time: requestTimeOf(context.time),
      timeEpoch: context.time.getTime(),
    },
    isBase64Encoded: false,
  };
  if (cookies.length > 0) event.cookies = cookies;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (Object.keys(request.pathParameters).length > 0) event.pathParameters = request.pathParameters;
  if (request.body) {
    event.body = request.body.text;
    event.isBase64Encoded = request.body.isBase64Encoded;
  }
  return event;
}
