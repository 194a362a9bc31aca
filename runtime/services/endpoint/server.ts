// The local AWS endpoint: one HTTP server on 127.0.0.1 (default port 4566) in front of every local service.
// It reads the signature and the caller's invocation chain, asks the router which service the request is for,
// and hands it over; a service that fails answers 500 and the endpoint stays up.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chainFromTraceHeader } from '../../event-sources/recursion';
import type { LocalService, ServiceId } from '../service';
import type { LocalRequests } from '../../security/local-requests';
import { routeRequest } from './router';
import { readSignature } from './sigv4';

const BAD_REQUEST = 'HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/** Which service answers, looked up per request (services arrive after the endpoint listens). */
export type ServiceLookup = (id: ServiceId) => LocalService | undefined;

export class AwsEndpoint {
  private lookup: ServiceLookup = () => undefined;

  private constructor(private readonly server: http.Server, readonly port: number, private readonly requests: LocalRequests) {}

  static async listen(port: number, requests: LocalRequests, host = '127.0.0.1'): Promise<AwsEndpoint> {
    const server = http.createServer();
    server.keepAliveTimeout = 60_000;
    // S3 uploads may be large and slow; never cut a request short on a timer.
    server.requestTimeout = 0;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${host} is already in use: stop the other program (another Lambkin or LocalStack?) or pass --aws-port with a free port (0 picks one).`) : error);
      });
      server.listen(port, host, () => resolve());
    });
    const endpoint = new AwsEndpoint(server, (server.address() as AddressInfo).port, requests);
    requests.addPort(endpoint.port);
    server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => void endpoint.handle(req, res));
    // No AWS service here speaks WebSocket: refuse upgrades plainly instead of leaving the socket open.
    // (An upgraded socket belongs to no response, so it is destroyed once the refusal is written.)
    server.on('upgrade', (_req, socket) => socket.end(BAD_REQUEST, () => socket.destroy()));
    server.on('clientError', (_error, socket) => {
      if (socket.writable) socket.end(BAD_REQUEST, () => socket.destroy());
      else socket.destroy();
    });
    return endpoint;
  }

  /** `http://127.0.0.1:<port>`: an IP literal, so S3 clients use path-style addressing. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  serve(lookup: ServiceLookup): void {
    this.lookup = lookup;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = randomUUID();
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const signature = readSignature(req.headers, url.searchParams);
      const route = routeRequest(req.method ?? 'GET', url.pathname, req.headers, signature);
      // S3 answers browsers by each bucket's CORS rules (a page uploading with a presigned PUT); the rest of
      // the endpoint is for local programs only.
      const refusal = this.requests.refusal(req, { port: this.port, anyOrigin: route.service === 's3', subdomainsOfLocalhost: true });
      if (refusal) return refuse(req, res, refusal);
      if (route.service === 'unsupported') return notServed(req, res, requestId, route.name, route.json);
      const service = this.lookup(route.service);
      if (!service) return notServed(req, res, requestId, route.service, route.operation !== undefined);
      const trace = req.headers['x-amzn-trace-id'];
      await service.handle({ req, res, url, requestId, signature, operation: route.operation, chain: chainFromTraceHeader(Array.isArray(trace) ? trace[0] : trace) });
    } catch (error) {
      // A service bug must not take the endpoint down: the client gets a 500 it can read.
      if (!res.headersSent) {
        res.writeHead(500, { 'Content-Type': 'application/json', 'x-amzn-RequestId': requestId });
        res.end(JSON.stringify({ __type: 'InternalFailure', message: `Lambkin failed to handle the request: ${error instanceof Error ? error.message : String(error)}` }));
      } else {
        res.destroy();
      }
    }
  }
}

/** 403 with the reason on one line. */
export function refuse(req: http.IncomingMessage, res: http.ServerResponse, reason: string): void {
  req.resume();
  res.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(reason) + 1, Connection: 'close' });
  res.end(`${reason}\n`);
}

const SERVED = 'S3, DynamoDB and DynamoDB Streams, SQS, SNS, EventBridge, EventBridge Scheduler and Lambda';

function notServed(req: http.IncomingMessage, res: http.ServerResponse, requestId: string, name: string, json: boolean): void {
  req.resume();
  const message = `Lambkin's local AWS endpoint does not serve ${name}; it serves ${SERVED}. Point this client at AWS, or leave ${name} out of local runs.`;
  const body = json ? JSON.stringify({ __type: 'UnknownOperationException', message }) : `<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>${escapeXml(message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
  res.writeHead(400, { 'Content-Type': json ? 'application/x-amz-json-1.0' : 'text/xml', 'x-amzn-RequestId': requestId, 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
