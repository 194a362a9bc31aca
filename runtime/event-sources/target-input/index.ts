// What an EventBridge rule hands each target: the event itself, or the target's Input (JSON text, sent as
// written), InputPath (a part of the event), or InputTransformer (values picked by InputPathsMap, put into
// InputTemplate). Checked when the target is put (template or PutTargets) with EventBridge's messages;
// applied for every matching event. Pure: shared by the template reader and the events service.
import { parseJsonPath, readJsonPath, type JsonPathStep } from './json-path';

export interface TargetInputSettings {
  input?: string;
  inputPath?: string;
  inputTransformer?: { inputPathsMap?: Record<string, string>; inputTemplate: string };
}

/** What a transformer knows besides the event (EventBridge's predefined placeholders). */
export interface TransformContext {
  ruleArn: string;
  ruleName: string;
  /** ISO time the event was received. */
  ingestionTime: string;
}

const MAX_PATHS = 100;
const MAX_TEMPLATE = 8192;
const KEY = /^[A-Za-z0-9_-]+$/;
/** `<name>` in a template: letters, digits, `_`, `-` and dots (the predefined `aws.events.…`). */
const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/g;
const PREDEFINED = new Set(['aws.events.rule-arn', 'aws.events.rule-name', 'aws.events.event.ingestion-time', 'aws.events.event', 'aws.events.event.json']);

/** The reason a target's input settings are refused (EventBridge's ValidationException text), or undefined. */
export function checkTargetInput(targetId: string, settings: TargetInputSettings): string | undefined {
  const given = [settings.input, settings.inputPath, settings.inputTransformer].filter((value) => value !== undefined);
  if (given.length > 1) return `Only one of Input, InputPath, or InputTransformer must be provided for target ${targetId}.`;
  if (settings.input !== undefined && !isJsonText(settings.input)) return `Input for target ${targetId} is not valid JSON text.`;
  if (settings.inputPath !== undefined && !parseJsonPath(settings.inputPath)) return `InputPath for target ${targetId} is not a valid JSON path (write $.detail or $.detail.field).`;
  const transformer = settings.inputTransformer;
  if (!transformer) return undefined;
  if (typeof transformer.inputTemplate !== 'string') return `InputTransformer for target ${targetId} needs an InputTemplate.`;
  if (transformer.inputTemplate.length > MAX_TEMPLATE) return `InputTemplate for target ${targetId} is longer than ${MAX_TEMPLATE} characters.`;
  const paths = transformer.inputPathsMap ?? {};
  const keys = Object.keys(paths);
  if (keys.length > MAX_PATHS) return `InputPathsMap for target ${targetId} has more than ${MAX_PATHS} entries.`;
  for (const key of keys) {
    if (!KEY.test(key) || key.startsWith('AWS.')) return `InputPathsMap for target ${targetId} has an invalid key ${key} (letters, digits, _ and -, not starting with AWS.).`;
    if (typeof paths[key] !== 'string' || !parseJsonPath(paths[key])) return `InputPathsMap for target ${targetId} has an invalid JSON path for ${key}: ${String(paths[key])}.`;
  }
  for (const match of transformer.inputTemplate.matchAll(PLACEHOLDER)) {
    if (!PREDEFINED.has(match[1]) && !(match[1] in paths)) return `InputTemplate for target ${targetId} contains invalid placeholder ${match[1]}.`;
  }
  return undefined;
}

/** The payload a target receives for an event; an Error when EventBridge would not deliver it. */
export function targetPayload(event: Record<string, unknown>, settings: TargetInputSettings, context: TransformContext): string | Error {
  if (settings.input !== undefined) return settings.input;
  if (settings.inputPath !== undefined) {
    const value = readJsonPath(event, parseJsonPath(settings.inputPath) ?? []);
    return value === undefined ? Error(`InputPath ${settings.inputPath} finds nothing in the event`) : JSON.stringify(value);
  }
  if (settings.inputTransformer) return renderTemplate(event, settings.inputTransformer.inputPathsMap ?? {}, settings.inputTransformer.inputTemplate, context);
  return JSON.stringify(event);
}

function predefined(name: string, event: Record<string, unknown>, context: TransformContext): unknown {
  switch (name) {
    case 'aws.events.rule-arn':
      return context.ruleArn;
    case 'aws.events.rule-name':
      return context.ruleName;
    case 'aws.events.event.ingestion-time':
      return context.ingestionTime;
    case 'aws.events.event.json':
      return event;
    default:
      // The event's metadata without its detail, with the keys EventBridge gives it there.
      return { id: event.id, account: event.account, detailType: event['detail-type'], time: event.time, source: event.source, region: event.region, resources: event.resources, version: event.version };
  }
}

/**
 * A placeholder inside a string of the template puts the value's text there (objects and arrays flattened,
 * `{a:1,b:x}`, as EventBridge writes them); outside a string it puts the value as JSON. A path that finds
 * nothing gives an empty string. In a JSON template an object or array inside quotes is not delivered.
 */
function renderTemplate(event: Record<string, unknown>, paths: Record<string, string>, template: string, context: TransformContext): string | Error {
  const jsonTemplate = /^\s*[{[]/.test(template);
  const steps = new Map<string, JsonPathStep[]>(Object.entries(paths).map(([key, path]) => [key, parseJsonPath(path) ?? []]));
  let out = '';
  let inString = false;
  for (let at = 0; at < template.length; at++) {
    const char = template[at];
    if (char === '\\' && inString) {
      out += template.slice(at, at + 2);
      at++;
      continue;
    }
    if (char === '"') inString = !inString;
    if (char === '<') {
      const match = /^<([A-Za-z0-9_.-]+)>/.exec(template.slice(at));
      const name = match?.[1];
      if (name && (PREDEFINED.has(name) || steps.has(name))) {
        const value = PREDEFINED.has(name) ? predefined(name, event, context) : readJsonPath(event, steps.get(name) ?? []);
        if (inString) {
          if (jsonTemplate && typeof value === 'object' && value !== null) return Error(`InputTemplate puts the object or array <${name}> inside quotes; write it without quotes`);
          out += escapeInString(textOf(value));
        } else {
          out += value === undefined ? '""' : JSON.stringify(value);
        }
        at += match[0].length - 1;
        continue;
      }
    }
    out += char;
  }
  if (jsonTemplate && !isJsonText(out)) return Error('the InputTemplate does not give valid JSON for this event');
  return out;
}

function textOf(value: unknown): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) return `[${value.map(textOf).join(',')}]`;
  if (typeof value === 'object' && value !== null) return `{${Object.entries(value).map(([key, item]) => `${key}:${textOf(item)}`).join(',')}}`;
  return String(value);
}

function escapeInString(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}

function isJsonText(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
