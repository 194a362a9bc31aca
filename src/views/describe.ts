// How functions, triggers and invocations read in the tree: plain strings (no vscode), so the wording
// is unit-tested. Codicon names are returned as strings; the tree wraps them in ThemeIcons.
import type { InvocationResult, InvocationSummary } from '../../runtime/protocol/control';
import type { EventSourceConfig, FunctionConfig } from '../../runtime/template/model';
import type { FunctionActivity } from '../invocations/store';

export interface TriggerDescription {
  label: string;
  description?: string;
  icon: string;
}

/**
 * The template reader writes what only the cloud knows as a placeholder (`${Orders.StreamArn}`,
 * `${ImportValue:Shared}`); the resource it names is what a reader wants to see.
 */
function unplaceholder(text: string): string {
  const match = /^\$\{(?:ImportValue:)?([^.}]+)(?:\.[^}]*)?\}$/.exec(text);
  return match ? match[1]! : text;
}

/** Shows an intrinsic the template reader left unresolved the way a reader of the template would name it. */
export function displayValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return unplaceholder(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map(displayValue).join(', ');
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if ('Ref' in object) return displayValue(object.Ref);
    if ('Fn::GetAtt' in object) {
      const target = object['Fn::GetAtt'];
      return Array.isArray(target) ? displayValue(target[0]) : displayValue(target).split('.')[0] ?? '';
    }
    if ('Fn::Sub' in object) {
      const sub = object['Fn::Sub'];
      return Array.isArray(sub) ? displayValue(sub[0]) : displayValue(sub);
    }
    if ('Fn::ImportValue' in object) return displayValue(object['Fn::ImportValue']);
  }
  return JSON.stringify(value);
}

/** `arn:aws:dynamodb:…:table/Orders/stream/…` → `Orders`; names that are not ARNs stay as they are. */
function resourceName(value: unknown, arnPattern: RegExp): string {
  const text = displayValue(value);
  return arnPattern.exec(text)?.[1] ?? text;
}

function s3Filter(properties: Record<string, unknown>): string | undefined {
  const filter = properties.Filter as { S3Key?: { Rules?: { Name?: string; Value?: unknown }[] } } | undefined;
  const rules = filter?.S3Key?.Rules ?? [];
  const parts = rules.map((rule) => `${(rule.Name ?? '').toLowerCase()}: ${displayValue(rule.Value)}`);
  return parts.length ? parts.join(', ') : undefined;
}

function joinParts(...parts: (string | undefined)[]): string | undefined {
  const present = parts.filter((part): part is string => Boolean(part));
  return present.length ? present.join(' · ') : undefined;
}

export function describeTrigger(event: EventSourceConfig): TriggerDescription {
  const p = event.properties ?? {};
  switch (event.type) {
    case 'Api':
    case 'HttpApi': {
      const method = p.Method === undefined ? 'ANY' : displayValue(p.Method).toUpperCase();
      const route = p.Path === undefined ? '$default' : displayValue(p.Path);
      return { label: `${method} ${route}`, description: event.type === 'Api' ? 'REST API' : 'HTTP API', icon: 'globe' };
    }
    case 'S3':
      return {
        label: resourceName(p.Bucket, /^arn:aws[\w-]*:s3:::([^/]+)/),
        description: joinParts('S3', displayValue(p.Events) || undefined, s3Filter(p)),
        icon: 'archive',
      };
    case 'DynamoDB':
      return { label: resourceName(p.Stream, /:table\/([^/]+)/), description: 'DynamoDB stream', icon: 'database' };
    case 'Kinesis':
      return { label: resourceName(p.Stream, /:stream\/([^/]+)/), description: 'Kinesis stream', icon: 'pulse' };
    case 'SQS':
      return {
        label: resourceName(p.Queue, /^arn:aws[\w-]*:sqs:[^:]*:[^:]*:(.+)$/),
        description: joinParts('SQS', p.BatchSize === undefined ? undefined : `batch ${displayValue(p.BatchSize)}`),
        icon: 'inbox',
      };
    case 'SNS':
      return { label: resourceName(p.Topic, /^arn:aws[\w-]*:sns:[^:]*:[^:]*:(.+)$/), description: 'SNS topic', icon: 'bell' };
    case 'Schedule':
    case 'ScheduleV2':
      return {
        label: displayValue(p.Schedule ?? p.ScheduleExpression) || event.name,
        description: joinParts('schedule', p.Enabled === false || p.State === 'DISABLED' ? 'disabled' : undefined),
        icon: 'watch',
      };
    case 'EventBridgeRule':
    case 'CloudWatchEvent': {
      const pattern = p.Pattern as { source?: unknown; 'detail-type'?: unknown } | undefined;
      return {
        label: displayValue(pattern?.source) || event.name,
        description: joinParts('EventBridge', displayValue(pattern?.['detail-type']) || undefined),
        icon: 'zap',
      };
    }
    case 'FunctionUrl':
      return { label: 'Function URL', description: p.AuthType === undefined ? undefined : `auth ${displayValue(p.AuthType)}`, icon: 'link' };
    default:
      return { label: event.name, description: event.type, icon: 'plug' };
  }
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms * 100) / 100} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function liveState(activity: Pick<FunctionActivity, 'warm' | 'running'>): string {
  if (activity.running > 0) return activity.running === 1 ? 'running' : `${activity.running} running`;
  if (activity.warm > 0) return `${activity.warm} warm`;
  return 'idle';
}

/** `nodejs22.x · 128 MB · arm64 · 2 provisioned · 2 warm · 12 ms` */
export function functionDescription(fn: FunctionConfig, activity: FunctionActivity): string {
  const parts = [fn.runtime, `${fn.memorySize} MB`, fn.architecture];
  if (fn.provisionedConcurrency !== undefined) parts.push(`${fn.provisionedConcurrency} provisioned`);
  parts.push(liveState(activity));
  if (activity.lastDurationMs !== undefined) parts.push(formatDuration(activity.lastDurationMs));
  return parts.join(' · ');
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** The function's configuration as Markdown, for the tree item's tooltip. */
export function functionTooltip(fn: FunctionConfig, activity: FunctionActivity): string {
  const rows: [string, string][] = [
    ['Handler', `\`${fn.handler}\``],
    ['Runtime', `${fn.runtime} (${fn.architecture})`],
    ['Memory', `${fn.memorySize} MB`],
    ['Timeout', `${fn.timeout} s`],
    ['Ephemeral storage', `${fn.ephemeralStorage} MB`],
    ['Reserved concurrency', fn.reservedConcurrency === undefined ? 'unreserved' : String(fn.reservedConcurrency)],
    ...(fn.provisionedConcurrency === undefined ? [] : [['Provisioned concurrency',
      `${fn.provisionedConcurrency} environment${fn.provisionedConcurrency === 1 ? '' : 's'} kept initialised${fn.alias ? ` (alias ${escapeMarkdown(fn.alias)})` : ''}`] as [string, string]]),
    ['Log format', fn.loggingConfig.logFormat],
    ['State', liveState(activity)],
  ];
  if (activity.lastDurationMs !== undefined) rows.push(['Last duration', formatDuration(activity.lastDurationMs)]);
  const lines = [`**${escapeMarkdown(fn.name)}**${fn.name !== fn.logicalId ? ` (${escapeMarkdown(fn.logicalId)})` : ''}`, ''];
  if (fn.description) lines.push(escapeMarkdown(fn.description), '');
  lines.push('| | |', '|---|---|', ...rows.map(([key, value]) => `| ${key} | ${value} |`));
  const variables = Object.keys(fn.environment);
  if (variables.length) lines.push('', `Environment: ${variables.map((name) => `\`${name}\``).join(', ')}`);
  lines.push('', `Code: \`${fn.codeRoot}\``);
  return lines.join('\n');
}

export function invocationIcon(status: InvocationResult['status'] | 'running'): string {
  switch (status) {
    case 'success': return 'pass';
    case 'error': return 'error';
    case 'timeout': return 'clock';
    case 'throttled': return 'circle-slash';
    case 'running': return 'loading~spin';
  }
}

export function formatTime(epochMs: number): string {
  const date = new Date(epochMs);
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

export function invocationDescription(result: InvocationResult): string {
  const parts = [result.status, formatDuration(result.durationMs), `billed ${formatDuration(result.billedDurationMs)}`];
  if (result.coldStart) parts.push('cold');
  return parts.join(' · ');
}

export function inFlightDescription(summary: InvocationSummary): string {
  return summary.coldStart ? 'running · cold' : 'running';
}

/** The Invoke API URL of a function on the runtime's invoke endpoint (`http://127.0.0.1:3001`). */
export function invokeUrl(invokeEndpoint: string, functionName: string): string {
  return `${invokeEndpoint.replace(/\/+$/, '')}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
}
