// Receives an object's bytes (PutObject, UploadPart) into a temporary file while working out its MD5 and
// checksum, then checks what the client said about them: Content-MD5, x-amz-checksum-* (header or aws-chunked
// trailer), x-amz-content-sha256, x-amz-decoded-content-length. Anything that does not match removes the file
// and is S3's error; only a body that arrived whole and checked out is handed on to be renamed into place.
import { createHash } from 'node:crypto';
import { createWriteStream, promises as fs, writeFileSync } from 'node:fs';
import type * as http from 'node:http';
import { Transform, Writable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AwsChunkedDecoder } from './chunked';
import { checksumHeader, CHECKSUM_ALGORITHMS, hasher, isChecksumAlgorithm, type ChecksumAlgorithm, type Hasher } from './checksums';
import { errors, S3Error } from './errors';
import type { Md5Sum, Md5Thread } from './md5-thread';

/** Bytes handed to the disk per write: fewer, larger writes for big bodies. */
const WRITE_CHUNK = 1024 * 1024;
/**
 * Bodies declared this small are gathered in memory and written with one synchronous call once checked:
 * opening, writing and closing a file through the thread pool costs more than the write itself.
 */
const SMALL_BODY = 1024 * 1024;

export interface ReceivedBody {
  temp: string;
  size: number;
  md5Hex: string;
  checksum?: { algorithm: ChecksumAlgorithm; value: string };
}

/** The checksum algorithm a request uses, from its headers; undefined when it sends none. */
export function requestedChecksum(headers: http.IncomingHttpHeaders): ChecksumAlgorithm | undefined {
  const named = header(headers, 'x-amz-sdk-checksum-algorithm') ?? header(headers, 'x-amz-checksum-algorithm');
  if (named !== undefined) {
    const upper = named.toUpperCase();
    if (!isChecksumAlgorithm(upper)) throw errors.invalidRequest(`Checksum algorithm ${named} is not one of ${CHECKSUM_ALGORITHMS.join(', ')}.`);
    return upper;
  }
  const trailer = header(headers, 'x-amz-trailer')?.toLowerCase();
  return CHECKSUM_ALGORITHMS.find((algorithm) => headers[checksumHeader(algorithm)] !== undefined || trailer === checksumHeader(algorithm));
}

export async function receiveBody(req: http.IncomingMessage, temp: string, maxSize: number, md5Thread: Md5Thread): Promise<ReceivedBody> {
  const headers = req.headers;
  const sha256Header = header(headers, 'x-amz-content-sha256');
  const chunked = (header(headers, 'content-encoding') ?? '').split(',').some((token) => token.trim() === 'aws-chunked') || (sha256Header ?? '').startsWith('STREAMING-');
  const declared = Number(chunked ? (header(headers, 'x-amz-decoded-content-length') ?? Number.NaN) : (header(headers, 'content-length') ?? Number.NaN));
  if (declared > maxSize) {
    req.resume();
    throw entityTooLarge(declared, maxSize);
  }
  const algorithm = requestedChecksum(headers);
  const md5 = md5Thread.begin(declared, SMALL_BODY);
  const sum = new BodySum(maxSize, md5, algorithm ? hasher(algorithm) : undefined, /^[0-9a-f]{64}$/.test(sha256Header ?? '') && !chunked);
  const decoder = chunked ? new AwsChunkedDecoder() : undefined;
  const memory = declared <= SMALL_BODY ? new MemorySink(declared) : undefined;
  try {
    const sink = memory ?? createWriteStream(temp, { highWaterMark: WRITE_CHUNK });
    await (decoder ? pipeline(req, decoder, sum, sink) : pipeline(req, sum, sink));
    if (req.readableAborted || !req.complete) throw new S3Error('IncompleteBody', 'The request body ended before all of it arrived.', 400);
    if (!Number.isNaN(declared) && chunked && declared !== sum.size) {
      throw new S3Error('IncompleteBody', `The decoded body has ${sum.size} bytes; x-amz-decoded-content-length says ${declared}.`, 400);
    }
    const md5Digest = await md5.digest();
    const contentMd5 = header(headers, 'content-md5');
    if (contentMd5 !== undefined) {
      if (!/^[A-Za-z0-9+/]{22}==$/.test(contentMd5)) throw new S3Error('InvalidDigest', 'The Content-MD5 you specified was invalid.', 400);
      if (contentMd5 !== md5Digest.toString('base64')) throw errors.badDigest('The Content-MD5 you specified did not match what we received.');
    }
    if (sum.sha256 && sum.sha256.digest('hex') !== sha256Header) {
      throw new S3Error('XAmzContentSHA256Mismatch', 'The provided \'x-amz-content-sha256\' header does not match what was computed.', 400);
    }
    let checksum: ReceivedBody['checksum'];
    if (algorithm && sum.checksum) {
      const value = await sum.checksum.digest();
      const expected = header(headers, checksumHeader(algorithm)) ?? decoder?.trailers.get(checksumHeader(algorithm));
      if (expected !== undefined && expected !== value) throw errors.badDigest(`The ${algorithm} you specified did not match the calculated checksum.`);
      checksum = { algorithm, value };
    }
    // Written as a whole, to the temporary file like a streamed body (renamed into place by the caller).
    if (memory) writeFileSync(temp, memory.bytes());
    return { temp, size: sum.size, md5Hex: md5Digest.toString('hex'), ...(checksum ? { checksum } : {}) };
  } catch (error) {
    md5.drop();
    req.resume();
    await fs.rm(temp, { force: true });
    if (error instanceof S3Error) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ERR_STREAM_PREMATURE_CLOSE') throw new S3Error('IncompleteBody', 'The request body ended before all of it arrived.', 400);
    throw error;
  }
}

function entityTooLarge(size: number, max: number): S3Error {
  return new S3Error('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400, { ProposedSize: size, MaxSizeAllowed: max });
}

/** Passes the bytes through, hashing and counting them (the MD5 perhaps on its own thread). */
class BodySum extends Transform {
  readonly sha256;
  size = 0;

  constructor(private readonly maxSize: number, private readonly md5: Md5Sum, readonly checksum: Hasher | undefined, verifySha256: boolean) {
    super();
    this.sha256 = verifySha256 ? createHash('sha256') : undefined;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxSize) return callback(entityTooLarge(this.size, this.maxSize));
    const handedOver = this.md5.update(chunk);
    this.sha256?.update(chunk);
    this.checksum?.update(chunk);
    if (!handedOver) return callback(null, chunk);
    // The MD5 thread is far behind: hold the body back until it catches up.
    handedOver.then(() => callback(null, chunk), callback);
  }
}

/**
 * Keeps a small body's bytes. A body longer than declared (aws-chunked framing may say more than its decoded
 * length) keeps only its count: the length check refuses it before anything is written.
 */
class MemorySink extends Writable {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.size += chunk.length;
    if (this.size <= this.limit) this.chunks.push(chunk);
    callback();
  }

  bytes(): Buffer {
    return this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
  }
}

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}
