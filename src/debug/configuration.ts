// The `lambkin` debug configuration as launch.json holds it, checked into a shape the session can trust.
// No vscode here: the provider and the adapter both use it, and the unit tests drive it directly.

/** Where the event of a single-invoke session comes from. */
export type EventSpec =
  /** A sample from Lambkin's catalog (`lambkin events list`), with CLI-style parameters. */
  | { sample: string; params?: Record<string, string> }
  /** A saved event: `.lambkin/events/<function>/<saved>.json` in a workspace folder. */
  | { saved: string }
  /** A JSON file, absolute or relative to the workspace folder. */
  | { file: string }
  /** The event itself. */
  | { json: unknown };

export interface LambkinLaunch {
  /** The function's name (FunctionName or logical id). Not needed with `serve`. */
  function?: string;
  /** The template declaring it, when several templates declare a function of that name. */
  template?: string;
  event?: EventSpec;
  /** Debug every invocation of the running app (Invoke API, HTTP gateway, async events) until stopped. */
  serve: boolean;
  /** Changes for the debugged environments only; the template is left as it is. */
  overrides?: DebugOverrides;
}

export interface DebugOverrides {
  environment?: Record<string, string>;
  memorySize?: number;
  timeout?: number;
}

export type ConfigurationCheck = { ok: true; launch: LambkinLaunch } | { ok: false; reason: string };

const EVENT_KEYS = ['sample', 'saved', 'file', 'json'] as const;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkEvent(event: unknown): { ok: true; event?: EventSpec } | { ok: false; reason: string } {
  if (event === undefined || event === null) return { ok: true };
  const shape = '"event" takes one of { "sample": "<name>", "params": {…} }, { "saved": "<name>" }, { "file": "<path>" } or { "json": <event> }';
  if (!isRecord(event)) return { ok: false, reason: `${shape}; got ${JSON.stringify(event)}.` };
  const given = EVENT_KEYS.filter((key) => key in event);
  if (given.length !== 1) return { ok: false, reason: `${shape}; got ${given.length === 0 ? 'none of them' : `${given.join(' and ')} together`}.` };
  const [key] = given;
  if (key === 'json') return { ok: true, event: { json: event.json } };
  const value = event[key!];
  if (typeof value !== 'string' || value.trim() === '') return { ok: false, reason: `"event.${key}" must be a non-empty string.` };
  if (key === 'sample') {
    const params = event.params;
    if (params !== undefined && (!isRecord(params) || Object.values(params).some((v) => typeof v !== 'string'))) {
      return { ok: false, reason: '"event.params" maps parameter names to strings, as `lambkin events generate --set name=value` takes them.' };
    }
    return { ok: true, event: { sample: value, ...(params ? { params: params as Record<string, string> } : {}) } };
  }
  return { ok: true, event: key === 'saved' ? { saved: value } : { file: value } };
}

/** Checks a resolved `lambkin` configuration; every reason names the attribute to fix. */
export function checkConfiguration(config: Record<string, unknown>): ConfigurationCheck {
  if (config.request !== 'launch') return { ok: false, reason: `A "lambkin" configuration has "request": "launch" (got ${JSON.stringify(config.request)}).` };
  const serve = config.serve === true;
  if (config.serve !== undefined && typeof config.serve !== 'boolean') return { ok: false, reason: '"serve" is true or false.' };
  const fn = config.function;
  if (fn !== undefined && (typeof fn !== 'string' || fn.trim() === '')) return { ok: false, reason: '"function" is the name of a function of the template, e.g. "HelloFunction".' };
  if (!serve && fn === undefined) return { ok: false, reason: 'Say which function to debug with "function" (or set "serve": true to debug every invocation).' };
  const template = config.template;
  if (template !== undefined && typeof template !== 'string') return { ok: false, reason: '"template" is the path of a SAM template.' };
  const event = checkEvent(config.event);
  if (!event.ok) return event;
  const overrides = checkOverrides(config);
  if (!overrides.ok) return overrides;
  if (serve && event.event) return { ok: false, reason: '"event" applies to single invocations; with "serve": true the app\'s own triggers bring the events.' };
  return {
    ok: true,
    launch: {
      serve,
      ...(typeof fn === 'string' ? { function: fn } : {}),
      ...(typeof template === 'string' ? { template } : {}),
      ...(event.event ? { event: event.event } : {}),
      ...(overrides.overrides ? { overrides: overrides.overrides } : {}),
    },
  };
}

/** `env`, `memorySize` and `timeout` of the configuration, within Lambda's limits. */
function checkOverrides(config: Record<string, unknown>): { ok: true; overrides?: DebugOverrides } | { ok: false; reason: string } {
  const overrides: DebugOverrides = {};
  const { env, memorySize, timeout } = config;
  if (env !== undefined) {
    if (!isRecord(env) || Object.values(env).some((value) => typeof value !== 'string')) {
      return { ok: false, reason: '"env" maps variable names to string values, e.g. { "LOG_LEVEL": "debug" }.' };
    }
    overrides.environment = env as Record<string, string>;
  }
  if (memorySize !== undefined) {
    if (typeof memorySize !== 'number' || !Number.isInteger(memorySize) || memorySize < 128 || memorySize > 10240) {
      return { ok: false, reason: `"memorySize" is a whole number of MB from 128 to 10240 (got ${JSON.stringify(memorySize)}).` };
    }
    overrides.memorySize = memorySize;
  }
  if (timeout !== undefined) {
    if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > 900) {
      return { ok: false, reason: `"timeout" is a whole number of seconds from 1 to 900 (got ${JSON.stringify(timeout)}).` };
    }
    overrides.timeout = timeout;
  }
  return { ok: true, ...(Object.keys(overrides).length > 0 ? { overrides } : {}) };
}

/** A short text for the debug toolbar and the Debug Console. */
export function describeLaunch(launch: LambkinLaunch): string {
  if (launch.serve) return launch.function ? `every invocation of ${launch.function}` : 'every invocation of the app';
  const event = launch.event;
  if (!event) return `${launch.function}`;
  const from = 'sample' in event ? `sample ${event.sample}` : 'saved' in event ? `saved event ${event.saved}` : 'file' in event ? event.file : 'an inline event';
  return `${launch.function} with ${from}`;
}
