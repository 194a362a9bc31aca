// Execution environments through real processes: warm reuse, init re-run after a timeout or a crash,
// memory limits, init errors, idle reaping, async retries and REPORT figures.
import { InvokeCommand } from '@aws-sdk/client-lambda';
import assert from 'node:assert/strict';
import { waitFor } from '../support/wait-for';
import { decodeLog, json, pidAlive, startTestRuntime, type TestRuntime } from './support';

const invoke = (t: TestRuntime, name: string, event: unknown, tail = true) =>
  t.client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), LogType: tail ? 'Tail' : 'None' }));

describe('execution environments', function () {
  let t: TestRuntime;
  beforeEach(async () => (t = await startTestRuntime()));
  afterEach(async () => t.close());

  it('runs init once, then reuses the warm environment (module state survives)', async () => {
    const first = await invoke(t, 'Behave', {});
    const second = await invoke(t, 'Behave', {});
    const a = json(first.Payload) as { invocations: number; pid: number };
    const b = json(second.Payload) as { invocations: number; pid: number };
    assert.equal(a.invocations, 1);
    assert.equal(b.invocations, 2);
    assert.equal(a.pid, b.pid);
    assert.match(decodeLog(first.LogResult), new RegExp(`INIT_START Runtime Version: nodejs:${process.versions.node.split('.')[0]}\\.v${process.versions.node.replace(/\./g, '\\.')}\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:`));
    assert.match(decodeLog(first.LogResult), /\tInit Duration: \d+\.\d\d ms/);
    assert.doesNotMatch(decodeLog(second.LogResult), /Init Duration|INIT_START/);
  });

  it('bills INIT on a cold start: Billed Duration = ceil(init + duration)', async () => {
    const out = await invoke(t, 'Echo', {});
    const report = /Duration: ([\d.]+) ms\tBilled Duration: (\d+) ms.*Init Duration: ([\d.]+) ms/.exec(decodeLog(out.LogResult));
    assert.ok(report, decodeLog(out.LogResult));
    const [duration, billed, init] = [Number(report[1]), Number(report[2]), Number(report[3])];
    assert.ok(billed >= Math.ceil(duration + init) - 1 && billed <= Math.ceil(duration + init) + 1, `${billed} vs ${duration} + ${init}`);
  });

  it('times out with Sandbox.Timedout, kills the environment and re-runs init next time', async () => {
    const warm = json((await invoke(t, 'Behave', {})).Payload) as { pid: number };
    const out = await invoke(t, 'Behave', { sleepMs: 5000 });
    assert.equal(out.FunctionError, 'Unhandled');
    const body = json(out.Payload) as { errorType: string; errorMessage: string };
    assert.equal(body.errorType, 'Sandbox.Timedout');
    assert.match(body.errorMessage, /^RequestId: [0-9a-f-]{36} Error: Task timed out after 1\.00 seconds$/);
    const log = decodeLog(out.LogResult);
    assert.match(log, /Task timed out after 1\.00 seconds/);
    assert.match(log, /Duration: 1000\.00 ms\tBilled Duration: 1000 ms\tMemory Size: 192 MB\tMax Memory Used: \d+ MB\tStatus: timeout/);
    assert.equal(pidAlive(warm.pid), false, 'the timed-out environment is gone');
    const after = await invoke(t, 'Behave', {});
    assert.equal((json(after.Payload) as { invocations: number }).invocations, 1, 'init ran again');
    assert.match(decodeLog(after.LogResult), /Init Duration/);
  });

  it('reports a crash as Runtime.ExitError and starts a fresh environment next time', async () => {
    const out = await invoke(t, 'Behave', { crash: true });
    assert.equal(out.FunctionError, 'Unhandled');
    const body = json(out.Payload) as { errorType: string; errorMessage: string };
    assert.equal(body.errorType, 'Runtime.ExitError');
    assert.match(body.errorMessage, /^RequestId: \S+ Error: Runtime exited with error: exit status 3$/);
    assert.match(decodeLog(out.LogResult), /Status: error\tError Type: Runtime\.ExitError/);
    const after = json((await invoke(t, 'Behave', {})).Payload) as { invocations: number };
    assert.equal(after.invocations, 1);
  });

  it('bounds memory by MemorySize: Runtime.OutOfMemory', async () => {
    // LongTimeout (192 MB) has a 60 s timeout: on a busy machine, allocating past 192 MB can take longer than the
    // 1 s of Behave, which then timed out first (Sandbox.Timedout) and made this test flaky under load.
    const out = await invoke(t, 'LongTimeout', { allocateMb: 400 });
    assert.equal(out.FunctionError, 'Unhandled');
    assert.equal((json(out.Payload) as { errorType: string }).errorType, 'Runtime.OutOfMemory', decodeLog(out.LogResult));
    const report = /Max Memory Used: (\d+) MB/.exec(decodeLog(out.LogResult));
    assert.ok(report && Number(report[1]) >= 150, decodeLog(out.LogResult));
    const stopped = await waitFor(() => t.events.find((e) => e.event === 'environment.stopped' && e.data.functionName === 'LongTimeout'), { what: 'LongTimeout\'s environment.stopped event' });
    assert.equal(stopped.event === 'environment.stopped' && stopped.data.reason, 'out-of-memory');
  });

  it('returns init errors to the invoker and retries init on the next invoke', async () => {
    const out = await invoke(t, 'BrokenInit', {});
    assert.equal(out.FunctionError, 'Unhandled');
    const body = json(out.Payload) as { errorType: string; errorMessage: string };
    assert.equal(body.errorType, 'Runtime.ImportModuleError');
    assert.match(body.errorMessage, /Cannot find module 'missing'/);
    const again = await invoke(t, 'BrokenInit', {});
    assert.match(decodeLog(again.LogResult), /INIT_START/);
  });

  it('writes platform lines as JSON when LoggingConfig.LogFormat is JSON', async () => {
    const out = await invoke(t, 'JsonLogs', { a: 1 });
    const lines = decodeLog(out.LogResult).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const types = lines.map((line) => line.type ?? line.level);
    assert.deepEqual(types.filter((type) => typeof type === 'string' && type.startsWith('platform.')), ['platform.initStart', 'platform.start', 'platform.runtimeDone', 'platform.report']);
    const report = lines.find((line) => line.type === 'platform.report')!.record as { metrics: Record<string, number>; status: string };
    assert.equal(report.status, 'success');
    assert.equal(report.metrics.memorySizeMB, 128);
    assert.ok(report.metrics.initDurationMs > 0);
    const app = lines.find((line) => line.level === 'INFO');
    assert.ok(app && typeof app.requestId === 'string');
  });

  it('emits lifecycle events for the control channel', async () => {
    const finished = t.nextFinished();
    await invoke(t, 'Echo', { x: 1 }, false);
    const result = await finished;
    assert.equal(result.functionName, 'Echo');
    assert.equal(result.coldStart, true);
    assert.equal(result.status, 'success');
    assert.ok(result.billedDurationMs >= 1);
    assert.ok(result.maxMemoryUsedMb > 0);
    assert.deepEqual(JSON.parse(result.event), { x: 1 });
    const names = t.events.map((e) => e.event);
    assert.ok(names.includes('environment.started'));
    assert.ok(names.includes('invocation.started'));
    assert.ok(names.includes('log'));
  });
});

describe('environment reaping and async retries', function () {
  it('stops environments idle for longer than the idle timeout', async () => {
    const t = await startTestRuntime({ idleTimeoutMs: 300 });
    try {
      const pid = (json((await invoke(t, 'Behave', {})).Payload) as { pid: number }).pid;
      const usedAt = Date.now();
      const stopped = await waitFor(() => t.events.find((e) => e.event === 'environment.stopped'), { what: 'the idle environment to be stopped' });
      assert.equal(stopped.event === 'environment.stopped' && stopped.data.reason, 'idle');
      assert.ok(Date.now() - usedAt >= 250, `stopped ${Date.now() - usedAt} ms after its invocation, before the 300 ms idle timeout`);
      assert.equal(pidAlive(pid), false, 'the process is gone once it is reported stopped');
    } finally {
      await t.close();
    }
  });

  it('retries a failing Event invocation twice with the same request id, then drops it', async () => {
    const t = await startTestRuntime({ asyncPolicy: { retryDelaysMs: [50, 80], throttleBaseDelayMs: 10, throttleMaxDelayMs: 100, maxEventAgeMs: 60_000 } });
    try {
      const attempts = [1, 2, 3].map((n) => t.nextFinished((r) => r.attempt === n));
      await t.client.send(new InvokeCommand({ FunctionName: 'Behave', InvocationType: 'Event', Payload: Buffer.from('{"fail":"again"}') }));
      const results = await Promise.all(attempts);
      assert.deepEqual(results.map((r) => r.status), ['error', 'error', 'error']);
      assert.equal(new Set(results.map((r) => r.requestId)).size, 1);
      const requestId = results[0].requestId;
      await waitFor(() => t.events.some((e) => e.event === 'runtime.log' && e.data.message.includes(`Async event ${requestId} for Behave dropped: RetriesExhausted after 3 attempt(s).`)), { what: 'the RetriesExhausted log' });
    } finally {
      await t.close();
    }
  });
});
