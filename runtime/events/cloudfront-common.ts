// What Lambda@Edge request events share (`cloudfront-viewer-request`, `cloudfront-origin-request`):
// the distribution config, headers as `{ "lower-name": [{ key, value }] }`, the raw query string and
// the body when the trigger includes it.

import type { CloudFrontHeaders, CloudFrontRequest, CloudFrontRequestEvent } from 'aws-lambda';
import { checkMethod } from './apigateway-rest';
import { DEFAULT_SOURCE_IP, mergeHeaders, type HeaderList } from './http-common';
import { base64UrlId, lowerAlnum, upperAlnum } from './ids';
import { multiValueParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

export type CloudFrontRequestOptions = { method: string; uri: string; querystring: string; headers: JsonValue; body: string; clientIp: string };

export const cloudFrontRequestParams = {
  method: { description: 'HTTP method', type: 'string', default: 'GET' },
  uri: { description: 'Request URI (path)', type: 'string', default: '/' },
  querystring: { description: 'Raw query string without "?", e.g. size=large&color=red', type: 'string', default: '' },
  headers: { description: 'Extra viewer headers, e.g. {"Accept-Language":"en"}; an array repeats a header', type: 'json', default: {} },
  body: { description: 'Request body (empty: none; otherwise as with IncludeBody, base64-encoded)', type: 'string', default: '' },
  clientIp: { description: 'Viewer IP address', type: 'string', default: DEFAULT_SOURCE_IP },
} as const;

/** `[name, values]` → CloudFront's map: lower-case names, each value with the name as the viewer wrote it. */
export function cloudFrontHeaders(list: HeaderList): CloudFrontHeaders {
  const out: CloudFrontHeaders = {};
  for (const [name, values] of list) {
    const entries = (out[name.toLowerCase()] ??= []);
    for (const value of values) entries.push({ key: name, value });
  }
  return out;
}

export interface Distribution {
  id: string;
  domainName: string;
}

export function distribution(ctx: EventContext): Distribution {
  return { id: `E${upperAlnum(ctx.ids, 13)}`, domainName: `d${lowerAlnum(ctx.ids, 13)}.cloudfront.net` };
}

/** The request as the viewer sent it; `extraHeaders` are those CloudFront adds on the way to the origin. */
export function cloudFrontRequest(generator: string, o: CloudFrontRequestOptions, viewerHeaders: HeaderList, extraHeaders: HeaderList = []): CloudFrontRequest {
  const method = checkMethod(generator, o.method);
  if (!o.uri.startsWith('/')) throw new EventInputError(`Parameter "uri" of ${generator} must start with "/", e.g. /index.html; got "${o.uri}".`);
  if (o.querystring.startsWith('?')) throw new EventInputError(`Parameter "querystring" of ${generator} is the query without the leading "?", e.g. ${o.querystring.slice(1)}.`);
  const given = multiValueParam(generator, 'headers', o.headers, '{"Accept-Language":"en"}');
  return {
    clientIp: o.clientIp,
    headers: cloudFrontHeaders(mergeHeaders(mergeHeaders(viewerHeaders, given), extraHeaders)),
    method,
    querystring: o.querystring,
    uri: o.uri,
    ...(o.body === '' ? {} : { body: { inputTruncated: false, action: 'read-only', encoding: 'base64', data: Buffer.from(o.body, 'utf8').toString('base64') } }),
  };
}

export function cloudFrontEvent(ctx: EventContext, dist: Distribution, eventType: 'viewer-request' | 'origin-request', request: CloudFrontRequest): CloudFrontRequestEvent {
  return {
    Records: [{
      cf: {
        config: { distributionDomainName: dist.domainName, distributionId: dist.id, eventType, requestId: base64UrlId(ctx.ids, 40) },
        request,
      },
    }],
  };
}
