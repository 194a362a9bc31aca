// The cost report page: a table per function, SVG charts, the account's month and where the prices come
// from. The body is rebuilt on every update and swapped in by the page's script, so scrolling stays.
import { formatDurationMs, formatUsd } from '../../../runtime/cost';
import type { CostReport, FunctionCostSummary } from '../../../runtime/stats/report';
import { percent } from '../hintText';
import { coldWarmChart, costPerFunctionChart, durationHistogram } from './charts';
import { escapeHtml } from './escape';

export interface ReportPageOptions {
  /** The webview's `cspSource`, allowed for the stylesheet and script. */
  cspSource: string;
  nonce: string;
  styleUri: string;
  scriptUri: string;
  body: string;
}

export interface ReportBodyOptions {
  workspaceName: string;
  statsFile: string | undefined;
  customPrices: boolean;
  priceProblems: string[];
}

/** An element id for a function's section (function names are letters, digits and a few symbols). */
export function functionAnchor(functionName: string): string {
  return `fn-${functionName.replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

function tableRow(s: FunctionCostSummary): string {
  const cells = [
    `<th scope="row"><a href="#${functionAnchor(s.functionName)}">${escapeHtml(s.functionName)}</a></th>`,
    `<td>${s.architecture}</td>`,
    `<td class="num">${s.memorySizeMb} MB</td>`,
    `<td class="num">${s.invocations}</td>`,
    `<td class="num">${percent(s.coldStartShare)}</td>`,
    `<td class="num">${formatDurationMs(s.p50DurationMs)}</td>`,
    `<td class="num">${formatDurationMs(s.p95DurationMs)}</td>`,
    `<td class="num">${formatDurationMs(s.maxDurationMs)}</td>`,
    `<td class="num">${s.billedGbSeconds.toFixed(4)}</td>`,
    `<td class="num">${formatUsd(s.costPerMillion)}</td>`,
    `<td class="num">${s.monthlyInvocations.toLocaleString('en-US')}</td>`,
    `<td class="num">${formatUsd(s.monthlyCost)}</td>`,
  ];
  return `<tr data-function="${escapeHtml(s.functionName)}">${cells.join('')}</tr>`;
}

function functionSection(s: FunctionCostSummary): string {
  return `<section class="function" id="${functionAnchor(s.functionName)}">` +
    `<h3>${escapeHtml(s.functionName)} <span class="muted">${s.architecture} · ${s.memorySizeMb} MB · ${s.invocations} invocations</span></h3>` +
    `<div class="side-by-side"><figure>${durationHistogram(s)}<figcaption>Duration of the last ${s.recent.length} invocations (<span class="key key-warm"></span> warm, <span class="key key-cold"></span> cold)</figcaption></figure>` +
    `<dl><dt>Per invocation</dt><dd>${formatUsd(s.costPerInvocation)}</dd>` +
    `<dt>Per 1M</dt><dd>${formatUsd(s.costPerMillion)} · ${s.otherArchitecture.architecture}: ${formatUsd(s.otherArchitecture.costPerMillion)} (same durations assumed)</dd>` +
    `<dt>Billed, warm</dt><dd>p50 ${formatDurationMs(s.p50BilledMs)} · p95 ${formatDurationMs(s.p95BilledMs)}</dd>` +
    `<dt>Cold starts</dt><dd>${s.coldStarts} (${percent(s.coldStartShare)}), INIT ${percent(s.coldStartShareOfCost)} of cost</dd>` +
    `<dt>Max memory used</dt><dd>${s.maxMemoryUsedMb} MB of ${s.memorySizeMb} MB</dd>` +
    `<dt>Errors / timeouts</dt><dd>${s.errors} / ${s.timeouts}</dd></dl></div></section>`;
}

export function reportBodyHtml(report: CostReport | undefined, options: ReportBodyOptions): string {
  const toolbar = '<div class="toolbar"><button type="button" data-export="csv">Export CSV…</button><button type="button" data-export="markdown">Export Markdown…</button></div>';
  const heading = `<header><h1>Lambda cost estimate <span class="muted">${escapeHtml(options.workspaceName)}</span></h1>${report && report.functions.length > 0 ? toolbar : ''}</header>`;
  if (!report || report.functions.length === 0) {
    const pending = report?.unmeasured.length ? ` (${report.unmeasured.map(escapeHtml).join(', ')})` : '';
    return `${heading}<p class="empty">No invocation measured yet${pending}. Invoke a function — from the Functions view, a handler's CodeLens or <code>lambkin invoke</code> — and its cost appears here.</p>`;
  }
  const head = ['Function', 'Arch', 'Memory', 'Invocations', 'Cold', 'p50', 'p95', 'Max', 'Billed GB-s', 'Per 1M', 'Monthly volume', 'Monthly'];
  const explain: Record<string, string> = {
    Cold: 'Share of the measured invocations that were cold starts',
    'Billed GB-s': 'GB-seconds billed for the measured invocations, INIT included on cold starts',
    'Per 1M': 'Cost of 1M invocations at the first duration tier, without free tier, cold starts at the observed share',
    Monthly: 'This function alone at its monthly volume, without free tier (the account month below applies it once)',
  };
  const table = `<table><thead><tr>${head.map((title, i) => `<th scope="col"${i > 1 ? ' class="num"' : ''}${explain[title] ? ` title="${explain[title]}"` : ''}>${title}</th>`).join('')}</tr></thead>` +
    `<tbody>${report.functions.map(tableRow).join('')}</tbody></table>`;
  const account = report.account;
  const month = `<p class="month">Account month: <strong>${account.invocations.toLocaleString('en-US')}</strong> invocations, <strong>${formatUsd(account.total)}</strong>` +
    `${account.freeTierApplied ? ` after the free tier (used: ${Math.round(account.breakdown.freeTier.requests).toLocaleString('en-US')} requests, ${Math.round(account.breakdown.freeTier.gbSeconds).toLocaleString('en-US')} GB-s), applied once across functions` : ''}.` +
    ` Requests ${formatUsd(account.breakdown.requestCost)} · duration ${formatUsd(account.breakdown.durationCost)} · storage ${formatUsd(account.breakdown.storageCost)}.</p>`;
  const p = report.pricing;
  const notes = [
    `Prices: ${escapeHtml(p.region)}${p.regionFallback ? ` (none listed for ${escapeHtml(p.requestedRegion)}: add them in <code>lambkin.cost.prices</code>)` : ''}, ${options.customPrices ? 'with your <code>lambkin.cost.prices</code>' : 'AWS list prices'}, taken ${escapeHtml(p.takenOn)}. ` +
      'Durations measured on this machine; cost per invocation at the first duration tier without free tier; cold-start share as observed; INIT billed on cold starts (since August 2025).',
  ];
  if (options.priceProblems.length > 0) notes.push(`<span class="problem"><code>lambkin.cost.prices</code> is not used: ${options.priceProblems.map(escapeHtml).join('; ')}</span>`);
  if (report.unmeasured.length > 0) notes.push(`Not measured yet: ${report.unmeasured.map(escapeHtml).join(', ')}.`);
  if (options.statsFile) notes.push(`Measurements: <code>${escapeHtml(options.statsFile)}</code> (also read by <code>lambkin cost</code>).`);
  const charts = `<div class="charts"><figure>${costPerFunctionChart(report)}<figcaption>Cost per 1M invocations (<span class="key key-x86"></span> x86_64, <span class="key key-arm"></span> arm64)</figcaption></figure>` +
    `<figure>${coldWarmChart(report)}<figcaption>Share of cost: <span class="key key-warm"></span> warm, <span class="key key-cold"></span> INIT on cold starts</figcaption></figure></div>`;
  return `${heading}${table}${month}${charts}<h2>Functions</h2>${report.functions.map(functionSection).join('')}` +
    `<footer>${notes.map((note) => `<p>${note}</p>`).join('')}</footer>`;
}

export function reportPageHtml(options: ReportPageOptions): string {
  const csp = [`default-src 'none'`, `style-src ${options.cspSource}`, `script-src 'nonce-${options.nonce}'`, `img-src ${options.cspSource}`, `font-src ${options.cspSource}`].join('; ');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1.0">` +
    `<link rel="stylesheet" href="${escapeHtml(options.styleUri)}"><title>Lambkin Cost Report</title></head>` +
    `<body><main id="report">${options.body}</main><script nonce="${options.nonce}" src="${escapeHtml(options.scriptUri)}"></script></body></html>`;
}
