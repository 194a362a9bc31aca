// Lambda function URL requests, `function-url`: payload 2.0 with routeKey and stage `$default`.

import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { checkMethod } from './apigateway-rest';
import { defineEventGenerator } from './define';
import { DEFAULT_SOURCE_IP, DEFAULT_USER_AGENT, type HeaderList } from './http-common';
import { iamUserId, lowerAlnum, traceHeader, uuid } from './ids';
import { v2Event } from './http-v2';
import { multiValueParam } from './json-input';
import { resolveRoute } from './route';
import { EventInputError, type EventContext, type JsonObject, type JsonValue } from './types';

const NAME = 'function-url';

export type FunctionUrlOptions = {
  method: string;
  path: string;
  body: string;
  headers: JsonValue;
  query: JsonValue;
  sourceIp: string;
  base64: boolean;
  authType: string;
};

function urlHeaders(ctx: EventContext, host: string, sourceIp: string): HeaderList {
  return [
    ['accept', ['*/*']],
    ['host', [host]],
    ['user-agent', [DEFAULT_USER_AGENT]],
    ['x-amzn-tls-cipher-suite', ['TLS_AES_128_GCM_SHA256']],
    ['x-amzn-tls-version', ['TLSv1.3']],
    ['x-amzn-trace-id', [traceHeader(ctx.ids, ctx.now)]],
    ['x-forwarded-for', [sourceIp]],
    ['x-forwarded-port', ['443']],
    ['x-forwarded-proto', ['https']],
  ];
}

/** The caller's identity, present only with AWS_IAM auth. */
function iamAuthorizer(ctx: EventContext): JsonObject {
  const userId = iamUserId(ctx.ids);
  return {
    iam: {
      accessKey: `AKIA${userId.slice(4, 20)}`,
      accountId: ctx.accountId,
      callerId: userId,
      cognitoIdentity: null,
      principalOrgId: null,
      userArn: `arn:aws:iam::${ctx.accountId}:user/sample-user`,
      userId,
    },
  };
}

export const functionUrlGenerator = defineEventGenerator<FunctionUrlOptions, LambdaFunctionURLEvent>({
  name: NAME,
  description: 'Lambda function URL request (payload format 2.0)',
  kind: 'apigateway-http',
  params: {
    method: { description: 'HTTP method', type: 'string', default: 'GET' },
    path: { description: 'Request path', type: 'string', default: '/' },
    body: { description: 'Request body text (empty: omitted)', type: 'string', default: '' },
    headers: { description: 'Extra headers, e.g. {"Cookie":"a=1; b=2"}; an array repeats a header', type: 'json', default: {} },
    query: { description: 'Query string, e.g. {"page":"2"}', type: 'json', default: {} },
    sourceIp: { description: 'Caller IP address', type: 'string', default: DEFAULT_SOURCE_IP },
    base64: { description: 'Send the body base64-encoded (isBase64Encoded: true)', type: 'boolean', default: false },
    authType: { description: 'NONE or AWS_IAM (adds requestContext.authorizer.iam)', type: 'string', default: 'NONE' },
  },
  build(o, ctx) {
    if (o.authType !== 'NONE' && o.authType !== 'AWS_IAM') {
      throw new EventInputError(`Parameter "authType" of ${NAME} must be NONE or AWS_IAM; got "${o.authType}".`);
    }
    const urlId = lowerAlnum(ctx.ids, 32);
    const domainName = `${urlId}.lambda-url.${ctx.region}.on.aws`;
    const iam = o.authType === 'AWS_IAM';
    return v2Event(ctx, {
      method: checkMethod(NAME, o.method),
      route: resolveRoute(NAME, 'path', '', o.path || '/', {}),
      routeKey: '$default',
      stage: '$default',
      apiId: urlId,
      domainName,
      requestId: uuid(ctx.ids),
      defaultHeaders: urlHeaders(ctx, domainName, o.sourceIp),
      headers: multiValueParam(NAME, 'headers', o.headers, '{"content-type":"application/json"}'),
      query: multiValueParam(NAME, 'query', o.query, '{"page":"2"}'),
      body: o.body,
      base64: o.base64,
      sourceIp: o.sourceIp,
      // Unauthenticated callers have no account: function URLs report "anonymous".
      accountId: iam ? ctx.accountId : 'anonymous',
      authorizer: iam ? iamAuthorizer(ctx) : undefined,
    });
  },
});

export const generateFunctionUrl = (options?: Partial<FunctionUrlOptions>, ctx?: Partial<EventContext>): LambdaFunctionURLEvent =>
  functionUrlGenerator.build(options, ctx);
