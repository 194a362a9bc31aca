// Splits a process's output into lines without losing a partial line between chunks.
import { StringDecoder } from 'node:string_decoder';

/** Lines longer than this are cut, so one runaway write cannot hold the runtime's memory. */
const MAX_LINE_CHARS = 256 * 1024;

export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: Buffer): void {
    const text = this.pending + this.decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      this.onLine(text.slice(start, end));
      start = end + 1;
    }
    this.pending = text.slice(start);
    if (this.pending.length > MAX_LINE_CHARS) {
      this.onLine(this.pending);
      this.pending = '';
    }
  }

  flush(): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest.length > 0) this.onLine(rest);
  }
}
