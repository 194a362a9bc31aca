// Payload format 2.0, shared by HTTP APIs (`apigateway-http`) and function URLs (`function-url`):
// lower-case header names, repeated values joined with commas, cookies apart, empty fields omitted.

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { requestTimeOf } from './format';
import { encodeBody, headerValue, mergeHeaders, type HeaderList } from './http-common';
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

/** Lower-cases names, folds duplicates together and joins values with commas; cookies go apart. */
function v2Headers(list: HeaderList): { headers: Record<string, string>; cookies: string[] } {
  const folded = new Map<string, string[]>();
  for (const [name, values] of list) {
    const lower = name.toLowerCase();
    folded.set(lower, [...(folded.get(lower) ?? []), ...values]);
  }
  const cookies = (folded.get('cookie') ?? []).flatMap((v) => v.split(';')).map((c) => c.trim()).filter((c) => c !== '');
  folded.delete('cookie');
  return { headers: Object.fromEntries([...folded].map(([name, values]) => [name, values.join(',')])), cookies };
}

function rawQueryString(query: HeaderList): string {
  return query.flatMap(([name, values]) => values.map((v) => `${encodeURIComponent(name)}=${encodeURIComponent(v)}`)).join('&');
}

export function v2Event(ctx: EventContext, r: V2Request): APIGatewayProxyEventV2 {
  const encoded = encodeBody(r.body, r.base64);
  const list = mergeHeaders(r.defaultHeaders, r.headers);
  if (encoded.body !== undefined && !list.some(([n]) => n.toLowerCase() === 'content-length')) {
    list.push(['content-length', [String(Buffer.byteLength(r.body, 'utf8'))]]);
  }
  const { headers, cookies } = v2Headers(list);
  const query = Object.fromEntries(r.query.map(([name, values]) => [name, values.join(',')]));
  // With a named stage the stage is part of the raw path HTTP APIs hand over.
  const rawPath = r.stage === '$default' ? r.route.path : `/${r.stage}${r.route.path}`;
  const event: APIGatewayProxyEventV2 & { requestContext: { authorizer?: JsonObject } } = {
    version: '2.0',
    routeKey: r.routeKey,
    rawPath,
    rawQueryString: rawQueryString(r.query),
    cookies: cookies.length > 0 ? cookies : undefined,
    headers,
    queryStringParameters: r.query.length > 0 ? query : undefined,
    requestContext: {
      accountId: r.accountId,
      apiId: r.apiId,
      authorizer: r.authorizer,
      domainName: r.domainName,
      domainPrefix: r.domainName.split('.')[0] ?? r.apiId,
      http: {
        method: r.method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: r.sourceIp,
        userAgent: headerValue(list, 'user-agent') ?? '',
      },
      requestId: r.requestId,
      routeKey: r.routeKey,
      stage: r.stage,
      time: requestTimeOf(ctx.now),
      timeEpoch: ctx.now.getTime(),
    },
    body: encoded.body,
    pathParameters: Object.keys(r.route.pathParameters).length > 0 ? r.route.pathParameters : undefined,
    isBase64Encoded: encoded.isBase64Encoded,
  };
  return event;
}
