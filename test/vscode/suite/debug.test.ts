// Debugging handlers in a real VS Code: F5 in the example's TypeScript handler stops at the breakpoint
// with the event in the variables, a paused function does not time out, serve mode stops on a request
// through the HTTP gateway, and the CodeLens above handlers.
import type { DebugProtocol } from '@vscode/debugprotocol';
import assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import { screenshot, screenshotsSupported } from './support/screenshot';
import { activateLambkin, useFreeInvokePort, waitFor } from './support/lambkin';

interface Stop {
  session: vscode.DebugSession;
  threadId: number;
  at: number;
}

/**
 * What one test (one try of it) saw: its own stops and Debug Console lines, never an earlier test's or an
 * earlier try's. The warm F5 round once read a log the cold round had already filled, so it passed even
 * when it printed nothing.
 */
class Capture {
  readonly stops: Stop[] = [];
  readonly output: string[] = [];

  text(): string {
    return this.output.join('');
  }

  async nextStop(what: string, timeoutMs = 30_000): Promise<Stop> {
    try {
      return await waitFor(() => this.stops[0], what, timeoutMs);
    } catch (error) {
      // Say what the sessions did meanwhile, so a miss can be told from a slow start.
      const sessions = vscode.debug.activeDebugSession ? `${vscode.debug.activeDebugSession.type}: ${vscode.debug.activeDebugSession.name}` : 'none';
      const report = `${(error as Error).message}\nactive editor: ${vscode.window.activeTextEditor?.document.uri.fsPath ?? 'none'}; active session: ${sessions}\nLambkin debug console:\n${this.text()}`;
      console.log(`missed stop: ${report}`);
      throw new Error(report, { cause: error });
    }
  }
}

/** Listens to every debug adapter: where js-debug stops, what the Lambkin sessions print, which sessions live. */
class DebugWatch implements vscode.Disposable {
  private readonly captures = new Set<Capture>();
  private readonly sessions = new Set<string>();
  private readonly registrations: vscode.Disposable[];

  constructor() {
    this.registrations = [
      vscode.debug.onDidStartDebugSession((session) => this.sessions.add(session.id)),
      vscode.debug.onDidTerminateDebugSession((session) => this.sessions.delete(session.id)),
      vscode.debug.registerDebugAdapterTrackerFactory('pwa-node', {
        createDebugAdapterTracker: (session) => ({
          onDidSendMessage: (message: DebugProtocol.ProtocolMessage) => {
            const event = message as DebugProtocol.StoppedEvent;
            if (event.type === 'event' && event.event === 'stopped') this.record((capture) => capture.stops.push({ session, threadId: event.body.threadId ?? 0, at: Date.now() }));
          },
        }),
      }),
      vscode.debug.registerDebugAdapterTrackerFactory('lambkin', {
        createDebugAdapterTracker: () => ({
          onDidSendMessage: (message: DebugProtocol.ProtocolMessage) => {
            const event = message as DebugProtocol.OutputEvent;
            if (event.type === 'event' && event.event === 'output') this.print(event.body.output);
            const response = message as DebugProtocol.Response;
            if (response.type === 'response' && !response.success) this.print(`[the adapter refused ${response.command}: ${response.message}]\n`);
            if (event.type === 'event' && event.event === 'terminated') this.print('[terminated]\n');
          },
          onError: (error: Error) => this.print(`[adapter error: ${error.message}]\n`),
        }),
      }),
    ];
  }

  /** A fresh capture for one test's try: what happens from now on. */
  capture(): Capture {
    const capture = new Capture();
    this.captures.add(capture);
    return capture;
  }

  release(capture: Capture | undefined): void {
    if (capture) this.captures.delete(capture);
  }

  /** Every debug session has ended: the Lambkin session and the js-debug sessions under it. */
  get idle(): boolean {
    return this.sessions.size === 0;
  }

  private print(text: string): void {
    this.record((capture) => capture.output.push(text));
  }

  private record(add: (capture: Capture) => void): void {
    for (const capture of this.captures) add(capture);
  }

  dispose(): void {
    this.registrations.forEach((registration) => registration.dispose());
  }
}

/** The top frame of a stopped js-debug session: file, 1-based line, and its `event` variable's properties. */
async function topFrame(stop: Stop): Promise<{ file: string; line: number; event: Map<string, string> }> {
  const trace = await stop.session.customRequest('stackTrace', { threadId: stop.threadId, startFrame: 0, levels: 1 }) as DebugProtocol.StackTraceResponse['body'];
  const frame = trace.stackFrames[0]!;
  const { scopes } = await stop.session.customRequest('scopes', { frameId: frame.id }) as DebugProtocol.ScopesResponse['body'];
  const local = scopes.find((scope) => /local/i.test(scope.name))!;
  const { variables } = await stop.session.customRequest('variables', { variablesReference: local.variablesReference }) as DebugProtocol.VariablesResponse['body'];
  const event = variables.find((variable) => variable.name === 'event');
  const properties = new Map<string, string>();
  if (event?.variablesReference) {
    const inner = await stop.session.customRequest('variables', { variablesReference: event.variablesReference }) as DebugProtocol.VariablesResponse['body'];
    for (const property of inner.variables) properties.set(property.name, property.value);
  }
  // Under code-server the path is a vscode-remote: URI.
  const source = frame.source?.path ?? '';
  return { file: /^[\w-]+:\/\//.test(source) ? vscode.Uri.parse(source).fsPath : source, line: frame.line, event: properties };
}

function lineOf(document: vscode.TextDocument, text: string): number {
  const line = document.getText().split('\n').findIndex((candidate) => candidate.includes(text));
  assert.ok(line >= 0, `"${text}" in ${document.uri.fsPath}`);
  return line;
}

async function breakpointAt(file: string, text: string): Promise<{ breakpoint: vscode.SourceBreakpoint; line: number; document: vscode.TextDocument }> {
  const document = await vscode.workspace.openTextDocument(file);
  const line = lineOf(document, text);
  const breakpoint = new vscode.SourceBreakpoint(new vscode.Location(document.uri, new vscode.Position(line, 0)));
  vscode.debug.addBreakpoints([breakpoint]);
  return { breakpoint, line, document };
}

function sessionEnded(match: (session: vscode.DebugSession) => boolean): Promise<vscode.DebugSession> {
  return new Promise((resolve) => {
    const subscription = vscode.debug.onDidTerminateDebugSession((session) => {
      if (!match(session)) return;
      subscription.dispose();
      resolve(session);
    });
  });
}

const isLambkin = (session: vscode.DebugSession) => session.type === 'lambkin';

describe('Debugging handlers', function () {
  this.timeout(60_000);
  // About one full-suite run in five, a debug session here misses its first stop. A run on this branch
  // caught the cause in the Debug Console (each try has its own capture now): the function's Node 20
  // process died with SIGTRAP, "Check failed: needs_context && current_scope_ == closure_scope_ ..." in
  // v8::internal::ScopeIterator::VisitLocalScope while js-debug paused it - a V8 debugger bug (nodejs/node
  // #58632, fixed upstream, cherry-picked to Node 24 in nodejs/node#60620), not the suspected teardown race
  // (afterEach now waits for every session to end anyway). The retry stays for that crash, but hides
  // nothing: the runner counts and prints every retry ("N passed (M after a retry)") and the failed try's
  // "missed stop" report is printed.
  this.retries(1);
  let api: LambkinApi;
  let watch: DebugWatch;
  /** This test's (this try's) stops and Debug Console output. */
  let seen: Capture;
  let folder: vscode.WorkspaceFolder;
  let app: string;

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
    await vscode.workspace.getConfiguration('lambkin').update('apiPort', 0, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('lambkin').update('showResultAfterInvoke', false, vscode.ConfigurationTarget.Workspace);
    folder = vscode.workspace.workspaceFolders![0]!;
    app = path.join(folder.uri.fsPath, 'src', 'hello', 'app.ts');
    watch = new DebugWatch();
  });

  beforeEach(() => {
    seen = watch.capture();
  });

  afterEach(async () => {
    watch.release(seen);
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    if (vscode.debug.activeDebugSession) await vscode.debug.stopDebugging();
    // The next test's session must not start while this one's js-debug children are still tearing down:
    // that race is the suspect of the occasional missed first stop.
    await waitFor(() => watch.idle, 'every debug session of the test to end', 30_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    watch.dispose();
    await api.runtime.stop();
    // The suites share one workspace: leave its settings as found (later suites expect documents to open).
    await vscode.workspace.getConfiguration('lambkin').update('showResultAfterInvoke', undefined, vscode.ConfigurationTarget.Workspace);
  });

  /**
   * F5 with the handler open and no launch.json makes VS Code ask for a debugger (Lambkin is offered first, as
   * "Suggested"), then resolves an empty configuration; quick input cannot be driven from the extension host,
   * so the test starts what that choice starts: a `lambkin` configuration naming no function.
   */
  async function pressF5(): Promise<void> {
    assert.ok(await vscode.debug.startDebugging(folder, { type: 'lambkin', request: 'launch', name: 'Debug the open handler' }));
  }

  for (const round of ['cold', 'warm']) {
    it(`F5 in the TypeScript handler stops at the breakpoint with the event, then returns the response (${round})`, async () => {
      const { line, document } = await breakpointAt(app, 'invocations += 1;');
      await vscode.window.showTextDocument(document);
      const ended = sessionEnded(isLambkin);
      const pressed = Date.now();
      await pressF5();
      const stop = await seen.nextStop('the debugger to stop in app.ts');
      console.log(`F5→first stop (${round}): ${stop.at - pressed} ms`);
      const frame = await topFrame(stop);
      assert.equal(frame.file, app);
      assert.equal(frame.line, line + 1, 'stopped at the exact line of the breakpoint');
      assert.equal(frame.event.get('routeKey'), "'GET /hello/{name}'", 'the event is the fitting HTTP API sample');
      assert.ok(frame.event.has('requestContext'));
      if (round === 'cold' && screenshotsSupported()) await screenshot('debug-stopped-in-handler');
      await stop.session.customRequest('continue', { threadId: stop.threadId });
      await ended;
      const output = seen.text();
      assert.match(output, /HelloFunction returned, request [0-9a-f-]{36}:/);
      assert.match(output, /"statusCode": 200/);
      assert.match(output, /billed [\d.]+ m?s, 256 MB \(max used \d+ MB\).*: \$[\d.]+ on Lambda/);
      assert.match(output, /While the debugger is paused, the function's timeout clock is paused too/);
      await waitFor(() => api.activity('HelloFunction').warm === 0, 'the debug environment to be retired');
    });
  }

  it('a handler paused longer than its timeout does not time out (JavaScript, CommonJS)', async () => {
    // SlowFunction's Timeout is 2 s: the debugger holds it for 3 s.
    const { line } = await breakpointAt(path.join(folder.uri.fsPath, 'src', 'slow', 'index.js'), 'invocations += 1;');
    const ended = sessionEnded(isLambkin);
    assert.ok(await vscode.debug.startDebugging(folder, { type: 'lambkin', request: 'launch', name: 'Slow', function: 'SlowFunction', event: { json: { sleepMs: 100 } } }));
    const stop = await seen.nextStop('the debugger to stop in slow/index.js');
    assert.equal((await topFrame(stop)).line, line + 1);
    // A deliberate hold, not a wait for something: the debugger keeps the handler paused past its timeout.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await stop.session.customRequest('continue', { threadId: stop.threadId });
    await ended;
    const output = seen.text();
    assert.match(output, /SlowFunction returned, request/);
    assert.doesNotMatch(output, /SlowFunction timed out|Sandbox\.Timedout"/);
  });

  it('binds breakpoints in an ES module handler on the first run', async () => {
    const { line } = await breakpointAt(path.join(folder.uri.fsPath, 'src', 'orders', 'index.mjs'), 'const batchItemFailures = [];');
    const ended = sessionEnded(isLambkin);
    assert.ok(await vscode.debug.startDebugging(folder, { type: 'lambkin', request: 'launch', name: 'Orders', function: 'OrdersFunction' }));
    const stop = await seen.nextStop('the debugger to stop in orders/index.mjs');
    const frame = await topFrame(stop);
    assert.equal(frame.file, path.join(folder.uri.fsPath, 'src', 'orders', 'index.mjs'));
    assert.equal(frame.line, line + 1);
    await stop.session.customRequest('continue', { threadId: stop.threadId });
    await ended;
    assert.match(seen.text(), /OrdersFunction returned/);
  });

  it('serve mode stops on a breakpoint hit through the HTTP gateway, until stopped', async () => {
    await breakpointAt(app, 'invocations += 1;');
    assert.ok(await vscode.debug.startDebugging(folder, { type: 'lambkin', request: 'launch', name: 'Serve', serve: true }));
    const gateway = await waitFor(() => /Send requests to HTTP (http:\/\/127\.0\.0\.1:\d+)/.exec(seen.text())?.[1], 'the gateway address in the Debug Console');
    const response = fetch(`${gateway}/hello/debugger`);
    const stop = await seen.nextStop('the debugger to stop for the HTTP request');
    const frame = await topFrame(stop);
    assert.equal(frame.file, app);
    assert.equal(frame.event.get('rawPath'), "'/hello/debugger'");
    await stop.session.customRequest('continue', { threadId: stop.threadId });
    const answer = await response;
    assert.equal(answer.status, 200);
    assert.match(await answer.text(), /hi, debugger!/);
    await waitFor(() => /HelloFunction [0-9a-f-]{36}: ok/.test(seen.text()), 'the served invocation in the Debug Console');
    const lambkin = vscode.debug.activeDebugSession?.parentSession?.parentSession ?? vscode.debug.activeDebugSession;
    const ended = sessionEnded(isLambkin);
    await vscode.debug.stopDebugging(lambkin?.type === 'lambkin' ? lambkin : undefined);
    await ended;
    await waitFor(() => api.activity('HelloFunction').warm === 0, 'the debug environment to be retired');
  });

  it('shows Invoke, Debug and Events… above the exported handler', async () => {
    const document = await vscode.workspace.openTextDocument(app);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const ours = lenses.filter((lens) => ['lambkin.invokeFunction', 'lambkin.debugFunction', 'lambkin.codelens.events'].includes(lens.command?.command ?? ''));
    assert.deepEqual(ours.map((lens) => lens.command!.title.replace(/^\$\([\w-]+\) /, '')), ['Invoke', 'Debug', 'Events…']);
    for (const lens of ours) {
      assert.equal(lens.range.start.line, lineOf(document, 'export const handler'));
      assert.deepEqual(lens.command!.arguments, ['HelloFunction']);
    }
    const orders = await vscode.workspace.openTextDocument(path.join(folder.uri.fsPath, 'src', 'orders', 'index.mjs'));
    const orderLenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', orders.uri);
    assert.equal(orderLenses.filter((lens) => lens.command?.command === 'lambkin.debugFunction').length, 1);
  });
});
