// The cost hints' figures and words: settings, the hint line, levels, the memory what-if, the hover's
// breakdown, and which handler line a hint belongs to. Pure modules, real files where files matter.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { costPerMillion, formatUsd, invocationCost, LAMBDA_PRICES } from '../../../runtime/cost';
import type { InvocationResult } from '../../../runtime/protocol/control';
import { costReport } from '../../../runtime/stats/report';
import { StatsStore } from '../../../runtime/stats/store';
import type { FunctionConfig } from '../../../runtime/template/model';
import { breakdownMarkdown } from '../../../src/cost/breakdownMarkdown';
import { parseCostSettings, pricesFromSetting } from '../../../src/cost/costSettings';
import { explainFunction } from '../../../src/cost/explain';
import { handlersInDocument } from '../../../src/cost/handlerLines';
import { costHint, costLevel } from '../../../src/cost/hintText';
import { memoryWhatIf } from '../../../src/cost/whatIf';

function fn(overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    logicalId: 'HelloFunction', name: 'HelloFunction', templatePath: '/w/template.yaml', location: { file: '/w/template.yaml', line: 3, column: 3 },
    resourceType: 'AWS::Serverless::Function', codeRoot: '/w/src', handler: 'app.handler', runtime: 'nodejs22.x', memorySize: 128,
    timeout: 10, architecture: 'x86_64', ephemeralStorage: 512, environment: {}, loggingConfig: { logFormat: 'Text' }, events: [],
    ...overrides,
  };
}

let counter = 0;
function result(functionName: string, durationMs: number, billedDurationMs: number, memorySizeMb: number, initDurationMs?: number): InvocationResult {
  counter += 1;
  return {
    requestId: `r-${counter}`, functionName, invocationType: 'RequestResponse', startedAt: 1_700_000_000_000 + counter, coldStart: initDurationMs !== undefined,
    status: 'success', event: '{}', response: '{}', durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb: 60, logs: [],
    ...(initDurationMs !== undefined ? { initDurationMs } : {}),
  };
}

describe('cost hints', () => {
  let dir: string;
  let store: StatsStore;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lambkin-cost-'));
    store = StatsStore.at(path.join(dir, 'invocations.jsonl'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const settings = parseCostSettings({});
  const options = { region: 'us-east-1', monthlyInvocations: { default: 1_000_000 }, prices: settings.prices };

  describe('settings', () => {
    it('defaults to CodeLens hints, 1M invocations a month, $1 / $10 per 1M and the list prices', () => {
      assert.equal(settings.hints, 'codeLens');
      assert.equal(settings.monthlyInvocations, 1_000_000);
      assert.equal(settings.notablePerMillion, 1);
      assert.equal(settings.expensivePerMillion, 10);
      assert.equal(settings.prices, LAMBDA_PRICES);
      assert.equal(settings.customPrices, false);
      assert.deepEqual(settings.priceProblems, []);
    });

    it('keeps valid per-function volumes and drops the others; never lets expensive fall below notable', () => {
      const parsed = parseCostSettings({ hints: 'endOfLine', monthlyInvocations: 5e6, perFunction: { A: 25e6, B: -1, C: 'lots' }, notablePerMillion: 4, expensivePerMillion: 2 });
      assert.equal(parsed.hints, 'endOfLine');
      assert.equal(parsed.monthlyInvocations, 5e6);
      assert.deepEqual(parsed.perFunction, { A: 25e6 });
      assert.equal(parsed.expensivePerMillion, 4);
      assert.equal(parseCostSettings({ hints: 'sideways' }).hints, 'codeLens');
    });

    it('lays custom prices over the list prices, so a cheaper request price shows in the cost', () => {
      const { prices, problems } = pricesFromSetting({ regions: { 'us-east-1': { x86_64: { requestPerMillion: 0.1 } } }, takenOn: '2026-11-01' });
      assert.deepEqual(problems, []);
      assert.equal(prices.takenOn, '2026-11-01');
      assert.equal(prices.regions['us-east-1']!.x86_64.requestPerMillion, 0.1);
      assert.equal(prices.regions['us-east-1']!.arm64.requestPerMillion, 0.2);
      assert.equal(parseCostSettings({ prices: { regions: { 'us-east-1': { x86_64: { requestPerMillion: 0.1 } } } } }).customPrices, true);
    });

    it('names the field at fault in bad custom prices, and falls back to the list prices', () => {
      const incomplete = pricesFromSetting({ regions: { 'eu-west-1': { x86_64: { requestPerMillion: 0.2 } } } });
      assert.equal(incomplete.prices, LAMBDA_PRICES);
      assert.ok(incomplete.problems.some((problem) => problem.startsWith('regions.eu-west-1.arm64 is missing')), incomplete.problems.join('\n'));
      assert.ok(incomplete.problems.some((problem) => problem.startsWith('regions.eu-west-1.x86_64.durationTiers')), incomplete.problems.join('\n'));
      assert.deepEqual(pricesFromSetting({ regions: { 'us-east-1': { x86_64: { requestPerMillion: -1 } } } }).problems, ['regions.us-east-1.x86_64.requestPerMillion must be a number ≥ 0 (got -1)']);
      assert.deepEqual(pricesFromSetting({ regions: { 'us-east-1': { sparc: {} } } }).problems, ['regions.us-east-1.sparc: the architectures are "x86_64" and "arm64"']);
      assert.deepEqual(pricesFromSetting({ regions: 'cheap' }).problems, ['regions must be an object keyed by region, e.g. { "eu-west-1": { "x86_64": { … } } }']);
      assert.deepEqual(pricesFromSetting({ currency: 'EUR' }).problems, ['currency must be "USD" (got "EUR")']);
      assert.equal(pricesFromSetting([1, 2]).problems.length, 1);
    });
  });

  describe('the hint line', () => {
    it('reads like "p50 41 ms · 128 MB · $0.29/1M" for a warm 128 MB function billed 41 ms (AWS: $0.20/1M + GB-s × $0.0000166667)', () => {
      for (let i = 0; i < 4; i++) store.record(result('HelloFunction', 40.4, 41, 128), 'x86_64');
      const report = costReport([fn()], store, options);
      const summary = report.functions[0]!;
      const hint = costHint(summary, 41, settings);
      assert.equal(hint.text, 'p50 40.4 ms · p95 40.4 ms · billed 41 ms · 128 MB · $0.29/1M ($0.00000029 each)');
      // 0.2/1e6 + 0.125 GB × 0.041 s × 0.0000166667 = 2.8542e-7
      assert.ok(Math.abs(summary.costPerInvocation - 2.85417e-7) < 1e-11, String(summary.costPerInvocation));
      assert.equal(hint.level, 'cheap');
    });

    it('adds the cold-start share of the cost when INIT was billed', () => {
      store.record(result('HelloFunction', 40, 190, 128, 149.5), 'x86_64');
      for (let i = 0; i < 3; i++) store.record(result('HelloFunction', 40, 40, 128), 'x86_64');
      const summary = costReport([fn()], store, options).functions[0]!;
      const hint = costHint(summary, (190 + 40 * 3) / 4, settings);
      // Warm: 40 ms; cold: ceil(40 + 149.5) = 190 ms; at a 25 % cold share the mean is 77.5 ms.
      const warm = invocationCost({ memoryMb: 128, billedMs: 40, architecture: 'x86_64' }).total;
      const blended = invocationCost({ memoryMb: 128, billedMs: 77.5, architecture: 'x86_64' }).total;
      const share = (0.25 * (invocationCost({ memoryMb: 128, billedMs: 190, architecture: 'x86_64' }).total - warm)) / blended;
      assert.ok(hint.text.endsWith(` · cold starts ${Math.round(share * 100)} % of cost`), hint.text);
      assert.match(hint.text, /billed 77\.5 ms/);
      assert.equal(summary.costPerMillion, blended * 1e6);
    });

    it('reads as cheap, notable or expensive at the configured cost per 1M', () => {
      const thresholds = parseCostSettings({ notablePerMillion: 1, expensivePerMillion: 10 });
      assert.equal(costLevel(0.99, thresholds), 'cheap');
      assert.equal(costLevel(1, thresholds), 'notable');
      assert.equal(costLevel(10, thresholds), 'expensive');
      // 1024 MB for 1 s: $0.20 + 1 GB-s × $16.6667 per 1M ≈ $16.87: expensive.
      assert.equal(costLevel(costPerMillion({ memoryMb: 1024, billedMs: 1000, architecture: 'x86_64' }), thresholds), 'expensive');
    });
  });

  describe('the memory what-if', () => {
    it('measures sizes the function ran at and estimates the others with the same duration, labelled', () => {
      for (let i = 0; i < 3; i++) store.record(result('HelloFunction', 99.2, 100, 128), 'x86_64');
      for (let i = 0; i < 2; i++) store.record(result('HelloFunction', 49.1, 50, 512), 'x86_64');
      const rows = memoryWhatIf(fn({ memorySize: 128 }), store.samples('HelloFunction'), { region: 'us-east-1', prices: LAMBDA_PRICES });
      const at = (memoryMb: number) => rows.find((row) => row.memoryMb === memoryMb)!;
      assert.equal(at(128).basis, 'configured');
      assert.equal(at(128).samples, 5);
      assert.equal(at(512).basis, 'measured');
      assert.equal(at(512).billedMs, 50);
      assert.equal(at(512).costPerMillion, costPerMillion({ memoryMb: 512, billedMs: 50, architecture: 'x86_64' }));
      assert.equal(at(1024).basis, 'estimate');
      assert.equal(at(1024).billedMs, at(128).billedMs);
      assert.equal(at(1024).costPerMillion, costPerMillion({ memoryMb: 1024, billedMs: at(128).billedMs, architecture: 'x86_64' }));
      assert.deepEqual(rows.map((row) => row.memoryMb), [...rows.map((row) => row.memoryMb)].sort((a, b) => a - b));
    });
  });

  describe('the hover breakdown', () => {
    it('shows the formula with its numbers, the other architecture, the what-if and the month with the free tier', () => {
      for (let i = 0; i < 9; i++) store.record(result('HelloFunction', 40.4, 41, 128), 'x86_64');
      store.record(result('HelloFunction', 40.4, 191, 128, 150), 'x86_64');
      const report = costReport([fn(), fn({ name: 'Other', logicalId: 'Other' })], store, options);
      const explanation = explainFunction(fn(), store.samples('HelloFunction'), report, { region: 'us-east-1', prices: LAMBDA_PRICES })!;
      const text = breakdownMarkdown(explanation, { volumeSetting: 'lambkin.cost.monthlyInvocations', customPrices: false, priceProblems: [], links: { report: 'command:r', reset: 'command:x' } });
      // Mean billed: 90 % × 41 + 10 % × ceil(40.4 + 150) = 36.9 + 19.1 = 56 ms.
      assert.equal(explanation.projection.avgBilledMs, 56);
      const total = invocationCost({ memoryMb: 128, billedMs: 56, architecture: 'x86_64' }).total;
      for (const part of [
        '### HelloFunction — x86_64 · 128 MB',
        '10 invocations measured',
        '`$0.2 / 1M + 128 MB / 1024 × 56 ms / 1000 × $0.0000166667 = ' + formatUsd(total) + '`',
        '| Duration | 0.125 GB × 0.05600 s = 0.007000 GB-s × $0.0000166667 per GB-s |',
        'within the free 512 MB',
        '1 of 10 invocations (10 %) were cold; INIT took 150 ms on average',
        'Since 1 August 2025 Lambda bills INIT',
        `arm64 ${formatUsd(costPerMillion({ memoryMb: 128, billedMs: 56, architecture: 'arm64' }))} per 1M`,
        'Estimate: assumes the same durations on arm64',
        '| 1024 MB | 56 ms |',
        'estimate: same duration assumed',
        '**Month at 1,000,000 invocations** (`lambkin.cost.monthlyInvocations`)',
        `This function alone, no free tier: **${formatUsd(total * 1e6)}**`,
        'free tier applied once',
        'The free tier (1,000,000 requests, 400,000 GB-s a month) covers the x86_64 duration.',
        'us-east-1, AWS list prices, taken 2026-11-26',
        '[Open Cost Report](command:r) · [Reset Measurements](command:x)',
      ]) assert.ok(text.includes(part), `missing ${JSON.stringify(part)} in\n${text}`);
      assert.ok(!text.includes('NaN') && !text.includes('undefined'), text);
    });

    it('prices provisioned concurrency: the month of configured environments and the invocations they served', () => {
      // Three invocations on provisioned environments, one on demand with a cold start.
      for (let i = 0; i < 3; i++) store.record({ ...result('HelloFunction', 40.4, 41, 1024), provisioned: true }, 'x86_64');
      store.record(result('HelloFunction', 40.4, 191, 1024, 150), 'x86_64');
      const provisionedFn = fn({ memorySize: 1024, provisionedConcurrency: 2, alias: 'live' });
      const report = costReport([provisionedFn], store, options);
      const summary = report.functions[0]!;
      const configured = 2 * 1 * 730 * 3600 * 0.0000041667;
      assert.equal(summary.provisioned?.share, 0.75);
      assert.ok(Math.abs(summary.provisioned!.monthlyConcurrencyCost - configured) < 1e-9);
      assert.ok(summary.monthlyCost > configured, 'the month includes the configured environments');
      const explanation = explainFunction(provisionedFn, store.samples('HelloFunction'), report, { region: 'us-east-1', prices: LAMBDA_PRICES })!;
      const text = breakdownMarkdown(explanation, { volumeSetting: 'lambkin.cost.monthlyInvocations', customPrices: false, priceProblems: [] });
      for (const part of [
        '**Provisioned concurrency** — 2 environments kept initialised',
        `2 × 1 GB × 730 h × $0.0000041667 per GB-s = **${formatUsd(configured)} a month**`,
        '75 % of the measured invocations ran on them',
        `provisioned concurrency ${formatUsd(configured)}`,
      ]) assert.ok(text.includes(part), `missing ${JSON.stringify(part)} in\n${text}`);
      assert.match(costHint(summary, 78.5, { notablePerMillion: 1, expensivePerMillion: 10 }).text, /· 2 provisioned \$21\.90\/month$/);
    });

    it('says why custom prices are not used', () => {
      store.record(result('HelloFunction', 10, 10, 128), 'x86_64');
      const report = costReport([fn()], store, options);
      const explanation = explainFunction(fn(), store.samples('HelloFunction'), report, { region: 'eu-west-1', prices: LAMBDA_PRICES })!;
      const text = breakdownMarkdown(explanation, { volumeSetting: 'lambkin.cost.perFunction', customPrices: false, priceProblems: ['regions.eu-west-1.arm64 is missing'] });
      assert.ok(text.includes('`lambkin.cost.prices` is not used: regions.eu-west-1.arm64 is missing'), text);
      assert.ok(text.includes('(`lambkin.cost.perFunction`)'), text);
    });
  });

  describe('which line a hint belongs to', () => {
    it('finds the exported handler in the file Open Handler would open (TypeScript first), from the editor text', () => {
      const src = path.join(dir, 'src');
      mkdirSync(src);
      writeFileSync(path.join(src, 'app.ts'), '');
      writeFileSync(path.join(src, 'app.js'), '');
      const functions = [fn({ codeRoot: src }), fn({ name: 'Second', logicalId: 'Second', codeRoot: src, handler: 'app.other' }), fn({ name: 'Elsewhere', logicalId: 'Elsewhere', codeRoot: src, handler: 'lib.handler' })];
      const source = 'import x from "y";\n\nexport const handler = async () => {};\nexport async function other() {}\n';
      const found = handlersInDocument(functions, path.join(src, 'app.ts'), source);
      assert.deepEqual(found.map(({ fn: f, line, column, endColumn }) => [f.name, line, column, endColumn]), [['HelloFunction', 2, 13, 20], ['Second', 3, 22, 27]]);
      assert.deepEqual(handlersInDocument(functions, path.join(src, 'app.js'), source), [], 'app.js is shadowed by app.ts');
    });
  });
});
