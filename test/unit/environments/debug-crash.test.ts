// Which deaths of an environment are the V8 bug that kills paused Node 20/22 processes (nodejs/node#57606).
import assert from 'node:assert/strict';
import { DEBUG_CRASH_HINT, debugCrashHint, isV8PauseCrashLine } from '../../../runtime/environments/debug-crash';

describe('the V8 debug crash (nodejs/node#57606)', () => {
  it('recognises V8\'s check failure line and nothing else', () => {
    assert.equal(isV8PauseCrashLine('# Check failed: needs_context && current_scope_ == closure_scope_ && current_scope_->is_function_scope() && !function_.is_null().'), true);
    assert.equal(isV8PauseCrashLine('Error: Check failed: the order total'), false);
    assert.equal(isV8PauseCrashLine('needs_context'), false);
  });

  it('names a debugged process that died of SIGTRAP or printed the check failure, with the way out', () => {
    assert.equal(debugCrashHint({ debugged: true, signal: 'SIGTRAP', sawV8CheckFailure: false }), DEBUG_CRASH_HINT);
    assert.equal(debugCrashHint({ debugged: true, signal: 'SIGABRT', sawV8CheckFailure: true }), DEBUG_CRASH_HINT);
    assert.match(DEBUG_CRASH_HINT, /nodejs\/node#57606.*debug the invocation again.*lambkin\.nodeRuntimes at a Node 24.*README, "Debugging"/);
    assert.equal(DEBUG_CRASH_HINT.includes('\n'), false, 'one line');
  });

  it('leaves other deaths alone: not debugged, or another signal without the line', () => {
    assert.equal(debugCrashHint({ debugged: false, signal: 'SIGTRAP', sawV8CheckFailure: true }), undefined);
    assert.equal(debugCrashHint({ debugged: true, signal: 'SIGKILL', sawV8CheckFailure: false }), undefined);
    assert.equal(debugCrashHint({ debugged: true, signal: null, sawV8CheckFailure: false }), undefined);
  });
});
