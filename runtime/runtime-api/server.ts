// One execution environment's Runtime API (2018-06-01), on its own 127.0.0.1 port so that the state machine
// (init → next → response/error → next …) is per environment, exactly as in a Lambda sandbox.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { LocalRequests } from '../security/local-requests';
import { encodeFrame, FrameReader, type BootstrapFrame } from './pipe-frames';
import type { InitErrorReport, RuntimeInvocation, RuntimeOutcome, StreamObserver } from './types';

/** Lambda's synchronous response limit, in bytes, as the Runtime API enforces it. */
export const MAX_RESPONSE_BYTES = 6_291_556;
/** Lambda's limit on a streamed response. */
export const MAX_STREAMED_RESPONSE_BYTES = 200 * 1024 * 1024;
const ERROR_TYPE_PATTERN = /^(Runtime|Function)\.[A-Z][a-zA-Z]+$/;
const PREFIX = '/2018-06-01/runtime';

/** Where the runtime waits for its next event: a held `GET /next`, or the bootstrap's pipe. */
interface NextWaiter {
  deliver(invocation: RuntimeInvocation): void;
  cancel(): void;
}

interface Inflight {
  invocation: RuntimeInvocation;
  observer?: StreamObserver;
  settle(outcome: RuntimeOutcome): void;
}

export class RuntimeApiServer {
  private readonly server: http.Server;
  private queued: Inflight | undefined;
  private inflight: Inflight | undefined;
  private waitingNext: NextWaiter | undefined;
  private initErrorListeners: Array<(report: InitErrorReport) => void> = [];
  private nextListeners: Array<() => void> = [];
  private closed = false;
  /**
   * The peak resident set the bootstrap reported with its last `next` over the pipe, in kB: what the record of
   * the invocation just finished reports as Max Memory Used, without reading /proc in the runtime.
   */
  reportedPeakRssKb: number | undefined;

  private constructor(server: http.Server, readonly address: string) {
    this.server = server;
  }

  static async start(): Promise<RuntimeApiServer> {
    const server = http.createServer();
    // The runtime's long-poll on /next can wait for hours between invokes.
    server.requestTimeout = 0;
    server.keepAliveTimeout = 24 * 60 * 60 * 1000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const api = new RuntimeApiServer(server, `127.0.0.1:${port}`);
    // Only the runtime in the environment talks to this port: a web page that finds it (a GET /next needs
    // no preflight) would take the function's events. No browser Origin is ever its own; Hosts must be loopback.
    const requests = new LocalRequests();
    server.on('request', (req, res) => {
      const refusal = requests.refusal(req, { port });
      if (!refusal) return api.route(req, res);
      req.resume();
      res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
      res.end(`${refusal}\n`);
    });
    return api;
  }

  /** Hands one invocation to the runtime; settles when the runtime answers it. One at a time. */
  invoke(invocation: RuntimeInvocation, observer?: StreamObserver): Promise<RuntimeOutcome> {
    if (this.queued || this.inflight) {
      return Promise.reject(new Error('execution environment is busy: one invocation at a time'));
    }
    return new Promise<RuntimeOutcome>((settle) => {
      this.queued = { invocation, observer, settle };
      if (this.waitingNext) {
        const waiter = this.waitingNext;
        this.waitingNext = undefined;
        this.dispatch(waiter);
      }
    });
  }

  /** True while this invocation waits for the runtime to ask for it: the runtime has not received it. */
  holdsUndelivered(requestId: string): boolean {
    return this.queued?.invocation.requestId === requestId;
  }

  /** Forgets the invocation in flight (after a timeout or a crash); a late answer then gets 400. */
  abandon(): void {
    this.queued = undefined;
    this.inflight = undefined;
  }

  onInitError(listener: (report: InitErrorReport) => void): void {
    this.initErrorListeners.push(listener);
  }

  /** The runtime asked for work: init is over (first call) or the previous invocation is complete. */
  onNextRequested(listener: () => void): void {
    this.nextListeners.push(listener);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.waitingNext?.cancel();
    this.waitingNext = undefined;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private route(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = req.url ?? '';
    if (!url.startsWith(PREFIX)) return this.reply(res, 404, { errorMessage: `Unknown path ${url}`, errorType: 'NotFound' });
    const path = url.slice(PREFIX.length);
    if (req.method === 'GET' && path === '/invocation/next') return this.next(res);
    if (req.method === 'POST' && path === '/init/error') return this.initError(req, res);
    const match = /^\/invocation\/([^/]+)\/(response|error)$/.exec(path);
    if (req.method === 'POST' && match) {
      const requestId = decodeURIComponent(match[1]);
      return match[2] === 'response' ? this.response(requestId, req, res) : this.invocationError(requestId, req, res);
    }
    this.reply(res, 404, { errorMessage: `Unknown path ${req.method} ${url}`, errorType: 'NotFound' });
  }

  private next(res: http.ServerResponse): void {
    const refusal = this.nextRefusal();
    if (refusal) return this.reply(res, 403, { errorMessage: refusal, errorType: 'InvalidStateTransition' });
    const waiter: NextWaiter = { deliver: (invocation) => writeInvocation(res, invocation), cancel: () => res.destroy() };
    this.waitForNext(waiter);
    res.on('close', () => {
      if (this.waitingNext === waiter) this.waitingNext = undefined;
    });
  }

  /** Why asking for the next event now breaks Lambda's state machine, if it does. */
  private nextRefusal(): string | undefined {
    // Asking for the next event before answering the current one is a state error in Lambda.
    if (this.inflight) return 'Invalid state transition: the current invocation has not been answered';
    if (this.waitingNext) return 'Invalid state transition: a request for the next invocation is already waiting';
    return undefined;
  }

  private waitForNext(waiter: NextWaiter): void {
    for (const listener of this.nextListeners) listener();
    if (this.queued) return this.dispatch(waiter);
    this.waitingNext = waiter;
  }

  private dispatch(waiter: NextWaiter): void {
    const work = this.queued;
    if (!work) return;
    this.queued = undefined;
    this.inflight = work;
    waiter.deliver(work.invocation);
  }

  /**
   * Serves Lambkin's own Node bootstrap over its pipe (see pipe-frames.ts): the same state machine as the
   * HTTP routes, one write per message and no HTTP parsing on either side. The HTTP API stays open beside it
   * (streamed responses use it).
   */
  attachPipe(pipe: Duplex): void {
    const waiter: NextWaiter = {
      deliver: (invocation) => pipe.write(encodeFrame({ t: 'invocation', headers: invocationHeaders(invocation) }, invocation.payload)),
      cancel: () => pipe.destroy(),
    };
    const reader = new FrameReader<BootstrapFrame>((frame, body) => {
      switch (frame.t) {
        case 'next': {
          if (typeof frame.peakRssKb === 'number') this.reportedPeakRssKb = frame.peakRssKb;
          const refusal = this.nextRefusal();
          if (refusal) pipe.write(encodeFrame({ t: 'refused', message: refusal }));
          else this.waitForNext(waiter);
          return;
        }
        case 'response':
          return this.answer(frame.id, body.length > MAX_RESPONSE_BYTES ? { kind: 'too-large' } : { kind: 'response', payload: body, contentType: frame.contentType, streamed: false });
        case 'error':
          return this.answer(frame.id, { kind: 'error', errorType: normaliseErrorType(frame.errorType), payload: body });
        case 'init-error': {
          const report = { errorType: normaliseErrorType(frame.errorType, 'Runtime'), payload: body };
          for (const listener of this.initErrorListeners) listener(report);
        }
      }
    });
    pipe.on('data', (chunk: Buffer) => reader.push(chunk));
    pipe.on('close', () => {
      if (this.waitingNext === waiter) this.waitingNext = undefined;
    });
    pipe.on('error', () => undefined);
  }

  /** A pipe's answer to the invocation in flight; an answer for any other request is dropped (HTTP's 400). */
  private answer(requestId: string, outcome: RuntimeOutcome): void {
    const work = this.inflight;
    if (!work || work.invocation.requestId !== requestId) return;
    this.inflight = undefined;
    work.settle(outcome);
  }

  private response(requestId: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const work = this.inflight;
    if (!work || work.invocation.requestId !== requestId) return this.invalidRequestId(req, res);
    const streaming = String(req.headers['lambda-runtime-function-response-mode'] ?? '').toLowerCase() === 'streaming';
    const limit = streaming ? MAX_STREAMED_RESPONSE_BYTES : MAX_RESPONSE_BYTES;
    const contentType = req.headers['content-type'] ?? (streaming ? 'application/octet-stream' : undefined);
    if (streaming) work.observer?.onStart?.(contentType ?? 'application/octet-stream');
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > limit) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
      if (streaming) work.observer?.onChunk?.(chunk);
    });
    req.on('end', () => {
      if (this.inflight !== work) return this.invalidRequestId(req, res);
      this.inflight = undefined;
      if (tooLarge) {
        this.reply(res, 413, { errorMessage: `Exceeded maximum allowed payload size (${limit} bytes).`, errorType: 'RequestEntityTooLarge' });
        return work.settle({ kind: 'too-large' });
      }
      // The invoker's answer goes out first (its continuation runs as microtasks); the runtime's 202 follows.
      setImmediate(() => this.reply(res, 202, { status: 'OK' }));
      const errorType = req.trailers['lambda-runtime-function-error-type'];
      if (streaming && errorType) {
        const body = Buffer.from(String(req.trailers['lambda-runtime-function-error-body'] ?? ''), 'base64');
        return work.settle({ kind: 'error', errorType: normaliseErrorType(errorType), payload: body });
      }
      const payload = Buffer.concat(chunks);
      work.settle({ kind: 'response', payload, contentType: contentType ?? undefined, streamed: streaming });
    });
    req.on('error', () => undefined);
  }

  private invocationError(requestId: string, req: http.IncomingMessage, res: http.ServerResponse): void {
    const work = this.inflight;
    if (!work || work.invocation.requestId !== requestId) return this.invalidRequestId(req, res);
    readBody(req, MAX_RESPONSE_BYTES, (payload) => {
      if (this.inflight !== work) return this.invalidRequestId(req, res);
      this.inflight = undefined;
      this.reply(res, 202, { status: 'OK' });
      work.settle({ kind: 'error', errorType: normaliseErrorType(req.headers['lambda-runtime-function-error-type']), payload });
    });
  }

  private initError(req: http.IncomingMessage, res: http.ServerResponse): void {
    readBody(req, MAX_RESPONSE_BYTES, (payload) => {
      this.reply(res, 202, { status: 'OK' });
      const report = { errorType: normaliseErrorType(req.headers['lambda-runtime-function-error-type'], 'Runtime'), payload };
      for (const listener of this.initErrorListeners) listener(report);
    });
  }

  private invalidRequestId(req: http.IncomingMessage, res: http.ServerResponse): void {
    req.resume();
    this.reply(res, 400, { errorMessage: 'Invalid request ID', errorType: 'InvalidRequestID' });
  }

  private reply(res: http.ServerResponse, status: number, body: unknown): void {
    if (res.headersSent || res.destroyed) return;
    const text = JSON.stringify(body);
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  }
}

/** The headers `GET /next` carries, lower-cased as Node's http hands them to the bootstrap. */
function invocationHeaders(inv: RuntimeInvocation): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': inv.contentType ?? 'application/json',
    'lambda-runtime-aws-request-id': inv.requestId,
    'lambda-runtime-deadline-ms': String(inv.deadlineMs),
    'lambda-runtime-invoked-function-arn': inv.invokedFunctionArn,
    'lambda-runtime-trace-id': inv.traceId,
  };
  if (inv.clientContext) headers['lambda-runtime-client-context'] = inv.clientContext;
  if (inv.cognitoIdentity) headers['lambda-runtime-cognito-identity'] = inv.cognitoIdentity;
  return headers;
}

/** Lambda's own spelling: a custom runtime may look its headers up case-sensitively (`grep` in a shell bootstrap). */
function writeInvocation(res: http.ServerResponse, inv: RuntimeInvocation): void {
  const headers: http.OutgoingHttpHeaders = {
    'Content-Type': inv.contentType ?? 'application/json',
    'Lambda-Runtime-Aws-Request-Id': inv.requestId,
    'Lambda-Runtime-Deadline-Ms': String(inv.deadlineMs),
    'Lambda-Runtime-Invoked-Function-Arn': inv.invokedFunctionArn,
    'Lambda-Runtime-Trace-Id': inv.traceId,
    'Content-Length': inv.payload.length,
  };
  if (inv.clientContext) headers['Lambda-Runtime-Client-Context'] = inv.clientContext;
  if (inv.cognitoIdentity) headers['Lambda-Runtime-Cognito-Identity'] = inv.cognitoIdentity;
  res.writeHead(200, headers);
  res.end(inv.payload);
}

/** Lambda keeps error types of the form `Runtime.X` / `Function.X`; anything else is recorded as Unknown. */
export function normaliseErrorType(header: string | string[] | undefined, fallback: 'Runtime' | 'Function' = 'Function'): string {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return `${fallback}.Unknown`;
  if (ERROR_TYPE_PATTERN.test(value)) return value;
  return value.startsWith('Runtime') ? 'Runtime.Unknown' : `${fallback}.Unknown`;
}

function readBody(req: http.IncomingMessage, limit: number, done: (body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= limit) chunks.push(chunk);
  });
  req.on('end', () => done(Buffer.concat(chunks)));
  req.on('error', () => undefined);
}
