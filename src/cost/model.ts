// The cost figures of the workspace, kept current: read from the runtime's measurements file
// (`.lambkin/stats/invocations.jsonl` beside the first template, where the runtime and the CLI write),
// so hints survive restarts and show while the runtime is stopped. Refreshed, at most every 500 ms,
// when invocations finish, the file changes, templates change or the cost settings change.
import path from 'node:path';
import * as vscode from 'vscode';
import { costReport, type CostReport, type FunctionCostSummary } from '../../runtime/stats/report';
import { StatsStore, type InvocationSample } from '../../runtime/stats/store';
import type { FunctionConfig } from '../../runtime/template/model';
import type { LambkinContext } from '../context';
import { Settings } from '../ids';
import { affects, readCostSettings, readSettings } from '../settings';
import type { CostSettings } from './costSettings';
import { explainFunction, meanBilledMs, type FunctionExplanation } from './explain';

export const REFRESH_INTERVAL_MS = 500;

/** Where the runtime keeps the measurements of a run of these templates (it uses the first). */
export function statsFileFor(templates: readonly string[]): string | undefined {
  const first = templates[0];
  return first ? path.join(path.dirname(first), '.lambkin', 'stats', 'invocations.jsonl') : undefined;
}

export class CostModel implements vscode.Disposable {
  private store: StatsStore | undefined;
  private reportValue: CostReport | undefined;
  private settingsValue: CostSettings = readCostSettings();
  private region = readSettings().region;
  private timer: NodeJS.Timeout | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private watchedFile: string | undefined;
  private lastInvocationCount: number;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly pricesChanged = new vscode.EventEmitter<string[]>();
  private readonly subscriptions: vscode.Disposable[] = [];

  readonly onDidChange = this.changed.event;
  /** Fires with the problems of `lambkin.cost.prices` when the setting changed and cannot be used. */
  readonly onDidRejectPrices = this.pricesChanged.event;

  constructor(private readonly context: LambkinContext) {
    this.lastInvocationCount = context.invocations.totalInvocations;
    this.subscriptions.push(
      context.templates.onDidChange(() => this.refreshSoon()),
      context.invocations.onDidChange(() => {
        // Environments coming and going change nothing here; finished invocations do.
        if (context.invocations.totalInvocations === this.lastInvocationCount) return;
        this.lastInvocationCount = context.invocations.totalInvocations;
        this.refreshSoon();
      }),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!affects(event, Settings.region, Settings.costMonthlyInvocations, Settings.costPerFunction, Settings.costHints,
          Settings.costNotablePerMillion, Settings.costExpensivePerMillion, Settings.costPrices)) return;
        this.refresh();
        if (affects(event, Settings.costPrices) && this.settingsValue.priceProblems.length > 0) this.pricesChanged.fire(this.settingsValue.priceProblems);
      }),
    );
    this.refresh();
  }

  get settings(): CostSettings {
    return this.settingsValue;
  }

  get report(): CostReport | undefined {
    return this.reportValue;
  }

  get statsFile(): string | undefined {
    return this.store?.file;
  }

  get pricingRegion(): string {
    return this.region;
  }

  summary(functionName: string): FunctionCostSummary | undefined {
    return this.reportValue?.functions.find((summary) => summary.functionName === functionName);
  }

  samples(functionName: string): readonly InvocationSample[] {
    return this.store?.samples(functionName) ?? [];
  }

  meanBilledMs(functionName: string): number {
    return meanBilledMs(this.samples(functionName));
  }

  explain(fn: FunctionConfig): FunctionExplanation | undefined {
    if (!this.reportValue) return undefined;
    try {
      return explainFunction(fn, this.samples(fn.name), this.reportValue, { region: this.region, prices: this.settingsValue.prices });
    } catch (error) {
      this.context.log.error(`Explaining the cost of ${fn.name} failed`, error);
      return undefined;
    }
  }

  /** Forgets measurements (of one function, or all): through the runtime when it runs, since it owns the file then. */
  async reset(functionName?: string): Promise<void> {
    const session = this.context.runtime.current;
    if (session) {
      await session.request('resetStats', functionName ? { functionName } : {});
    } else {
      const file = statsFileFor(this.context.templates.activePaths);
      if (file) StatsStore.at(file).reset(functionName);
    }
    this.refresh();
  }

  /** At most one refresh per interval, however many invocations finish meanwhile. */
  refreshSoon(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, REFRESH_INTERVAL_MS);
  }

  /** Reads the measurements again and recomputes every figure now. */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.settingsValue = readCostSettings();
    this.region = readSettings().region;
    const file = statsFileFor(this.context.templates.activePaths);
    this.watch(file);
    this.store = file ? StatsStore.at(file) : undefined;
    try {
      this.reportValue = this.store
        ? costReport(this.context.templates.functions(), this.store, {
          region: this.region,
          monthlyInvocations: { default: this.settingsValue.monthlyInvocations, perFunction: this.settingsValue.perFunction },
          prices: this.settingsValue.prices,
        })
        : undefined;
    } catch (error) {
      this.reportValue = undefined;
      this.context.log.error(`Computing the cost report from ${file} failed`, error);
    }
    this.changed.fire();
  }

  /** The CLI (`lambkin invoke`, `lambkin cost --reset`) changes the file too: follow it. */
  private watch(file: string | undefined): void {
    if (file === this.watchedFile) return;
    this.watcher?.dispose();
    this.watcher = undefined;
    this.watchedFile = file;
    if (!file) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(path.dirname(path.dirname(file)))), '.lambkin/stats/invocations.jsonl'));
    const onChange = () => this.refreshSoon();
    watcher.onDidChange(onChange);
    watcher.onDidCreate(onChange);
    watcher.onDidDelete(onChange);
    this.watcher = watcher;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.dispose();
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
    this.pricesChanged.dispose();
  }
}
