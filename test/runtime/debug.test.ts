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

/** A debugger's side of the inspector protocol, as far as these tests need it. */
class Inspector {
  private nextId = 1;
  private readonly messages: Array<{ id?: number; method?: string; params?: Record<string, unknown> }> = [];
  private readonly listeners = new Set<() => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.messages.push(JSON.parse(data.toString()) as { id?: number; method?: string });
      for (const listener of this.listeners) listener();
    });
  }

  static async attach(url: string): Promise<Inspector> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new Inspector(socket);
  }

  send(method: string): Promise<void> {
    const id = this.nextId++;
    this.socket.send(JSON.stringify({ id, method }));
    return this.until(`the answer to ${method}`, (message) => message.id === id).then(() => undefined);
  }

  /** The first message (already received or to come) that matches. */
  until(what: string, match: (message: { id?: number; method?: string; params?: Record<string, unknown> }) => boolean): Promise<{ params?: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      // Generous: reaching it means the message never comes (e.g. an environment that did not wait).
      const deadline = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`${what} never came from the inspector (waited 15 s)`));
      }, 15_000);
      const check = (): void => {
        const found = this.messages.find(match);
        if (!found) return;
        clearTimeout(deadline);
        this.listeners.delete(check);
        resolve(found);
      };
      this.listeners.add(check);
      this.socket.once('close', () => reject(new Error(`the inspector closed before ${what}`)));
      check();
    });
  }

  close(): void {
    this.socket.close();
  }
}

describe('debugging support', function () {
  let t: TestRuntime;
  beforeEach(async () => (t = await startTestRuntime()));
  afterEach(async () => t.close());

  it('starts a debuggable environment that waits for a debugger, then runs the invocation', async () => {
    const warm = t.nextFinished();
    await t.client.send(new InvokeCommand({ FunctionName: 'Behave', Payload: Buffer.from('{}') }));
    await warm;
    // Behave's template timeout is 1 s: the 1.5 s invocation below succeeds only under the session's 5 s.
    assert.equal(t.runtime.setDebug('Behave', { breakOnStart: true, overrides: { timeout: 5 } }), 1, 'the warm, non-debug environment is retired');
    const inspectable = nextEvent(t, 'environment.inspectable');
    const eventsBefore = t.events.length;
    let settled = false;
    const invocation = t.client.send(new InvokeCommand({ FunctionName: 'Behave', Payload: Buffer.from('{"sleepMs":1500}'), LogType: 'Tail' }))
      .finally(() => { settled = true; });
    const { port, inspectorUrl, functionName } = await inspectable;
    assert.equal(functionName, 'Behave');
    assert.ok(port > 0);
    const inspector = await Inspector.attach(inspectorUrl);
    try {
      await inspector.send('Debugger.enable');
      await inspector.send('Runtime.runIfWaitingForDebugger');
      // --inspect-brk: the bootstrap stops before its first line, so nothing of the function has run yet.
      const paused = await inspector.until('the break on start', (message) => message.method === 'Debugger.paused');
      assert.equal(paused.params?.reason, 'Break on start');
      assert.equal(settled, false, 'the invocation waits while the environment is stopped at its first line');
      assert.deepEqual(t.events.slice(eventsBefore).filter((event) => event.event === 'invocation.finished' || event.event === 'log'), [], 'no output and no result yet');
      await inspector.send('Debugger.resume');
      const out = await invocation;
      assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
      assert.equal((json(out.Payload) as { invocations: number }).invocations, 1, 'a fresh environment ran the invocation');
      const log = Buffer.from(out.LogResult ?? '', 'base64').toString();
      assert.match(log, /Duration: 1[5-9]\d\d\.\d\d ms/, 'ran its 1.5 s within the overridden 5 s timeout');
      assert.doesNotMatch(log, /Debugger listening|Debugger attached|nodejs\.org\/en\/docs\/inspector/, 'inspector chatter stays out of the function log');
    } finally {
      inspector.close();
      t.runtime.setDebug('Behave', undefined);
    }
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
