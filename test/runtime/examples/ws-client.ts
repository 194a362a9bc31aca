// A WebSocket client for the example tests: connects, keeps every JSON frame it receives, and waits for a
// frame that matches (frames pushed through @connections arrive in no fixed order relative to each other).
import WebSocket from 'ws';

export interface Frames<T> {
  socket: WebSocket;
  frames: T[];
  next(match: (frame: T) => boolean, what: string, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

export function connect<T = Record<string, unknown>>(url: string): Promise<Frames<T>> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const frames: T[] = [];
    const waiters = new Set<() => void>();
    socket.on('message', (data: Buffer) => {
      frames.push(JSON.parse(data.toString('utf8')) as T);
      for (const waiter of waiters) waiter();
    });
    socket.once('unexpected-response', (_request, response) => reject(new Error(`the upgrade was refused: HTTP ${response.statusCode}`)));
    socket.once('error', reject);
    socket.once('open', () => resolve({
      socket,
      frames,
      next: (match, what, timeoutMs = 20_000) => new Promise<T>((found, fail) => {
        const check = () => {
          const frame = frames.find(match);
          if (frame === undefined) return;
          done();
          found(frame);
        };
        const timer = setTimeout(() => {
          done();
          fail(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; frames so far: ${JSON.stringify(frames)}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      }),
      close: () => new Promise<void>((closed) => {
        if (socket.readyState === WebSocket.CLOSED) return closed();
        socket.once('close', () => closed());
        socket.close(1000, 'bye');
      }),
    }));
  });
}

/** Resolves with the HTTP status a refused upgrade answered. */
export function refusedStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.once('unexpected-response', (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once('open', () => {
      socket.close();
      reject(new Error(`${url} was accepted`));
    });
    socket.once('error', () => undefined);
  });
}
