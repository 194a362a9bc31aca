// The cost report page (HTML, SVG charts, CSP) and the status bar's session cost.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { invocationCost, LAMBDA_PRICES } from '../../../runtime/cost';
import type { InvocationResult } from '../../../runtime/protocol/control';
import { costReport } from '../../../runtime/stats/report';
import { StatsStore } from '../../../runtime/stats/store';
import type { FunctionConfig } from '../../../runtime/template/model';
import { SessionCost } from '../../../src/cost/sessionCost';
import { coldWarmChart, costPerFunctionChart, durationHistogram, histogramBins } from '../../../src/cost/report/charts';
import { reportBodyHtml, reportPageHtml } from '../../../src/cost/report/html';
import { InvocationStore } from '../../../src/invocations/store';
import { Emitter } from '../../../src/util/emitter';

function fn(name: string, overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    logicalId: name, name, templatePath: '/w/template.yaml', location: { file: '/w/template.yaml', line: 3, column: 3 },
    resourceType: 'AWS::Serverless::Function', codeRoot: '/w/src', handler: 'app.handler', runtime: 'nodejs22.x', memorySize: 256,
    timeout: 10, architecture: 'x86_64', ephemeralStorage: 512, environment: {}, loggingConfig: { logFormat: 'Text' }, events: [],
    ...overrides,
  };
}

let counter = 0;
function result(functionName: string, durationMs: number, billedDurationMs: number, memorySizeMb: number, extra: Partial<InvocationResult> = {}): InvocationResult {
  counter += 1;
  return {
    requestId: `r-${counter}`, functionName, invocationType: 'RequestResponse', startedAt: Date.now(), coldStart: extra.initDurationMs !== undefined,
    status: 'success', event: '{}', response: '{}', durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb: 60, logs: [], ...extra,
  };
}

describe('cost report', () => {
  let dir: string;
  let store: StatsStore;
  const functions = [fn('Hello'), fn('Thumb<nail>', { architecture: 'arm64', memorySize: 512 }), fn('Never')];
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lambkin-report-'));
    store = StatsStore.at(path.join(dir, 'invocations.jsonl'));
    store.record(result('Hello', 12, 150, 256, { initDurationMs: 137.5 }), 'x86_64');
    for (let i = 0; i < 9; i++) store.record(result('Hello', 10 + i, 11 + i, 256), 'x86_64');
    for (let i = 0; i < 3; i++) store.record(result('Thumb<nail>', 200, 200, 512), 'arm64');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const report = () => costReport(functions, store, { region: 'us-east-1', monthlyInvocations: { default: 1_000_000 }, prices: LAMBDA_PRICES });
  const bodyOptions = { workspaceName: 'hello-app', statsFile: '.lambkin/stats/invocations.jsonl', customPrices: false, priceProblems: [] };

  it('tabulates each measured function with the CLI\'s columns, escapes names and lists the unmeasured ones', () => {
    const html = reportBodyHtml(report(), bodyOptions);
    for (const title of ['Invocations', 'p50', 'p95', 'Max', 'Billed GB-s', 'Per 1M', 'Monthly volume', 'Monthly']) assert.ok(html.includes(`>${title}</th>`), title);
    assert.ok(html.includes('Thumb&lt;nail&gt;') && !html.includes('Thumb<nail>'), 'function names are escaped');
    assert.ok(html.includes('Not measured yet: Never.'));
    assert.ok(html.includes('data-export="csv"') && html.includes('data-export="markdown"'));
    assert.match(html, /Account month: <strong>2,000,000<\/strong> invocations/);
    assert.ok(!html.includes('NaN') && !html.includes('undefined'));
  });

  it('explains how to measure when nothing was invoked, without export buttons', () => {
    const empty = costReport(functions, StatsStore.at(path.join(dir, 'none.jsonl')), { region: 'us-east-1', monthlyInvocations: { default: 1 } });
    const html = reportBodyHtml(empty, bodyOptions);
    assert.ok(html.includes('No invocation measured yet (Hello, Thumb&lt;nail&gt;, Never)'));
    assert.ok(!html.includes('data-export'));
  });

  it('serves the page under a strict CSP: no remote resources, only its nonce script and the webview\'s own assets', () => {
    const page = reportPageHtml({ cspSource: 'vscode-webview://x', nonce: 'abc123', styleUri: 'vscode-webview://x/report.css', scriptUri: 'vscode-webview://x/report.js', body: '<p>hi</p>' });
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(page)![1]!;
    assert.ok(csp.startsWith("default-src 'none'"));
    assert.ok(csp.includes("script-src 'nonce-abc123'"));
    assert.ok(!/https?:/.test(page), 'no remote resources');
    assert.ok(!csp.includes('unsafe'));
    assert.ok(page.includes('<script nonce="abc123" src="vscode-webview://x/report.js">'));
  });

  it('draws cost per function as bars proportional to the cost per 1M, most expensive first', () => {
    const r = report();
    const svg = costPerFunctionChart(r);
    const widths = [...svg.matchAll(/<rect class="bar bar-(\w+)" x="170" y="\d+" width="([\d.]+)"/g)].map((m) => [m[1], Number(m[2])] as const);
    assert.equal(widths.length, 2);
    assert.equal(widths[0]![0], 'arm', 'the arm64 function costs more per 1M here and comes first');
    const [thumb, hello] = [r.functions.find((f) => f.architecture === 'arm64')!, r.functions.find((f) => f.functionName === 'Hello')!];
    assert.ok(Math.abs(widths[1]![1] / widths[0]![1] - hello.costPerMillion / thumb.costPerMillion) < 0.01);
    assert.match(svg, /^<svg [^>]*role="img"/);
  });

  it('draws a duration histogram with every recent invocation counted once, cold ones apart', () => {
    const hello = report().functions.find((f) => f.functionName === 'Hello')!;
    const svg = durationHistogram(hello, 4);
    const tips = [...svg.matchAll(/: (\d+) warm, (\d+) cold<\/title>/g)].map((m) => [Number(m[1]), Number(m[2])]);
    assert.equal(tips.length, 4);
    assert.equal(tips.reduce((sum, [warm]) => sum + warm!, 0), 9);
    assert.equal(tips.reduce((sum, [, cold]) => sum + cold!, 0), 1);
    assert.deepEqual(histogramBins([5, 5, 5], 4), [{ from: 5, to: 6 }], 'equal values make one bin');
  });

  it('splits each function\'s cost into warm invocations and INIT on cold starts', () => {
    const r = report();
    const svg = coldWarmChart(r);
    const hello = r.functions.find((f) => f.functionName === 'Hello')!;
    assert.ok(svg.includes(`INIT on cold starts ${Math.round(hello.coldStartShareOfCost * 100)} % of cost`));
    assert.ok(svg.includes('1 cold / 9 warm'));
    assert.ok(svg.includes('0 cold / 3 warm'));
  });
});

describe('the session\'s simulated cost', () => {
  it('prices each finished invocation once, by its REPORT billed duration and memory, for its architecture; a new start begins again', () => {
    const invocations = new InvocationStore(2);
    const state = new Emitter<string>();
    const architectures: Record<string, 'x86_64' | 'arm64'> = { A: 'x86_64', B: 'arm64' };
    const session = new SessionCost({
      invocations,
      onDidChangeState: state.event,
      pricing: (name) => (architectures[name] ? { architecture: architectures[name]!, ephemeralStorageMb: 512, region: 'us-east-1', prices: LAMBDA_PRICES } : undefined),
    });
    const first = result('A', 100, 101, 128);
    invocations.invocationFinished(first);
    invocations.invocationFinished(first); // the event and the invoke reply both deliver it
    for (let i = 0; i < 3; i++) invocations.invocationFinished(result('B', 10, 1200, 1024));
    invocations.invocationFinished(result('B', 0, 0, 1024, { status: 'throttled' }));
    invocations.invocationFinished(result('Unknown', 10, 10, 128));
    const expected = invocationCost({ memoryMb: 128, billedMs: 101, architecture: 'x86_64' }).total + 3 * invocationCost({ memoryMb: 1024, billedMs: 1200, architecture: 'arm64' }).total;
    assert.equal(session.invocations, 4);
    assert.ok(Math.abs(session.total - expected) < 1e-15, `${session.total} vs ${expected}`);

    state.fire('starting');
    assert.equal(session.total, 0);
    assert.equal(session.invocations, 0);
    invocations.invocationFinished(result('A', 5, 5, 128, { startedAt: Date.now() + 10 }));
    assert.equal(session.invocations, 1);
    session.dispose();
  });
});
