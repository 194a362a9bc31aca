import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InvocationResult, InvocationSummary } from '../../../runtime/protocol/control';
import { checkEventJson, listSavedEvents } from '../../../src/commands/eventPayload';
import { FunctionLogBuffer } from '../../../src/invocations/logBuffer';
import { prettyPayload } from '../../../src/invocations/payloads';
import { invocationTitle, renderInvocation, renderMissingInvocation } from '../../../src/invocations/render';
import { InvocationStore } from '../../../src/invocations/store';

function summary(requestId: string, functionName = 'Fn'): InvocationSummary {
  return { requestId, functionName, invocationType: 'RequestResponse', startedAt: Date.UTC(2026, 10, 26, 9, 30), coldStart: true, environmentId: 'env-1' };
}

function result(requestId: string, overrides: Partial<InvocationResult> = {}): InvocationResult {
  return {
    ...summary(requestId), status: 'success', event: '{"name":"Ada"}', response: '{"statusCode":200}', durationMs: 12.5, billedDurationMs: 13,
    memorySizeMb: 128, maxMemoryUsedMb: 61, initDurationMs: 80, logs: ['START RequestId: x', 'hello Ada', 'END RequestId: x'], ...overrides,
  };
}

describe('InvocationStore', () => {
  it('tracks warm environments, running and recent invocations per function', () => {
    const store = new InvocationStore(2);
    const changes: (string | undefined)[] = [];
    const finished: string[] = [];
    store.onDidChange((name) => changes.push(name));
    store.onDidFinish((result) => finished.push(result.requestId));
    store.environmentStarted({ environmentId: 'e1', functionName: 'Fn', pid: 1, startedAt: 1 });
    store.invocationStarted(summary('r1'));
    assert.deepEqual({ warm: store.activity('Fn').warm, running: store.activity('Fn').running }, { warm: 1, running: 1 });
    assert.equal(store.find('r1')?.requestId, 'r1');
    store.invocationFinished(result('r1', { durationMs: 5 }));
    store.invocationFinished(result('r1', { durationMs: 5 }));
    store.invocationFinished(result('r2', { durationMs: 7 }));
    store.invocationFinished(result('r3', { durationMs: 9 }));
    const activity = store.activity('Fn');
    assert.equal(activity.running, 0);
    assert.deepEqual(activity.recent.map((r) => r.requestId), ['r3', 'r2'], 'newest first, capped');
    assert.equal(activity.lastDurationMs, 9);
    assert.equal(store.totalInvocations, 3, 'a result reported twice counts once');
    assert.deepEqual(finished, ['r1', 'r2', 'r3'], 'and is announced once');
    assert.equal(store.find('r1'), undefined);
    store.environmentStopped({ environmentId: 'e1', functionName: 'Fn', pid: 1, startedAt: 1 });
    assert.equal(store.activity('Fn').warm, 0);
    assert.ok(changes.every((name) => name === 'Fn'));
  });

  it('forgets environments when the runtime stops, keeps history, and shrinks to a new maximum', () => {
    const store = new InvocationStore(5);
    store.resetEnvironments([{ environmentId: 'e1', functionName: 'A', pid: 1, startedAt: 1 }, { environmentId: 'e2', functionName: 'A', pid: 2, startedAt: 1 }]);
    assert.equal(store.activity('A').warm, 2);
    for (const id of ['1', '2', '3']) store.invocationFinished(result(id, { functionName: 'A' }));
    store.invocationStarted(summary('4', 'A'));
    store.runtimeStopped();
    assert.deepEqual([store.activity('A').warm, store.activity('A').running, store.activity('A').recent.length], [0, 0, 3]);
    store.setMaxRecent(1);
    assert.deepEqual(store.activity('A').recent.map((r) => r.requestId), ['3']);
    assert.deepEqual(store.activity('Unknown'), { warm: 0, running: 0, recent: [], inFlight: [] });
  });
});

describe('invocation documents', () => {
  it('shows the title, status, timing, memory, the event, the response and the logs', () => {
    const text = renderInvocation(result('req-1'), { timeoutSeconds: 3 });
    const lines = text.split('\n');
    assert.equal(lines[0], invocationTitle(result('req-1')));
    assert.match(lines[0]!, /^Fn · 12\.5 ms · \d\d:\d\d:\d\d$/);
    assert.equal(lines[1], '✓ success · ❄ cold start · RequestResponse');
    for (const expected of ['Request      req-1', 'Started      2026-11-26 09:30:00.000 UTC', 'Memory       61 MB used of 128 MB', 'INIT 80 ms · handler 12.5 ms · billed 13 ms · 0.4 % of the 3 s timeout', '── Event ──', '"name": "Ada"', '── Response ──', '"statusCode": 200', '── Logs · 3 lines ──', 'hello Ada']) {
      assert.ok(text.includes(expected), `${expected} in\n${text}`);
    }
    assert.match(text, /^Time {9}▉█+·+│$/m, 'the time bar, INIT then handler, against the timeout');
  });

  it('labels a failure as Error with its type and message, and shows its stack beneath', () => {
    const response = JSON.stringify({ errorType: 'TypeError', errorMessage: 'x is undefined', trace: ['TypeError: x is undefined', '    at handler (/app/index.js:3:9)'] });
    const text = renderInvocation(result('r', { status: 'error', functionError: 'Unhandled', errorType: 'TypeError', response, logs: [] }));
    assert.equal(text.split('\n')[1], '✗ error · TypeError: x is undefined · ❄ cold start · RequestResponse');
    assert.ok(text.includes('── Error ──'));
    assert.match(text, /┄┄ trace · stack trace ┄+\nTypeError: x is undefined\n {4}at handler \(\/app\/index\.js:3:9\)\n/);
    assert.ok(text.includes('(no log lines)'));
  });

  it('titles a timeout and a throttle by what happened, and shows a debugger\'s pauses apart', () => {
    const timedOut = result('t', { status: 'timeout', coldStart: false, functionError: 'Unhandled', durationMs: 3000, billedDurationMs: 3000, initDurationMs: undefined, response: '{"errorType":"Sandbox.Timedout","errorMessage":"Task timed out after 3.00 seconds"}' });
    const text = renderInvocation(timedOut, { timeoutSeconds: 3 });
    assert.match(text.split('\n')[1]!, /^◷ timed out · RequestResponse$/);
    assert.match(text, /^Time {9}█{40}│$/m);
    assert.ok(text.includes('timed out at the 3 s timeout'));
    assert.match(invocationTitle(result('x', { status: 'throttled' })), /^Fn · throttled · /);
    const paused = renderInvocation(result('p', { coldStart: false, durationMs: 20_400, billedDurationMs: 20_400, pausedMs: 20_000 }), { timeoutSeconds: 3 });
    assert.match(paused, /^Time {9}█{5}·{35}│ ▒{20}…$/m, 'the 400 ms run against the timeout, the 20 s pause after it');
    assert.ok(paused.includes('paused 20.0 s in the debugger (not counted against the timeout)'));
  });

  it('shows a running invocation and a forgotten one', () => {
    const text = renderInvocation(summary('r9'));
    assert.match(text, /^Fn · running · \d\d:\d\d:\d\d\n◌ running · ❄ cold start · RequestResponse\n/);
    assert.ok(text.includes('still running'));
    assert.match(renderMissingInvocation('r0', 10), /no longer kept.*last 10 invocations.*lambkin\.maxInvocationsShown/);
  });

  it('marks a payload that is not JSON, so the JSON grammar never reads it', () => {
    const text = renderInvocation(result('n', { event: '{"clipped": "abc', response: '' }));
    assert.ok(text.includes('── Event · not JSON ──'));
    assert.ok(text.includes('── Response · empty ──'));
  });

  it('pretty-prints JSON payloads and keeps other text as is', () => {
    assert.equal(prettyPayload('{"a":[1]}'), '{\n  "a": [\n    1\n  ]\n}');
    assert.equal(prettyPayload('plain'), 'plain');
    assert.equal(prettyPayload(''), '(empty)');
  });

  it('keeps the last lines of each function', () => {
    const buffer = new FunctionLogBuffer(2);
    ['one', 'two', 'three'].forEach((line) => buffer.append('Fn', line));
    assert.equal(buffer.render('Fn'), 'two\nthree\n');
    assert.match(buffer.render('Other'), /No log lines from Other yet/);
  });
});

describe('events for Invoke with Event…', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lambkin-events-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts JSON and explains what is wrong otherwise', () => {
    assert.deepEqual(checkEventJson('  {"a": 1}\n', 'x.json'), { ok: true, payload: '{"a": 1}' });
    const bad = checkEventJson('{"a": }', 'events/bad.json');
    assert.equal(bad.ok, false);
    assert.match((bad as { reason: string }).reason, /^The event from events\/bad\.json is not valid JSON \(.+\)\. Fix it and invoke again\.$/);
    assert.match((checkEventJson('  ', 'the editor selection') as { reason: string }).reason, /empty/);
  });

  it('lists .lambkin/events/<function>/*.json of every folder', async () => {
    const second = path.join(dir, 'b');
    for (const folder of [path.join(dir, 'a'), second]) mkdirSync(path.join(folder, '.lambkin', 'events', 'Fn'), { recursive: true });
    writeFileSync(path.join(dir, 'a', '.lambkin', 'events', 'Fn', 'z.json'), '{}');
    writeFileSync(path.join(dir, 'a', '.lambkin', 'events', 'Fn', 'a.json'), '{}');
    writeFileSync(path.join(dir, 'a', '.lambkin', 'events', 'Fn', 'notes.txt'), '');
    writeFileSync(path.join(second, '.lambkin', 'events', 'Fn', 'b.JSON'), '{}');
    assert.deepEqual(await listSavedEvents([path.join(dir, 'a'), second, path.join(dir, 'none')], 'Fn'), [
      path.join(dir, 'a', '.lambkin', 'events', 'Fn', 'a.json'),
      path.join(dir, 'a', '.lambkin', 'events', 'Fn', 'z.json'),
      path.join(second, '.lambkin', 'events', 'Fn', 'b.JSON'),
    ]);
  });
});
