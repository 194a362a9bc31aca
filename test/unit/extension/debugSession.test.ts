// The `lambkin` debug adapter without VS Code: DAP messages in and out, a real runtime behind the control
// protocol, and, in place of js-debug, a small Chrome DevTools Protocol client that does what a debugger
// does (let the environment run, stop at a breakpoint, resume).
import '../../support/fresh-dist'; // runs dist/: built from the sources first
import type { DebugProtocol } from '@vscode/debugprotocol';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import WebSocket from 'ws';
import { ControlHandlers } from '../../../runtime/control/handlers';
import { ControlServer } from '../../../runtime/control/server';
import { LambkinRuntime } from '../../../runtime/lambkin-runtime';
import { resolveEvent } from '../../../src/debug/eventSource';
import { LambkinDebugSession, type DebugHost, type InspectableEnvironment } from '../../../src/debug/session';
import { ControlClient } from '../../../src/runtime/controlClient';

const APP = path.resolve(__dirname, '../../fixtures/runtime-app');

/** Just enough of a CDP client: requests with ids, and `Debugger.paused` notifications. */
class CdpClient {
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly pausedListeners: Array<(params: { reason: string; hitBreakpoints?: string[]; callFrames: Array<{ location: { lineNumber: number } }> }) => void> = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (raw) => {
      const message = JSON.parse(raw.toString()) as { id?: number; result?: unknown; method?: string; params?: never };
      if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
      if (message.method === 'Debugger.paused') this.pausedListeners.forEach((listener) => listener(message.params!));
    });
    socket.on('error', () => undefined);
  }

  static async connect(url: string): Promise<CdpClient> {
    const socket = new WebSocket(url);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    return new CdpClient(socket);
  }

  send(method: string, params: object = {}): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  onPaused(listener: CdpClient['pausedListeners'][number]): void {
    this.pausedListeners.push(listener);
  }

  close(): void {
    this.socket.close();
  }
}

interface Breakpoint {
  file: RegExp;
  /** 0-based, as CDP counts. */
  line: number;
  /** How long the "user" looks at the paused program before continuing. */
  holdMs: number;
}

/** Drives one LambkinDebugSession over DAP and records everything it sends. */
class Driver {
  readonly messages: DebugProtocol.ProtocolMessage[] = [];
  readonly attached: InspectableEnvironment[] = [];
  readonly debuggers: CdpClient[] = [];
  /** The notifications the session asked VS Code to show. */
  readonly warnings: string[] = [];
  readonly session: LambkinDebugSession;
  private seq = 1;
  private readonly waiters: Array<() => void> = [];

  constructor(fixture: Fixture, private readonly breakpoint?: Breakpoint, private readonly onStopped?: (driver: Driver) => void) {
    const host: DebugHost = {
      region: 'us-east-1',
      functions: () => fixture.runtime.functions,
      findFunction: (name) => {
        const fn = fixture.runtime.functions.find((candidate) => candidate.name === name);
        if (!fn) throw new Error(`There is no function "${name}"`);
        return fn;
      },
      resolveEvent: (fn, launch) => resolveEvent(fn, launch.event, [APP]),
      connect: async () => ({ link: await ControlClient.connect(fixture.server.endpoint, fixture.token), invokeEndpoint: 'http://127.0.0.1:1' }),
      attach: (target) => this.attach(target),
      detachAll: async () => this.debuggers.splice(0).forEach((cdp) => cdp.close()),
      warn: (message) => this.warnings.push(message),
    };
    this.session = new LambkinDebugSession(host);
    this.session.onDidSendMessage((message) => {
      this.messages.push(message);
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  private async attach(target: InspectableEnvironment): Promise<void> {
    this.attached.push(target);
    const cdp = await CdpClient.connect(target.inspectorUrl);
    this.debuggers.push(cdp);
    cdp.onPaused((paused) => {
      // CDP leaves callFrames[].url empty for modules; the breakpoint id says where it stopped.
      const atBreakpoint = this.breakpoint && (paused.hitBreakpoints ?? []).length > 0 && paused.callFrames[0]?.location.lineNumber === this.breakpoint.line;
      if (!atBreakpoint) return void cdp.send('Debugger.resume');
      void this.session.debuggerPaused(target.environmentId, true);
      this.onStopped?.(this);
      setTimeout(() => {
        void this.session.debuggerPaused(target.environmentId, false);
        void cdp.send('Debugger.resume');
      }, this.breakpoint!.holdMs);
    });
    await cdp.send('Debugger.enable');
    if (this.breakpoint) await cdp.send('Debugger.setBreakpointByUrl', { urlRegex: this.breakpoint.file.source, lineNumber: this.breakpoint.line });
    await cdp.send('Runtime.runIfWaitingForDebugger');
  }

  request(command: string, args?: object): Promise<DebugProtocol.Response> {
    const seq = this.seq++;
    this.session.handleMessage({ seq, type: 'request', command, arguments: args } as DebugProtocol.Request);
    return this.waitFor((message) => message.type === 'response' && (message as DebugProtocol.Response).request_seq === seq) as Promise<DebugProtocol.Response>;
  }

  async waitFor(match: (message: DebugProtocol.ProtocolMessage) => boolean, timeoutMs = 15_000): Promise<DebugProtocol.ProtocolMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no matching DAP message; got:\n${this.console()}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  }

  terminated(): Promise<DebugProtocol.ProtocolMessage> {
    return this.waitFor((message) => message.type === 'event' && (message as DebugProtocol.Event).event === 'terminated');
  }

  /** Everything written to the Debug Console. */
  console(): string {
    return this.messages
      .filter((message): message is DebugProtocol.OutputEvent => message.type === 'event' && (message as DebugProtocol.Event).event === 'output')
      .map((message) => message.body.output)
      .join('');
  }

  async launch(config: object): Promise<DebugProtocol.Response> {
    const initialized = await this.request('initialize', { adapterID: 'lambkin' });
    assert.equal(initialized.success, true);
    return this.request('launch', { type: 'lambkin', request: 'launch', name: 'test', ...config });
  }
}

interface Fixture {
  runtime: LambkinRuntime;
  server: ControlServer;
  token: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function eventually(probe: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the lambkin debug adapter (DAP, real runtime)', function () {
  this.timeout(30_000);
  let fixture: Fixture;

  beforeEach(async () => {
    const runtime = await LambkinRuntime.create({
      templates: [path.join(APP, 'template.yaml')],
      region: 'us-east-1',
      accountId: '123456789012',
      idleTimeoutMs: 60_000,
      accountConcurrency: 10,
      nodePath: process.execPath,
      host: { PATH: process.env.PATH },
      statsFile: false,
    });
    const token = randomBytes(16).toString('hex');
    const server = await ControlServer.start(runtime, { port: 0, token, handlers: new ControlHandlers(runtime, () => 'http://127.0.0.1:1', () => undefined) });
    fixture = { runtime, server, token };
  });

  afterEach(async () => {
    await fixture.server.close();
    await fixture.runtime.close();
  });

  it('invokes the function under the debugger, reports the result, and leaves no environment behind', async () => {
    const driver = new Driver(fixture);
    const launched = await driver.launch({ function: 'Echo', event: { json: { hello: 'debugger' } } });
    assert.equal(launched.success, true, launched.message);
    await driver.terminated();
    const output = driver.console();
    assert.equal(driver.attached.length, 1, 'the debugger attached to the one new environment');
    assert.equal(driver.attached[0]!.functionName, 'Echo');
    assert.match(output, /Debugging Echo with an inline event\./);
    assert.match(output, /INFO\techo {"hello":"debugger"}/, 'the function\'s log lines reach the Debug Console');
    assert.match(output, /Echo returned, request [0-9a-f-]{36}:/);
    assert.match(output, /"hello": "debugger"/);
    assert.match(output, /billed [\d.]+ (ms|s), 128 MB \(max used \d+ MB\), init [\d.]+ (ms|s): \$[\d.]+ on Lambda \(us-east-1\)/);
    assert.doesNotMatch(output, /timeout clock is paused/, 'never paused, so nothing to say about the clock');
    await eventually(() => !alive(driver.attached[0]!.pid), 'the debug environment to stop');
    assert.equal(fixture.runtime.environments().length, 0);
  });

  it('holds the timeout clock while paused at a breakpoint, and says so once', async () => {
    // Behave has a 1 s timeout; the "user" looks at the paused handler for 1.5 s.
    const driver = new Driver(fixture, { file: /behave\.js$/, line: 4, holdMs: 1500 });
    const launched = await driver.launch({ function: 'Behave', event: { json: {} } });
    assert.equal(launched.success, true, launched.message);
    await driver.terminated();
    const output = driver.console();
    assert.match(output, /Behave returned/, output);
    assert.doesNotMatch(output, /Behave timed out|"errorType": "Sandbox.Timedout"/);
    assert.equal(output.match(/timeout clock is paused too/g)?.length, 1);
    assert.match(output, /the duration includes the time paused in the debugger/);
  });

  it('stops the environment when the user stops the session mid-invocation', async () => {
    let stopped!: () => void;
    const atBreakpoint = new Promise<void>((resolve) => (stopped = resolve));
    const driver = new Driver(fixture, { file: /behave\.js$/, line: 4, holdMs: 60_000 }, () => stopped());
    assert.equal((await driver.launch({ function: 'Behave', event: { json: {} } })).success, true);
    await atBreakpoint;
    const disconnected = await driver.request('disconnect', { terminateDebuggee: true });
    assert.equal(disconnected.success, true);
    await driver.terminated();
    await eventually(() => !alive(driver.attached[0]!.pid), 'the paused environment to be stopped');
    assert.doesNotMatch(driver.console(), /Behave returned|failed \(/, 'no result is reported for an abandoned invocation');
  });

  it('serve mode attaches to every new environment until stopped, and reports each invocation', async () => {
    const driver = new Driver(fixture);
    assert.equal((await driver.launch({ serve: true, function: 'Echo' })).success, true);
    assert.match(driver.console(), /Every new execution environment starts under the debugger/);
    const first = await fixture.runtime.invoke('Echo', { payload: Buffer.from('{"n":1}'), invocationType: 'RequestResponse' });
    assert.ok(first && first.kind !== 'throttled');
    await driver.waitFor(() => /Echo [0-9a-f-]{36}: ok/.test(driver.console()));
    assert.equal(driver.attached.length, 1);
    await driver.request('disconnect');
    await driver.terminated();
    await eventually(() => fixture.runtime.environments().length === 0, 'the debug environment to be retired');
    const inspectable: unknown[] = [];
    const subscription = fixture.runtime.onEvent((event) => event.event === 'environment.inspectable' && inspectable.push(event.data));
    await fixture.runtime.invoke('Echo', { payload: Buffer.from('{}'), invocationType: 'RequestResponse' });
    subscription.dispose();
    assert.deepEqual(inspectable, [], 'debugging is off again after the session');
  });

  it('says in the error, the log, the Debug Console and one notification when a debugged environment dies of the V8 bug (nodejs/node#57606)', async () => {
    const logged: string[] = [];
    const subscription = fixture.runtime.onEvent((event) => event.event === 'runtime.log' && logged.push(event.data.message));
    const driver = new Driver(fixture);
    // What the V8 bug does to a paused Node 20/22 process, without needing the bug: V8's line on stderr, then
    // death (SIGTRAP sent to itself does not end a process under the inspector, so the fixture aborts).
    assert.equal((await driver.launch({ function: 'Behave', event: { json: { v8CheckFailure: true } } })).success, true);
    await driver.terminated();
    subscription.dispose();
    const output = driver.console();
    assert.match(output, /Behave failed \(Runtime\.ExitError\)/, output);
    assert.match(output, /Runtime exited with error: signal: abrt\. This is a known V8 bug of Node 20 and 22 while paused in the debugger \(nodejs\/node#57606\)/);
    assert.match(output, /Behave's environment died while debugged\. This is a known V8 bug/);
    assert.equal(driver.warnings.length, 1);
    assert.match(driver.warnings[0]!, /nodejs\/node#57606.*lambkin\.nodeRuntimes at a Node 24/);
    assert.equal(logged.filter((line) => /died under the debugger\. This is a known V8 bug/.test(line)).length, 1, logged.join('\n'));
  });

  it('leaves a SIGTRAP outside the debugger as Lambda reports it', async () => {
    const result = await fixture.runtime.invoke('Behave', { payload: Buffer.from('{"signal":"SIGTRAP"}'), invocationType: 'RequestResponse' });
    assert.ok(result && result.kind !== 'throttled');
    assert.match(result.payload.toString(), /Runtime exited with error: signal: trap"/);
    assert.doesNotMatch(result.payload.toString(), /57606/);
  });

  it('runs a custom runtime under the session and shows its output, attaching nothing', async () => {
    const driver = new Driver(fixture);
    assert.equal((await driver.launch({ function: 'Custom', event: { json: { text: 'shout' } } })).success, true);
    await driver.terminated();
    const output = driver.console();
    assert.match(output, /custom runtime \(provided\.al2023\): attaching a debugger is its bootstrap's business/);
    assert.match(output, /Custom returned/);
    assert.deepEqual(driver.attached, []);
  });

  it('refuses a configuration it cannot run, saying what to fix', async () => {
    const driver = new Driver(fixture);
    const noFunction = await driver.launch({});
    assert.equal(noFunction.success, false);
    assert.match(noFunction.message ?? '', /Say which function to debug with "function"/);
    const unknown = await new Driver(fixture).launch({ function: 'Ghost' });
    assert.match(unknown.message ?? '', /There is no function "Ghost"/);
    const badEvent = await new Driver(fixture).launch({ function: 'Echo', event: { sample: 'no-such-sample' } });
    assert.match(badEvent.message ?? '', /"event\.sample": Unknown event generator "no-such-sample"/);
  });
});
