// Typed access to the `lambkin.*` settings, with out-of-range values clamped to what the runtime accepts.
import * as vscode from 'vscode';
import { parseCostSettings, type CostSettings } from './cost/costSettings';
import { SETTINGS_SECTION, Settings, type SettingKey } from './ids';

export interface LambkinSettings {
  nodePath: string;
  /** `lambkin.nodePath` when the user set it: then it runs every function too. */
  functionsNode?: string;
  /** `lambkin.nodeRuntimes`: major (`"22"`) → Node executable. */
  nodeRuntimes: Record<string, string>;
  isolation: 'lambda' | 'off';
  templates: string[];
  templateExclude: string[];
  region: string;
  invokePort: number;
  apiPort: number;
  awsPort: number;
  awsCredentials: 'local' | 'passthrough';
  idleTimeoutSeconds: number;
  accountConcurrency: number;
  maxInvocationsShown: number;
  reloadOnTemplateChange: boolean;
  showResultAfterInvoke: boolean;
}

export const DEFAULT_TEMPLATE_GLOBS = ['**/template.{yaml,yml}'];
export const DEFAULT_TEMPLATE_EXCLUDE = ['**/node_modules/**', '**/.aws-sam/**'];

function integer(value: unknown, fallback: number, min: number, max: number): number {
  const number = typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : fallback;
  return Math.min(max, Math.max(min, number));
}

function strings(value: unknown, fallback: string[]): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : fallback;
}

/** `{ "22": "/path/node", "nodejs24.x": "…" }` → `{ "22": …, "24": … }`; entries that name no major are left out. */
export function nodeRuntimes(value: unknown): Record<string, string> {
  const byMajor: Record<string, string> = {};
  if (!value || typeof value !== 'object') return byMajor;
  for (const [key, node] of Object.entries(value as Record<string, unknown>)) {
    const major = /^(?:nodejs)?(\d+)(?:\.x)?$/.exec(key.trim())?.[1];
    if (major && typeof node === 'string' && node.trim() !== '') byMajor[major] = node.trim();
  }
  return byMajor;
}

export function readSettings(scope?: vscode.ConfigurationScope): LambkinSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  const get = (key: SettingKey) => config.get<unknown>(key);
  const text = (key: SettingKey, fallback: string) => {
    const value = get(key);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : fallback;
  };
  const nodePathSet = config.inspect<string>(Settings.nodePath);
  const userNode = [nodePathSet?.workspaceFolderValue, nodePathSet?.workspaceValue, nodePathSet?.globalValue].find((value) => typeof value === 'string' && value.trim() !== '');
  return {
    nodePath: text(Settings.nodePath, 'node'),
    ...(userNode ? { functionsNode: userNode.trim() } : {}),
    nodeRuntimes: nodeRuntimes(get(Settings.nodeRuntimes)),
    isolation: get(Settings.isolation) === 'off' ? 'off' : 'lambda',
    templates: strings(get(Settings.templates), DEFAULT_TEMPLATE_GLOBS),
    templateExclude: strings(get(Settings.templateExclude), DEFAULT_TEMPLATE_EXCLUDE),
    region: text(Settings.region, 'us-east-1'),
    invokePort: integer(get(Settings.invokePort), 3001, 0, 65535),
    apiPort: integer(get(Settings.apiPort), 3000, 0, 65535),
    awsPort: integer(get(Settings.awsPort), 4566, 0, 65535),
    awsCredentials: get(Settings.awsCredentials) === 'passthrough' ? 'passthrough' : 'local',
    idleTimeoutSeconds: integer(get(Settings.idleTimeout), 300, 1, 86_400),
    accountConcurrency: integer(get(Settings.accountConcurrency), 1000, 1, 100_000),
    maxInvocationsShown: integer(get(Settings.maxInvocationsShown), 10, 1, 200),
    reloadOnTemplateChange: get(Settings.reloadOnTemplateChange) !== false,
    showResultAfterInvoke: get(Settings.showResultAfterInvoke) !== false,
  };
}

/** The `lambkin.cost.*` settings; custom prices with problems are reported in `priceProblems` and not used. */
export function readCostSettings(scope?: vscode.ConfigurationScope): CostSettings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION, scope);
  return parseCostSettings({
    hints: config.get(Settings.costHints),
    monthlyInvocations: config.get(Settings.costMonthlyInvocations),
    perFunction: config.get(Settings.costPerFunction),
    notablePerMillion: config.get(Settings.costNotablePerMillion),
    expensivePerMillion: config.get(Settings.costExpensivePerMillion),
    prices: config.get(Settings.costPrices),
  });
}

/** True when the change touches any of `keys` (all `lambkin.*` settings when none are given). */
export function affects(event: vscode.ConfigurationChangeEvent, ...keys: SettingKey[]): boolean {
  if (keys.length === 0) return event.affectsConfiguration(SETTINGS_SECTION);
  return keys.some((key) => event.affectsConfiguration(`${SETTINGS_SECTION}.${key}`));
}
