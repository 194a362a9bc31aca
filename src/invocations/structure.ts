// The structure of Lambkin's documents, read back from their text (the layout render.ts writes): sections
// and parts for folding, the outline, breadcrumbs and sticky scroll; JSON blocks for folding; one request's
// START … REPORT in a log; source locations in stack traces, for links. No vscode here.
import { PART, SECTION } from './render';

export interface Block {
  name: string;
  /** 0-based, inclusive. */
  startLine: number;
  endLine: number;
  kind: 'section' | 'part' | 'json' | 'request';
}

function lastContentLine(lines: string[], from: number, before: number): number {
  let end = before - 1;
  while (end > from && lines[end]!.trim() === '') end--;
  return end;
}

function headerName(line: string): string {
  return line.replace(/^(── |┄┄ )/, '').replace(/\s+[─┄]+$/, '');
}

/** The `── ` sections and `┄┄ ` parts of an invocation document. */
export function sections(text: string): Block[] {
  const lines = text.split('\n');
  const headers = lines.flatMap((line, index) => (line.startsWith(SECTION) || line.startsWith(PART) ? [index] : []));
  return headers.map((startLine, index) => {
    const next = headers[index + 1] ?? lines.length;
    return {
      name: headerName(lines[startLine]!),
      startLine,
      endLine: lastContentLine(lines, startLine, next),
      kind: lines[startLine]!.startsWith(SECTION) ? 'section' : 'part',
    };
  });
}

/** Pretty-printed JSON objects and arrays spanning lines: `{` or `[` at a line's end, to its closer at the same indent. */
export function jsonBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const blocks: Block[] = [];
  const open: { line: number; indent: string; closer: string }[] = [];
  lines.forEach((line, index) => {
    const indent = /^\s*/.exec(line)![0];
    const top = open[open.length - 1];
    if (top && indent === top.indent && line.trimStart().startsWith(top.closer)) {
      open.pop();
      if (index > top.line + 1) blocks.push({ name: '', startLine: top.line, endLine: index, kind: 'json' });
    }
    const last = line.trimEnd().slice(-1);
    if ((last === '{' || last === '[') && !line.startsWith(SECTION) && !line.startsWith(PART)) {
      open.push({ line: index, indent, closer: last === '{' ? '}' : ']' });
    }
  });
  return blocks;
}

const START = /^(?:\[[^\]\s]+\] )?START RequestId: (\S+)/;
const REPORT = /^(?:\[[^\]\s]+\] )?REPORT RequestId: (\S+)/;

/** Each request's lines in a log, from its START to its REPORT. */
export function requestBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const started = new Map<string, number>();
  const blocks: Block[] = [];
  lines.forEach((line, index) => {
    const start = START.exec(line);
    if (start) started.set(start[1]!, index);
    const report = REPORT.exec(line);
    const from = report ? started.get(report[1]!) : undefined;
    if (report && from !== undefined && index > from) blocks.push({ name: report[1]!, startLine: from, endLine: index, kind: 'request' });
  });
  return blocks;
}

export interface SourceLocation {
  line: number;
  /** Columns of the matched text on its line (0-based, end exclusive). */
  start: number;
  end: number;
  file: string;
  /** 1-based, as stack traces print them. */
  fileLine: number;
  fileColumn?: number;
}

// `/abs/path/file.ts:12:5`, `file:///abs/path/file.mjs:3:1`, `C:\dir\file.js:4:2` (JSON-escaped `C:\\dir\\…` too).
// A path starts a word: `node:internal/timers:1:2` holds none.
const LOCATION = /(?:file:\/\/|(?<![\w:./\\]))((?:\/|[A-Za-z]:\\)[^\s()'"`:,[\]]+):(\d+)(?::(\d+))?/g;

/** Source locations written in stack traces (`at handler (/app/src/app.ts:12:5)`). */
export function sourceLocations(text: string): SourceLocation[] {
  const found: SourceLocation[] = [];
  text.split('\n').forEach((lineText, line) => {
    for (const match of lineText.matchAll(LOCATION)) {
      const file = match[1]!.replace(/\\\\/g, '\\');
      found.push({ line, start: match.index, end: match.index + match[0].length, file, fileLine: Number(match[2]), fileColumn: match[3] === undefined ? undefined : Number(match[3]) });
    }
  });
  return found;
}
