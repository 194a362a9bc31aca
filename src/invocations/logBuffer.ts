// The last lines each function logged, behind the `lambkin-logs:` documents. Lines arrive live as the
// function writes them; when an invocation finishes, its live lines are replaced by its record, which
// holds them in order between Lambda's own lines (INIT_START, START, END, REPORT), as a CloudWatch log
// stream shows them. That is also what lets "Open Logs at this request" find any request. No vscode here.
import type { InvocationResult } from '../../runtime/protocol/control';

export interface LogOrigin {
  requestId?: string;
  environmentId?: string;
}

interface Entry extends LogOrigin {
  line: string;
  /** Part of a finished invocation's record (never replaced again). */
  recorded: boolean;
}

/** Lambda's runtime writes a multi-line message as one line with `\r` between its lines. */
export function splitLogLine(line: string): string[] {
  return line.split(/\r\n?|\n/);
}

export interface LineRange {
  /** 0-based, inclusive, in the rendered text. */
  startLine: number;
  endLine: number;
}

export class FunctionLogBuffer {
  private readonly entries = new Map<string, Entry[]>();

  constructor(private readonly maxLines = 1000) {}

  append(functionName: string, line: string, origin: LogOrigin = {}): void {
    const entries = this.of(functionName);
    entries.push({ line, requestId: origin.requestId, environmentId: origin.environmentId, recorded: false });
    this.trim(entries);
  }

  /** Puts a finished invocation's record in place of its live lines (and, on a cold start, of its INIT's). */
  record(result: InvocationResult): void {
    const entries = this.of(result.functionName);
    if (entries.some((entry) => entry.recorded && entry.requestId === result.requestId)) return;
    const own = (entry: Entry) =>
      !entry.recorded &&
      (entry.requestId === result.requestId ||
        // INIT's lines carry no request id; on a cold start they are in the record, after INIT_START.
        (result.coldStart && entry.requestId === undefined && entry.environmentId !== undefined && entry.environmentId === result.environmentId));
    const first = entries.findIndex(own);
    const kept = entries.filter((entry) => !own(entry));
    const recorded = result.logs.map((line): Entry => ({ line, requestId: result.requestId, environmentId: result.environmentId, recorded: true }));
    kept.splice(first === -1 ? kept.length : first, 0, ...recorded);
    entries.splice(0, entries.length, ...kept);
    this.trim(entries);
  }

  render(functionName: string): string {
    const entries = this.entries.get(functionName);
    if (!entries?.length) return `No log lines from ${functionName} yet. Invoke it and its output appears here.\n`;
    return `${entries.flatMap((entry) => splitLogLine(entry.line)).join('\n')}\n`;
  }

  /** Where a request's lines are in `render`'s text, if the buffer still holds them. */
  locate(functionName: string, requestId: string): LineRange | undefined {
    let line = 0;
    let range: LineRange | undefined;
    for (const entry of this.entries.get(functionName) ?? []) {
      const height = splitLogLine(entry.line).length;
      if (entry.requestId === requestId) {
        range = { startLine: range?.startLine ?? line, endLine: line + height - 1 };
      }
      line += height;
    }
    return range;
  }

  private of(functionName: string): Entry[] {
    let entries = this.entries.get(functionName);
    if (!entries) this.entries.set(functionName, (entries = []));
    return entries;
  }

  private trim(entries: Entry[]): void {
    if (entries.length > this.maxLines) entries.splice(0, entries.length - this.maxLines);
  }
}
