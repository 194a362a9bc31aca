// Sample events that fit a function's own triggers (its bucket and key filter, its API path and
// method, its table, queue, topic, stream, rule, user pool trigger…), followed by the rest of the
// catalog with defaults.

import type { EventSourceConfig, FunctionConfig } from '../template/model';
import { createEventContext } from './context';
import { sourceCandidates, type Candidate } from './fit-sources';
import { sampleForPattern, sampleString } from './pattern-sample';
import { generateEvent, listEventGenerators } from './registry';
import { fillTemplate } from './route';
import { bucketNameFrom, objectProperty, parseInput, stringList, tableOfStream } from './template-values';
import { EventInputError, type EventContext, type JsonValue } from './types';

export interface FittingEvent {
  /** What a picker shows, e.g. `S3 UploadImage: uploads-bucket/uploads/sample.jpg`. */
  label: string;
  generator: string;
  /** CLI-form parameters: `lambkin … --set key=value` reproduces the event. */
  params: Record<string, string>;
  event: unknown;
}

function asCliParams(params: Record<string, JsonValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}

function ruleList(rules: unknown): Array<Record<string, unknown>> {
  return Array.isArray(rules) ? rules.filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null) : [];
}

/** A key the notification filter lets through: prefix `uploads/` + suffix `.jpg` → `uploads/sample.jpg`. */
export function keyForS3Filter(properties: Record<string, unknown>): string {
  const rules = objectProperty(objectProperty(properties, 'Filter') ?? {}, 'S3Key')?.['Rules'];
  let prefix = '';
  let suffix: string | undefined;
  for (const rule of ruleList(rules)) {
    const name = String(rule['Name'] ?? '').toLowerCase();
    const value = typeof rule['Value'] === 'string' ? rule['Value'] : '';
    if (name === 'prefix') prefix = value;
    if (name === 'suffix') suffix = value;
  }
  if (suffix === undefined) return `${prefix}sample.txt`;
  return `${prefix}sample${suffix.startsWith('.') || suffix.startsWith('/') || suffix === '' ? '' : '.'}${suffix}`;
}

function s3Candidates(trigger: EventSourceConfig): Candidate[] {
  const p = trigger.properties;
  const bucket = bucketNameFrom(p['Bucket']) ?? 'example-bucket';
  const key = keyForS3Filter(p);
  const names = stringList(p['Events']).map((e) => e.replace(/^s3:/, ''));
  const out: Candidate[] = [];
  for (const name of names.length > 0 ? names : ['ObjectCreated:*']) {
    const [family, kind = '*'] = name.split(':');
    const generator = family === 'ObjectCreated' ? 's3-put' : family === 'ObjectRemoved' ? 's3-delete' : undefined;
    if (!generator || out.some((c) => c.generator === generator)) continue;
    const eventName = `${family}:${kind === '*' ? (generator === 's3-put' ? 'Put' : 'Delete') : kind}`;
    out.push({ label: `S3 ${trigger.name}: ${eventName} ${bucket}/${key}`, generator, params: { bucket, key, eventName } });
  }
  return out;
}

function apiCandidate(trigger: EventSourceConfig): Candidate {
  const p = trigger.properties;
  const template = typeof p['Path'] === 'string' ? p['Path'] : '/';
  const declared = typeof p['Method'] === 'string' ? p['Method'].toUpperCase() : 'ANY';
  const method = declared === 'ANY' ? 'GET' : declared;
  const path = fillTemplate(template);
  const label = `${trigger.type} ${trigger.name}: ${method} ${path}`;
  if (trigger.type === 'Api') return { label, generator: 'apigateway-rest', params: { method, path, resource: template } };
  if (String(p['PayloadFormatVersion'] ?? '2.0') === '1.0') {
    return { label: `${label} (payload 1.0)`, generator: 'apigateway-rest', params: { method, path, resource: template, stage: '$default', payloadVersion: '1.0' } };
  }
  if (p['Path'] === undefined && p['Method'] === undefined) {
    return { label: `${trigger.type} ${trigger.name}: $default route`, generator: 'apigateway-http', params: {} };
  }
  return { label, generator: 'apigateway-http', params: { method, path, routeKey: `${declared} ${template}` } };
}

function inputParams(properties: Record<string, unknown>): Record<string, JsonValue> {
  const input = parseInput(properties['Input']);
  return input === undefined ? {} : { input };
}

function eventBridgeCandidate(trigger: EventSourceConfig): Candidate {
  const pattern = objectProperty(trigger.properties, 'Pattern') ?? {};
  const params: Record<string, JsonValue> = { ...inputParams(trigger.properties) };
  const source = sampleString(pattern['source']);
  const detailType = sampleString(pattern['detail-type']);
  const detail = objectProperty(pattern, 'detail');
  if (source) params['source'] = source;
  if (detailType) params['detailType'] = detailType;
  if (detail) params['detail'] = sampleForPattern(detail);
  return { label: `${trigger.type} ${trigger.name}: ${source ?? 'event'} ${detailType ?? ''}`.trimEnd(), generator: 'eventbridge', params };
}

function candidatesFor(trigger: EventSourceConfig, fn: FunctionConfig): Candidate[] {
  const p = trigger.properties;
  const source = sourceCandidates(trigger, fn);
  if (source) return source;
  switch (trigger.type) {
    case 'S3':
      return s3Candidates(trigger);
    case 'Api':
    case 'HttpApi':
      return [apiCandidate(trigger)];
    case 'DynamoDB': {
      const table = tableOfStream(p['Stream']) ?? 'ExampleTableWithStream';
      return (['insert', 'modify', 'remove'] as const).map((change) => ({
        label: `DynamoDB ${trigger.name}: ${change.toUpperCase()} on ${table}`, generator: `dynamodb-${change}`, params: { table },
      }));
    }
    case 'Schedule':
    case 'ScheduleV2': {
      const rule = (typeof p['Name'] === 'string' ? p['Name'] : trigger.name).replace(/[^A-Za-z0-9_.-]/g, '-').slice(0, 64);
      return [{ label: `${trigger.type} ${trigger.name}: ${String(p['Schedule'] ?? p['ScheduleExpression'] ?? 'scheduled event')}`, generator: 'schedule', params: { rule, ...inputParams(p) } }];
    }
    case 'EventBridgeRule':
    case 'CloudWatchEvent':
      return [eventBridgeCandidate(trigger)];
    case 'FunctionUrl':
      return [{ label: `Function URL: GET /`, generator: 'function-url', params: {} }];
    default:
      return [];
  }
}

function realise(candidate: Candidate, ctx: EventContext): FittingEvent {
  const params = asCliParams(candidate.params);
  try {
    return { label: candidate.label, generator: candidate.generator, params, event: generateEvent(candidate.generator, params, ctx) };
  } catch (error) {
    if (!(error instanceof EventInputError)) throw error;
    // The template gave something the generator cannot use; show the default sample and say why.
    return {
      label: `${candidate.label} (defaults used: ${error.message})`,
      generator: candidate.generator,
      params: {},
      event: generateEvent(candidate.generator, {}, ctx),
    };
  }
}

export function fittingEvents(fn: FunctionConfig, ctx?: Partial<EventContext>): FittingEvent[] {
  const context = createEventContext(ctx);
  const own = fn.events.flatMap((trigger) => candidatesFor(trigger, fn));
  if (fn.functionUrl && !own.some((c) => c.generator === 'function-url')) {
    own.push({ label: `Function URL (${fn.functionUrl.authType}): GET /`, generator: 'function-url', params: { authType: fn.functionUrl.authType } });
  }
  const used = new Set(own.map((c) => c.generator));
  const rest = listEventGenerators()
    .filter((g) => !used.has(g.name))
    .map((g) => ({ label: `${g.name}: ${g.description}`, generator: g.name, params: {} }));
  return [...own, ...rest].map((candidate) => realise(candidate, context));
}
