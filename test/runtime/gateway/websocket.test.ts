// WebSocket APIs through a real `ws` client: $connect (accepted and refused), routing by the selection
// expression, the route response, $disconnect, and @connections pushes from a handler using
// @aws-sdk/client-apigatewaymanagementapi, including 410 GoneException for an unknown connection.
import assert from 'node:assert/strict';
import { ApiGatewayManagementApiClient, GetConnectionCommand, PostToConnectionCommand, DeleteConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from './support';

function open(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

function nextMessage(socket: WebSocket): Promise<string> {
  return new Promise((resolve) => socket.once('message', (data: Buffer) => resolve(data.toString('utf8'))));
}

describe('API gateway: WebSocket APIs', function () {
  this.timeout(20_000);
  let t: TestGateway;
  let wsUrl: string;

  before(async () => {
    t = await startTestGateway();
    wsUrl = `${t.gateway.endpoint.replace('http:', 'ws:')}/ws`;
  });
  after(async () => t?.close());

  const eventsOf = (routeKey: string) => t.finished.filter((result) => result.functionName === 'ChatFunction' && (JSON.parse(result.event) as { requestContext: { routeKey: string } }).requestContext.routeKey === routeKey);

  it('lists the WebSocket API with its stage path and routes', () => {
    const [api] = t.gateway.webSocketApis();
    assert.equal(api.name, 'chat');
    assert.equal(api.path, '/ws');
    assert.deepEqual(api.routes.map((route) => route.routeKey).sort(), ['$connect', '$default', '$disconnect', 'push']);
    assert.ok(api.routes.every((route) => route.functionName === 'ChatFunction'));
  });

  it('connects, routes a frame to $default with the route response, and runs $disconnect on close', async () => {
    const socket = await open(`${wsUrl}?room=blue&room=red`);
    const reply = JSON.parse(await (async () => {
      const pending = nextMessage(socket);
      socket.send('{"action":"nothing-matches","text":"hi"}');
      return pending;
    })()) as { echo: string; routeKey: string; eventType: string; connectionId: string; messageId: string };
    assert.equal(reply.routeKey, '$default');
    assert.equal(reply.eventType, 'MESSAGE');
    assert.equal(reply.echo, '{"action":"nothing-matches","text":"hi"}');
    assert.match(reply.connectionId, /^[A-Za-z0-9]{15}=$/);
    assert.match(reply.messageId, /^[A-Za-z0-9]{15}=$/);

    const [connect] = eventsOf('$connect');
    const event = JSON.parse(connect.event) as { headers: Record<string, string>; multiValueQueryStringParameters: Record<string, string[]>; queryStringParameters: Record<string, string>; requestContext: Record<string, unknown> };
    assert.deepEqual(event.multiValueQueryStringParameters, { room: ['blue', 'red'] });
    assert.equal(event.queryStringParameters.room, 'red');
    assert.ok(event.headers['Sec-WebSocket-Key']);
    assert.equal(event.requestContext.eventType, 'CONNECT');
    assert.equal(event.requestContext.connectionId, reply.connectionId);
    assert.equal(event.requestContext.stage, 'ws');
    assert.equal(event.requestContext.messageDirection, 'IN');
    assert.equal(typeof event.requestContext.connectedAt, 'number');
    assert.deepEqual((event.requestContext.identity as { sourceIp: string }).sourceIp, '127.0.0.1');

    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.close(1000, 'bye');
    await closed;
    const deadline = Date.now() + 5000;
    while (eventsOf('$disconnect').length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    const disconnect = JSON.parse(eventsOf('$disconnect')[0].event) as { requestContext: { eventType: string; connectionId: string; disconnectStatusCode: number; disconnectReason: string } };
    assert.equal(disconnect.requestContext.eventType, 'DISCONNECT');
    assert.equal(disconnect.requestContext.connectionId, reply.connectionId);
    assert.equal(disconnect.requestContext.disconnectStatusCode, 1000);
    assert.equal(disconnect.requestContext.disconnectReason, 'bye');
  });

  it('refuses the upgrade when $connect answers a non-2xx status', async () => {
    await assert.rejects(open(`${wsUrl}?deny=1`), /refused with 401/);
    await assert.rejects(open(`${t.gateway.endpoint.replace('http:', 'ws:')}/no-such-stage`), /refused with 403/);
  });

  it('lets a handler push through @connections, with 410 GoneException for a gone connection', async () => {
    const socket = await open(wsUrl);
    const pushed = nextMessage(socket);
    socket.send(JSON.stringify({ action: 'push' }));
    assert.deepEqual(JSON.parse(await pushed), { pushed: true, gone: 'GoneException 410', sourceIp: '127.0.0.1', connectedAt: true });
    socket.close();
  });

  it('serves GET, POST and DELETE @connections to an SDK client from outside too', async () => {
    const socket = await open(wsUrl);
    const first = nextMessage(socket);
    socket.send('plain text, not JSON');
    const connectionId = (JSON.parse(await first) as { connectionId: string }).connectionId;
    const client = new ApiGatewayManagementApiClient({ endpoint: `${t.gateway.endpoint}/ws`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
    try {
      const described = await client.send(new GetConnectionCommand({ ConnectionId: connectionId }));
      assert.ok(described.ConnectedAt instanceof Date);
      assert.equal(described.Identity?.SourceIp, '127.0.0.1');
      const message = nextMessage(socket);
      await client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from('from outside') }));
      assert.equal(await message, 'from outside');
      const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
      await client.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
      assert.equal(await closed, 1000);
      await assert.rejects(client.send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: Buffer.from('late') })), { name: 'GoneException' });
    } finally {
      client.destroy();
    }
  });
});
