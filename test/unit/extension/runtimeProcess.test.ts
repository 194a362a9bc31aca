// The runtime child process and the session over it, against test/unit/extension/fixtures/fake-runtime.cjs.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InvocationStore } from '../../../src/invocations/store';
import { describeStartFailure, parseReadyLine, runtimeArguments, RuntimeProcess, RuntimeStartError, type RuntimeLaunch } from '../../../src/runtime/runtimeProcess';
import { RuntimeSession, type SessionSinks } from '../../../src/runtime/session';

const fakeCli = path.join(__dirname, 'fixtures', 'fake-runtime.cjs');

function launch(cwd: string): RuntimeLaunch {
  return { nodePath: process.execPath, cliPath: fakeCli, templates: ['/t/a.yaml', '/t/b.yaml'], invokePort: 0, apiPort: 0, awsPort: 0, awsCredentials: 'local', region: 'eu-west-1', idleTimeoutSeconds: 60, accountConcurrency: 7, cwd };
}

/** A killed process whose parent died lingers as a zombie until init reaps it: that counts as gone. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return process.platform !== 'linux';
  }
}

async function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('RuntimeProcess and RuntimeSession', () => {
  let dir: string;
  let started: RuntimeProcess[];

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lambkin-ext-'));
    started = [];
    process.env.FAKE_WS_MODULE = require.resolve('ws');
    process.env.FAKE_CHILD_PID_FILE = path.join(dir, 'child.pid');
    process.env.FAKE_ARGS_FILE = path.join(dir, 'args.json');
    process.env.FAKE_MODE = 'normal';
  });
  afterEach(() => {
    started.forEach((child) => child.kill('SIGKILL'));
    for (const key of ['FAKE_WS_MODULE', 'FAKE_CHILD_PID_FILE', 'FAKE_ARGS_FILE', 'FAKE_MODE']) delete process.env[key];
    rmSync(dir, { recursive: true, force: true });
  });

  it('builds the command line of the issue', () => {
    assert.deepEqual(runtimeArguments(launch('/w')), [
      fakeCli, 'start', '--ready-json', '--control-port', '0', '--port', '0', '--api-port', '0', '--aws-port', '0', '--aws-credentials', 'local',
      '--template', '/t/a.yaml', '--template', '/t/b.yaml',
      '--region', 'eu-west-1', '--idle-timeout', '60', '--account-concurrency', '7', '--quiet', '--exit-with-stdin',
    ]);
  });

  it('passes the functions\' Node settings only when set', () => {
    const args = runtimeArguments({ ...launch('/w'), functionsNode: '/n/node', nodeRuntimes: { 22: '/n/node22' }, isolation: 'off' });
    assert.deepEqual(args.slice(args.indexOf('--node'), args.indexOf('--quiet')), ['--node', '/n/node', '--node-runtime', '22=/n/node22', '--isolation', 'off']);
    assert.deepEqual(runtimeArguments({ ...launch('/w'), nodeRuntimes: {}, isolation: 'lambda' }), runtimeArguments(launch('/w')));
  });

  it('passes --no-watch only when saved changes should not apply', () => {
    assert.ok(!runtimeArguments({ ...launch('/w'), watch: true }).includes('--no-watch'));
    assert.ok(runtimeArguments({ ...launch('/w'), watch: false }).includes('--no-watch'));
  });

  it('recognises only the ready line as ready', () => {
    assert.equal(parseReadyLine('{"type":"other"}'), undefined);
    assert.equal(parseReadyLine('{not json'), undefined);
    assert.equal(parseReadyLine('lambkin ready'), undefined);
    assert.equal(parseReadyLine(' {"type":"lambkin.ready","controlEndpoint":"ws://127.0.0.1:1","pid":1,"protocolVersion":1,"invokeEndpoint":"x"} ')?.controlEndpoint, 'ws://127.0.0.1:1');
  });

  it('resolves on the ready line and hands every other line to the log', async () => {
    const lines: string[] = [];
    const child = await RuntimeProcess.start(launch(dir), (line, stream) => lines.push(`${stream}:${line}`));
    started.push(child);
    assert.match(child.ready.controlEndpoint, /^ws:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(child.token.length, 64);
    assert.deepEqual(JSON.parse(readFileSync(process.env.FAKE_ARGS_FILE!, 'utf8')), runtimeArguments(launch(dir)).slice(1));
    await waitUntil(() => lines.includes('stderr:after ready'));
    assert.ok(lines.includes('stdout:plain stdout line'));
    assert.ok(lines.includes('stderr:INFO fake runtime starting'));
    assert.ok(!lines.some((line) => line.includes('lambkin.ready')));
  });

  it('rejects with the exit code and the last output when the runtime exits before ready', async () => {
    process.env.FAKE_MODE = 'exit-early';
    await assert.rejects(RuntimeProcess.start(launch(dir), () => undefined), (error: Error) => {
      assert.ok(error instanceof RuntimeStartError);
      assert.match(error.message, /exited before it was ready \(exit code 3\)/);
      assert.ok(error.output.includes('ERROR template.yaml:1: cannot read'));
      return true;
    });
  });

  it('gives up on a runtime that never reports ready, and kills it with its children', async () => {
    process.env.FAKE_MODE = 'silent';
    // The ready timeout must outlast the fake runtime's own start (node boot, then spawning its
    // environment): with 700 ms, a busy machine killed the fake before it had a child, no pid file was
    // ever written, and the test failed waiting for it (the flake). 5 s leaves a wide margin.
    await assert.rejects(RuntimeProcess.start(launch(dir), () => undefined, 5000), /did not report ready within 5 s/);
    assert.ok(existsSync(process.env.FAKE_CHILD_PID_FILE!), 'the fake runtime had started its environment before the timeout');
    const childPid = Number(readFileSync(process.env.FAKE_CHILD_PID_FILE!, 'utf8'));
    await waitUntil(() => !alive(childPid));
  });

  it('turns the runtime\'s last words into advice', () => {
    const inUse = new RuntimeStartError('exited', ['lambkin: Error: Port 3001 on 127.0.0.1 is already in use: stop the other program', '    at Server.<anonymous>']);
    assert.match(describeStartFailure(inUse, 3001)!, /^Port 3001 is already in use .* Set "lambkin\.invokePort" to a free port, or to 0/);
    const bad = new RuntimeStartError('The Lambkin runtime exited before it was ready (exit code 1).', ['Lambkin is starting', 'lambkin: Error: template.yaml:3: no Resources']);
    assert.equal(describeStartFailure(bad, 3001), 'The Lambkin runtime exited before it was ready (exit code 1). template.yaml:3: no Resources');
    assert.equal(describeStartFailure(new RuntimeStartError('x', ['all fine']), 3001), undefined);
  });

  it('reports a node executable that cannot be started', async () => {
    await assert.rejects(
      RuntimeProcess.start({ ...launch(dir), nodePath: path.join(dir, 'no-node') }, () => undefined),
      /Could not start the Lambkin runtime with ".*no-node": spawn .* ENOENT/,
    );
  });

  describe('session', () => {
    function sinks(logged: string[], functionLines: string[], store: InvocationStore): SessionSinks {
      const log = { runtimeLine: (line: string) => logged.push(line), info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m), trace: () => undefined };
      const functionLogs = { append: (fn: string, line: string) => functionLines.push(`${fn}:${line}`) };
      return { log, invocations: store, functionLogs } as unknown as SessionSinks;
    }

    it('greets the runtime, routes events, invokes, and stops it with its children', async () => {
      const store = new InvocationStore(5);
      const logged: string[] = [];
      const functionLines: string[] = [];
      const session = await RuntimeSession.start(launch(dir), sinks(logged, functionLines, store));
      started.push(session.process);
      assert.equal(session.hello.runtimeVersion, 'fake');
      assert.equal(session.invokeEndpoint, 'http://127.0.0.1:9');
      assert.equal(store.activity('Fn').warm, 1, 'environments from hello');
      const reply = await session.request('invoke', { functionName: 'Fn', payload: '{"x":1}' });
      assert.equal(reply.payload, '"ok"');
      await waitUntil(() => store.activity('Fn').recent.length === 1);
      assert.equal(store.activity('Fn').recent[0]!.event, '{"x":1}');
      assert.deepEqual(functionLines, ['Fn:handler says hi']);

      const childPid = Number(readFileSync(process.env.FAKE_CHILD_PID_FILE!, 'utf8'));
      const lost: string[] = [];
      session.onDidLose((reason) => lost.push(reason));
      await session.stop(2000);
      assert.equal(session.process.alive, false);
      await waitUntil(() => !alive(childPid));
      assert.deepEqual(lost, [], 'an asked-for stop is not a loss');
      assert.equal(store.activity('Fn').warm, 0);
    });

    it('kills a runtime that ignores shutdown, children included', async () => {
      process.env.FAKE_MODE = 'stubborn';
      const session = await RuntimeSession.start(launch(dir), sinks([], [], new InvocationStore(5)));
      started.push(session.process);
      const childPid = Number(readFileSync(process.env.FAKE_CHILD_PID_FILE!, 'utf8'));
      await session.stop(300);
      assert.equal(session.process.alive, false);
      await waitUntil(() => !alive(childPid));
    });

    it('reports an unexpected exit', async () => {
      const session = await RuntimeSession.start(launch(dir), sinks([], [], new InvocationStore(5)));
      started.push(session.process);
      const lost = new Promise<string>((resolve) => session.onDidLose(resolve));
      process.kill(session.process.pid, 'SIGKILL');
      assert.equal(await lost, 'The Lambkin runtime was killed by SIGKILL.');
      await assert.rejects(session.request('hello', { clientName: 'x' }), /not connected/);
      session.dispose();
    });
  });
});
