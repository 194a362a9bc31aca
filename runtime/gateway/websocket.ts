// WebSocket APIs on the gateway's port: a client connects to ws://host:port/<stage> (or
// /<ApiLogicalId>/<stage> when two APIs share a stage name). $connect may refuse the upgrade (any
// non-2xx answer or a failure), messages go to the route the selection expression picks (else
// $default), closing runs $disconnect. Handlers push with @aws-sdk/client-apigatewaymanagementapi
// pointed at http://host:port/<stage>: POST/GET/DELETE /<stage>/@connections/{id}, 410 GoneException
// for a connection that is not (or no longer) open.
import { isUtf8 } from 'node:buffer';
import type * as http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, WebSocket } from 'ws';
import type { LambkinRuntime } from '../lambkin-runtime';
import type { WebSocketApiDefinition } from './api-definitions';
import { extendedId, queryPairs, readBody } from './request';
import { stableId } from './routes';
import { connectEvent, disconnectEvent, messageEvent, selectRoute, type ConnectionInfo, type WebSocketEvent } from './websocket-events';

/** API Gateway's limit on one message and on a @connections POST. */
const MAX_MESSAGE_BYTES = 128 * 1024;
const MANAGEMENT_PATH = /^\/(?:([^/]+)\/)?([^/]+)\/@connections\/([^/]+)$/;

export interface WebSocketListing {
  name: string;
  logicalId: string;
  stage: string;
  /** Path to connect to on the gateway. */
  path: string;
  routes: Array<{ routeKey: string; functionName: string }>;
}

interface Connection extends ConnectionInfo {
  socket: WebSocket;
  api: WebSocketApiDefinition;
  lastActiveAt: number;
}

type InvokeAnswer = { ok: true; result: unknown } | { ok: false };

export class WebSocketGateway {
  readonly warnings: string[] = [];
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly connections = new Map<string, Connection>();
  /** Set while the gateway shuts down: dropping connections then is not the clients' disconnect. */
  private closing = false;

  constructor(private readonly runtime: LambkinRuntime, private apis: WebSocketApiDefinition[]) {
    this.checkStages();
  }

  setApis(apis: WebSocketApiDefinition[]): void {
    this.apis = apis;
    this.warnings.length = 0;
    this.checkStages();
  }

  list(): WebSocketListing[] {
    return this.apis.map((api) => ({
      name: api.name,
      logicalId: api.logicalId,
      stage: api.stage,
      path: this.stageShared(api.stage) ? `/${api.logicalId}/${api.stage}` : `/${api.stage}`,
      routes: api.routes.map(({ routeKey, functionName }) => ({ routeKey, functionName })),
    }));
  }

  isManagementPath(path: string): boolean {
    return MANAGEMENT_PATH.test(path);
  }

  upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    void this.connect(req, socket, head).catch(() => refuse(socket, 500));
  }

  async management(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const [, logicalId, stage, rawId] = MANAGEMENT_PATH.exec((req.url ?? '/').split('?')[0]) ?? [];
    const api = this.findApi(logicalId, stage);
    const body = await readBody(req, MAX_MESSAGE_BYTES);
    if (!api) return reply(res, 403, { message: 'Forbidden' }, 'ForbiddenException');
    const connection = this.connections.get(decodeURIComponent(rawId));
    if (!connection || connection.api !== api || connection.socket.readyState !== WebSocket.OPEN) {
      return reply(res, 410, { message: `Connection ${decodeURIComponent(rawId)} is gone.` }, 'GoneException');
    }
    switch (req.method) {
      case 'POST':
        if (body === 'too-large') return reply(res, 413, { message: `Message too long; the limit is ${MAX_MESSAGE_BYTES} bytes.` }, 'PayloadTooLargeException');
        connection.socket.send(body, { binary: !isUtf8(body) });
        return reply(res, 200);
      case 'GET':
        return reply(res, 200, {
          connectedAt: new Date(connection.connectedAt).toISOString(),
          identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
          lastActiveAt: new Date(connection.lastActiveAt).toISOString(),
        });
      case 'DELETE':
        connection.socket.close(1000, 'Going away');
        return reply(res, 204);
      default:
        return reply(res, 405, { message: `@connections takes POST, GET or DELETE, not ${req.method}.` });
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    for (const connection of this.connections.values()) connection.socket.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async connect(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const [path, query = ''] = (req.url ?? '/').split('?');
    const parts = path.split('/').filter((part) => part !== '');
    const api = parts.length === 1 ? this.findApi(undefined, parts[0]) : parts.length === 2 ? this.findApi(parts[0], parts[1]) : undefined;
    if (!api) return refuse(socket, 403);
    const info: ConnectionInfo = {
      connectionId: extendedId(),
      apiId: stableId(`websocket:${api.logicalId}`, 10),
      stage: api.stage,
      domainName: req.headers.host ?? '127.0.0.1',
      connectedAt: Date.now(),
      sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
      userAgent: req.headers['user-agent'] ?? '',
    };
    const connectRoute = api.routes.find((route) => route.routeKey === '$connect');
    if (connectRoute) {
      const answer = await this.invoke(connectRoute.functionName, connectEvent(info, req.rawHeaders, queryPairs(query)));
      const status = answer.ok ? statusOf(answer.result) : 500;
      if (status < 200 || status > 299) return refuse(socket, status);
    }
    if (socket.destroyed) return;
    this.server.handleUpgrade(req, socket, head, (ws) => this.opened(ws, api, info));
  }

  private opened(socket: WebSocket, api: WebSocketApiDefinition, info: ConnectionInfo): void {
    const connection: Connection = { ...info, socket, api, lastActiveAt: Date.now() };
    this.connections.set(info.connectionId, connection);
    socket.on('message', (data: Buffer | ArrayBuffer | Buffer[], binary: boolean) => {
      connection.lastActiveAt = Date.now();
      const buffer = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
      void this.message(connection, buffer, binary);
    });
    socket.on('close', (code: number, reason: Buffer) => {
      this.connections.delete(info.connectionId);
      const route = api.routes.find((candidate) => candidate.routeKey === '$disconnect');
      if (route && !this.closing) void this.invoke(route.functionName, disconnectEvent(info, code, reason.toString('utf8')));
    });
    socket.on('error', () => socket.terminate());
  }

  private async message(connection: Connection, data: Buffer, binary: boolean): Promise<void> {
    const keys = connection.api.routes.map((route) => route.routeKey).filter((key) => key !== '$connect' && key !== '$disconnect');
    const routeKey = selectRoute(connection.api.routeSelectionExpression, data, binary, keys);
    const route = routeKey ? connection.api.routes.find((candidate) => candidate.routeKey === routeKey) : undefined;
    if (!route) return this.sendError(connection, 'Forbidden');
    const answer = await this.invoke(route.functionName, messageEvent(connection, route.routeKey, data, binary));
    if (!answer.ok) return this.sendError(connection, 'Internal server error');
    if (!route.returnsResponse || connection.socket.readyState !== WebSocket.OPEN) return;
    const result = answer.result;
    const body = typeof result === 'object' && result !== null && 'body' in result ? (result as { body?: unknown }).body : result;
    if (body === undefined || body === null) return;
    connection.socket.send(typeof body === 'string' ? body : JSON.stringify(body));
  }

  /** API Gateway's message to the client when a frame has no route or the integration failed. */
  private sendError(connection: Connection, message: string): void {
    if (connection.socket.readyState !== WebSocket.OPEN) return;
    connection.socket.send(JSON.stringify({ message, connectionId: connection.connectionId, requestId: extendedId() }));
  }

  private async invoke(functionName: string, event: WebSocketEvent): Promise<InvokeAnswer> {
    let outcome;
    try {
      outcome = await this.runtime.invoke(functionName, { payload: Buffer.from(JSON.stringify(event)), invocationType: 'RequestResponse' });
    } catch {
      // The runtime stopped under the connection: the client gets the integration-failure answer.
      return { ok: false };
    }
    if (!outcome || outcome.kind !== 'completed' || outcome.status !== 'success') return { ok: false };
    try {
      return { ok: true, result: JSON.parse(outcome.payload.toString('utf8')) as unknown };
    } catch {
      return { ok: true, result: outcome.payload.toString('utf8') };
    }
  }

  private findApi(logicalId: string | undefined, stage: string | undefined): WebSocketApiDefinition | undefined {
    if (stage === undefined) return undefined;
    if (logicalId !== undefined) return this.apis.find((api) => api.logicalId === logicalId && api.stage === stage);
    const candidates = this.apis.filter((api) => api.stage === stage);
    return candidates.length === 1 ? candidates[0] : undefined;
  }

  private stageShared(stage: string): boolean {
    return this.apis.filter((api) => api.stage === stage).length > 1;
  }

  private checkStages(): void {
    for (const api of this.apis) {
      if (this.stageShared(api.stage)) this.warnings.push(`WebSocket APIs share the stage name ${api.stage}; connect to /${api.logicalId}/${api.stage} to reach ${api.logicalId}.`);
      for (const route of api.routes) {
        if (!this.runtime.findFunction(route.functionName)) this.warnings.push(`WebSocket route ${route.routeKey} of ${api.logicalId} points at ${route.functionName}, which is not a function of the template.`);
      }
    }
  }
}

/** A $connect answer without a statusCode (or with none at all) accepts the connection. */
function statusOf(result: unknown): number {
  if (typeof result === 'object' && result !== null && 'statusCode' in result) {
    const status = Number((result as { statusCode: unknown }).statusCode);
    return Number.isInteger(status) ? status : 500;
  }
  return 200;
}

function refuse(socket: Duplex, status: number): void {
  if (socket.destroyed) return;
  const reason = status === 403 ? 'Forbidden' : status === 401 ? 'Unauthorized' : status >= 500 ? 'Internal Server Error' : 'Refused';
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

function reply(res: http.ServerResponse, status: number, body?: unknown, errorType?: string): void {
  const headers: Record<string, string> = {};
  if (errorType) headers['x-amzn-ErrorType'] = errorType;
  if (body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}
