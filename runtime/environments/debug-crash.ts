// A known V8 bug (nodejs/node#57606, fixed in Node 24) can kill a Node 20 or 22 process while a debugger has it
// paused: V8 prints `Check failed: needs_context && current_scope_ == closure_scope_ …` and the process dies of
// SIGTRAP. Users see only `Runtime.ExitError … signal: trap`, which reads like a fault of their code; this says
// in one line what happened and what to do, where they look (the invocation's error, the log, the Debug Console).

/** The line V8 writes to stderr when it hits the bug. */
const V8_CHECK_FAILURE = /Check failed: needs_context\b/;

/** What to tell the user: one line, pointing to README's "Debugging" section, which explains the workaround. */
export const DEBUG_CRASH_HINT =
  'This is a known V8 bug of Node 20 and 22 while paused in the debugger (nodejs/node#57606), not your code: debug the invocation again, or point lambkin.nodeRuntimes at a Node 24 while you debug (README, "Debugging").';

/** Whether a stderr line is V8's report of the bug. */
export function isV8PauseCrashLine(line: string): boolean {
  return V8_CHECK_FAILURE.test(line);
}

/**
 * The hint for a process that died, or undefined when its death is not this bug: it must have run under the
 * debugger, and have died of SIGTRAP or printed V8's check failure (the signal alone, without the line, when
 * stderr was cut short by the death).
 */
export function debugCrashHint(death: { debugged: boolean; signal: NodeJS.Signals | null; sawV8CheckFailure: boolean }): string | undefined {
  if (!death.debugged) return undefined;
  return death.signal === 'SIGTRAP' || death.sawV8CheckFailure ? DEBUG_CRASH_HINT : undefined;
}
