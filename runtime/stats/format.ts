// The cost report as text: an aligned table for terminals, CSV for spreadsheets, Markdown for pull requests.
import { formatDurationMs, formatUsd } from '../cost';
import type { CostReport, FunctionCostSummary } from './report';

interface Column {
  title: string;
  cell(summary: FunctionCostSummary): string;
  /** Machine-readable value for CSV. */
  raw(summary: FunctionCostSummary): string | number;
}

const COLUMNS: Column[] = [
  { title: 'Function', cell: (s) => s.functionName, raw: (s) => s.functionName },
  { title: 'Arch', cell: (s) => s.architecture, raw: (s) => s.architecture },
  { title: 'Memory', cell: (s) => `${s.memorySizeMb} MB`, raw: (s) => s.memorySizeMb },
  { title: 'Invocations', cell: (s) => String(s.invocations), raw: (s) => s.invocations },
  { title: 'Cold', cell: (s) => `${Math.round(s.coldStartShare * 100)} %`, raw: (s) => round(s.coldStartShare, 4) },
  { title: 'p50', cell: (s) => formatDurationMs(s.p50DurationMs), raw: (s) => s.p50DurationMs },
  { title: 'p95', cell: (s) => formatDurationMs(s.p95DurationMs), raw: (s) => s.p95DurationMs },
  { title: 'Max', cell: (s) => formatDurationMs(s.maxDurationMs), raw: (s) => s.maxDurationMs },
  { title: 'Billed GB-s', cell: (s) => s.billedGbSeconds.toFixed(4), raw: (s) => round(s.billedGbSeconds, 6) },
  { title: 'Per 1M', cell: (s) => formatUsd(s.costPerMillion), raw: (s) => round(s.costPerMillion, 4) },
  { title: 'Monthly volume', cell: (s) => s.monthlyInvocations.toLocaleString('en-US'), raw: (s) => s.monthlyInvocations },
  { title: 'Monthly', cell: (s) => formatUsd(s.monthlyCost), raw: (s) => round(s.monthlyCost, 4) },
];

export function reportTable(report: CostReport): string {
  const rows = [COLUMNS.map((column) => column.title), ...report.functions.map((summary) => COLUMNS.map((column) => column.cell(summary)))];
  const widths = COLUMNS.map((_, at) => Math.max(...rows.map((row) => row[at].length)));
  const lines = rows.map((row) => row.map((cell, at) => (at === 0 || at === 1 ? cell.padEnd(widths[at]) : cell.padStart(widths[at]))).join('  ').trimEnd());
  return [...lines, '', ...footer(report)].join('\n');
}

export function reportMarkdown(report: CostReport): string {
  const header = `| ${COLUMNS.map((column) => column.title).join(' | ')} |`;
  const rule = `|${COLUMNS.map((_, at) => (at < 2 ? '---' : '---:')).join('|')}|`;
  const rows = report.functions.map((summary) => `| ${COLUMNS.map((column) => column.cell(summary).replace(/\|/g, '\\|')).join(' | ')} |`);
  return [`# Lambda cost estimate (${report.region})`, '', header, rule, ...rows, '', ...footer(report).map((line) => `${line}  `)].join('\n');
}

export function reportCsv(report: CostReport): string {
  const quote = (value: string | number) => (typeof value === 'number' ? String(value) : /[",\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const lines = [COLUMNS.map((column) => quote(column.title)).join(','), ...report.functions.map((summary) => COLUMNS.map((column) => quote(column.raw(summary))).join(','))];
  return lines.join('\n') + '\n';
}

function footer(report: CostReport): string[] {
  const lines = [
    `Account month: ${report.account.invocations.toLocaleString('en-US')} invocations, ${formatUsd(report.account.total)}${report.account.freeTierApplied ? ' after the free tier (1M requests, 400,000 GB-s)' : ''}.`,
    `Prices: ${report.pricing.region}${report.pricing.regionFallback ? ` (no figures for ${report.pricing.requestedRegion}; us-east-1 used)` : ''}, taken ${report.pricing.takenOn}. Durations measured locally; cold-start share as observed.`,
  ];
  for (const summary of report.functions) {
    const provisioned = summary.provisioned;
    if (!provisioned) continue;
    lines.push(`${summary.functionName}: ${provisioned.concurrency} provisioned environment${provisioned.concurrency === 1 ? '' : 's'} configured all month ` +
      `${formatUsd(provisioned.monthlyConcurrencyCost)} (in Monthly); ${Math.round(provisioned.share * 100)} % of invocations ran on them, at the provisioned duration price, without INIT.`);
  }
  if (report.unmeasured.length > 0) lines.push(`Not measured yet (invoke them first): ${report.unmeasured.join(', ')}.`);
  return lines;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
