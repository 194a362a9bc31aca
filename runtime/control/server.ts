// The control channel: a WebSocket on 127.0.0.1 for the extension. Clients must present the session token;
// they receive every lifecycle event and may call the methods of the control protocol.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Disposable, LambkinRuntime } from '../lambkin-runtime';
import type { ControlEvent, ControlMethod, ControlMethods, ControlReply, ControlRequest } from '../protocol/control';
import { ControlHandlers } from './handlers';

export class ControlServer {
  private readonly subscription: Disposable;
  /** Events of one turn of the event loop, sent as one frame: a warm invoke emits several at once. */
  private batch: ControlEvent[] = [];

  private constructor(private readonly wss: WebSocketServer, readonly port: number, runtime: LambkinRuntime, handlers: ControlHandlers) {
    this.subscription = runtime.onEvent((event) => {
      if (wss.clients.size === 0) return;
      if (this.batch.push(event) === 1) setImmediate(() => this.flush());
    });
    wss.on('connection', (socket) => {
      socket.on('message', (data) => void this.answer(socket, handlers, data.toString()));
    });
  }

  static async start(runtime: LambkinRuntime, options: { port: number; token: string; handlers: ControlHandlers }): Promise<ControlServer> {
    const expected = Buffer.from(options.token);
    const wss = new WebSocketServer({
      host: '127.0.0.1',
      port: options.port,
      maxPayload: 16 * 1024 * 1024,
      verifyClient: (info: { req: IncomingMessage }, decide: (ok: boolean, code?: number, message?: string) => void) => {
        // A browser page (any Origin) or a rebound DNS name never gets the control channel, token or not.
        const port = (wss.address() as AddressInfo).port;
        const refusal = runtime.localRequests.refusal(info.req, { port })
          ?? (info.req.headers.origin !== undefined ? `Lambkin refuses this request: the control channel is for the VS Code extension, not for the web page ${info.req.headers.origin}.` : undefined);
        if (refusal) return decide(false, 403, refusal);
        const given = Buffer.from(new URL(info.req.url ?? '/', 'http://127.0.0.1').searchParams.get('token') ?? '');
        if (given.length === expected.length && timingSafeEqual(given, expected)) return decide(true);
        decide(false, 401);
      },
    });
    await new Promise<void>((resolve, reject) => {
      wss.once('listening', () => resolve());
      wss.once('error', reject);
    });
    return new ControlServer(wss, (wss.address() as AddressInfo).port, runtime, options.handlers);
  }

  private flush(): void {
    if (this.batch.length === 0) return;
    const events = this.batch;
    this.batch = [];
    const text = JSON.stringify(events.length === 1 ? events[0] : events);
    for (const client of this.wss.clients) if (client.readyState === client.OPEN) client.send(text);
  }

  get endpoint(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.subscription.dispose();
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private async answer(socket: WebSocket, handlers: ControlHandlers, text: string): Promise<void> {
    let request: ControlRequest;
    try {
      request = JSON.parse(text) as ControlRequest;
    } catch {
      return; // Not a request; nothing to answer to.
    }
    if (typeof request.id !== 'number') return;
    let reply: ControlReply;
    try {
      const result = await handlers.call(request.method as ControlMethod, (request.params ?? {}) as ControlMethods[ControlMethod]['params']);
      reply = { id: request.id, result } as ControlReply;
    } catch (error) {
      reply = { id: request.id, error: { message: error instanceof Error ? error.message : String(error) } };
    }
    // Events that happened before the reply reach the client before it, as they were emitted.
    if (this.batch.length > 0) this.flush();
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(reply));
  }
}
