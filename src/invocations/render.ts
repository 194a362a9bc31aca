// The text of the read-only documents behind `lambkin-invocation:` and `lambkin-logs:` URIs. No vscode here.
import type { InvocationResult, InvocationSummary } from '../../runtime/protocol/control';
import { formatDuration } from '../views/describe';

function timestamp(epochMs: number): string {
  return new Date(epochMs).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

/** Pretty-prints JSON payloads; anything else is shown as sent. */
export function prettyPayload(text: string): string {
  if (text === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function section(title: string, body: string): string {
  return `── ${title} ${'─'.repeat(Math.max(3, 60 - title.length))}\n${body}\n`;
}

function isFinished(invocation: InvocationResult | InvocationSummary): invocation is InvocationResult {
  return 'status' in invocation;
}

export function renderInvocation(invocation: InvocationResult | InvocationSummary): string {
  const header = [`${invocation.functionName} — request ${invocation.requestId}`, ''];
  const field = (name: string, value: string) => header.push(`${`${name}:`.padEnd(13)}${value}`);
  field('Started', timestamp(invocation.startedAt));
  field('Type', invocation.invocationType);
  if (!isFinished(invocation)) {
    field('Status', `running${invocation.coldStart ? ' (cold start)' : ''}`);
    return `${header.join('\n')}\n`;
  }
  const error = invocation.functionError ? ` — ${invocation.errorType ?? invocation.functionError}` : '';
  field('Status', `${invocation.status}${error}`);
  field('Duration', `${formatDuration(invocation.durationMs)} (billed ${formatDuration(invocation.billedDurationMs)})`);
  if (invocation.coldStart) {
    field('Cold start', invocation.initDurationMs === undefined ? 'yes' : `init ${formatDuration(invocation.initDurationMs)}`);
  }
  field('Memory', `${invocation.maxMemoryUsedMb} MB used of ${invocation.memorySizeMb} MB`);
  if (invocation.attempt !== undefined) field('Attempt', String(invocation.attempt));
  if (invocation.environmentId) field('Environment', invocation.environmentId);
  return [
    `${header.join('\n')}\n`,
    section('Event', prettyPayload(invocation.event)),
    section(invocation.functionError ? 'Error' : 'Response', prettyPayload(invocation.response)),
    section('Logs', invocation.logs.length ? invocation.logs.join('\n') : '(no log lines)'),
  ].join('\n');
}

export function renderMissingInvocation(requestId: string, maxShown: number): string {
  return `Invocation ${requestId} is no longer kept: Lambkin keeps the last ${maxShown} invocations of each function ("lambkin.maxInvocationsShown").\n`;
}

/** The last lines each function logged, for `lambkin-logs:` documents. */
export class FunctionLogBuffer {
  private readonly lines = new Map<string, string[]>();

  constructor(private readonly maxLines = 1000) {}

  append(functionName: string, line: string): void {
    let lines = this.lines.get(functionName);
    if (!lines) this.lines.set(functionName, (lines = []));
    lines.push(line);
    if (lines.length > this.maxLines) lines.splice(0, lines.length - this.maxLines);
  }

  render(functionName: string): string {
    const lines = this.lines.get(functionName);
    if (!lines?.length) return `No log lines from ${functionName} yet. Invoke it and its output appears here.\n`;
    return `${lines.join('\n')}\n`;
  }
}
