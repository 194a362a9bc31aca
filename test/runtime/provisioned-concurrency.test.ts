// Provisioned concurrency through real processes: ProvisionedConcurrencyConfig keeps that many environments
// initialised ahead of traffic (no cold start, no Init Duration, AWS_LAMBDA_INITIALIZATION_TYPE says so),
// traffic beyond them goes on demand with a cold start, the idle timeout leaves them alone, a code change
// re-initialises them, and the cost report prices them as provisioned concurrency.
import { InvokeCommand } from '@aws-sdk/client-lambda';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ControlEvent, EnvironmentInfo } from '../../runtime/protocol/control';
import { waitFor } from '../support/wait-for';
import { decodeLog, json, pidAlive, startTestRuntime, type TestRuntime } from './support';

const FIXTURE = path.resolve(__dirname, '../fixtures/provisioned-app');

interface Answer {
  code: string;
  pid: number;
  initialisedAt: number;
  initializationType: string;
  version: string;
}

async function invoke(t: TestRuntime, name: string, event: unknown = {}): Promise<{ answer: Answer; log: string }> {
  const out = await t.client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), LogType: 'Tail' }));
  assert.equal(out.FunctionError, undefined, Buffer.from(out.Payload ?? []).toString());
  return { answer: json(out.Payload) as Answer, log: decodeLog(out.LogResult) };
}

function provisionedStarts(events: readonly ControlEvent[]): EnvironmentInfo[] {
  return events.flatMap((event) => (event.event === 'environment.started' && event.data.provisioned ? [event.data] : []));
}

describe('provisioned concurrency', function () {
  this.timeout(120_000);
  let t: TestRuntime | undefined;
  let app: string;
  const startEvents: ControlEvent[] = [];

  beforeEach(() => {
    app = mkdtempSync(path.join(os.tmpdir(), 'lambkin-provisioned-'));
    cpSync(FIXTURE, app, { recursive: true });
    startEvents.length = 0;
  });
  afterEach(async () => {
    await t?.close();
    t = undefined;
    rmSync(app, { recursive: true, force: true });
  });

  const start = (overrides: Parameters<typeof startTestRuntime>[0] = {}) => startTestRuntime({
    templates: [path.join(app, 'template.yaml')],
    statsFile: path.join(app, '.lambkin', 'stats', 'invocations.jsonl'),
    onEvent: (event) => startEvents.push(event),
    ...overrides,
  });

  it('initialises the provisioned environments before the first call, which has no cold start', async () => {
    const before = Date.now();
    t = await start();
    // The runtime is ready once both have run their INIT, each with INIT_START and its own lines.
    const started = provisionedStarts(startEvents);
    assert.equal(started.length, 2);
    for (const env of started) {
      assert.equal(env.functionName, 'Warm');
      assert.match(env.logs![0], /^INIT_START Runtime Version: nodejs:\d+\.v[\d.]+\tRuntime Version ARN: /);
      assert.ok(env.logs!.some((line) => line.endsWith(`INFO\tinit of ${env.pid}`)), env.logs!.join('\n'));
      assert.ok(env.initDurationMs! > 0);
    }
    assert.ok(!startEvents.some((event) => event.event === 'environment.started' && event.data.functionName === 'OnDemand'), 'on-demand functions start nothing ahead of traffic');

    const finished = t.nextFinished();
    const { answer, log } = await invoke(t, 'Warm');
    assert.equal(answer.initializationType, 'provisioned-concurrency');
    assert.equal(answer.version, '1');
    assert.ok(started.some((env) => env.pid === answer.pid));
    assert.ok(answer.initialisedAt >= before);
    assert.doesNotMatch(log, /INIT_START/);
    assert.match(log, /^START RequestId: \S+ Version: 1$/m);
    assert.match(log, /REPORT RequestId: .*Billed Duration: \d+ ms/);
    assert.doesNotMatch(log, /Init Duration/);
    const result = await finished;
    assert.equal(result.coldStart, false);
    assert.equal(result.provisioned, true);
    assert.equal(result.initDurationMs, undefined);

    // An on-demand function still cold-starts, as before.
    const onDemand = await invoke(t, 'OnDemand');
    assert.equal(onDemand.answer.initializationType, 'on-demand');
    assert.equal(onDemand.answer.version, '$LATEST');
    assert.match(onDemand.log, /Init Duration: [\d.]+ ms/);
  });

  it('sends traffic beyond them on demand, with one cold start, routes to them first, and keeps them past the idle timeout', async () => {
    t = await start({ idleTimeoutMs: 1500 });
    const pids = provisionedStarts(startEvents).map((env) => env.pid);
    const answers = await Promise.all([0, 1, 2].map(() => invoke(t!, 'Warm', { sleepMs: 1000 })));
    const cold = answers.filter(({ log }) => /Init Duration/.test(log));
    assert.equal(cold.length, 1, answers.map(({ log }) => log).join('\n'));
    assert.equal(cold[0].answer.initializationType, 'on-demand');
    assert.match(cold[0].log, /INIT_START/);
    const warm = answers.filter(({ log }) => !/Init Duration/.test(log));
    assert.deepEqual(warm.map(({ answer }) => answer.pid).sort(), [...pids].sort());
    assert.ok(warm.every(({ answer }) => answer.initializationType === 'provisioned-concurrency'));
    // Lambda routes to provisioned environments before on-demand ones: the next call skips the on-demand one,
    // although it answered last (its INIT came first) and is the most recently used.
    const next = await invoke(t, 'Warm');
    assert.ok(pids.includes(next.answer.pid), `the call after the burst went to ${next.answer.pid}, not to a provisioned environment (${pids.join(', ')})`);

    // The idle timeout retires the on-demand environment, never the provisioned ones.
    await waitFor(() => !pidAlive(cold[0].answer.pid), { timeoutMs: 10_000, what: 'the on-demand environment to be reaped' });
    assert.ok(pids.every(pidAlive));
    const again = await invoke(t, 'Warm');
    assert.ok(pids.includes(again.answer.pid));
    assert.doesNotMatch(again.log, /Init Duration/);
  });

  it('keeps the environments an AWS::Lambda::Alias provisions, and answers calls to the alias with them', async () => {
    writeFileSync(path.join(app, 'cloudformation.yaml'), [
      'Resources:',
      '  Plain:',
      '    Type: AWS::Lambda::Function',
      '    Properties: {FunctionName: plain, Handler: app.handler, Runtime: nodejs22.x, Code: src/, Timeout: 20}',
      '  PlainLive:',
      '    Type: AWS::Lambda::Alias',
      '    Properties:',
      '      FunctionName: !Ref Plain',
      "      FunctionVersion: '1'",
      '      Name: live',
      '      ProvisionedConcurrencyConfig: {ProvisionedConcurrentExecutions: 1}',
      '',
    ].join('\n'));
    t = await start({ templates: [path.join(app, 'cloudformation.yaml')] });
    const started = provisionedStarts(startEvents);
    assert.deepEqual(started.map((env) => env.functionName), ['plain']);
    const { answer, log } = await invoke(t, 'plain:live');
    assert.equal(answer.pid, started[0].pid);
    assert.equal(answer.initializationType, 'provisioned-concurrency');
    assert.doesNotMatch(log, /Init Duration/);
  });

  it('re-initialises them after a code change, and the next call runs the new code warm', async () => {
    t = await start();
    const oldPids = provisionedStarts(startEvents).map((env) => env.pid);
    const source = path.join(app, 'src', 'app.js');
    writeFileSync(source, readFileSync(source, 'utf8').replace("code: 'v1'", "code: 'v2'"));
    t.runtime.codeChanged(['Warm']);
    const renewed = await waitFor(() => {
      const fresh = provisionedStarts(t!.events).filter((env) => !oldPids.includes(env.pid));
      return fresh.length === 2 ? fresh : undefined;
    }, { timeoutMs: 30_000, what: 'two new provisioned environments' });
    await waitFor(() => oldPids.every((pid) => !pidAlive(pid)), { timeoutMs: 10_000, what: 'the old environments to stop' });
    const { answer, log } = await invoke(t, 'Warm');
    assert.equal(answer.code, 'v2');
    assert.ok(renewed.some((env) => env.pid === answer.pid));
    assert.doesNotMatch(log, /Init Duration/);
  });

  it('replaces one that is lost, as Lambda keeps the configured count', async () => {
    t = await start();
    const pids = provisionedStarts(startEvents).map((env) => env.pid);
    const out = await t.client.send(new InvokeCommand({ FunctionName: 'Warm', Payload: Buffer.from('{"exit":true}') }));
    assert.equal(out.FunctionError, 'Unhandled');
    const replacement = await waitFor(() => provisionedStarts(t!.events).find((env) => !pids.includes(env.pid)), { timeoutMs: 30_000, what: 'a replacement' });
    assert.equal(provisionedStarts(t.events).length, 1, 'one replacement, for the one lost');
    const survivor = pids.find(pidAlive)!;
    const answers = await Promise.all([0, 1].map(() => invoke(t!, 'Warm', { sleepMs: 500 })));
    assert.deepEqual(answers.map(({ answer }) => answer.pid).sort(), [survivor, replacement.pid].sort());
  });

  it('prices the invocations they serve as provisioned concurrency', async () => {
    t = await start();
    await invoke(t, 'Warm');
    await invoke(t, 'Warm');
    await waitFor(() => t!.runtime.stats!.samples('Warm').length === 2 || undefined, { timeoutMs: 5000, what: 'two samples' });
    assert.ok(t.runtime.stats!.samples('Warm').every((sample) => sample.provisioned === true && sample.initMs === undefined));
    const report = t.runtime.costReport({ monthlyInvocations: { default: 1_000_000 } });
    const warm = report.functions.find((summary) => summary.functionName === 'Warm')!;
    assert.equal(warm.provisioned?.concurrency, 2);
    assert.equal(warm.provisioned?.share, 1);
    assert.equal(warm.coldStarts, 0);
    // 2 environments × 0.5 GB × 730 h of the month at us-east-1's x86 $0.0000041667 per GB-s.
    const configured = 2 * 0.5 * 730 * 3600 * 0.0000041667;
    assert.ok(Math.abs(warm.provisioned!.monthlyConcurrencyCost - configured) < 1e-9);
    const month = report.account.breakdown.functions.find((fn) => fn.name === 'Warm')!;
    assert.ok(Math.abs(month.provisionedConcurrencyCost - configured) < 1e-9, `${month.provisionedConcurrencyCost} vs ${configured}`);
    assert.equal(month.gbSeconds, 0, 'no on-demand duration: every invocation ran on a provisioned environment');
  });
});
