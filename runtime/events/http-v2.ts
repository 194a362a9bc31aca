// Payload format 2.0, shared by HTTP APIs (`apigateway-http`) and function URLs (`function-url`):
// lower-case header names, repeated values joined with commas, cookies apart, empty fields omitted.

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { encodeBody, headerValue, mergeHeaders, type HeaderList } from './http-common';
import { payloadV2 } from './payload-v2';
import type { ResolvedRoute } from './route';
import type { EventContext, JsonObject } from './types';

export interface V2Request {
  method: string;
  route: ResolvedRoute;
  routeKey: string;
  stage: string;
  apiId: string;
  domainName: string;
  requestId: string;
  /** Gateway-added headers, then the user's. */
  defaultHeaders: HeaderList;
  headers: HeaderList;
  query: HeaderList;
  body: string;
  base64: boolean;
  sourceIp: string;
  accountId: string;
  authorizer?: JsonObject;
}

function rawQueryString(query: HeaderList): string {
  return query.flatMap(([name, values]) => values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`)).join('&');
}

const pairs = (list: HeaderList): Array<[string, string]> => list.flatMap(([name, values]) => values.map((value): [string, string] => [name, value]));

export function v2Event(ctx: EventContext, r: V2Request): APIGatewayProxyEventV2 {
  const encoded = encodeBody(r.body, r.base64);
  const list = mergeHeaders(r.defaultHeaders, r.headers);
  if (encoded.body !== undefined && !list.some(([n]) => n.toLowerCase() === 'content-length')) {
    list.push(['content-length', [String(Buffer.byteLength(r.body, 'utf8'))]]);
  }
  // With a named stage the stage is part of the raw path HTTP APIs hand over.
  const rawPath = r.stage === '$default' ? r.route.path : `/${r.stage}${r.route.path}`;
  return payloadV2({
    routeKey: r.routeKey,
    rawPath,
    rawQueryString: rawQueryString(r.query),
    headers: pairs(list),
    query: pairs(r.query),
    pathParameters: r.route.pathParameters,
    ...(encoded.body !== undefined ? { body: { text: encoded.body, isBase64Encoded: encoded.isBase64Encoded } } : {}),
    context: {
      accountId: r.accountId,
      apiId: r.apiId,
      ...(r.authorizer ? { authorizer: r.authorizer } : {}),
      domainName: r.domainName,
      requestId: r.requestId,
      stage: r.stage,
      method: r.method,
      path: rawPath,
      protocol: 'HTTP/1.1',
      sourceIp: r.sourceIp,
      userAgent: headerValue(list, 'user-agent') ?? '',
      time: ctx.now,
    },
  });
}
