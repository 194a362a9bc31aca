// Application Load Balancer requests to a Lambda target, `alb`: header names lower-cased, query
// values passed on URL-encoded as the client sent them; with the target group's multi-value headers
// setting, multiValueHeaders / multiValueQueryStringParameters instead of the single-value maps
// (which keep the last value of a repeated name).

import type { ALBEvent } from 'aws-lambda';
import { checkMethod } from './apigateway-rest';
import { defineEventGenerator } from './define';
import { dnsSuffixOf, regionalArn } from './format';
import { allValues, DEFAULT_SOURCE_IP, DEFAULT_USER_AGENT, headerValue, lastValues, mergeHeaders, type HeaderList } from './http-common';
import { digits, traceHeader } from './ids';
import { multiValueParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'alb';

export type AlbOptions = {
  method: string; path: string; query: JsonValue; headers: JsonValue; body: string; base64: boolean;
  multiValueHeaders: boolean; targetGroup: string; sourceIp: string;
};

function lowerCased(list: HeaderList): HeaderList {
  const out: HeaderList = [];
  for (const [name, values] of list) {
    const lower = name.toLowerCase();
    const existing = out.find(([n]) => n === lower);
    if (existing) existing[1].push(...values);
    else out.push([lower, [...values]]);
  }
  return out;
}

export const albGenerator = defineEventGenerator<AlbOptions, ALBEvent>({
  name: NAME,
  description: 'Application Load Balancer request to a Lambda target group (multi-value headers optional)',
  kind: 'alb',
  params: {
    method: { description: 'HTTP method', type: 'string', default: 'GET' },
    path: { description: 'Request path', type: 'string', default: '/lambda' },
    query: { description: 'Query string, e.g. {"q":"a b","tag":["x","y"]} (sent URL-encoded)', type: 'json', default: {} },
    headers: { description: 'Extra headers, e.g. {"Content-Type":"application/json"}; an array repeats a header', type: 'json', default: {} },
    body: { description: 'Request body text', type: 'string', default: '' },
    base64: { description: 'Send the body base64-encoded (isBase64Encoded: true), as ALB does for binary content', type: 'boolean', default: false },
    multiValueHeaders: { description: 'The target group has lambda.multi_value_headers.enabled', type: 'boolean', default: false },
    targetGroup: { description: 'Target group name', type: 'string', default: 'my-lambda-targets' },
    sourceIp: { description: 'Client IP address (X-Forwarded-For)', type: 'string', default: DEFAULT_SOURCE_IP },
  },
  build(o, ctx) {
    const method = checkMethod(NAME, o.method);
    if (!o.path.startsWith('/')) throw new EventInputError(`Parameter "path" of ${NAME} must start with "/", e.g. /lambda; got "${o.path}".`);
    if (!/^[A-Za-z0-9-]{1,32}$/.test(o.targetGroup)) {
      throw new EventInputError(`Parameter "targetGroup" of ${NAME}: "${o.targetGroup}" is not a target group name (1-32 letters, digits, hyphens).`);
    }
    const host = `my-load-balancer-${digits(ctx.ids, 10)}.${ctx.region}.elb.${dnsSuffixOf(ctx.region)}`;
    const given = multiValueParam(NAME, 'headers', o.headers, '{"Content-Type":"application/json"}');
    const bodyHeaders: HeaderList = o.body !== '' && headerValue(given, 'content-length') === undefined
      ? [['content-length', [String(Buffer.byteLength(o.body, 'utf8'))]]]
      : [];
    const headers = lowerCased([
      ...mergeHeaders([['accept', ['*/*']], ['host', [host]], ['user-agent', [DEFAULT_USER_AGENT]]], [...given, ...bodyHeaders]),
      ['x-amzn-trace-id', [traceHeader(ctx.ids, ctx.now)]],
      ['x-forwarded-for', [o.sourceIp]],
      ['x-forwarded-port', ['80']],
      ['x-forwarded-proto', ['http']],
    ]);
    // ALB passes query names and values on as the client encoded them.
    const query: HeaderList = multiValueParam(NAME, 'query', o.query, '{"page":"2"}')
      .map(([name, values]) => [encodeURIComponent(name), values.map((v) => encodeURIComponent(v))]);
    const base = {
      requestContext: { elb: { targetGroupArn: regionalArn(ctx, 'elasticloadbalancing', `targetgroup/${o.targetGroup}/${ctx.ids.hex(16)}`) } },
      httpMethod: method,
      path: o.path,
    };
    const body = { body: o.base64 ? Buffer.from(o.body, 'utf8').toString('base64') : o.body, isBase64Encoded: o.base64 };
    if (o.multiValueHeaders) {
      return { ...base, multiValueQueryStringParameters: allValues(query), multiValueHeaders: allValues(headers), ...body };
    }
    return { ...base, queryStringParameters: lastValues(query), headers: lastValues(headers), ...body };
  },
});

export const generateAlb = (options?: Partial<AlbOptions>, ctx?: Partial<EventContext>): ALBEvent => albGenerator.build(options, ctx);
