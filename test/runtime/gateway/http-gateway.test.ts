// The local API Gateway through real HTTP requests to real functions: routes and precedence, the v1 and
// v2 events field by field, binary bodies, response mapping and inference, errors, CORS, throttling,
// integration timeouts and function URL streaming.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { APIGatewayProxyEvent, APIGatewayProxyEventV2 } from 'aws-lambda';
import { waitFor } from '../../support/wait-for';
import { headerValues, request, startTestGateway, type TestGateway } from './support';

const REQUEST_TIME = /^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/;

describe('API gateway: HTTP APIs, REST APIs and function URLs', function () {
  this.timeout(20_000);
  let t: TestGateway;
  let endpoint: string;

  before(async () => {
    t = await startTestGateway();
    endpoint = t.gateway.endpoint;
  });
  after(async () => t?.close());

  const get = (target: string, headers: Array<[string, string]> = []) => request(endpoint, 'GET', target, { headers });

  it('lists the routes of every Api, HttpApi and function URL', () => {
    const routes = t.gateway.routes().map((route) => `${route.kind} ${route.method} ${route.url} ${route.functionName}`);
    assert.ok(routes.includes('rest GET /items/{id} Echo'));
    assert.ok(routes.includes('rest POST /upload Echo'));
    assert.ok(routes.includes('http ANY /v2/pets/{proxy+} Echo'));
    assert.ok(routes.includes('url ANY /_lambda-url/Streamer/ Streamer'));
    assert.deepEqual(t.gateway.warnings(), []);
  });

  it('prefers exact paths over parameters over greedy variables, and a method over ANY', async () => {
    const resourceOf = async (target: string, method = 'GET') => ((await request(endpoint, method, target)).json() as APIGatewayProxyEvent).resource;
    assert.equal(await resourceOf('/items/special'), '/items/special');
    assert.equal(await resourceOf('/items/42'), '/items/{id}');
    assert.equal(await resourceOf('/items/42/parts/7'), '/items/{proxy+}');
    assert.equal(await resourceOf('/items/42', 'DELETE'), '/items/{proxy+}');
    const routeKeyOf = async (target: string, method = 'GET') => ((await request(endpoint, method, target)).json() as APIGatewayProxyEventV2).routeKey;
    assert.equal(await routeKeyOf('/v2/pets/dog'), 'GET /v2/pets/dog');
    assert.equal(await routeKeyOf('/v2/pets/dog', 'POST'), 'ANY /v2/pets/dog');
    assert.equal(await routeKeyOf('/v2/pets/cat/1'), 'ANY /v2/pets/{proxy+}');
  });

  it('builds a REST (payload 1.0) event field by field', async () => {
    const reply = await request(endpoint, 'POST', '/items/a%20b/parts?x=1&x=2&y=z+w', {
      headers: [['X-Dup', 'one'], ['X-Dup', 'two'], ['Content-Type', 'application/json']],
      body: '{"hello":"world"}',
    });
    assert.equal(reply.status, 200);
    const event = reply.json() as APIGatewayProxyEvent;
    assert.equal(event.resource, '/items/{proxy+}');
    assert.equal(event.path, '/items/a%20b/parts');
    assert.equal(event.httpMethod, 'POST');
    assert.equal(event.headers['X-Dup'], 'two');
    assert.deepEqual(event.multiValueHeaders['X-Dup'], ['one', 'two']);
    assert.deepEqual(event.queryStringParameters, { x: '2', y: 'z w' });
    assert.deepEqual(event.multiValueQueryStringParameters, { x: ['1', '2'], y: ['z w'] });
    assert.deepEqual(event.pathParameters, { proxy: 'a b/parts' });
    assert.equal(event.stageVariables, null);
    assert.equal(event.body, '{"hello":"world"}');
    assert.equal(event.isBase64Encoded, false);
    const ctx = event.requestContext;
    assert.equal(ctx.accountId, '123456789012');
    assert.match(ctx.apiId, /^[a-z0-9]{10}$/);
    assert.equal(ctx.domainName, new URL(endpoint).host);
    assert.equal(ctx.httpMethod, 'POST');
    assert.equal(ctx.identity.sourceIp, '127.0.0.1');
    assert.equal(ctx.identity.userAgent, 'lambkin-test/1.0');
    assert.equal(ctx.identity.caller, null);
    assert.equal(ctx.path, '/Prod/items/a%20b/parts');
    assert.equal(ctx.protocol, 'HTTP/1.1');
    assert.match(ctx.requestId, /^[0-9a-f-]{36}$/);
    assert.match(ctx.extendedRequestId ?? '', /^[A-Za-z0-9]{15}=$/);
    assert.match(ctx.requestTime ?? '', REQUEST_TIME);
    assert.ok(Math.abs(ctx.requestTimeEpoch - Date.now()) < 10_000);
    assert.equal(ctx.resourcePath, '/items/{proxy+}');
    assert.match(ctx.resourceId, /^[a-z0-9]{6}$/);
    assert.equal(ctx.stage, 'Prod');
    assert.equal(reply.headers['x-amzn-requestid'], ctx.requestId);
  });

  it('uses null for empty v1 maps and the explicit API stage', async () => {
    const event = (await request(endpoint, 'POST', '/upload', { headers: [['Content-Type', 'text/plain']], body: 'hi' })).json() as APIGatewayProxyEvent;
    assert.equal(event.queryStringParameters, null);
    assert.equal(event.multiValueQueryStringParameters, null);
    assert.equal(event.pathParameters, null);
    assert.equal(event.requestContext.stage, 'dev');
    assert.equal(event.requestContext.path, '/dev/upload');
    const empty = (await get('/items/special')).json() as APIGatewayProxyEvent;
    assert.equal(empty.body, null);
  });

  it('builds an HTTP API (payload 2.0) event field by field', async () => {
    const reply = await request(endpoint, 'GET', '/v2/items/7?x=1&x=2&q=a%26b', {
      headers: [['X-Dup', 'one'], ['x-dup', 'two'], ['Cookie', 'a=1; b=2'], ['Cookie', 'c=3']],
    });
    const event = reply.json() as APIGatewayProxyEventV2;
    assert.equal(event.version, '2.0');
    assert.equal(event.routeKey, 'GET /v2/items/{id}');
    assert.equal(event.rawPath, '/v2/items/7');
    assert.equal(event.rawQueryString, 'x=1&x=2&q=a%26b');
    assert.deepEqual(event.cookies, ['a=1', 'b=2', 'c=3']);
    assert.equal(event.headers['x-dup'], 'one,two');
    assert.equal(event.headers.cookie, undefined);
    assert.ok(Object.keys(event.headers).every((name) => name === name.toLowerCase()));
    assert.deepEqual(event.queryStringParameters, { x: '1,2', q: 'a&b' });
    assert.deepEqual(event.pathParameters, { id: '7' });
    assert.equal(event.isBase64Encoded, false);
    for (const absent of ['body', 'stageVariables', 'multiValueHeaders', 'multiValueQueryStringParameters']) assert.ok(!(absent in event), `${absent} is left out`);
    const ctx = event.requestContext;
    assert.equal(ctx.accountId, '123456789012');
    assert.match(ctx.apiId, /^[a-z0-9]{10}$/);
    assert.equal(ctx.domainName, new URL(endpoint).host);
    assert.deepEqual(ctx.http, { method: 'GET', path: '/v2/items/7', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'lambkin-test/1.0' });
    assert.equal(ctx.routeKey, 'GET /v2/items/{id}');
    assert.equal(ctx.stage, '$default');
    assert.match(ctx.time, REQUEST_TIME);
    assert.ok(Math.abs(ctx.timeEpoch - Date.now()) < 10_000);
    assert.equal(reply.headers['apigw-requestid'], ctx.requestId);
  });

  it('leaves out empty v2 fields entirely', async () => {
    const event = (await get('/v2/pets/dog')).json() as APIGatewayProxyEventV2;
    for (const absent of ['cookies', 'queryStringParameters', 'pathParameters', 'body']) assert.ok(!(absent in event), `${absent} is left out`);
    assert.equal(event.rawQueryString, '');
  });

  it('sends payload 1.0 to an HttpApi route with PayloadFormatVersion 1.0', async () => {
    const event = (await request(endpoint, 'POST', '/v2/legacy?a=1', { body: 'x' })).json() as APIGatewayProxyEvent & { version: string; routeKey: string };
    assert.equal(event.version, '1.0');
    assert.equal(event.routeKey, 'POST /v2/legacy');
    assert.equal(event.httpMethod, 'POST');
    assert.deepEqual(event.multiValueQueryStringParameters, { a: ['1'] });
    assert.equal(event.requestContext.stage, '$default');
  });

  it('round-trips binary bodies: base64 for REST BinaryMediaTypes and for non-text types on HTTP APIs and URLs', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff, 0xfe]);
    const rest = await request(endpoint, 'POST', '/upload', { headers: [['Content-Type', 'image/png'], ['X-Echo-Raw', '1']], body: png });
    assert.equal(rest.status, 200);
    assert.deepEqual(rest.body, png);
    const restEvent = (await request(endpoint, 'POST', '/upload', { headers: [['Content-Type', 'image/png']], body: png })).json() as APIGatewayProxyEvent;
    assert.equal(restEvent.isBase64Encoded, true);
    assert.equal(restEvent.body, png.toString('base64'));
    const notBinary = (await request(endpoint, 'POST', '/items/1/raw', { headers: [['Content-Type', 'application/octet-stream']], body: 'abc' })).json() as APIGatewayProxyEvent;
    assert.equal(notBinary.isBase64Encoded, false, 'REST APIs without that BinaryMediaType send text');
    const url = await request(endpoint, 'PUT', '/_lambda-url/Echo/file', { headers: [['Content-Type', 'application/octet-stream'], ['X-Echo-Raw', '1']], body: png });
    assert.deepEqual(url.body, png);
    const v2 = (await request(endpoint, 'POST', '/v2/pets/x', { headers: [['Content-Type', 'application/vnd.api+json']], body: '{"a":1}' })).json() as APIGatewayProxyEventV2;
    assert.equal(v2.isBase64Encoded, false);
    assert.equal(v2.body, '{"a":1}');
  });

  it('maps proxy results with headers, multiValueHeaders and cookies', async () => {
    const v2 = await get('/v2/shapes/full');
    assert.equal(v2.status, 201);
    assert.equal(v2.text, 'created');
    assert.equal(v2.headers['x-one'], '1');
    assert.deepEqual(headerValues(v2, 'x-multi'), ['a', 'b']);
    assert.deepEqual(headerValues(v2, 'set-cookie'), ['session=abc; HttpOnly', 'theme=dark']);
    const v1 = await get('/shapes/full');
    assert.equal(v1.status, 201);
    assert.deepEqual(headerValues(v1, 'set-cookie'), [], 'payload 1.0 has no cookies field');
  });

  it('infers a 200 application/json response from a 2.0 result without statusCode', async () => {
    const text = await get('/v2/shapes/string');
    assert.equal(text.status, 200);
    assert.equal(text.headers['content-type'], 'application/json');
    assert.equal(text.text, 'hello there');
    const object = await get('/v2/shapes/object');
    assert.deepEqual(object.json(), { hello: 'world' });
    assert.equal((await get('/v2/shapes/number')).text, '42');
    const rest = await get('/shapes/object');
    assert.equal(rest.status, 502, 'REST does not infer');
  });

  it('answers function errors and malformed results with each API type\'s internal error', async () => {
    const restThrow = await get('/shapes/throw');
    assert.equal(restThrow.status, 502);
    assert.deepEqual(restThrow.json(), { message: 'Internal server error' });
    for (const kind of ['bad-status', 'object-body', 'no-status']) {
      const reply = await get(`/shapes/${kind}`);
      assert.equal(reply.status, 502, kind);
      assert.deepEqual(reply.json(), { message: 'Internal server error' });
    }
    const httpThrow = await get('/v2/shapes/throw');
    assert.equal(httpThrow.status, 500);
    assert.equal(httpThrow.text, '{"message":"Internal Server Error"}');
    assert.equal((await get('/v2/shapes/object-body')).status, 500);
  });

  it('answers unknown routes: 404 Not Found here (the template has HTTP APIs), and 404 for an unknown function URL', async () => {
    const reply = await get('/nowhere/at/all');
    assert.equal(reply.status, 404);
    assert.equal(reply.text, '{"message":"Not Found"}');
    assert.equal((await get('/_lambda-url/NoSuchFunction/')).status, 404);
  });

  it('answers throttled invocations: REST 500, HTTP API 500', async () => {
    const rest = await get('/disabled');
    assert.equal(rest.status, 500);
    assert.deepEqual(rest.json(), { message: 'Internal server error' });
    const httpApi = await get('/v2/disabled');
    assert.equal(httpApi.status, 500);
    assert.equal(httpApi.text, '{"message":"Internal Server Error"}');
  });

  it('answers 503 Service Unavailable when the function outlasts the route\'s TimeoutInMillis', async () => {
    // Before the function finished, by the order of events rather than a time bound (a cold start on a busy
    // machine can take longer than any bound tight enough to mean something).
    const reply = await get('/v2/slow');
    assert.equal(reply.status, 503);
    assert.equal(reply.text, '{"message":"Service Unavailable"}');
    assert.equal(t.finished.some((result) => result.functionName === 'Slow'), false, 'answered while the function still ran');
    const slow = await waitFor(() => t.finished.find((result) => result.functionName === 'Slow'), { what: 'Slow to finish' });
    assert.deepEqual([slow.status, JSON.parse(slow.response ?? 'null')], ['success', { statusCode: 200, body: 'late' }], 'the function ran on to its end');
  });

  it('answers CORS preflights: REST with the SAM Cors headers, HTTP API for allowed origins only', async () => {
    const rest = await request(endpoint, 'OPTIONS', '/items/5', { headers: [['Origin', 'https://x.test'], ['Access-Control-Request-Method', 'GET']] });
    assert.equal(rest.status, 200);
    assert.equal(rest.headers['access-control-allow-origin'], '*');
    assert.equal(rest.headers['access-control-allow-methods'], 'GET,POST,OPTIONS');
    assert.equal(rest.headers['access-control-allow-headers'], 'Content-Type,X-Custom');
    assert.equal(rest.headers['access-control-max-age'], '600');
    const restGet = await get('/items/5', [['Origin', 'https://x.test']]);
    assert.equal(restGet.headers['access-control-allow-origin'], undefined, 'REST proxy responses carry only what the function sets');

    const allowed = await request(endpoint, 'OPTIONS', '/v2/items/5', { headers: [['Origin', 'https://app.example.com'], ['Access-Control-Request-Method', 'POST']] });
    assert.equal(allowed.status, 204);
    assert.equal(allowed.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.equal(allowed.headers['access-control-allow-methods'], 'GET,POST');
    assert.equal(allowed.headers['access-control-allow-headers'], 'content-type');
    assert.equal(allowed.headers['access-control-max-age'], '300');
    const actual = await get('/v2/items/5', [['Origin', 'https://app.example.com']]);
    assert.equal(actual.headers['access-control-allow-origin'], 'https://app.example.com');
    assert.equal(actual.headers['access-control-expose-headers'], 'x-request-id');
    const other = await get('/v2/items/5', [['Origin', 'https://evil.test']]);
    assert.equal(other.headers['access-control-allow-origin'], undefined);

    const url = await request(endpoint, 'OPTIONS', '/_lambda-url/Echo/any', { headers: [['Origin', 'https://x.test'], ['Access-Control-Request-Method', 'DELETE']] });
    assert.equal(url.status, 204);
    assert.equal(url.headers['access-control-allow-origin'], '*');
  });

  it('serves a function URL with payload 2.0, routeKey and stage $default', async () => {
    const event = (await get('/_lambda-url/Echo/some/path?z=1')).json() as APIGatewayProxyEventV2;
    assert.equal(event.routeKey, '$default');
    assert.equal(event.rawPath, '/some/path');
    assert.equal(event.rawQueryString, 'z=1');
    assert.equal(event.requestContext.stage, '$default');
    assert.match(event.requestContext.apiId, /^[a-z0-9]{32}$/);
    assert.equal(event.requestContext.http.path, '/some/path');
  });

  it('streams a RESPONSE_STREAM function URL: prelude status, headers and cookies, chunks as they are written', async () => {
    const arrivals: Array<{ text: string; streamerFinished: boolean }> = [];
    const { status, headers } = await new Promise<{ status: number; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
      const url = new URL(endpoint);
      http.get({ host: url.hostname, port: url.port, path: '/_lambda-url/Streamer/live', agent: false }, (res) => {
        res.on('data', (chunk: Buffer) => arrivals.push({ text: chunk.toString('utf8'), streamerFinished: t.finished.some((result) => result.functionName === 'Streamer') }));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
        res.on('error', reject);
      }).on('error', reject);
    });
    assert.equal(status, 201);
    assert.equal(headers['x-stream'], 'yes');
    assert.equal(headers['content-type'], 'text/plain');
    assert.deepEqual(headers['set-cookie'], ['streamed=1']);
    assert.equal(arrivals.map((arrival) => arrival.text).join(''), 'first /live\nsecond\n');
    // The function writes its second chunk 400 ms after the first: a gateway that streams delivers the
    // first alone, while the invocation still runs (a buffering one delivers both after the end).
    assert.deepEqual(arrivals[0], { text: 'first /live\n', streamerFinished: false }, `the first chunk came alone, before the function finished (${JSON.stringify(arrivals)})`);
  });
});
