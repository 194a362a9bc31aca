// The control client against a tiny fake runtime: a ws server that checks the token and answers.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ControlRequest } from '../../../runtime/protocol/control';
import { ControlClient, ControlConnectionError, ControlRequestError } from '../../../src/runtime/controlClient';

const TOKEN = 'a'.repeat(64);

interface FakeRuntime {
  endpoint: string;
  sockets: WebSocket[];
  received: ControlRequest[];
  close(): Promise<void>;
}

/** Answers `hello` and `invoke`, fails `reload`, never answers `listFunctions`, and closes on `shutdown`. */
async function fakeRuntime(): Promise<FakeRuntime> {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    verifyClient: ({ req }: { req: { url?: string } }) => new URL(req.url ?? '/', 'http://x').searchParams.get('token') === TOKEN,
  });
  await new Promise((resolve) => server.once('listening', resolve));
  const fake: FakeRuntime = {
    endpoint: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`,
    sockets: [],
    received: [],
    close: () => new Promise((resolve) => {
      fake.sockets.forEach((socket) => socket.terminate());
      server.close(() => resolve());
    }),
  };
  server.on('connection', (socket) => {
    fake.sockets.push(socket);
    socket.on('message', (raw) => {
      const request = JSON.parse(raw.toString()) as ControlRequest;
      fake.received.push(request);
      const reply = (body: object) => socket.send(JSON.stringify({ id: request.id, ...body }));
      switch (request.method) {
        case 'hello':
          socket.send('not json at all');
          reply({ result: { protocolVersion: 1, runtimeVersion: 'test', invokeEndpoint: 'http://127.0.0.1:1', functions: [], problems: [], environments: [] } });
          break;
        case 'invoke':
          // Events before the reply, as the runtime sends them.
          socket.send(JSON.stringify({ event: 'invocation.started', data: { requestId: 'r1', functionName: 'Fn', invocationType: 'RequestResponse', startedAt: 1, coldStart: true } }));
          socket.send(JSON.stringify({ event: 'log', data: { functionName: 'Fn', line: 'hello' } }));
          reply({ result: { statusCode: 200, requestId: 'r1', payload: (request.params as { payload: string }).payload } });
          break;
        case 'reload':
          reply({ error: { message: 'template.yaml:3: bad', code: 'TemplateError' } });
          break;
        case 'shutdown':
          reply({ result: { ok: true } });
          socket.close(1001, 'shutting down');
          break;
        default:
          break; // listFunctions: never answered.
      }
    });
  });
  return fake;
}

describe('ControlClient', () => {
  let fake: FakeRuntime;
  let client: ControlClient | undefined;

  beforeEach(async () => {
    fake = await fakeRuntime();
  });
  afterEach(async () => {
    client?.dispose();
    client = undefined;
    await fake.close();
  });

  it('connects with the token and gets typed replies to numbered requests', async () => {
    client = await ControlClient.connect(fake.endpoint, TOKEN);
    const hello = await client.request('hello', { clientName: 'test' });
    assert.equal(hello.runtimeVersion, 'test');
    const reply = await client.request('invoke', { functionName: 'Fn', payload: '{"a":1}' });
    assert.deepEqual(reply, { statusCode: 200, requestId: 'r1', payload: '{"a":1}' });
    assert.deepEqual(fake.received.map((request) => [request.id, request.method]), [[1, 'hello'], [2, 'invoke']]);
  });

  it('refuses a wrong token with a clear error', async () => {
    await assert.rejects(ControlClient.connect(fake.endpoint, 'wrong'), (error: Error) => {
      assert.ok(error instanceof ControlConnectionError);
      assert.match(error.message, /Could not connect to the Lambkin runtime at ws:\/\/127\.0\.0\.1:\d+: HTTP 401/);
      return true;
    });
  });

  it('delivers events to the listeners of that event only', async () => {
    client = await ControlClient.connect(fake.endpoint, TOKEN);
    const seen: string[] = [];
    client.on('log', (data) => seen.push(`log:${data.line}`));
    client.on('invocation.started', (data) => seen.push(`started:${data.requestId}`));
    const unsubscribed = client.on('log', () => seen.push('unsubscribed'));
    unsubscribed.dispose();
    await client.request('invoke', { functionName: 'Fn', payload: '{}' });
    assert.deepEqual(seen, ['started:r1', 'log:hello']);
  });

  it('rejects with ControlRequestError when the runtime answers an error', async () => {
    client = await ControlClient.connect(fake.endpoint, TOKEN);
    await assert.rejects(client.request('reload', {}), (error: Error) => {
      assert.ok(error instanceof ControlRequestError);
      assert.equal(error.message, 'template.yaml:3: bad');
      assert.equal(error.code, 'TemplateError');
      assert.equal(error.method, 'reload');
      return true;
    });
  });

  it('times a request out without breaking the connection', async () => {
    client = await ControlClient.connect(fake.endpoint, TOKEN);
    await assert.rejects(client.request('listFunctions', {}, 100), /did not answer listFunctions within 100 ms/);
    assert.ok(client.isOpen);
    assert.equal((await client.request('hello', { clientName: 'x' })).protocolVersion, 1);
  });

  it('rejects pending requests and reports the close when the runtime goes away', async () => {
    client = await ControlClient.connect(fake.endpoint, TOKEN);
    const closed = new Promise((resolve) => client!.onClose(resolve));
    const pending = client.request('listFunctions', {}, 5000);
    await client.request('shutdown', {});
    await assert.rejects(pending, /listFunctions did not complete: the runtime closed the connection \(1001: shutting down\)/);
    assert.deepEqual(await closed, { code: 1001, reason: 'shutting down', byClient: false });
    assert.equal(client.isOpen, false);
    await assert.rejects(client.request('hello', { clientName: 'x' }), /connection is closed/);
  });

  it('dispose rejects what is pending and closes the socket', async () => {
    client = await ControlClient.connect(fake.endpoint, TOKEN);
    const closes: boolean[] = [];
    client.onClose((info) => closes.push(info.byClient));
    const pending = client.request('listFunctions', {}, 5000);
    client.dispose();
    client.dispose();
    await assert.rejects(pending, /closed by the extension/);
    assert.deepEqual(closes, [true]);
    const [socket] = fake.sockets;
    await new Promise((resolve) => (socket!.readyState === socket!.CLOSED ? resolve(undefined) : socket!.once('close', resolve)));
  });
});
