// The example app is used by `npm start`, the runtime tests and the VS Code tests: its template must
// read cleanly and its handlers must behave as examples/README.md says, with no npm install.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { detectEventKind } from '../../../runtime/events/detect';
import { loadTemplate } from '../../../runtime/template/index';
import { assertNoProblems, functionNamed } from './helpers';

const APP = path.resolve(__dirname, '../../../examples/hello-app');
const event = (name: string): unknown => JSON.parse(fs.readFileSync(path.join(APP, 'events', `${name}.json`), 'utf8'));
const context = { functionName: 'test', awsRequestId: 'req-1', getRemainingTimeInMillis: () => 1000 };

type Handler = (event: unknown, context?: unknown) => Promise<Record<string, unknown>>;

async function quietly<T>(run: () => Promise<T>): Promise<T> {
  const original = console.log;
  console.log = () => undefined;
  try {
    return await run();
  } finally {
    console.log = original;
  }
}

describe('example app: hello-app', () => {
  it('reads without problems and declares the five functions', async () => {
    const parsed = await loadTemplate(path.join(APP, 'template.yaml'));
    assertNoProblems(parsed);
    assert.deepEqual(parsed.functions.map((fn) => fn.name), ['HelloFunction', 'ThumbnailFunction', 'OrdersFunction', 'SlowFunction', 'CustomRuntimeFunction']);
    const hello = functionNamed(parsed, 'HelloFunction');
    assert.equal(hello.environment.GREETING, 'Hello from lambkin-local (dev) in us-east-1');
    assert.deepEqual(hello.events.map((e) => [e.type, e.properties.Path ?? null]), [['HttpApi', '/hello/{name}'], ['FunctionUrl', null]]);
    const thumbnail = functionNamed(parsed, 'ThumbnailFunction');
    assert.deepEqual([thumbnail.memorySize, thumbnail.architecture, thumbnail.events[0].properties.Bucket], [512, 'arm64', 'uploadsbucket']);
    const orders = functionNamed(parsed, 'OrdersFunction');
    assert.deepEqual([orders.events[0].type, orders.events[0].properties.Stream], ['DynamoDB', 'arn:aws:dynamodb:us-east-1:123456789012:table/OrdersTable/stream/2000-01-01T00:00:00.000']);
    const slow = functionNamed(parsed, 'SlowFunction');
    assert.deepEqual([slow.timeout, slow.reservedConcurrency], [2, 2]);
    assert.equal(functionNamed(parsed, 'CustomRuntimeFunction').runtime, 'provided.al2023');
  });

  it('has one parseable sample event per function', () => {
    assert.deepEqual(fs.readdirSync(path.join(APP, 'events')).sort(), ['custom.json', 'hello.json', 'orders.json', 'slow.json', 'thumbnail.json']);
    // Each parses, and is the kind of event its function is triggered by (plain JSON for the direct ones).
    const kinds = Object.fromEntries(['custom', 'hello', 'orders', 'slow', 'thumbnail'].map((name) => [name, detectEventKind(event(name)) ?? 'plain']));
    assert.deepEqual(kinds, { custom: 'plain', hello: 'apigateway-http', orders: 'dynamodb-stream', slow: 'plain', thumbnail: 's3' });
    assert.deepEqual(event('slow'), { sleepMs: 500 });
    assert.equal((event('custom') as { message: string }).message, 'hello from lambkin');
  });

  it('HelloFunction greets the name from the path', async () => {
    const { handler } = require(path.join(APP, 'src/hello/app.ts')) as { handler: Handler };
    const result = await quietly(() => handler(event('hello'), context));
    assert.equal(result.statusCode, 200);
    const body = JSON.parse(String(result.body));
    assert.match(body.message, /hi, lambkin!$/);
    assert.equal(body.invocations, 1);
  });

  it('ThumbnailFunction decodes S3 keys and names the thumbnail', async () => {
    const { handler } = require(path.join(APP, 'src/thumbnail/index.js')) as { handler: Handler };
    const result = await quietly(() => handler(event('thumbnail'), context));
    assert.deepEqual(result, { thumbnails: [{ bucket: 'UploadsBucket', source: 'uploads/summer holiday.jpg', thumbnail: 'thumbnails/summer holiday-128.jpg' }] });
  });

  it('OrdersFunction (ESM) reports the order with a bad quantity', async () => {
    const { handler } = (await import(pathToFileURL(path.join(APP, 'src/orders/index.mjs')).href)) as { handler: Handler };
    const result = await quietly(() => handler(event('orders')));
    assert.deepEqual(result, { batchItemFailures: [{ itemIdentifier: '222' }] });
  });

  it('SlowFunction sleeps, allocates, throws and counts invocations', async () => {
    const { handler } = require(path.join(APP, 'src/slow/index.js')) as { handler: Handler };
    const first = await handler({ sleepMs: 20, allocateMb: 2 });
    assert.equal(first.sleptMs, 20);
    assert.equal(first.allocatedMb, 2);
    await assert.rejects(handler({ fail: 'boom' }), { name: 'Error', message: 'boom' });
    const third = await handler({});
    assert.equal(third.invocations, (first.invocations as number) + 2);
  });

  it('CustomRuntimeFunction bootstrap speaks the Runtime API', async function () {
    if (process.platform === 'win32') this.skip();
    const bootstrap = path.join(APP, 'src/custom/bootstrap');
    assert.ok((fs.statSync(bootstrap).mode & 0o111) !== 0, 'bootstrap is executable');
    const queue = [
      { id: 'req-ok', body: fs.readFileSync(path.join(APP, 'events', 'custom.json'), 'utf8') },
      { id: 'req-bad', body: 'not json' },
    ];
    const posted: Array<{ url: string; errorType?: string; body: string }> = [];
    let finished: () => void = () => undefined;
    const done = new Promise<void>((resolve) => (finished = resolve));
    const server = http.createServer((req, res) => {
      if (req.method === 'GET' && req.url === '/2018-06-01/runtime/invocation/next') {
        const next = queue.shift();
        if (!next) return; // Held open, like Lambda freezing an idle environment.
        res.writeHead(200, { 'lambda-runtime-aws-request-id': next.id, 'lambda-runtime-deadline-ms': String(Date.now() + 5000) });
        res.end(next.body);
        return;
      }
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        posted.push({ url: req.url ?? '', errorType: req.headers['lambda-runtime-function-error-type'] as string | undefined, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(202).end('{}');
        if (posted.length === 2) finished();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const child = spawn(bootstrap, [], { env: { ...process.env, AWS_LAMBDA_RUNTIME_API: `127.0.0.1:${port}`, _HANDLER: 'echo' }, stdio: 'ignore' });
    try {
      await done;
    } finally {
      child.kill();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    assert.equal(posted[0].url, '/2018-06-01/runtime/invocation/req-ok/response');
    assert.deepEqual(JSON.parse(posted[0].body), { message: 'HELLO FROM LAMBKIN', tags: ['LOCAL', 'FAST'], count: 3 });
    assert.equal(posted[1].url, '/2018-06-01/runtime/invocation/req-bad/error');
    assert.equal(posted[1].errorType, 'Function.EchoError');
    assert.equal(JSON.parse(posted[1].body).errorType, 'SyntaxError');
  });
});
