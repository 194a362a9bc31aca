// API Gateway REST (v1), HTTP API (v2), function URL and WebSocket events, field by field.

import * as assert from 'node:assert/strict';
import {
  generateApiGatewayHttp, generateApiGatewayRest, generateFunctionUrl, generateWebSocketConnect, generateWebSocketDisconnect,
  generateWebSocketMessage,
} from '../../../runtime/events';
import { fixedContext, FIXED_NOW } from './fixtures';

describe('events: apigateway-rest (payload 1.0)', () => {
  it('uses null, never {}, for absent query, path parameters, stage variables and body', () => {
    const e = generateApiGatewayRest({}, fixedContext());
    assert.equal(e.queryStringParameters, null);
    assert.equal(e.multiValueQueryStringParameters, null);
    assert.equal(e.pathParameters, null);
    assert.equal(e.stageVariables, null);
    assert.equal(e.body, null);
    assert.equal(e.isBase64Encoded, false);
    assert.ok(!('authorizer' in e.requestContext), 'no authorizer without one configured');
  });

  it('formats requestTime as API Gateway does and keeps epoch milliseconds', () => {
    const e = generateApiGatewayRest({}, fixedContext());
    assert.equal(e.requestContext.requestTime, '09/Apr/2015:12:34:56 +0000');
    assert.equal(e.requestContext.requestTimeEpoch, FIXED_NOW.getTime());
    assert.equal(e.requestContext.accountId, '111122223333');
    assert.match(e.requestContext.domainName ?? '', /^[a-z0-9]{10}\.execute-api\.eu-west-2\.amazonaws\.com$/);
  });

  it('fills the path from a resource template and extracts path parameters', () => {
    const e = generateApiGatewayRest({ resource: '/items/{id}/files/{proxy+}', method: 'delete' }, fixedContext());
    assert.equal(e.path, '/items/123/files/a/b');
    assert.equal(e.resource, '/items/{id}/files/{proxy+}');
    assert.deepEqual(e.pathParameters, { id: '123', proxy: 'a/b' });
    assert.equal(e.httpMethod, 'DELETE');
    assert.equal(e.requestContext.resourcePath, '/items/{id}/files/{proxy+}');
    assert.equal(e.requestContext.path, '/Prod/items/123/files/a/b');
  });

  it('matches a given path against the resource, and rejects one that does not fit', () => {
    const e = generateApiGatewayRest({ resource: '/users/{name}', path: '/users/ada' }, fixedContext());
    assert.deepEqual(e.pathParameters, { name: 'ada' });
    assert.throws(() => generateApiGatewayRest({ resource: '/users/{name}', path: '/orders/1' }, fixedContext()), /does not fit resource "\/users\/\{name\}"/);
  });

  it('keeps the last value of repeated headers and query parameters in the single-value maps', () => {
    const e = generateApiGatewayRest({ headers: { 'X-Tag': ['a', 'b'], 'user-agent': 'tests' }, query: { tag: ['x', 'y'], page: 2 } }, fixedContext());
    assert.equal(e.headers['X-Tag'], 'b');
    assert.deepEqual(e.multiValueHeaders['X-Tag'], ['a', 'b']);
    assert.deepEqual(e.queryStringParameters, { tag: 'y', page: '2' });
    assert.deepEqual(e.multiValueQueryStringParameters, { tag: ['x', 'y'], page: ['2'] });
    assert.equal(e.headers['User-Agent'], undefined, 'a user header replaces the default whatever its case');
    assert.equal(e.requestContext.identity.userAgent, 'tests');
  });

  it('base64-encodes the body on request', () => {
    const e = generateApiGatewayRest({ method: 'POST', body: 'héllo', base64: true }, fixedContext());
    assert.equal(e.body, Buffer.from('héllo').toString('base64'));
    assert.equal(e.isBase64Encoded, true);
  });

  it('shapes HTTP API payload 1.0 with version and an unprefixed $default path', () => {
    const e = generateApiGatewayRest({ payloadVersion: '1.0', stage: '$default', path: '/x' }, fixedContext());
    assert.equal(e.version, '1.0');
    assert.equal(e.requestContext.path, '/x');
    assert.throws(() => generateApiGatewayRest({ payloadVersion: '2.0' }), /use apigateway-http/);
  });
});

describe('events: apigateway-http (payload 2.0)', () => {
  it('lower-cases header names, joins repeats with commas and moves cookies apart', () => {
    const e = generateApiGatewayHttp({
      headers: { 'X-Multi': ['a', 'b'], 'x-multi': 'c', Cookie: 'session=1; theme=dark', 'Content-Type': 'text/plain' },
    }, fixedContext());
    assert.equal(e.headers['x-multi'], 'a,b,c');
    assert.equal(e.headers['content-type'], 'text/plain');
    assert.deepEqual(e.cookies, ['session=1', 'theme=dark']);
    assert.equal(e.headers['cookie'], undefined);
    for (const name of Object.keys(e.headers)) assert.equal(name, name.toLowerCase());
  });

  it('omits empty fields instead of using null', () => {
    const e = generateApiGatewayHttp({}, fixedContext());
    for (const field of ['body', 'cookies', 'queryStringParameters', 'pathParameters', 'stageVariables']) {
      assert.ok(!(field in e), `${field} is omitted`);
    }
    assert.equal(e.rawQueryString, '');
    assert.equal(e.isBase64Encoded, false);
  });

  it('builds rawQueryString with repeats and comma-joined queryStringParameters', () => {
    const e = generateApiGatewayHttp({ query: { tag: ['a b', 'c'], page: '2' } }, fixedContext());
    assert.equal(e.rawQueryString, 'tag=a%20b&tag=c&page=2');
    assert.deepEqual(e.queryStringParameters, { tag: 'a b,c', page: '2' });
  });

  it('takes method and path template from a route key and fills path parameters', () => {
    const e = generateApiGatewayHttp({ routeKey: 'POST /orders/{orderId}', body: '{"a":1}' }, fixedContext());
    assert.equal(e.requestContext.http.method, 'POST');
    assert.equal(e.rawPath, '/orders/123');
    assert.deepEqual(e.pathParameters, { orderId: '123' });
    assert.equal(e.routeKey, 'POST /orders/{orderId}');
    assert.equal(e.requestContext.routeKey, 'POST /orders/{orderId}');
    assert.equal(e.body, '{"a":1}');
    assert.equal(e.headers['content-length'], '7');
  });

  it('sets time and timeEpoch, and prefixes a named stage to the raw path', () => {
    const e = generateApiGatewayHttp({ stage: 'dev', path: '/hello' }, fixedContext());
    assert.equal(e.requestContext.time, '09/Apr/2015:12:34:56 +0000');
    assert.equal(e.requestContext.timeEpoch, FIXED_NOW.getTime());
    assert.equal(e.rawPath, '/dev/hello');
    assert.equal(e.requestContext.stage, 'dev');
  });
});

describe('events: function-url', () => {
  it('uses $default route and stage, a lambda-url domain and an anonymous caller', () => {
    const e = generateFunctionUrl({ path: '/a', query: { q: '1' } }, fixedContext());
    assert.equal(e.routeKey, '$default');
    assert.equal(e.requestContext.stage, '$default');
    assert.match(e.requestContext.domainName, /^[a-z0-9]{32}\.lambda-url\.eu-west-2\.on\.aws$/);
    assert.equal(e.requestContext.accountId, 'anonymous');
    assert.equal(e.rawQueryString, 'q=1');
  });

  it('adds the IAM caller with AWS_IAM auth', () => {
    const e = generateFunctionUrl({ authType: 'AWS_IAM' }, fixedContext()) as unknown as { requestContext: { accountId: string; authorizer: { iam: { accountId: string } } } };
    assert.equal(e.requestContext.accountId, '111122223333');
    assert.equal(e.requestContext.authorizer.iam.accountId, '111122223333');
    assert.throws(() => generateFunctionUrl({ authType: 'JWT' }), /NONE or AWS_IAM/);
  });
});

describe('events: websocket', () => {
  it('$connect carries headers and query, no body', () => {
    const e = generateWebSocketConnect({ query: { token: 'abc' }, connectionId: 'abc=' }, fixedContext());
    assert.equal(e.requestContext.eventType, 'CONNECT');
    assert.equal(e.requestContext.routeKey, '$connect');
    assert.equal(e.requestContext.connectionId, 'abc=');
    assert.deepEqual(e.queryStringParameters, { token: 'abc' });
    assert.equal(e.headers['Sec-WebSocket-Version'], '13');
    assert.ok(!('body' in e));
    assert.ok(!('messageId' in e.requestContext));
  });

  it('messages carry the body, a message id and the route key', () => {
    const e = generateWebSocketMessage({ routeKey: 'sendmessage', body: 'hi' }, fixedContext());
    assert.equal(e.requestContext.eventType, 'MESSAGE');
    assert.equal(e.requestContext.routeKey, 'sendmessage');
    assert.equal(e.body, 'hi');
    assert.equal(typeof e.requestContext.messageId, 'string');
    assert.ok(e.requestContext.connectedAt < e.requestContext.requestTimeEpoch);
    assert.throws(() => generateWebSocketMessage({ routeKey: '$connect' }), /use websocket-connect/);
  });

  it('$disconnect carries the close code and reason', () => {
    const e = generateWebSocketDisconnect({ statusCode: 1000, reason: 'bye' }, fixedContext());
    assert.equal(e.requestContext.eventType, 'DISCONNECT');
    assert.equal(e.requestContext.disconnectStatusCode, 1000);
    assert.equal(e.requestContext.disconnectReason, 'bye');
    assert.equal(e.headers['x-api-key'], '');
  });
});
