// The Node inspector's own lines on stderr: they tell where to attach and when a debugger attached, and
// they are not the function's output, so they stay out of its log.

export interface DebugOptions {
  /** Stop before the first line of the bootstrap, so breakpoints in the handler's module bind on the first run. */
  breakOnStart: boolean;
  /** Configuration the debug session changes for its environments only (the template stays as it is). */
  overrides?: DebugOverrides;
}

export interface DebugOverrides {
  /** Variables added to (or replacing) the function's own. */
  environment?: Record<string, string>;
  /** MB, 128–10240. */
  memorySize?: number;
  /** Seconds, 1–900. */
  timeout?: number;
}

const LISTENING = /^Debugger listening on (ws:\/\/\S+)/;
const NOISE = [/^For help, see: https:\/\/nodejs\.org\/\S*inspector/, /^Debugger attached\.$/, /^Waiting for the debugger to disconnect\.\.\.$/, /^Debugger ending on /];

export type InspectorLine = { kind: 'listening'; url: string; port: number } | { kind: 'attached' } | { kind: 'noise' } | undefined;

export function inspectorLine(line: string): InspectorLine {
  const listening = LISTENING.exec(line);
  if (listening) return { kind: 'listening', url: listening[1], port: Number(new URL(listening[1]).port) };
  if (line === 'Debugger attached.') return { kind: 'attached' };
  return NOISE.some((pattern) => pattern.test(line)) ? { kind: 'noise' } : undefined;
}
