// The hover over a handler: the full breakdown of what one invocation and a month would cost, with the
// formula and its numbers, as Markdown. Pure, so the text is tested without VS Code.
import { formatDurationMs, formatUsd } from '../../runtime/cost';
import type { FunctionExplanation } from './explain';
import { percent } from './hintText';

export interface BreakdownContext {
  /** Where the monthly volume comes from, for the reader who wants to change it. */
  volumeSetting: 'lambkin.cost.monthlyInvocations' | 'lambkin.cost.perFunction';
  customPrices: boolean;
  priceProblems: string[];
  /** Command links (already encoded), rendered when given. */
  links?: { report: string; reset: string };
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');
const gbs = (value: number) => (value >= 100 ? count(value) : value.toPrecision(3));
const price = (value: number) => `$${value.toPrecision(6).replace(/0+$/, '').replace(/\.$/, '')}`;
const cell = (text: string) => text.replace(/\|/g, '\\|');

function invocationSection(e: FunctionExplanation): string[] {
  const gb = e.fn.memorySize / 1024;
  const seconds = e.projection.avgBilledMs / 1000;
  const cost = e.perInvocation;
  const lines = [
    `**One invocation** — billed ${formatDurationMs(e.projection.avgBilledMs)} on average (cold starts averaged in as observed), first duration tier, free tier not counted`,
    '',
    '| Part | Computation | Cost |',
    '|---|---|--:|',
    `| Request | ${price(e.requestPerMillion)} per 1M requests | ${formatUsd(cost.requestCost)} |`,
    `| Duration | ${gb} GB × ${seconds.toPrecision(4)} s = ${cost.gbSeconds.toPrecision(4)} GB-s × ${price(e.pricePerGbSecond)} per GB-s | ${formatUsd(cost.durationCost)} |`,
  ];
  if (e.storagePricePerGbSecond > 0) {
    const storageGb = (e.fn.ephemeralStorage - 512) / 1024;
    lines.push(`| Ephemeral storage | (${e.fn.ephemeralStorage} − 512 free) MB = ${storageGb.toPrecision(3)} GB × ${seconds.toPrecision(4)} s × ${price(e.storagePricePerGbSecond)} per GB-s | ${formatUsd(cost.storageCost)} |`);
  } else {
    lines.push(`| Ephemeral storage | ${e.fn.ephemeralStorage} MB, within the free 512 MB | $0.00 |`);
  }
  lines.push(`| **Total** | **${formatUsd(cost.total * 1e6)} per 1M invocations** | **${formatUsd(cost.total)}** |`);
  lines.push('', `Formula: \`${price(e.requestPerMillion)} / 1M + ${e.fn.memorySize} MB / 1024 × ${formatDurationMs(e.projection.avgBilledMs)} / 1000 × ${price(e.pricePerGbSecond)}` +
    `${e.storagePricePerGbSecond > 0 ? ' + storage' : ''} = ${formatUsd(cost.total)}\``);
  return lines;
}

function coldStartSection(e: FunctionExplanation): string[] {
  const s = e.summary;
  if (s.coldStarts === 0) return ['**Cold starts** — none measured: every invocation so far was warm.'];
  const init = e.projection.initDurationMs ?? 0;
  return [
    `**Cold starts** — ${s.coldStarts} of ${s.invocations} invocations (${percent(s.coldStartShare)}) were cold; INIT took ${formatDurationMs(init)} on average. ` +
      'Since 1 August 2025 Lambda bills INIT on every on-demand function, so a cold invocation is billed ⌈INIT + duration⌉: ' +
      `${formatUsd(e.projection.coldInvocationCost)} cold vs ${formatUsd(e.projection.warmInvocationCost)} warm. ` +
      `INIT is ${percent(s.coldStartShareOfCost)} of this function's cost at the observed share (local runs are usually colder than production).`,
  ];
}

function provisionedSection(e: FunctionExplanation): string[] {
  const provisioned = e.summary.provisioned;
  if (!provisioned) return [];
  const gb = e.fn.memorySize / 1024;
  return [
    `**Provisioned concurrency** — ${provisioned.concurrency} environment${provisioned.concurrency === 1 ? '' : 's'} kept initialised ` +
      `(\`ProvisionedConcurrencyConfig\`): ${provisioned.concurrency} × ${gb} GB × 730 h × ${price(e.provisionedPrices.concurrencyPerGbSecond)} per GB-s = ` +
      `**${formatUsd(provisioned.monthlyConcurrencyCost)} a month**, charged while configured, whatever the traffic. ` +
      `${percent(provisioned.share)} of the measured invocations ran on them: no INIT billed, duration at ${price(e.provisionedPrices.durationPerGbSecond)} per GB-s ` +
      `(${formatUsd(provisioned.invocationCost)} each); the rest ran on demand (the table above prices an on-demand invocation). ` +
      'The free tier does not apply to this function.',
  ];
}

function architectureSection(e: FunctionExplanation): string[] {
  const own = e.summary.costPerMillion;
  const other = e.otherArchitecture;
  const change = own > 0 ? (other.costPerMillion - own) / own : 0;
  const sign = change < 0 ? '−' : '+';
  return [
    `**Architecture** — ${e.fn.architecture} (configured) ${formatUsd(own)} per 1M · ${other.architecture} ${formatUsd(other.costPerMillion)} per 1M ` +
      `(${sign}${percent(Math.abs(change))}). Estimate: assumes the same durations on ${other.architecture}.`,
  ];
}

function whatIfSection(e: FunctionExplanation): string[] {
  const basis = (row: FunctionExplanation['whatIf'][number]) =>
    row.basis === 'configured' ? `configured, measured (${row.samples})` : row.basis === 'measured' ? `measured at this size (${row.samples})` : 'estimate: same duration assumed';
  return [
    '**Other memory sizes** — more memory also brings more CPU, so real durations usually shrink; estimates do not assume that.',
    '',
    '| Memory | Billed | Per 1M | Basis |',
    '|--:|--:|--:|---|',
    ...e.whatIf.map((row) => `| ${row.basis === 'configured' ? `**${row.memoryMb} MB**` : `${row.memoryMb} MB`} | ${formatDurationMs(row.billedMs)} | ${formatUsd(row.costPerMillion)} | ${basis(row)} |`),
  ];
}

function monthSection(e: FunctionExplanation, context: BreakdownContext): string[] {
  const monthly = e.projection.monthly;
  const alone = monthly.functions[0];
  const lines = [
    `**Month at ${count(e.summary.monthlyInvocations)} invocations** (\`${context.volumeSetting}\`)`,
    '',
    `- This function alone, no free tier: **${formatUsd(monthly.total)}** — requests ${formatUsd(monthly.requestCost)}, ` +
      `duration ${formatUsd(monthly.durationCost)} for ${gbs(alone?.gbSeconds ?? 0)} GB-s${monthly.storageCost > 0 ? `, storage ${formatUsd(monthly.storageCost)}` : ''}` +
      `${monthly.provisionedConcurrencyCost > 0 ? `, provisioned concurrency ${formatUsd(monthly.provisionedConcurrencyCost)}` : ''}.`,
  ];
  if (e.accountPart) {
    lines.push(`- In the account month (every measured function at its volume, free tier applied once): ${formatUsd(e.accountPart.total)} of ` +
      `**${formatUsd(e.accountTotal)}**; this function's share of the free tier: ${count(e.accountPart.freeRequests)} requests, ${gbs(e.accountPart.freeGbSeconds)} GB-s.`);
  }
  const used = e.tiers.filter((tier) => tier.gbSeconds > 0);
  if (used.length > 0) {
    lines.push(`- ${e.fn.architecture} duration tiers the account reaches: ${used.map((tier) => `${gbs(tier.gbSeconds)} GB-s at ${price(tier.pricePerGbSecond)}`).join(', ')}.`);
  } else {
    lines.push(`- The free tier (${count(e.freeTierAllowance.requests)} requests, ${count(e.freeTierAllowance.gbSeconds)} GB-s a month) covers the ${e.fn.architecture} duration.`);
  }
  return lines;
}

function pricingLine(e: FunctionExplanation, context: BreakdownContext): string[] {
  const p = e.pricing;
  const lines = [
    `_Prices: ${p.region}${p.regionFallback ? ` (none listed for ${p.requestedRegion}; add them in \`lambkin.cost.prices\`)` : ''}, ` +
      `${context.customPrices ? 'with your `lambkin.cost.prices`' : 'AWS list prices'}, taken ${p.takenOn}. Durations measured on this machine._`,
  ];
  if (context.priceProblems.length > 0) lines.push(`_\`lambkin.cost.prices\` is not used: ${context.priceProblems.map(cell).join('; ')}._`);
  return lines;
}

export function breakdownMarkdown(e: FunctionExplanation, context: BreakdownContext): string {
  const s = e.summary;
  const header = [
    `### ${e.fn.name} — ${e.fn.architecture} · ${e.fn.memorySize} MB`,
    `${s.invocations} invocation${s.invocations === 1 ? '' : 's'} measured${s.errors ? `, ${s.errors} failed` : ''}${s.timeouts ? `, ${s.timeouts} timed out` : ''}; max memory used ${s.maxMemoryUsedMb} MB.`,
    '',
    '| | p50 | p95 | max |',
    '|---|--:|--:|--:|',
    `| Duration | ${formatDurationMs(s.p50DurationMs)} | ${formatDurationMs(s.p95DurationMs)} | ${formatDurationMs(s.maxDurationMs)} |`,
    `| Billed, warm | ${formatDurationMs(s.p50BilledMs)} | ${formatDurationMs(s.p95BilledMs)} | |`,
    '',
    `Billed GB-seconds so far: ${s.billedGbSeconds.toPrecision(4)} (mean Billed Duration ${formatDurationMs(e.meanBilledMs)}, INIT included on cold starts).`,
  ];
  const provisioned = provisionedSection(e);
  const sections = [header, invocationSection(e), coldStartSection(e), ...(provisioned.length > 0 ? [provisioned] : []), architectureSection(e), whatIfSection(e), monthSection(e, context), pricingLine(e, context)];
  if (context.links) sections.push([`[Open Cost Report](${context.links.report}) · [Reset Measurements](${context.links.reset})`]);
  return sections.map((lines) => lines.join('\n')).join('\n\n---\n\n');
}
