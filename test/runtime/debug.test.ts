// Debugging support in the runtime: environments under the Node inspector (waiting for a debugger on
// --inspect-brk, announced with their port), and the timeout clock held while a debugger pauses.
import { InvokeCommand } from '@aws-sdk/client-lambda';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import type { ControlEventData } from '../../runtime/protocol/control';
import { json, startTestRuntime, type TestRuntime } from './support';

function nextEvent(t: TestRuntime, name: 'environment.inspectable'): Promise<ControlEventData<'environment.inspectable'>>;
function nextEvent(t: TestRuntime, name: 'invocation.started'): Promise<ControlEventData<'invocation.started'>>;
function nextEvent(t: TestRuntime, name: 'invocation.finished'): Promise<ControlEventData<'invocation.finished'>>;
function nextEvent(t: TestRuntime, name: string): Promise<unknown> {
  return new Promise((resolve) => {
    const subscription = t.runtime.onEvent((event) => {
      if (event.event === name) {
        subscription.dispose();
        resolve(event.data);
      }
    });
  });
}

/** What a debugger does first: let the program run (it is waiting on --inspect-brk). */
async function attachAndContinue(url: string): Promise<WebSocket> {
  const socket = new WebSocket(url);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  socket.send(JSON.stringify({ id: 1, method: 'Runtime.runIfWaitingForDebugger' }));
  return socket;
}

describe('debugging support', function () {
  let t: TestRuntime;
  beforeEach(async () => (t = await startTestRuntime()));
  afterEach(async () => t.close());

  it('starts a debuggable environment that waits for a debugger, then runs the invocation', async () => {
    await t.client.send(new InvokeCommand({ FunctionName: 'Echo', Payload: Buffer.from('{}') }));
    assert.equal(t.runtime.setDebug('Echo', { breakOnStart: true }), 1, 'the warm, non-debug environment is retired');
    const inspectable = nextEvent(t, 'environment.inspectable');
    const invocation = t.client.send(new InvokeCommand({ FunctionName: 'Echo', Payload: Buffer.from('{"debug":1}'), LogType: 'Tail' }));
    const { port, inspectorUrl, functionName } = await inspectable;
    assert.equal(functionName, 'Echo');
    assert.ok(port > 0);
    // Longer than nothing: the environment really waits for the debugger before init.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const socket = await attachAndContinue(inspectorUrl);
    const out = await invocation;
    socket.close();
    assert.deepEqual((json(out.Payload) as { event: unknown }).event, { debug: 1 });
    const log = Buffer.from(out.LogResult ?? '', 'base64').toString();
    assert.doesNotMatch(log, /Debugger listening|Debugger attached|nodejs\.org\/en\/docs\/inspector/, 'inspector chatter stays out of the function log');
    t.runtime.setDebug('Echo', undefined);
  });

  it('holds the timeout clock while the debugger is paused', async () => {
    const started = nextEvent(t, 'invocation.started');
    const invocation = t.client.send(new InvokeCommand({ FunctionName: 'Behave', Payload: Buffer.from('{"sleepMs":1500}') }));
    const { environmentId } = await started;
    const held = nextEvent(t, 'invocation.finished');
    assert.equal(t.runtime.holdClock(environmentId!, true), true);
    const out = await invocation;
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
    const heldRecord = await held;
    // Held from just after the start to the end: nearly all of the 1.5 s handler, which the record reports.
    assert.ok(heldRecord.pausedMs! >= 1000 && heldRecord.pausedMs! <= heldRecord.durationMs, `paused ${heldRecord.pausedMs} ms of ${heldRecord.durationMs} ms`);
    t.runtime.holdClock(environmentId!, false);
    const released = nextEvent(t, 'invocation.finished');
    const timedOut = await t.client.send(new InvokeCommand({ FunctionName: 'Behave', Payload: Buffer.from('{"sleepMs":1500}') }));
    assert.equal((json(timedOut.Payload) as { errorType: string }).errorType, 'Sandbox.Timedout', 'released clocks time out again');
    assert.equal((await released).pausedMs, undefined, 'a clock never held reports no paused time');
  });

  it('applies a debug session\'s overrides to its environments only', async () => {
    t.runtime.setDebug('Echo', { breakOnStart: false, overrides: { memorySize: 256, timeout: 5, environment: { STAGE: 'debug' } } });
    const debugged = json((await t.client.send(new InvokeCommand({ FunctionName: 'Echo', Payload: Buffer.from('{}') }))).Payload) as { memoryLimitInMB: string; stage: string };
    assert.deepEqual([debugged.memoryLimitInMB, debugged.stage], ['256', 'debug']);
    t.runtime.setDebug('Echo', undefined);
    const plain = json((await t.client.send(new InvokeCommand({ FunctionName: 'Echo', Payload: Buffer.from('{}') }))).Payload) as { memoryLimitInMB: string; stage: string };
    assert.deepEqual([plain.memoryLimitInMB, plain.stage], ['128', 'test'], 'the template configuration is back');
  });

  it('refuses to debug a function that does not exist', () => {
    assert.throws(() => t.runtime.setDebug('Ghost', { breakOnStart: true }), /Function not found: Ghost/);
  });
});
