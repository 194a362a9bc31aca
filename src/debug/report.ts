// How a debugged invocation's outcome reads in the Debug Console: what came back, how long it took, what
// Lambda would have billed and charged. No vscode here.
import { formatDurationMs, formatUsd, invocationCost } from '../../runtime/cost';
import type { ControlMethods, InvocationResult } from '../../runtime/protocol/control';
import type { FunctionConfig } from '../../runtime/template/model';
import type { OutputCategory } from './dap';

export type InvokeReply = ControlMethods['invoke']['result'];

export interface ReportLine {
  text: string;
  category: OutputCategory;
}

/** The payload as indented JSON when it is JSON, else as it came. */
function readable(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

/** `12.3 ms, billed 13 ms, 256 MB (max used 61 MB), init 180 ms: $0.0000021 on Lambda` */
export function describeMeasures(result: InvocationResult, fn: FunctionConfig, region: string): string {
  const parts = [formatDurationMs(result.durationMs), `billed ${formatDurationMs(result.billedDurationMs)}`, `${result.memorySizeMb} MB (max used ${result.maxMemoryUsedMb} MB)`];
  if (result.initDurationMs !== undefined) parts.push(`init ${formatDurationMs(result.initDurationMs)}`);
  let cost = '';
  try {
    const price = invocationCost({ memoryMb: result.memorySizeMb, billedMs: result.billedDurationMs, architecture: fn.architecture, region, ephemeralStorageMb: fn.ephemeralStorage });
    cost = `: ${formatUsd(price.total)} on Lambda (${price.pricing.region})`;
  } catch {
    // A shape Lambda would refuse (the template says so in Problems): no price rather than a wrong one.
  }
  return `${parts.join(', ')}${cost}`;
}

/** The lines that close a single-invoke session. `paused` adds that the duration counts time at breakpoints. */
export function describeReply(reply: InvokeReply, fn: FunctionConfig, region: string, paused: boolean): ReportLine[] {
  if (reply.statusCode === 429) {
    return [{ text: `${fn.name} was throttled (HTTP 429): ${reply.payload}`, category: 'stderr' }];
  }
  const result = reply.result;
  const failed = reply.functionError !== undefined || (result !== undefined && result.status !== 'success');
  const how = result?.status === 'timeout' ? 'timed out' : failed ? `failed (${result?.errorType ?? reply.functionError ?? 'error'})` : 'returned';
  const lines: ReportLine[] = [{ text: `${fn.name} ${how}, request ${reply.requestId}:`, category: failed ? 'stderr' : 'important' }];
  lines.push({ text: readable(reply.payload), category: failed ? 'stderr' : 'stdout' });
  if (result) {
    const note = paused ? ' (the duration includes the time paused in the debugger; the timeout clock was not running then)' : '';
    lines.push({ text: `${describeMeasures(result, fn, region)}${note}`, category: 'console' });
  }
  return lines;
}

/** One line per invocation in serve mode. */
export function describeServed(result: InvocationResult, fn: FunctionConfig | undefined, region: string): ReportLine {
  const how = result.status === 'success' ? 'ok' : result.status === 'timeout' ? 'timed out' : `${result.status} (${result.errorType ?? result.functionError ?? 'error'})`;
  const measures = fn ? describeMeasures(result, fn, region) : `${formatDurationMs(result.durationMs)}, billed ${formatDurationMs(result.billedDurationMs)}`;
  return { text: `${result.functionName} ${result.requestId}: ${how}, ${measures}`, category: result.status === 'success' ? 'console' : 'stderr' };
}
