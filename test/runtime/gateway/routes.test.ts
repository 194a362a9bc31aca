// The route table on its own (precedence, trailing slashes, $default, duplicates) and a gateway on a
// REST-only template: Missing Authentication Token for unknown routes, and routes that follow a reload.
import assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { emptyDefinitions, functionOfUri } from '../../../runtime/gateway/api-definitions';
import { HttpGateway } from '../../../runtime/gateway/http-gateway';
import { RouteTable } from '../../../runtime/gateway/routes';
import { LambkinRuntime } from '../../../runtime/lambkin-runtime';
import type { FunctionConfig } from '../../../runtime/template/model';
import { request } from './support';

function fn(name: string, events: Array<[string, Record<string, unknown>]>): FunctionConfig {
  return {
    logicalId: name, name, templatePath: '/t.yaml', location: { file: '/t.yaml', line: 1, column: 1 }, resourceType: 'AWS::Serverless::Function',
    codeRoot: '/code', handler: 'app.handler', runtime: 'nodejs22.x', memorySize: 128, timeout: 3, architecture: 'x86_64', ephemeralStorage: 512,
    environment: {}, loggingConfig: { logFormat: 'Text' },
    events: events.map(([type, properties], i) => ({ name: `E${i}`, type, properties })),
  };
}

describe('API gateway: route table', () => {
  const table = new RouteTable([
    fn('Exact', [['HttpApi', { Path: '/pets/dog/1', Method: 'GET' }]]),
    fn('Param', [['HttpApi', { Path: '/pets/dog/{id}', Method: 'GET' }]]),
    fn('Greedy', [['HttpApi', { Path: '/pets/{proxy+}', Method: 'GET' }]]),
    fn('AnyGreedy', [['HttpApi', { Path: '/{proxy+}', Method: 'ANY' }]]),
    fn('ParamFirst', [['HttpApi', { Path: '/{kind}/list', Method: 'GET' }]]),
    fn('Fallback', [['HttpApi', {}]]),
    fn('Again', [['HttpApi', { Path: '/pets/dog/{other}', Method: 'get' }]]),
  ], emptyDefinitions());
  const winner = (method: string, target: string) => table.match(method, target)?.route.functionName;

  it('picks the most specific route, segment by segment', () => {
    assert.equal(winner('GET', '/pets/dog/1'), 'Exact');
    assert.equal(winner('GET', '/pets/dog/2'), 'Param');
    assert.equal(winner('GET', '/pets/dog/2/'), 'Param', 'a trailing slash is the same resource');
    assert.equal(winner('GET', '/pets/cat/2'), 'Greedy');
    assert.equal(winner('POST', '/pets/cat/2'), 'AnyGreedy');
    assert.equal(winner('GET', '/pets/list'), 'Greedy', 'a literal first segment beats a parameter there');
    assert.equal(winner('GET', '/cats/list'), 'ParamFirst');
    assert.equal(winner('GET', '/'), 'Fallback', '/{proxy+} needs at least one segment; $default takes the rest');
    assert.deepEqual(table.match('GET', '/pets/a%2Fb/c')?.pathParameters, { proxy: 'a/b/c' });
  });

  it('keeps the first of two routes with the same method and shape, and says so', () => {
    assert.equal(winner('GET', '/pets/dog/9'), 'Param');
    assert.match(table.warnings.join('\n'), /Again\.Events\.E0: GET \/pets\/dog\/\{other\} is already served by Param/);
  });

  it('reads the function out of an integration URI', () => {
    assert.equal(functionOfUri('arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:Chat/invocations'), 'Chat');
    assert.equal(functionOfUri('arn:aws:lambda:us-east-1:123456789012:function:Chat:live'), 'Chat');
    assert.equal(functionOfUri('https://example.com'), undefined);
  });
});

describe('API gateway: a REST-only template', function () {
  this.timeout(20_000);
  let dir: string;
  let runtime: LambkinRuntime;
  let gateway: HttpGateway;
  const code = path.resolve(__dirname, '../../fixtures/gateway-app/src');
  const template = (events: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  Echo:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      CodeUri: ${code}
      Handler: echo.handler
      Events:
${events}`;
  const restEvent = `        Items:
          Type: Api
          Properties: { Path: /items, Method: get }
`;

  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'lambkin-gateway-'));
    await fs.writeFile(path.join(dir, 'template.yaml'), template(restEvent));
    runtime = await LambkinRuntime.create({ templates: [path.join(dir, 'template.yaml')], region: 'us-east-1', accountId: '123456789012', idleTimeoutMs: 60_000, accountConcurrency: 10, nodePath: process.execPath, host: { PATH: process.env.PATH } });
    gateway = await HttpGateway.start(runtime, { port: 0 });
  });
  after(async () => {
    await gateway?.close();
    await runtime?.close();
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('answers unknown routes and methods with 403 Missing Authentication Token', async () => {
    const unknown = await request(gateway.endpoint, 'GET', '/nothing');
    assert.equal(unknown.status, 403);
    assert.equal(unknown.text, '{"message":"Missing Authentication Token"}');
    assert.equal(unknown.headers['x-amzn-errortype'], 'MissingAuthenticationTokenException');
    assert.equal((await request(gateway.endpoint, 'DELETE', '/items')).status, 403);
    assert.equal((await request(gateway.endpoint, 'GET', '/items')).status, 200);
  });

  it('follows the runtime when it reloads the template', async () => {
    await fs.writeFile(path.join(dir, 'template.yaml'), template(`${restEvent}        Orders:
          Type: HttpApi
          Properties: { Path: /orders, Method: get }
`));
    await runtime.reload();
    const deadline = Date.now() + 5000;
    while (!gateway.routes().some((route) => route.path === '/orders') && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal((await request(gateway.endpoint, 'GET', '/orders')).status, 200);
    assert.equal((await request(gateway.endpoint, 'GET', '/nothing')).status, 404, 'with an HTTP API in the template, unknown routes get its 404');
  });
});
