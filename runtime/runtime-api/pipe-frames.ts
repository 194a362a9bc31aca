// The frames of the pipe between an execution environment and Lambkin's own Node bootstrap (its fd 3): the
// Runtime API's next / response / error / init-error exchange without HTTP, each message one write of
// [header length u32][body length u32][header JSON][body bytes]. Custom runtimes keep the HTTP Runtime API;
// this is only a cheaper road for the bootstrap Lambkin ships (see ARCHITECTURE.md, Performance).
// Node built-ins only: the bootstrap bundles this file too.

/** The environment variable that tells the bootstrap which file descriptor carries the frames. */
export const RUNTIME_PIPE_ENV = '_LAMBKIN_RUNTIME_PIPE';
/** The child's file descriptor of the pipe (after stdin, stdout, stderr). */
export const RUNTIME_PIPE_FD = 3;

/** From the bootstrap to the environment. */
export type BootstrapFrame =
  /** `peakRssKb`: the process's peak resident set so far (getrusage's maxRSS, the figure /proc's VmHWM holds). */
  | { t: 'next'; peakRssKb?: number }
  | { t: 'response'; id: string; contentType?: string }
  | { t: 'error'; id: string; errorType: string }
  | { t: 'init-error'; errorType: string };

/** From the environment to the bootstrap: the event with the headers `/next` would carry, or a refused `/next`. */
export type EnvironmentFrame =
  | { t: 'invocation'; headers: Record<string, string> }
  | { t: 'refused'; message: string };

const PREFIX_BYTES = 8;

/** One frame in one buffer (one write); a text body is encoded straight into it. */
export function encodeFrame(header: BootstrapFrame | EnvironmentFrame, body?: Uint8Array | string): Buffer {
  const json = JSON.stringify(header);
  const headerLength = Buffer.byteLength(json);
  const bodyLength = body === undefined ? 0 : typeof body === 'string' ? Buffer.byteLength(body) : body.length;
  const frame = Buffer.allocUnsafe(PREFIX_BYTES + headerLength + bodyLength);
  frame.writeUInt32LE(headerLength, 0);
  frame.writeUInt32LE(bodyLength, 4);
  frame.write(json, PREFIX_BYTES);
  if (typeof body === 'string') frame.write(body, PREFIX_BYTES + headerLength);
  else if (body) frame.set(body, PREFIX_BYTES + headerLength);
  return frame;
}

/** Reassembles frames from a stream's chunks, however the chunks cut them. */
export class FrameReader<T> {
  /** Bytes not yet consumed, as received: joined only once a whole frame is there (a large body arrives in many chunks). */
  private chunks: Buffer[] = [];
  private length = 0;
  /** The size of the frame being gathered, once its prefix is known. */
  private needed = PREFIX_BYTES;

  constructor(private readonly onFrame: (header: T, body: Buffer) => void) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.length += chunk.length;
    while (this.length >= this.needed) {
      let data = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.length);
      if (this.needed === PREFIX_BYTES) {
        this.needed = PREFIX_BYTES + data.readUInt32LE(0) + data.readUInt32LE(4);
        this.chunks = [data];
        if (this.length < this.needed) return;
      }
      const headerLength = data.readUInt32LE(0);
      const end = this.needed;
      const header = JSON.parse(data.toString('utf8', PREFIX_BYTES, PREFIX_BYTES + headerLength)) as T;
      // A view when the frame ends the data (the usual case: one frame, one chunk); otherwise a copy, so the
      // body does not keep other frames' bytes alive.
      const view = data.subarray(PREFIX_BYTES + headerLength, end);
      const body = end === data.length ? view : Buffer.from(view);
      data = data.subarray(end);
      this.chunks = data.length === 0 ? [] : [data];
      this.length = data.length;
      this.needed = PREFIX_BYTES;
      this.onFrame(header, body);
    }
  }
}
