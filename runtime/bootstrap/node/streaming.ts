// Response streaming: the `awslambda` global (streamifyResponse, HttpResponseStream) and the writable
// stream a streaming handler gets, POSTed to the Runtime API as a chunked body with error trailers.
import http from 'node:http';
import { Writable } from 'node:stream';
import { invalidStreamingOperationError, toErrorBody } from './errors';
import type { RuntimeApiClient } from './runtime-client';

const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';
const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const PRELUDE_DELIMITER_LENGTH = 8;
const TRAILER_ERROR_TYPE = 'Lambda-Runtime-Function-Error-Type';
const TRAILER_ERROR_BODY = 'Lambda-Runtime-Function-Error-Body';

type Marked = Record<symbol, unknown>;

/** 'response' for a streamifyResponse handler, false otherwise; other marks are Lambda's MalformedStreamingHandler. */
export function streamingMode(handler: unknown): typeof STREAM_RESPONSE | false | 'malformed' {
  const mark = (handler as Marked)[HANDLER_STREAMING];
  if (mark === undefined || mark === null || mark === false) return false;
  return mark === STREAM_RESPONSE ? STREAM_RESPONSE : 'malformed';
}

export function streamingHighWaterMark(handler: unknown): number | undefined {
  const value = Number.parseInt(String((handler as Marked)[HANDLER_HIGHWATERMARK]), 10);
  return Number.isNaN(value) ? undefined : value;
}

type BeforeFirstWrite = (write: (chunk: string | Uint8Array) => void) => void;

/** The stream a streaming handler writes to. Only the first write may still change the content type. */
export class ResponseStream extends Writable {
  /** Set by HttpResponseStream.from: writes the JSON prelude and NUL delimiter before the first chunk. */
  _onBeforeFirstWrite: BeforeFirstWrite | undefined;
  /** Resolves when the Runtime API has answered the POST (after the body and any trailers were sent). */
  readonly responseDone: Promise<void>;
  private readonly request: http.ClientRequest;
  private started = false;
  private failure: Record<string, string> | undefined;

  constructor(client: RuntimeApiClient, requestId: string, highWaterMark?: number) {
    super(highWaterMark === undefined ? {} : { highWaterMark });
    this.request = http.request({
      hostname: client.hostname,
      port: client.port,
      method: 'POST',
      path: `/2018-06-01/runtime/invocation/${encodeURIComponent(requestId)}/response`,
      agent: client.agent,
      headers: {
        'Lambda-Runtime-Function-Response-Mode': 'streaming',
        Trailer: `${TRAILER_ERROR_TYPE}, ${TRAILER_ERROR_BODY}`,
        'Content-Type': 'application/octet-stream',
        'Transfer-Encoding': 'chunked',
      },
    });
    this.responseDone = new Promise((resolve, reject) => {
      this.request.on('response', (response) => {
        response.resume();
        response.on('end', resolve);
      });
      this.request.on('error', reject);
    });
    // Failures surface through responseDone; an unobserved rejection must not crash the function.
    this.responseDone.catch(() => undefined);
  }

  setContentType(contentType: string): void {
    if (this.started) throw invalidStreamingOperationError('Cannot set content-type, too late.');
    this.request.setHeader('Content-Type', contentType);
  }

  // Lambda's stream accepts any value: non-binary chunks are written as their JSON text.
  override write(chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
    const data = typeof chunk === 'string' || chunk instanceof Uint8Array ? chunk : JSON.stringify(chunk);
    return (super.write as (...args: unknown[]) => boolean)(data, encoding, callback);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.startBody();
    if (this.request.write(chunk)) callback();
    else this.request.once('drain', () => callback());
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.startBody();
    if (this.failure) this.request.addTrailers(this.failure);
    this.request.end(() => callback());
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    if (!this.request.writableEnded) this.request.destroy(error ?? undefined);
    callback(error);
  }

  /** Ends the response with Lambda's error trailers (what the invoker sees as a mid-stream error). */
  fail(error: unknown): void {
    if (this.writableEnded || this.destroyed) return;
    const body = toErrorBody(error);
    this.failure = {
      [TRAILER_ERROR_TYPE]: body.errorType,
      [TRAILER_ERROR_BODY]: Buffer.from(JSON.stringify(body)).toString('base64'),
    };
    this.end();
  }

  private startBody(): void {
    if (this.started) return;
    this.started = true;
    // Even a body-less response carries its prelude, so a Function URL still gets status and headers.
    this._onBeforeFirstWrite?.((chunk) => { this.request.write(chunk); });
  }
}

interface Prelude {
  statusCode?: number;
  headers?: Record<string, string>;
  cookies?: string[];
}

/** `awslambda.HttpResponseStream`: Function URL responses (status, headers, cookies) ahead of the body. */
export class HttpResponseStream {
  static from(underlyingStream: ResponseStream, prelude: Prelude): ResponseStream {
    underlyingStream.setContentType(HTTP_INTEGRATION_CONTENT_TYPE);
    const metadata = JSON.stringify(prelude);
    underlyingStream._onBeforeFirstWrite = (write) => {
      write(metadata);
      write(new Uint8Array(PRELUDE_DELIMITER_LENGTH));
    };
    return underlyingStream;
  }
}

/** Installs `globalThis.awslambda` before user code loads, unless AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA opts out. */
export function installAwsLambdaGlobal(env: NodeJS.ProcessEnv): void {
  const optOut = env.AWS_LAMBDA_NODEJS_NO_GLOBAL_AWSLAMBDA;
  if (optOut === '1' || optOut === 'true') return;
  const existing = (globalThis as { awslambda?: object }).awslambda;
  (globalThis as { awslambda?: object }).awslambda = {
    ...existing,
    streamifyResponse: <T extends object>(handler: T, options?: { highWaterMark?: number }): T => {
      (handler as Marked)[HANDLER_STREAMING] = STREAM_RESPONSE;
      if (typeof options?.highWaterMark === 'number') {
        (handler as Marked)[HANDLER_HIGHWATERMARK] = Math.trunc(options.highWaterMark);
      }
      return handler;
    },
    HttpResponseStream,
  };
}
