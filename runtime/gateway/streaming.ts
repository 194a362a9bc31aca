// Function URL response streaming: relays a streamifyResponse handler's chunks to the client as they
// arrive. With `awslambda.HttpResponseStream.from(...)` the stream starts with a JSON prelude
// ({statusCode, headers, cookies}) and 8 NUL bytes; without it the response is a 200 of the stream's
// content type.
import type * as http from 'node:http';
import type { StreamObserver } from '../runtime-api/types';
import type { HeaderList } from './responses';

export const HTTP_INTEGRATION_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
const DELIMITER = Buffer.alloc(8);

export interface StreamHead {
  status: number;
  headers: HeaderList;
}

export class StreamRelay implements StreamObserver {
  private mode: 'waiting' | 'prelude' | 'body' = 'waiting';
  private pending = Buffer.alloc(0);
  private contentType = 'application/octet-stream';

  constructor(private readonly res: http.ServerResponse, private readonly extraHeaders: HeaderList) {}

  /** True once the status line went out: the invocation's outcome can no longer change it. */
  get started(): boolean {
    return this.mode === 'body';
  }

  onStart(contentType: string): void {
    this.contentType = contentType;
    this.mode = contentType === HTTP_INTEGRATION_CONTENT_TYPE ? 'prelude' : 'body';
    if (this.mode === 'body') this.writeHead({ status: 200, headers: [['Content-Type', contentType]] });
  }

  onChunk(chunk: Buffer): void {
    if (this.mode === 'body') {
      this.res.write(chunk);
      return;
    }
    if (this.mode !== 'prelude') return;
    this.pending = Buffer.concat([this.pending, chunk]);
    const split = splitPrelude(this.pending);
    if (!split) return;
    this.mode = 'body';
    this.pending = Buffer.alloc(0);
    this.writeHead(split.head);
    if (split.body.length > 0) this.res.write(split.body);
  }

  /** Ends a started response. A stream that ended before its prelude was complete is decoded whole. */
  finish(payload: Buffer): void {
    if (this.mode === 'body') {
      this.res.end();
      return;
    }
    const split = this.contentType === HTTP_INTEGRATION_CONTENT_TYPE ? splitPrelude(payload) : undefined;
    this.writeHead(split?.head ?? { status: 200, headers: [['Content-Type', this.contentType]] });
    this.res.end(split ? split.body : payload);
  }

  private writeHead(head: StreamHead): void {
    this.mode = 'body';
    const headers = [...head.headers, ...this.extraHeaders];
    this.res.writeHead(head.status, headers.flat());
  }
}

/** Prelude and body of an http-integration-response stream; undefined until the delimiter arrived. */
export function splitPrelude(data: Buffer): { head: StreamHead; body: Buffer } | undefined {
  const at = data.indexOf(DELIMITER);
  if (at === -1) return undefined;
  let prelude: { statusCode?: unknown; headers?: unknown; cookies?: unknown } = {};
  try {
    const parsed: unknown = JSON.parse(data.subarray(0, at).toString('utf8'));
    if (typeof parsed === 'object' && parsed !== null) prelude = parsed as typeof prelude;
  } catch {
    // A prelude that is not JSON leaves the defaults, as Lambda does.
  }
  const status = typeof prelude.statusCode === 'number' && prelude.statusCode >= 100 && prelude.statusCode <= 599 ? prelude.statusCode : 200;
  const headers: HeaderList = [];
  if (typeof prelude.headers === 'object' && prelude.headers !== null) {
    for (const [name, value] of Object.entries(prelude.headers)) headers.push([name, String(value)]);
  }
  if (Array.isArray(prelude.cookies)) for (const cookie of prelude.cookies) headers.push(['Set-Cookie', String(cookie)]);
  return { head: { status, headers }, body: data.subarray(at + DELIMITER.length) };
}
