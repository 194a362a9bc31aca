// Undoes `aws-chunked` framing (SigV4 streaming uploads): `hex-size[;chunk-signature=…]\r\n<bytes>\r\n` …
// `0[;…]\r\n`, then trailer lines (`x-amz-checksum-crc32:<b64>`) and a blank line. The SDK streams bodies this
// way with a checksum trailer; storing them as received would store the framing. Signatures are not checked.
import { Transform, type TransformCallback } from 'node:stream';
import { S3Error } from './errors';

const MAX_LINE = 4096;

type State = 'size' | 'data' | 'data-end' | 'trailer' | 'done';

export class AwsChunkedDecoder extends Transform {
  /** Trailer fields, lower-cased names (available once the stream ended). */
  readonly trailers = new Map<string, string>();
  private state: State = 'size';
  private line = Buffer.alloc(0);
  private remaining = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    // A final `0\r\n` with no blank line after it is how the SDK ends a body without a trailer.
    if (this.state === 'done' || (this.state === 'trailer' && this.line.length === 0)) callback();
    else callback(incomplete());
  }

  private consume(chunk: Buffer): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.state === 'data') {
        const take = Math.min(this.remaining, chunk.length - offset);
        this.push(chunk.subarray(offset, offset + take));
        offset += take;
        this.remaining -= take;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      if (this.state === 'done') {
        offset = chunk.length;
        continue;
      }
      const newline = chunk.indexOf(0x0a, offset);
      const end = newline === -1 ? chunk.length : newline + 1;
      this.line = Buffer.concat([this.line, chunk.subarray(offset, end)]);
      offset = end;
      if (this.line.length > MAX_LINE) throw malformed('a chunk header line is too long');
      if (newline === -1) continue;
      const text = this.line.toString('latin1').replace(/\r?\n$/, '');
      this.line = Buffer.alloc(0);
      this.handleLine(text);
    }
  }

  private handleLine(text: string): void {
    switch (this.state) {
      case 'size': {
        const size = /^([0-9a-fA-F]{1,16})(;.*)?$/.exec(text);
        if (!size) throw malformed(`"${text.slice(0, 40)}" is not a chunk size`);
        this.remaining = parseInt(size[1], 16);
        this.state = this.remaining === 0 ? 'trailer' : 'data';
        return;
      }
      case 'data-end':
        if (text !== '') throw malformed('a chunk is longer than its size says');
        this.state = 'size';
        return;
      case 'trailer': {
        if (text === '') {
          this.state = 'done';
          return;
        }
        const colon = text.indexOf(':');
        if (colon <= 0) throw malformed(`"${text.slice(0, 40)}" is not a trailer field`);
        this.trailers.set(text.slice(0, colon).trim().toLowerCase(), text.slice(colon + 1).trim());
        return;
      }
      default:
        return;
    }
  }
}

function malformed(what: string): S3Error {
  return new S3Error('InvalidRequest', `The aws-chunked body is malformed: ${what}.`, 400);
}

function incomplete(): S3Error {
  return new S3Error('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header.', 400);
}
