// The local DynamoDB and DynamoDB Streams on the endpoint: JSON 1.0 in and out, DynamoDB's error bodies,
// `x-amz-crc32` on every answer (the SDK checks it), and the calls of the extension (tables, items, reset).
import { crc32 } from 'node:zlib';
import type * as http from 'node:http';
import { readBody } from '../wire/body';
import type { LocalModel, LocalService, ServiceContext, ServiceRequest } from '../service';
import type { MappingStatus } from '../../event-sources/mappings/status';
import { dynamoOperation } from './api';
import type { DynamoBackend } from './backend';
import { DynamoError, type Json } from './engine';
import { streamsOperation } from './streams-api';
import { dynamoCall } from './calls';

const CONTENT_TYPE = 'application/x-amz-json-1.0';
/** DynamoDB's request limit. */
const BODY_LIMIT = 16 * 1024 * 1024;

function send(res: http.ServerResponse, requestId: string, body: unknown, status = 200): void {
  const text = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'Content-Type': CONTENT_TYPE, 'x-amzn-RequestId': requestId, 'x-amz-crc32': String(crc32(text)), 'Content-Length': text.length });
  res.end(text);
}

async function answer(request: ServiceRequest, ctx: ServiceContext, name: string, run: (operation: string, params: Json) => Promise<Json>): Promise<void> {
  const { req, res, requestId } = request;
  try {
    const body = await readBody(req, BODY_LIMIT);
    if (body === 'too-large') throw DynamoError.validation('Request size exceeded 16777216 bytes');
    let params: unknown;
    try {
      params = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
    } catch {
      throw new DynamoError({ __type: 'com.amazon.coral.service#SerializationException', message: 'Start of structure or map found where not expected.' });
    }
    if (typeof params !== 'object' || params === null || Array.isArray(params)) {
      throw new DynamoError({ __type: 'com.amazon.coral.service#SerializationException', message: 'Start of structure or map found where not expected.' });
    }
    send(res, requestId, await run(request.operation ?? '', params as Json));
  } catch (error) {
    if (error instanceof DynamoError) return send(res, requestId, error.body, error.status);
    ctx.log('error', `${name} ${request.operation ?? ''} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    send(res, requestId, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: `Lambkin's local ${name} failed: ${error instanceof Error ? error.message : String(error)}` }, 500);
  }
}

export class DynamoDbService implements LocalService {
  readonly id = 'dynamodb' as const;

  constructor(private readonly ctx: ServiceContext, private readonly backend: Promise<DynamoBackend>) {}

  async handle(request: ServiceRequest): Promise<void> {
    const backend = await this.backend;
    this.warnIfInMemory(backend);
    await answer(request, this.ctx, 'DynamoDB', (operation, params) => dynamoOperation(backend.parts, operation, params));
  }

  async sync(model: LocalModel): Promise<void> {
    await (await this.backend).sync(model);
  }

  async call(call: string, params: unknown): Promise<unknown> {
    const backend = await this.backend;
    this.warnIfInMemory(backend);
    return dynamoCall(backend, call, params);
  }

  /** Whether the in-memory store was reported: once, at the first request, when a log reader is surely listening. */
  private toldInMemory = false;

  private warnIfInMemory(backend: DynamoBackend): void {
    const warning = backend.persistenceWarning;
    if (!warning || this.toldInMemory) return;
    this.toldInMemory = true;
    this.ctx.log('warn', warning);
  }

  /** Empties one table (by name) or all of them, with their streams. */
  async reset(resource?: string): Promise<void> {
    await (await this.backend).reset(resource);
  }

  mappings(): MappingStatus[] {
    return this.ready?.mappings.statuses() ?? [];
  }

  /** The backend once open (mappings() must answer at once). */
  ready: DynamoBackend | undefined;

  async close(): Promise<void> {
    await (await this.backend).close();
  }
}

export class DynamoDbStreamsService implements LocalService {
  readonly id = 'dynamodbstreams' as const;

  constructor(private readonly ctx: ServiceContext, private readonly backend: Promise<DynamoBackend>) {}

  async handle(request: ServiceRequest): Promise<void> {
    const backend = await this.backend;
    const parts = { engine: backend.parts.engine, streams: backend.parts.streams, scope: this.ctx.scope, now: Date.now };
    await answer(request, this.ctx, 'DynamoDB Streams', (operation, params) => streamsOperation(parts, operation, params));
  }

  /** DynamoDB's service follows the template for both. */
  async sync(): Promise<void> {}

  async close(): Promise<void> {}
}
