// The cost report's charts, drawn as inline SVG on the extension side (no chart library, no script):
// colours come from CSS classes bound to the theme's chart colours. Pure, so the drawing is tested.
import { formatDurationMs, formatUsd } from '../../../runtime/cost';
import type { CostReport, FunctionCostSummary } from '../../../runtime/stats/report';
import { escapeHtml } from './escape';

const WIDTH = 560;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 110;
const ROW_HEIGHT = 26;
const BAR_HEIGHT = 16;

function svg(height: number, title: string, content: string, width = WIDTH): string {
  return `<svg class="chart" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(title)}">` +
    `<title>${escapeHtml(title)}</title>${content}</svg>`;
}

function fixed(value: number): string {
  return (Math.round(value * 10) / 10).toString();
}

/** Horizontal bars: each measured function's cost per 1M invocations. */
export function costPerFunctionChart(report: CostReport): string {
  const rows = [...report.functions].sort((a, b) => b.costPerMillion - a.costPerMillion);
  const max = Math.max(...rows.map((row) => row.costPerMillion), 0);
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const bars = rows.map((row, i) => {
    const y = i * ROW_HEIGHT + 4;
    const width = max > 0 ? Math.max(1, (row.costPerMillion / max) * span) : 1;
    return `<text class="label" x="${LABEL_WIDTH - 8}" y="${y + 12}" text-anchor="end">${escapeHtml(row.functionName)}</text>` +
      `<rect class="bar bar-${row.architecture === 'arm64' ? 'arm' : 'x86'}" x="${LABEL_WIDTH}" y="${y}" width="${fixed(width)}" height="${BAR_HEIGHT}" rx="2"><title>${escapeHtml(`${row.functionName}: ${formatUsd(row.costPerMillion)} per 1M on ${row.architecture}`)}</title></rect>` +
      `<text class="value" x="${fixed(LABEL_WIDTH + width + 6)}" y="${y + 12}">${formatUsd(row.costPerMillion)}</text>`;
  });
  return svg(Math.max(1, rows.length) * ROW_HEIGHT + 8, 'Cost per 1M invocations, by function', bars.join(''));
}

/** The bins of a histogram of `values` (at least one value): `count` bins from min to max. */
export function histogramBins(values: readonly number[], count: number): { from: number; to: number }[] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const width = max > min ? (max - min) / count : 1;
  return Array.from({ length: max > min ? count : 1 }, (_, i) => ({ from: min + i * width, to: max > min ? min + (i + 1) * width : min + width }));
}

/** Duration histogram of one function's recent invocations, cold starts stacked on warm ones. */
export function durationHistogram(summary: FunctionCostSummary, binCount = 12): string {
  const samples = summary.recent;
  if (samples.length === 0) return '';
  const bins = histogramBins(samples.map((sample) => sample.durationMs), binCount);
  const binWidth = bins[0]!.to - bins[0]!.from;
  const binOf = (ms: number) => Math.max(0, Math.min(bins.length - 1, Math.floor((ms - bins[0]!.from) / binWidth)));
  const warm = bins.map(() => 0);
  const cold = bins.map(() => 0);
  for (const sample of samples) (sample.cold ? cold : warm)[binOf(sample.durationMs)]! += 1;
  const tallest = Math.max(...bins.map((_, i) => warm[i]! + cold[i]!));
  const width = 280;
  const height = 120;
  const plot = height - 30;
  const barWidth = width / bins.length;
  const bars = bins.map((bin, i) => {
    const x = i * barWidth;
    const warmHeight = (warm[i]! / tallest) * plot;
    const coldHeight = (cold[i]! / tallest) * plot;
    const tip = `${formatDurationMs(bin.from)}–${formatDurationMs(bin.to)}: ${warm[i]} warm, ${cold[i]} cold`;
    return `<g><title>${escapeHtml(tip)}</title>` +
      `<rect class="bar bar-warm" x="${fixed(x + 1)}" y="${fixed(plot - warmHeight + 4)}" width="${fixed(barWidth - 2)}" height="${fixed(warmHeight)}"/>` +
      `<rect class="bar bar-cold" x="${fixed(x + 1)}" y="${fixed(plot - warmHeight - coldHeight + 4)}" width="${fixed(barWidth - 2)}" height="${fixed(coldHeight)}"/></g>`;
  });
  const axis = `<line class="axis" x1="0" y1="${plot + 4}" x2="${width}" y2="${plot + 4}"/>` +
    `<text class="tick" x="0" y="${height - 8}">${formatDurationMs(bins[0]!.from)}</text>` +
    `<text class="tick" x="${width}" y="${height - 8}" text-anchor="end">${formatDurationMs(bins[bins.length - 1]!.to)}</text>`;
  return svg(height, `Duration histogram of ${summary.functionName}, last ${samples.length} invocations`, bars.join('') + axis, width);
}

/** Per function, the cost split into warm invocations and INIT billed on cold starts. */
export function coldWarmChart(report: CostReport): string {
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const rows = report.functions.map((row, i) => {
    const y = i * ROW_HEIGHT + 4;
    const coldWidth = row.coldStartShareOfCost * span;
    const label = `${row.coldStarts} cold / ${row.invocations - row.coldStarts} warm`;
    return `<text class="label" x="${LABEL_WIDTH - 8}" y="${y + 12}" text-anchor="end">${escapeHtml(row.functionName)}</text>` +
      `<rect class="bar bar-warm" x="${LABEL_WIDTH}" y="${y}" width="${fixed(span - coldWidth)}" height="${BAR_HEIGHT}"><title>${escapeHtml(`${row.functionName}: warm ${Math.round((1 - row.coldStartShareOfCost) * 100)} % of cost`)}</title></rect>` +
      `<rect class="bar bar-cold" x="${fixed(LABEL_WIDTH + span - coldWidth)}" y="${y}" width="${fixed(coldWidth)}" height="${BAR_HEIGHT}"><title>${escapeHtml(`${row.functionName}: INIT on cold starts ${Math.round(row.coldStartShareOfCost * 100)} % of cost`)}</title></rect>` +
      `<text class="value" x="${LABEL_WIDTH + span + 6}" y="${y + 12}">${escapeHtml(label)}</text>`;
  });
  return svg(Math.max(1, report.functions.length) * ROW_HEIGHT + 8, 'Share of cost from warm invocations and from INIT on cold starts', rows.join(''));
}
