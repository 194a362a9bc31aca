// A typed client for the runtime's control WebSocket (runtime/protocol/control.ts): numbered requests
// with exactly one reply each, pushed events, per-request timeouts. No vscode here: unit-tested against
// a fake server in test/unit/extension/controlClient.test.ts.
import WebSocket from 'ws';
import {
  isControlReply,
  messagesOfFrame,
  type ControlFrame,
  type ControlEventData,
  type ControlEventName,
  type ControlMessageFromRuntime,
  type ControlMethod,
  type ControlMethods,
  type ControlRequest,
} from '../../runtime/protocol/control';
import { Emitter, type Disposable } from '../util/emitter';

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
const CONNECT_TIMEOUT_MS = 10_000;

/** The runtime answered a request with an error. */
export class ControlRequestError extends Error {
  constructor(
    readonly method: ControlMethod,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ControlRequestError';
  }
}

/** The request never got its answer: timed out, or the connection closed first. */
export class ControlConnectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlConnectionError';
  }
}

interface PendingRequest {
  method: ControlMethod;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface CloseInfo {
  code: number;
  reason: string;
  /** True when this side closed the connection (dispose), false when the runtime went away. */
  byClient: boolean;
}

export class ControlClient implements Disposable {
  private nextId = 1;
  private readonly pending = new Map<number, PendingRequest>();
  private readonly events = new Emitter<{ event: ControlEventName; data: unknown }>();
  private readonly closeEmitter = new Emitter<CloseInfo>();
  private disposed = false;

  /** Fires once when the connection ends, whichever side ended it. */
  readonly onClose = this.closeEmitter.event;

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => this.receive(raw.toString()));
    socket.on('close', (code, reason) => this.closed(code, reason.toString()));
    // An error is always followed by 'close'; handling it here keeps ws from throwing.
    socket.on('error', () => undefined);
  }

  /** Opens `${endpoint}?token=${token}`; rejects with the reason when the runtime refuses. */
  static connect(endpoint: string, token: string, timeoutMs = CONNECT_TIMEOUT_MS): Promise<ControlClient> {
    const url = new URL(endpoint);
    url.searchParams.set('token', token);
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { handshakeTimeout: timeoutMs });
      const fail = (message: string) => {
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        socket.terminate();
        reject(new ControlConnectionError(`Could not connect to the Lambkin runtime at ${endpoint}: ${message}`));
      };
      socket.once('open', () => {
        socket.removeAllListeners();
        resolve(new ControlClient(socket));
      });
      socket.once('unexpected-response', (_request, response) => fail(`HTTP ${response.statusCode}`));
      socket.once('error', (error) => fail(error.message));
    });
  }

  get isOpen(): boolean {
    return !this.disposed && this.socket.readyState === WebSocket.OPEN;
  }

  request<M extends ControlMethod>(
    method: M,
    params: ControlMethods[M]['params'],
    timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS,
  ): Promise<ControlMethods[M]['result']> {
    if (!this.isOpen) {
      return Promise.reject(new ControlConnectionError(`Cannot call ${method}: the runtime connection is closed.`));
    }
    const id = this.nextId++;
    const message: ControlRequest<M> = { id, method, params };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new ControlConnectionError(`The runtime did not answer ${method} within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}.`));
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (result: unknown) => void, reject, timer });
      this.socket.send(JSON.stringify(message), (error) => {
        if (error) this.settle(id, (entry) => entry.reject(new ControlConnectionError(`Could not send ${method}: ${error.message}`)));
      });
    });
  }

  on<E extends ControlEventName>(event: E, listener: (data: ControlEventData<E>) => void): Disposable {
    return this.events.event((message) => {
      if (message.event === event) listener(message.data as ControlEventData<E>);
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.rejectAll('the connection was closed by the extension');
    this.socket.close(1000, 'client disposed');
    // A runtime that never completes the closing handshake must not keep the socket alive.
    setTimeout(() => this.socket.terminate(), 1000).unref();
    this.closeEmitter.fire({ code: 1000, reason: 'client disposed', byClient: true });
    this.events.dispose();
    this.closeEmitter.dispose();
  }

  private receive(text: string): void {
    let frame: ControlFrame;
    try {
      frame = JSON.parse(text) as ControlFrame;
    } catch {
      return; // Not protocol: ignore rather than tear down a working connection.
    }
    for (const message of messagesOfFrame(frame)) this.dispatch(message);
  }

  private dispatch(message: ControlMessageFromRuntime): void {
    if (isControlReply(message)) {
      const reply = message;
      this.settle(reply.id, (entry) => {
        if ('error' in reply) entry.reject(new ControlRequestError(entry.method, reply.error.message, reply.error.code));
        else entry.resolve(reply.result);
      });
    } else if (typeof message.event === 'string') {
      this.events.fire({ event: message.event, data: message.data });
    }
  }

  private settle(id: number, complete: (entry: PendingRequest) => void): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    complete(entry);
  }

  private closed(code: number, reason: string): void {
    if (this.disposed) return;
    this.disposed = true;
    this.rejectAll(`the runtime closed the connection (${code}${reason ? `: ${reason}` : ''})`);
    this.closeEmitter.fire({ code, reason, byClient: false });
    this.events.dispose();
    this.closeEmitter.dispose();
  }

  private rejectAll(why: string): void {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new ControlConnectionError(`${entry.method} did not complete: ${why}.`));
      this.pending.delete(id);
    }
  }
}
