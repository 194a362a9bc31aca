// What REST (v1), HTTP API (v2), function-URL and WebSocket events share: ids, endpoint names,
// the headers API Gateway adds, body encoding.

import { dnsSuffixOf } from './format';
import { lowerAlnum, traceHeader } from './ids';
import type { EventContext } from './types';

export const DEFAULT_USER_AGENT = 'curl/8.5.0';
export const DEFAULT_SOURCE_IP = '127.0.0.1';

export interface ApiEndpoint {
  apiId: string;
  domainName: string;
}

export function executeApiEndpoint(ctx: EventContext): ApiEndpoint {
  const apiId = lowerAlnum(ctx.ids, 10);
  return { apiId, domainName: `${apiId}.execute-api.${ctx.region}.${dnsSuffixOf(ctx.region)}` };
}

/** [name, values] in order; a later occurrence of a name (any case) overrides an earlier one. */
export type HeaderList = Array<[string, string[]]>;

export function mergeHeaders(defaults: HeaderList, given: HeaderList): HeaderList {
  const out: HeaderList = defaults.filter(([name]) => !given.some(([g]) => g.toLowerCase() === name.toLowerCase()));
  return [...out, ...given];
}

export function headerValue(headers: HeaderList, name: string): string | undefined {
  const found = headers.find(([n]) => n.toLowerCase() === name.toLowerCase());
  return found?.[1][found[1].length - 1];
}

/** The headers a client and API Gateway's front end add to every request. */
export function gatewayHeaders(ctx: EventContext, host: string, sourceIp: string): HeaderList {
  return [
    ['Accept', ['*/*']],
    ['Host', [host]],
    ['User-Agent', [DEFAULT_USER_AGENT]],
    ['X-Amzn-Trace-Id', [traceHeader(ctx.ids, ctx.now)]],
    ['X-Forwarded-For', [sourceIp]],
    ['X-Forwarded-Port', ['443']],
    ['X-Forwarded-Proto', ['https']],
  ];
}

export interface EncodedBody {
  body: string | undefined;
  isBase64Encoded: boolean;
}

/** An empty body is no body; with `base64` the text is sent as its base64 form. */
export function encodeBody(body: string, base64: boolean): EncodedBody {
  if (body === '') return { body: undefined, isBase64Encoded: false };
  return base64
    ? { body: Buffer.from(body, 'utf8').toString('base64'), isBase64Encoded: true }
    : { body, isBase64Encoded: false };
}

/** v1 `headers` / `queryStringParameters` keep the last value of a repeated name. */
export function lastValues(list: HeaderList): Record<string, string> {
  return Object.fromEntries(list.map(([name, values]) => [name, values[values.length - 1] ?? '']));
}

export function allValues(list: HeaderList): Record<string, string[]> {
  return Object.fromEntries(list.map(([name, values]) => [name, [...values]]));
}
