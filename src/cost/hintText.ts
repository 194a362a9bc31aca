// The one-line cost hint shown beside a handler, and how expensive it reads. Pure: tested without VS Code.
import { formatDurationMs, formatUsd } from '../../runtime/cost';
import type { FunctionCostSummary } from '../../runtime/stats/report';
import type { CostSettings } from './costSettings';

export type CostLevel = 'cheap' | 'notable' | 'expensive';

export interface CostHint {
  level: CostLevel;
  /** Plain text, e.g. `p50 41 ms · p95 57 ms · billed 42 ms · 128 MB · $0.29/1M ($0.00000029 each) · cold starts 12 % of cost`. */
  text: string;
  /** One sentence for screen readers and the lens tooltip. */
  tooltip: string;
}

export const UNMEASURED_TEXT = 'cost: not measured yet — Invoke';

export function costLevel(costPerMillion: number, settings: Pick<CostSettings, 'notablePerMillion' | 'expensivePerMillion'>): CostLevel {
  if (costPerMillion >= settings.expensivePerMillion) return 'expensive';
  if (costPerMillion >= settings.notablePerMillion) return 'notable';
  return 'cheap';
}

/** Codicons for the levels, for places that cannot be coloured (CodeLens titles). */
export const LEVEL_ICONS: Record<CostLevel, string> = {
  cheap: 'pass',
  notable: 'info',
  expensive: 'warning',
};

export function percent(share: number): string {
  const value = share * 100;
  if (value > 0 && value < 1) return '<1 %';
  return `${Math.round(value)} %`;
}

/**
 * The hint's figures. `meanBilledMs` is the mean of the REPORT lines' Billed Duration (INIT included on
 * cold starts): what was actually billed, which the per-invocation price is computed from.
 */
export function costHint(summary: FunctionCostSummary, meanBilledMs: number, settings: Pick<CostSettings, 'notablePerMillion' | 'expensivePerMillion'>): CostHint {
  const level = costLevel(summary.costPerMillion, settings);
  const parts = [
    `p50 ${formatDurationMs(summary.p50DurationMs)}`,
    `p95 ${formatDurationMs(summary.p95DurationMs)}`,
    `billed ${formatDurationMs(meanBilledMs)}`,
    `${summary.memorySizeMb} MB`,
    `${formatUsd(summary.costPerMillion)}/1M (${formatUsd(summary.costPerInvocation)} each)`,
  ];
  if (summary.coldStarts > 0) parts.push(`cold starts ${percent(summary.coldStartShareOfCost)} of cost`);
  // Provisioned concurrency is charged while configured, whatever the traffic: a monthly figure, not a per-invocation one.
  if (summary.provisioned) parts.push(`${summary.provisioned.concurrency} provisioned ${formatUsd(summary.provisioned.monthlyConcurrencyCost)}/month`);
  const runs = `${summary.invocations} invocation${summary.invocations === 1 ? '' : 's'}`;
  return {
    level,
    text: parts.join(' · '),
    tooltip: `${summary.functionName}: ${level} on ${summary.architecture} at ${summary.memorySizeMb} MB, measured over ${runs}. ` +
      'Hover the handler for the breakdown; click for the cost report.',
  };
}
