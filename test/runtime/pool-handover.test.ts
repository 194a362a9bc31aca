// How the pool hands environments to invocations, through real processes and the real Lambda client:
// strictly sequential calls stay in one warm environment, and an event never goes to an environment that
// answered and then died before asking for more work (only the invocation in flight may fail).
import { InvokeCommand } from '@aws-sdk/client-lambda';
import assert from 'node:assert/strict';
import path from 'node:path';
import { json, startTestRuntime, type TestRuntime } from './support';

const TEMPLATE = path.resolve(__dirname, '../fixtures/devloop-app/template.yaml');

const invoke = (t: TestRuntime, name: string, event: unknown) =>
  t.client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)) }));

describe('environment hand-over', function () {
  this.timeout(180_000);
  let t: TestRuntime;
  beforeEach(async () => (t = await startTestRuntime({ templates: [TEMPLATE] })));
  afterEach(async () => t.close());

  it('runs 300 strictly sequential invokes in one warm environment', async () => {
    const pids = new Set<number>();
    let last = 0;
    for (let i = 1; i <= 300; i++) {
      const out = await invoke(t, 'Counter', {});
      const body = json(out.Payload) as { invocations: number; pid: number };
      pids.add(body.pid);
      last = body.invocations;
    }
    const started = t.events.filter((event) => event.event === 'environment.started').length;
    assert.deepEqual({ environments: pids.size, started, moduleCount: last }, { environments: 1, started: 1, moduleCount: 300 });
  });

  it('never hands an event to an environment that answered and died: only invocations in flight fail', async function () {
    this.timeout(400_000);
    // One event in four asks for a fault (Node: in flight, or stray work after returning; a custom runtime:
    // answers, then exits without asking for more). Every other event must succeed, wherever it went.
    const faults = [
      ['Faulty', 'exit'], ['Faulty', 'throw'], ['Faulty', 'exit-after'], ['Faulty', 'throw-after'],
      ['Faulty', 'stray-rejection'], ['FaultyCustom', 'exit-after'],
    ];
    const plan = Array.from({ length: 180 }, (_, i) => {
      const [name, fault] = faults[(i >> 2) % faults.length];
      return i % 4 === 3 ? { name, fault } : { name, fault: undefined };
    });
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < plan.length) {
        const { name, fault } = plan[next++];
        const out = await invoke(t, name, fault ? { fault } : {});
        const body = Buffer.from(out.Payload ?? []).toString('utf8');
        // A machine too busy to start Node within Lambda's 10 s INIT limit fails a cold start as Lambda would:
        // that is load, not the hand-over under test (which shows as Runtime.ExitError).
        if (!fault && out.FunctionError && !body.includes('INIT phase exceeded')) failures.push(`${name}: ${body}`);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    assert.deepEqual(failures, [], `${failures.length} plain invocations failed`);
  });

  it('runs an event in another environment when its runtime gave up waiting for work before taking it', async () => {
    const first = json((await invoke(t, 'FaultyCustom', { fault: 'abandon-next' })).Payload) as { pid: number };
    // The runtime drops its request for work, then exits a second later (within the timeout): an event handed to it now never reaches it.
    await waitFor(() => t.events.some((event) => event.event === 'log' && event.data.line.includes('gave up waiting for work')));
    const out = await invoke(t, 'FaultyCustom', {});
    assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString('utf8'));
    assert.notEqual((json(out.Payload) as { pid: number }).pid, first.pid);
  });
});

async function waitFor(condition: () => boolean, limitMs = 30_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
