// The local API Gateway: one HTTP server in front of the runtime serving the template's REST APIs, HTTP
// APIs and function URLs (under /_lambda-url/<FunctionName>/), and its WebSocket APIs (upgrades on
// /<stage>, with the @connections management API at /<stage>/@connections/{id}).
// The route table follows the runtime: it is rebuilt whenever the runtime reloads its templates.
import { refuse } from '../services/endpoint/server';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Disposable, LambkinRuntime } from '../lambkin-runtime';
import type { InvokeResult } from '../invoke/invocation';
import { readApiDefinitions } from './api-definitions';
import { isPreflight, preflightHeaders, responseCorsHeaders } from './cors';
import { buildV1Event } from './events-v1';
import { buildV2Event } from './events-v2';
import { describeRequest, readBody, type GatewayRequest } from './request';
import { failureResponse, mapResult, type GatewayFailure, type GatewayResponse, type HeaderList } from './responses';
import { RouteTable, type RouteListing, type RouteMatch } from './routes';
import { StreamRelay } from './streaming';
import { WebSocketGateway, type WebSocketListing } from './websocket';

export interface GatewayOptions {
  port: number;
  host?: string;
  /** AWS::AccountId in events; default 123456789012. */
  accountId?: string;
}

export class HttpGateway {
  private table: RouteTable;
  private readonly subscription: Disposable;
  private reloading: Promise<void> = Promise.resolve();
  /** Known once listening: every request's Host check asks for it, and `server.address()` costs a system call. */
  private listeningPort: number | undefined;

  private constructor(
    private readonly runtime: LambkinRuntime,
    private readonly server: http.Server,
    private readonly webSockets: WebSocketGateway,
    table: RouteTable,
    private readonly accountId: string,
  ) {
    this.table = table;
    this.subscription = runtime.onEvent((event) => {
      if (event.event === 'functions') this.reloading = this.reloading.then(() => this.rebuild());
    });
  }

  static async start(runtime: LambkinRuntime, options: GatewayOptions): Promise<HttpGateway> {
    const host = options.host ?? '127.0.0.1';
    const accountId = options.accountId ?? runtime.accountId;
    const { table, definitions } = await buildTable(runtime, accountId);
    const server = http.createServer();
    server.keepAliveTimeout = 60_000;
    const webSockets = new WebSocketGateway(runtime, definitions.webSocketApis);
    const gateway = new HttpGateway(runtime, server, webSockets, table, accountId);
    // The user's own API serves browsers (its CORS settings decide), but only under a loopback Host.
    server.on('request', (req, res) => {
      const refusal = runtime.localRequests.refusal(req, { port: gateway.port, anyOrigin: true });
      if (refusal) return refuse(req, res, refusal);
      void gateway.handle(req, res);
    });
    server.on('upgrade', (req, socket, head) => {
      const refusal = runtime.localRequests.refusal(req, { port: gateway.port, anyOrigin: true });
      if (refusal) return void socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal}\n`, () => socket.destroy());
      webSockets.upgrade(req, socket, head);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE' ? new Error(`Port ${options.port} on ${host} is already in use: stop the other program or choose another port for the API gateway.`) : error);
      });
      server.listen(options.port, host, () => resolve());
    });
    gateway.listeningPort = (server.address() as AddressInfo).port;
    runtime.localRequests.addPort(gateway.port);
    return gateway;
  }

  get port(): number {
    return this.listeningPort ?? (this.server.address() as AddressInfo).port;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** HTTP routes for printing: kind, method, path, function, and the path to request. */
  routes(): RouteListing[] {
    return this.table.list();
  }

  webSocketApis(): WebSocketListing[] {
    return this.webSockets.list();
  }

  /** Problems with the template's API definitions (duplicate routes, routes without a function, …). */
  warnings(): string[] {
    return [...this.table.warnings, ...this.webSockets.warnings];
  }

  async close(): Promise<void> {
    this.subscription.dispose();
    await this.webSockets.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async rebuild(): Promise<void> {
    try {
      const { table, definitions } = await buildTable(this.runtime, this.accountId);
      this.table = table;
      this.webSockets.setApis(definitions.webSocketApis);
    } catch (error) {
      process.stderr.write(`lambkin: the API gateway kept its previous routes: ${(error as Error).message}\n`);
    }
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (this.webSockets.isManagementPath(path)) return await this.webSockets.management(req, res);
      const body = await readBody(req);
      const table = this.table;
      if (body === 'too-large') return send(res, failureResponse(table.unknownRouteKind, 'too-large'));
      const request = describeRequest(req, body);
      const origin = req.headers.origin;
      if (isPreflight(request.method, req.headers)) {
        const preflight = this.preflight(table, request, origin, req.headers['access-control-request-method'] as string);
        if (preflight) return send(res, preflight);
      }
      const match = table.match(request.method, request.rawPath);
      if (!match) return send(res, failureResponse(request.rawPath.startsWith('/_lambda-url') ? 'url' : table.unknownRouteKind, 'not-found'));
      await this.dispatch(request, match, res, responseCorsHeaders(match.route.api.cors, origin));
    } catch (error) {
      if (!res.headersSent) send(res, { status: 500, headers: [['Content-Type', 'application/json']], body: Buffer.from(JSON.stringify({ message: `Lambkin gateway error: ${(error as Error).message}` })) });
      else res.destroy();
    }
  }

  /** REST APIs answer OPTIONS for any path they serve; HTTP APIs and URLs answer for an allowed origin. */
  private preflight(table: RouteTable, request: GatewayRequest, origin: string | undefined, method: string): GatewayResponse | undefined {
    const urlMatch = request.rawPath.startsWith('/_lambda-url/') ? table.matchFunctionUrl(request.rawPath) : undefined;
    const apis = urlMatch ? [urlMatch.route.api] : table.apisForPath(request.rawPath);
    const fallback = table.match(request.method, request.rawPath);
    if (fallback && !urlMatch && fallback.route.path === '$default') apis.push(fallback.route.api);
    for (const api of apis) {
      if (!api.cors) continue;
      const headers = preflightHeaders(api.cors, origin, method);
      if (headers) return { status: api.kind === 'rest' ? 200 : 204, headers: api.kind === 'rest' ? [['Content-Type', 'application/json'], ...headers] : headers, body: Buffer.alloc(0) };
    }
    return undefined;
  }

  private async dispatch(request: GatewayRequest, match: RouteMatch, res: http.ServerResponse, corsHeaders: HeaderList): Promise<void> {
    const { route } = match;
    const kind = route.api.kind;
    const event = route.payloadVersion === '1.0' ? buildV1Event(request, match, this.accountId) : buildV2Event(request, match, this.accountId);
    const idHeaders: HeaderList = kind === 'rest'
      ? [['x-amzn-RequestId', request.requestId], ['x-amz-apigw-id', request.extendedRequestId]]
      : kind === 'http' ? [['Apigw-Requestid', request.extendedRequestId]] : [['x-amzn-RequestId', request.requestId]];
    const extra = [...idHeaders, ...corsHeaders];
    const relay = route.streaming ? new StreamRelay(res, extra) : undefined;
    const invocation = this.runtime.invoke(route.functionName, { payload: Buffer.from(JSON.stringify(event)), invocationType: 'RequestResponse', observer: relay });
    const outcome = await withTimeout(invocation, route.timeoutMs);
    if (outcome === 'timeout') {
      // The function keeps running to its own timeout, as in Lambda; the client is answered now.
      invocation.catch(() => undefined);
      return send(res, withHeaders(failureResponse(kind, 'timeout'), extra));
    }
    if (relay?.started) {
      if (outcome?.kind === 'completed' && outcome.status !== 'success') res.destroy();
      else relay.finish(outcome?.kind === 'completed' ? outcome.payload : Buffer.alloc(0));
      return;
    }
    const failure = failureOf(outcome);
    if (failure) return send(res, withHeaders(failureResponse(kind, failure), extra));
    const completed = outcome as Extract<InvokeResult, { kind: 'completed' }>;
    if (relay && completed.contentType !== undefined && completed.contentType !== 'application/json') {
      relay.finish(completed.payload);
      return;
    }
    const mapped = mapResult(completed.payload, route.payloadVersion);
    if (!mapped) return send(res, withHeaders(failureResponse(kind, 'malformed'), extra));
    // With CORS configured, an HTTP API or function URL ignores the CORS headers the function returns.
    const cors = route.api.cors;
    const own = cors && cors.style === 'http' ? mapped.headers.filter(([name]) => !name.toLowerCase().startsWith('access-control-')) : mapped.headers;
    send(res, { ...mapped, headers: [...own, ...extra] });
  }
}

async function buildTable(runtime: LambkinRuntime, accountId: string) {
  const functions = runtime.functions;
  const templates = [...new Set(functions.map((fn) => fn.templatePath))];
  const definitions = await readApiDefinitions(templates, { region: runtime.region, accountId });
  return { table: new RouteTable(functions, definitions), definitions };
}

function failureOf(outcome: InvokeResult | undefined): GatewayFailure | undefined {
  if (!outcome) return 'function-error';
  if (outcome.kind === 'throttled') return 'throttled';
  return outcome.status === 'success' ? undefined : 'function-error';
}

function withTimeout<T>(promise: Promise<T>, ms: number | undefined): Promise<T | 'timeout'> {
  if (ms === undefined) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function withHeaders(response: GatewayResponse, extra: HeaderList): GatewayResponse {
  return { ...response, headers: [...response.headers, ...extra] };
}

export function send(res: http.ServerResponse, response: GatewayResponse): void {
  const headers = response.headers.filter(([name]) => !['content-length', 'transfer-encoding', 'connection'].includes(name.toLowerCase()));
  headers.push(['Content-Length', String(response.body.length)]);
  res.writeHead(response.status, headers.flat());
  res.end(response.body);
}
