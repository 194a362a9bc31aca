// The measurements store and the cost report built from it.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reportCsv, reportMarkdown, reportTable } from '../../../runtime/stats/format';
import { costReport } from '../../../runtime/stats/report';
import { MAX_SAMPLES_PER_FUNCTION, StatsStore } from '../../../runtime/stats/store';
import type { InvocationResult } from '../../../runtime/protocol/control';
import type { FunctionConfig } from '../../../runtime/template/model';

function result(overrides: Partial<InvocationResult> = {}): InvocationResult {
  return {
    requestId: 'r', functionName: 'Fn', invocationType: 'RequestResponse', startedAt: Date.now(), coldStart: false,
    status: 'success', event: '{}', response: 'null', durationMs: 100.4, billedDurationMs: 101, memorySizeMb: 512, maxMemoryUsedMb: 60, logs: [],
    ...overrides,
  };
}

const fn = { name: 'Fn', memorySize: 512, architecture: 'x86_64', ephemeralStorage: 512 } as FunctionConfig;
const idle = { name: 'Idle', memorySize: 128, architecture: 'arm64', ephemeralStorage: 512 } as FunctionConfig;

describe('stats: measurements store', function () {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'lambkin-stats-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps measurements across restarts, beside the template, out of git', () => {
    const template = path.join(dir, 'template.yaml');
    const store = StatsStore.forTemplate(template);
    store.record(result({ coldStart: true, initDurationMs: 150, billedDurationMs: 251 }), 'x86_64');
    store.flush();
    const again = StatsStore.forTemplate(template);
    assert.equal(again.samples('Fn').length, 1);
    assert.equal(again.samples('Fn')[0].initMs, 150);
    assert.equal(readFileSync(path.join(dir, '.lambkin', 'stats', '.gitignore'), 'utf8'), '*\n');
  });

  it('batches appends: nothing is lost between flushes', () => {
    const file = path.join(dir, 'stats.jsonl');
    const store = StatsStore.at(file);
    store.record(result({ functionName: 'A' }), 'x86_64');
    store.record(result({ functionName: 'B' }), 'arm64');
    store.reset('A');
    store.record(result({ functionName: 'B' }), 'arm64');
    store.flush();
    const reread = StatsStore.at(file);
    assert.equal(reread.samples('A').length, 0);
    assert.equal(reread.samples('B').length, 2);
  });

  it('skips a torn line instead of failing', () => {
    const file = path.join(dir, 'stats.jsonl');
    const store = StatsStore.at(file);
    store.record(result(), 'x86_64');
    store.flush();
    appendFileSync(file, '{"functionName":"Fn","dura');
    assert.equal(StatsStore.at(file).samples('Fn').length, 1);
  });

  it('bounds what it keeps per function and compacts the file', () => {
    const file = path.join(dir, 'stats.jsonl');
    const store = StatsStore.at(file);
    for (let i = 0; i < 2 * MAX_SAMPLES_PER_FUNCTION + 5; i++) {
      store.record(result({ startedAt: i }), 'x86_64');
      if (i % 100 === 0) store.flush();
    }
    store.flush();
    assert.equal(store.samples('Fn').length, MAX_SAMPLES_PER_FUNCTION);
    const lines = readFileSync(file, 'utf8').trim().split('\n').length;
    assert.ok(lines <= 2 * MAX_SAMPLES_PER_FUNCTION, `${lines} lines`);
    store.reset('Fn');
    assert.equal(StatsStore.at(file).samples('Fn').length, 0);
  });
});

describe('stats: cost report', function () {
  it('prices the measured durations and lists functions never invoked', () => {
    const store = StatsStore.at(path.join(mkdtempSync(path.join(os.tmpdir(), 'lambkin-stats-')), 's.jsonl'));
    store.record(result({ coldStart: true, durationMs: 119.2, initDurationMs: 300, billedDurationMs: 420 }), 'x86_64');
    for (let i = 0; i < 99; i++) store.record(result({ durationMs: 119.2, billedDurationMs: 120 }), 'x86_64');
    const report = costReport([fn, idle], store, { region: 'us-east-1', monthlyInvocations: { default: 10_000_000 } });
    assert.deepEqual(report.unmeasured, ['Idle']);
    const [summary] = report.functions;
    assert.equal(summary.invocations, 100);
    assert.equal(summary.coldStarts, 1);
    assert.equal(summary.p50BilledMs, 120);
    // 1 % cold starts with 300 ms init at 512 MB for 120 ms: the reference's worked example, ≈ $5.38 with the free tier.
    assert.ok(Math.abs(report.account.total - 5.38) < 0.01, String(report.account.total));
    assert.ok(summary.otherArchitecture.architecture === 'arm64' && summary.otherArchitecture.costPerMillion < summary.costPerMillion);
    assert.match(reportTable(report), /^Fn\s+x86_64\s+512 MB\s+100\s+1 %/m);
    assert.match(reportCsv(report), /^Function,Arch,Memory,Invocations/);
    assert.match(reportMarkdown(report), /\| Fn \| x86_64 \| 512 MB \| 100 \|/);
  });
});
