// Starts a real runtime on the gateway fixture app with the gateway on an ephemeral port, and a small
// HTTP client that keeps repeated headers and raw bytes, as the tests need to see them.
import '../../support/fresh-dist'; // runs dist/: built from the sources first
import * as http from 'node:http';
import path from 'node:path';
import { HttpGateway } from '../../../runtime/gateway/http-gateway';
import { LambkinRuntime } from '../../../runtime/lambkin-runtime';
import type { InvocationResult } from '../../../runtime/protocol/control';

export const GATEWAY_TEMPLATE = path.resolve(__dirname, '../../fixtures/gateway-app/template.yaml');

export interface TestGateway {
  runtime: LambkinRuntime;
  gateway: HttpGateway;
  finished: InvocationResult[];
  close(): Promise<void>;
}

export async function startTestGateway(): Promise<TestGateway> {
  const runtime = await LambkinRuntime.create({
    templates: [GATEWAY_TEMPLATE],
    region: 'us-east-1',
    accountId: '123456789012',
    idleTimeoutMs: 60_000,
    accountConcurrency: 1000,
    nodePath: process.execPath,
    host: { PATH: process.env.PATH },
    // Tests write only to temporary folders: no .lambkin/stats/ beside the fixture template.
    statsFile: false,
  });
  const finished: InvocationResult[] = [];
  runtime.onEvent((event) => {
    if (event.event === 'invocation.finished') finished.push(event.data);
  });
  let gateway: HttpGateway;
  try {
    gateway = await HttpGateway.start(runtime, { port: 0 });
  } catch (error) {
    await runtime.close();
    throw error;
  }
  return {
    runtime,
    gateway,
    finished,
    close: async () => {
      await gateway.close();
      await runtime.close();
    },
  };
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer;
  text: string;
  json(): unknown;
}

export function request(endpoint: string, method: string, target: string, options: { headers?: Array<[string, string]>; body?: Buffer | string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const url = new URL(endpoint);
    const headers: string[] = ['Host', url.host, 'User-Agent', 'lambkin-test/1.0'];
    for (const [name, value] of options.headers ?? []) headers.push(name, value);
    const req = http.request({ host: url.hostname, port: url.port, method, path: target, headers: headers as unknown as http.OutgoingHttpHeaders, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, rawHeaders: res.rawHeaders, body, text, json: () => JSON.parse(text) as unknown });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Values of a response header, every occurrence, in order. */
export function headerValues(reply: Reply, name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i + 1 < reply.rawHeaders.length; i += 2) if (reply.rawHeaders[i].toLowerCase() === name.toLowerCase()) values.push(reply.rawHeaders[i + 1]);
  return values;
}
