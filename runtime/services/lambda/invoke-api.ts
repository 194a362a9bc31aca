// Lambda's Invoke API (`POST /2015-03-31/functions/{name}/invocations`) on 127.0.0.1, close enough to AWS
// that @aws-sdk/client-lambda pointed at it works unchanged: invocation types, Tail logs, function errors and
// the service errors with their headers and bodies.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LambkinRuntime } from '../../lambkin-runtime';
import { functionArn } from '../../environments/variables';
import { accountOf, qualifierOf } from '../../template/function-reference';
import type { InvocationType } from '../../protocol/control';
import { refuse } from '../endpoint/server';
import { headerText as header, readBody } from '../wire/body';
import { acceptsQualifier, executedVersion } from './qualifiers';
import { serviceError, throttleError, type ServiceError } from './service-errors';

export const MAX_SYNC_REQUEST_BYTES = 6_291_456;
export const MAX_ASYNC_REQUEST_BYTES = 1_048_576;
const TAIL_BYTES = 4096;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

export class InvokeApiServer {
  private constructor(private readonly server: http.Server, readonly port: number) {}

  static async start(runtime: LambkinRuntime, port: number, host = '127.0.0.1'): Promise<InvokeApiServer> {
    let own = 0;
    const server = http.createServer((req, res) => {
      const refusal = runtime.localRequests.refusal(req, { port: own });
      if (refusal) return refuse(req, res, refusal);
      void handleLambdaApi(runtime, req, res);
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => {
        reject(error.code === 'EADDRINUSE' ? new Error(`Port ${port} on ${host} is already in use: stop the other program or pass --port with a free port.`) : error);
      });
      server.listen(port, host, () => resolve());
    });
    own = (server.address() as AddressInfo).port;
    runtime.localRequests.addPort(own);
    return new InvokeApiServer(server, own);
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** One request to Lambda's API, from the Invoke API's own port or from the local AWS endpoint. */
export async function handleLambdaApi(runtime: LambkinRuntime, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = INVOKE_PATH.exec(url.pathname);
    if (!match) {
      req.resume();
      return sendError(res, serviceError(404, 'UnknownOperationException', `Lambkin serves only the Invoke operation (POST /2015-03-31/functions/{name}/invocations); got ${req.method} ${url.pathname}.`));
    }
    if (req.method !== 'POST') {
      req.resume();
      return sendError(res, serviceError(405, 'MethodNotAllowedException', `Invoke takes POST, not ${req.method}.`));
    }
    const reference = decodeURIComponent(match[1]);
    const qualifier = url.searchParams.get('Qualifier') ?? qualifierOf(reference);
    const fn = runtime.findFunction(reference);
    if (!fn || !acceptsQualifier(fn, qualifier)) {
      req.resume();
      const arn = fn ? functionArn(fn, runtime.region, accountOf(reference)) : arnFor(reference, runtime.region);
      return sendError(res, serviceError(404, 'ResourceNotFoundException', `Function not found: ${arn}${qualifier && !arn.endsWith(`:${qualifier}`) ? `:${qualifier}` : ''}`));
    }
    const invocationType = header(req, 'x-amz-invocation-type') ?? 'RequestResponse';
    if (!['RequestResponse', 'Event', 'DryRun'].includes(invocationType)) {
      req.resume();
      return sendError(res, serviceError(400, 'InvalidParameterValueException', `1 validation error detected: Value '${invocationType}' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set: [Event, RequestResponse, DryRun]`));
    }
    const limit = invocationType === 'Event' ? MAX_ASYNC_REQUEST_BYTES : MAX_SYNC_REQUEST_BYTES;
    const body = await readBody(req, limit);
    if (body === 'too-large') {
      return sendError(res, serviceError(413, 'RequestEntityTooLargeException', `Request must be smaller than ${limit} bytes for the InvokeFunction operation`));
    }
    const invalid = invalidJson(body);
    if (invalid) return sendError(res, serviceError(400, 'InvalidRequestContentException', `Could not parse request body into json: Could not parse payload into json: ${invalid}`));
    const clientContext = decodeClientContext(header(req, 'x-amz-client-context'));
    if (clientContext === null) return sendError(res, serviceError(400, 'InvalidRequestContentException', 'Client context must be a valid Base64-encoded JSON object.'));
    const common = { 'X-Amz-Executed-Version': executedVersion(qualifier) };
    const qualified = qualifier === undefined || qualifier === '$LATEST' ? {} : { qualifier };

    if (invocationType === 'DryRun') return send(res, 204, { ...common, 'x-amzn-RequestId': randomUUID() });
    if (invocationType === 'Event') {
      const requestId = runtime.invokeAsync(fn.name, body, { clientContext, ...qualified })!;
      return send(res, 202, { ...common, 'x-amzn-RequestId': requestId });
    }

    const result = await runtime.invoke(fn.name, { payload: body, invocationType: invocationType as InvocationType, clientContext, ...qualified });
    if (!result) return sendError(res, serviceError(404, 'ResourceNotFoundException', `Function not found: ${arnFor(reference, runtime.region)}`));
    if (result.kind === 'throttled') return sendError(res, throttleError(result.reason), { 'x-amzn-RequestId': result.requestId });
    const headers: http.OutgoingHttpHeaders = { ...common, 'x-amzn-RequestId': result.requestId, 'Content-Type': result.contentType ?? 'application/json' };
    if (result.functionError) headers['X-Amz-Function-Error'] = result.functionError;
    if (header(req, 'x-amz-log-type') === 'Tail') {
      const record = await result.record;
      headers['X-Amz-Log-Result'] = tail(record.logs);
    }
    send(res, 200, headers, result.payload);
  } catch (error) {
    sendError(res, serviceError(500, 'ServiceException', `Lambkin failed to handle the request: ${error instanceof Error ? error.message : String(error)}`, 'Service'));
  }
}

/** The last 4 KB of the invocation's log, base64, as `X-Amz-Log-Result`. */
function tail(lines: string[]): string {
  const text = Buffer.from(lines.join('\n') + '\n');
  return text.subarray(Math.max(0, text.length - TAIL_BYTES)).toString('base64');
}

function invalidJson(body: Buffer): string | undefined {
  if (body.length === 0) return undefined;
  try {
    JSON.parse(body.toString('utf8'));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Undefined when absent, null when present but not base64 JSON. */
function decodeClientContext(value: string | undefined): string | undefined | null {
  if (!value) return undefined;
  const text = Buffer.from(value, 'base64').toString('utf8');
  try {
    JSON.parse(text);
    return text;
  } catch {
    return null;
  }
}

function arnFor(reference: string, region: string): string {
  return reference.startsWith('arn:') ? reference : `arn:aws:lambda:${region}:123456789012:function:${reference}`;
}

function send(res: http.ServerResponse, status: number, headers: http.OutgoingHttpHeaders, body?: Buffer): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...headers, 'Content-Length': body?.length ?? 0 });
  res.end(body);
}

function sendError(res: http.ServerResponse, error: ServiceError, extra: http.OutgoingHttpHeaders = {}): void {
  send(res, error.status, { ...error.headers, ...extra, 'Content-Type': 'application/json' }, Buffer.from(JSON.stringify(error.body)));
}
