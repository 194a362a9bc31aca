// The text of an invocation document (`lambkin-invocation:` URIs, language `lambkin-invocation`): a
// header with the status and a time bar, then the event, the response or error, what those hold as
// strings decoded beneath them, and the log lines. The layout is the grammar's contract
// (syntaxes/lambkin-invocation.tmLanguage.json): `── ` starts a section, `┄┄ ` a decoded part. No vscode here.
import type { InvocationResult, InvocationStatus, InvocationSummary } from '../../runtime/protocol/control';
import { formatDuration, formatTime } from '../views/describe';
import { isFinished } from '../views/nodes';
import { splitLogLine } from './logBuffer';
import { errorTrace, formatBytes, nestedPayloads, parsePayload, type NestedPayload } from './payloads';
import { timeBar, timeLegend, type Timing } from './timeBar';

export type AnyInvocation = InvocationResult | InvocationSummary;

/** One glyph per state, in the document's status line and the tab's badge. */
export const StatusGlyphs: Record<InvocationStatus | 'running' | 'cold', string> = {
  success: '✓',
  error: '✗',
  timeout: '◷',
  throttled: '⊘',
  running: '◌',
  cold: '❄',
};

const STATUS_WORDS: Record<InvocationStatus, string> = { success: 'success', error: 'error', timeout: 'timed out', throttled: 'throttled' };

export const SECTION = '── ';
export const PART = '┄┄ ';
const RULE_WIDTH = 60;

/** `HelloFunction · 14.9 ms · 04:33:31`: the tab's title and the document's first line. */
export function invocationTitle(invocation: AnyInvocation): string {
  const what = !isFinished(invocation) ? 'running' : invocation.status === 'throttled' ? 'throttled' : formatDuration(invocation.durationMs);
  return `${invocation.functionName} · ${what} · ${formatTime(invocation.startedAt)}`;
}

function timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** `Error: boom` from an error body (`errorType`, `errorMessage`), else its type alone. */
function errorSummary(invocation: InvocationResult): string {
  const parsed = parsePayload(invocation.response);
  const body = parsed.json && typeof parsed.value === 'object' && parsed.value !== null ? (parsed.value as Record<string, unknown>) : {};
  const type = typeof body.errorType === 'string' ? body.errorType : (invocation.errorType ?? invocation.functionError ?? 'error');
  return typeof body.errorMessage === 'string' && body.errorMessage !== '' ? `${type}: ${oneLine(body.errorMessage)}` : type;
}

/** `✗ error · TypeError: x is undefined · ❄ cold start` */
export function statusLine(invocation: AnyInvocation): string {
  const parts: string[] = [];
  if (!isFinished(invocation)) {
    parts.push(`${StatusGlyphs.running} running`);
  } else {
    parts.push(`${StatusGlyphs[invocation.status]} ${STATUS_WORDS[invocation.status]}`);
    if (invocation.status === 'error') parts.push(errorSummary(invocation));
  }
  if (invocation.coldStart) parts.push(`${StatusGlyphs.cold} cold start`);
  parts.push(invocation.invocationType);
  return parts.join(' · ');
}

function rule(title: string, glyph: string, marker: string): string {
  const head = `${marker}${title} `;
  return `${head}${glyph.repeat(Math.max(3, RULE_WIDTH - head.length))}`;
}

function field(name: string, value: string): string {
  return `${name.padEnd(13)}${value}`;
}

function nestedTitle(part: NestedPayload): string {
  const type = part.contentType ? `, ${part.contentType}` : '';
  switch (part.kind) {
    case 'json': return `${part.path} · ${part.encoding}, decoded: JSON`;
    case 'text': return `${part.path} · ${part.encoding}, decoded: text${type}`;
    case 'binary': return `${part.path} · ${part.encoding}: ${formatBytes(part.bytes)} of ${part.contentType ?? 'binary data'} (not shown)`;
  }
}

/** A payload section, then each string it nests decoded beneath it; an error's stack as lines. */
function payloadSection(title: string, payload: string): string[] {
  const parsed = parsePayload(payload);
  // Only JSON gets the JSON grammar: text that merely starts with `{` (a clipped payload) would swallow what follows.
  if (!parsed.json) return [rule(`${title} · ${payload === '' ? 'empty' : 'not JSON'}`, '─', SECTION), parsed.text, ''];
  const lines = [rule(title, '─', SECTION), parsed.pretty, ''];
  for (const part of nestedPayloads(parsed.value)) {
    lines.push(rule(nestedTitle(part), '┄', PART));
    if (part.kind !== 'binary') lines.push(part.text);
    lines.push('');
  }
  const trace = title === 'Error' ? errorTrace(parsed.value) : undefined;
  if (trace) lines.push(rule('trace · stack trace', '┄', PART), ...trace, '');
  return lines;
}

/** What the time bar draws, from an invocation and its function's timeout (seconds, when known). */
export function timingOf(invocation: InvocationResult, timeoutSeconds: number | undefined): Timing {
  return {
    initMs: invocation.coldStart ? invocation.initDurationMs : undefined,
    durationMs: invocation.durationMs,
    billedMs: invocation.billedDurationMs,
    pausedMs: invocation.pausedMs,
    timeoutMs: timeoutSeconds === undefined ? undefined : timeoutSeconds * 1000,
    timedOut: invocation.status === 'timeout',
  };
}

/** The `Time` line with the bar and the legend beneath it, as the header (and the grammar) has them. */
export function timeLines(timing: Timing): [string, string] {
  return [field('Time', timeBar(timing)), field('', timeLegend(timing))];
}

export interface RenderOptions {
  /** The function's timeout in seconds, when its template still declares it. */
  timeoutSeconds?: number;
}

export function renderInvocation(invocation: AnyInvocation, options: RenderOptions = {}): string {
  const lines = [invocationTitle(invocation), statusLine(invocation), ''];
  lines.push(field('Request', invocation.requestId));
  lines.push(field('Started', timestamp(invocation.startedAt)));
  if (!isFinished(invocation)) {
    lines.push('', 'The invocation is still running: this document fills in when it finishes.');
    return `${lines.join('\n')}\n`;
  }
  lines.push(field('Memory', `${invocation.maxMemoryUsedMb} MB used of ${invocation.memorySizeMb} MB`));
  if (invocation.environmentId) lines.push(field('Environment', invocation.environmentId));
  if (invocation.attempt !== undefined) lines.push(field('Attempt', String(invocation.attempt)));
  if (invocation.status !== 'throttled') lines.push(...timeLines(timingOf(invocation, options.timeoutSeconds)));
  lines.push('');
  lines.push(...payloadSection('Event', invocation.event));
  lines.push(...payloadSection(invocation.functionError ? 'Error' : 'Response', invocation.response));
  const logLines = invocation.logs.flatMap(splitLogLine);
  lines.push(rule(`Logs · ${logLines.length} line${logLines.length === 1 ? '' : 's'}`, '─', SECTION));
  lines.push(...(logLines.length ? logLines : ['(no log lines)']));
  return `${lines.join('\n')}\n`;
}

export function renderMissingInvocation(requestId: string, maxShown: number): string {
  return `Invocation ${requestId} is no longer kept: Lambkin keeps the last ${maxShown} invocations of each function ("lambkin.maxInvocationsShown").\n`;
}
