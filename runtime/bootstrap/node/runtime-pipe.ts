// The bootstrap's end of the environment's pipe (fd 3, see runtime-api/pipe-frames.ts): `/next` and the
// answers as frames instead of HTTP requests. Only Lambkin's runtime opens it, and says so in the environment.
import net from 'node:net';
import { encodeFrame, FrameReader, type BootstrapFrame, type EnvironmentFrame } from '../../runtime-api/pipe-frames';
import type { NextInvocation } from './runtime-client';

export class RuntimePipe {
  private readonly socket: net.Socket;
  private waiting: { resolve(next: NextInvocation): void; reject(error: Error): void } | undefined;
  private closed: Error | undefined;

  constructor(fd: number) {
    this.socket = new net.Socket({ fd, readable: true, writable: true });
    // Only a pending `next` keeps the process alive (as its HTTP request would): between invocations the
    // event loop must be able to drain, which is how Lambda's Node runtime tells a handler's work is done.
    this.socket.unref();
    const reader = new FrameReader<EnvironmentFrame>((frame, body) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      this.socket.unref();
      if (!waiting) return;
      if (frame.t === 'invocation') waiting.resolve({ body, headers: frame.headers });
      else waiting.reject(new Error(`Runtime API answered 403 to /invocation/next: ${frame.message}`));
    });
    this.socket.on('data', (chunk: Buffer) => reader.push(chunk));
    this.socket.on('error', (error) => this.close(error));
    this.socket.on('close', () => this.close(new Error('the Runtime API pipe closed')));
  }

  next(): Promise<NextInvocation> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.ref();
      // The peak memory rides along: the runtime reports it as Max Memory Used without reading /proc.
      this.socket.write(encodeFrame({ t: 'next', peakRssKb: process.resourceUsage().maxRSS }));
    });
  }

  /** Resolves once the frame is handed to the pipe. */
  send(frame: BootstrapFrame, body: string): Promise<void> {
    if (this.closed) return Promise.reject(this.closed);
    return new Promise((resolve, reject) => {
      this.socket.write(encodeFrame(frame, body), (error) => (error ? reject(error) : resolve()));
    });
  }

  private close(error: Error): void {
    this.closed ??= error;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(error);
  }
}
