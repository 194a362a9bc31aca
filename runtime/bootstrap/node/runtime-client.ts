// HTTP client for Lambda's Runtime API (2018-06-01), Node built-ins only.
import http, { type IncomingHttpHeaders } from 'node:http';
import type { RuntimeErrorBody } from './errors';
import type { RuntimePipe } from './runtime-pipe';

const API_PREFIX = '/2018-06-01/runtime';
const ERROR_TYPE_HEADER = 'Lambda-Runtime-Function-Error-Type';

export interface NextInvocation {
  body: Buffer;
  headers: IncomingHttpHeaders;
}

export class RuntimeApiClient {
  readonly hostname: string;
  readonly port: number;
  /** Keep-alive with one socket: warm invokes reuse the connection (idle sockets are unref'd by Node). */
  readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private pending = new Set<Promise<void>>();

  /**
   * `pipe`: Lambkin's runtime also serves this environment over a pipe (see runtime-pipe.ts), the cheaper road
   * for `/next` and buffered answers; streamed responses still POST over HTTP (streaming.ts).
   */
  constructor(address: string, private readonly pipe?: RuntimePipe) {
    const separator = address.lastIndexOf(':');
    if (separator <= 0) throw new Error(`AWS_LAMBDA_RUNTIME_API must be host:port, got '${address}'`);
    this.hostname = address.slice(0, separator).replace(/^\[|\]$/g, '');
    this.port = Number.parseInt(address.slice(separator + 1), 10);
    if (!Number.isInteger(this.port)) throw new Error(`AWS_LAMBDA_RUNTIME_API has no valid port: '${address}'`);
  }

  /** Waits (with no timeout, as Lambda's clients do) for the next invocation. */
  next(): Promise<NextInvocation> {
    if (this.pipe) return this.pipe.next();
    return new Promise((resolve, reject) => {
      const request = http.request(
        { hostname: this.hostname, port: this.port, path: `${API_PREFIX}/invocation/next`, method: 'GET', agent: this.agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            if (response.statusCode !== 200) {
              reject(new Error(`Runtime API answered ${response.statusCode} to /invocation/next: ${Buffer.concat(chunks).toString()}`));
              return;
            }
            resolve({ body: Buffer.concat(chunks), headers: response.headers });
          });
        },
      );
      request.on('error', reject);
      request.end();
    });
  }

  postResponse(requestId: string, body: string): Promise<void> {
    if (this.pipe) return this.track(this.pipe.send({ t: 'response', id: requestId, contentType: 'application/json' }, body));
    return this.post(`/invocation/${encodeURIComponent(requestId)}/response`, body, {});
  }

  postError(requestId: string, error: RuntimeErrorBody, options: { fatal?: boolean } = {}): Promise<void> {
    // Frames keep their order: a crash report cannot overtake an answer already sent.
    if (this.pipe) return this.track(this.pipe.send({ t: 'error', id: requestId, errorType: error.errorType }, JSON.stringify(error)));
    return this.post(`/invocation/${encodeURIComponent(requestId)}/error`, JSON.stringify(error),
      { [ERROR_TYPE_HEADER]: error.errorType }, options.fatal);
  }

  postInitError(error: RuntimeErrorBody): Promise<void> {
    if (this.pipe) return this.track(this.pipe.send({ t: 'init-error', errorType: error.errorType }, JSON.stringify(error)));
    return this.post('/init/error', JSON.stringify(error), { [ERROR_TYPE_HEADER]: error.errorType }, true);
  }

  /** Resolves once every POST already started has been answered (or failed). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  /**
   * `fatal` posts (the process exits right after) use their own connection: the keep-alive socket may be
   * busy with a `/next` that will never return, and they first let any response already on its way land,
   * so an answer the handler gave is not overtaken by a crash report.
   */
  private post(path: string, body: string, headers: Record<string, string>, fatal = false): Promise<void> {
    const send = (): Promise<void> => new Promise((resolve, reject) => {
      const request = http.request(
        {
          hostname: this.hostname,
          port: this.port,
          path: `${API_PREFIX}${path}`,
          method: 'POST',
          agent: fatal ? false : this.agent,
          headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), ...headers },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve());
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
    return this.track(fatal ? this.settled().then(send) : send());
  }

  private track(sent: Promise<void>): Promise<void> {
    const tracked = sent.finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    return tracked;
  }

  dispose(): void {
    this.agent.destroy();
  }
}
