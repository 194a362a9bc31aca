// Parameter values: from CLI strings (`--set key=value`) to their declared type, and checks of values
// passed programmatically, with errors that name the generator, the parameter and what is expected.

import { closestName } from './suggest';
import { EventInputError, type EventParam, type EventParamValues, type JsonValue } from './types';

function example(param: EventParam): string {
  return typeof param.default === 'string' ? param.default : JSON.stringify(param.default);
}

function expected(param: EventParam): string {
  switch (param.type) {
    case 'number':
      return `a number (e.g. ${example(param)})`;
    case 'boolean':
      return 'true or false';
    case 'json':
      return `JSON (e.g. ${example(param)})`;
    case 'string':
      return 'a string';
  }
}

const TRUE_WORDS = new Set(['true', '1', 'yes']);
const FALSE_WORDS = new Set(['false', '0', 'no']);

/** Converts one `--set name=value` string to the parameter's type. */
export function parseParamValue(generator: string, param: EventParam, raw: string): JsonValue {
  const fail = (detail = ''): never => {
    throw new EventInputError(
      `Parameter "${param.name}" of ${generator} expects ${expected(param)}, got ${JSON.stringify(raw)}${detail}.`,
    );
  };
  switch (param.type) {
    case 'string':
      return raw;
    case 'number': {
      const value = raw.trim() === '' ? NaN : Number(raw);
      return Number.isFinite(value) ? value : fail();
    }
    case 'boolean': {
      const word = raw.trim().toLowerCase();
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      return fail();
    }
    case 'json':
      try {
        return JSON.parse(raw) as JsonValue;
      } catch (error) {
        return fail(` (${(error as Error).message}; quote the whole value for your shell)`);
      }
  }
}

function unknownParamError(generator: string, name: string, params: readonly EventParam[]): EventInputError {
  const names = params.map((p) => p.name);
  const guess = closestName(name, names);
  return new EventInputError(
    `${generator} has no parameter "${name}".${guess ? ` Did you mean "${guess}"?` : ''} ` +
      `Valid parameters: ${names.join(', ') || '(none)'}.`,
  );
}

/** Parses CLI strings for a generator; unknown names are an error listing the valid ones. */
export function parseParamStrings(
  generator: string,
  params: readonly EventParam[],
  raw: Record<string, string>,
): EventParamValues {
  const values: EventParamValues = {};
  for (const [name, text] of Object.entries(raw)) {
    const param = params.find((p) => p.name === name);
    if (!param) throw unknownParamError(generator, name, params);
    values[name] = parseParamValue(generator, param, text);
  }
  return values;
}

function typeOf(value: JsonValue): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Checks typed values against the declarations and fills in defaults. */
export function resolveParamValues(
  generator: string,
  params: readonly EventParam[],
  values: EventParamValues,
): EventParamValues {
  const resolved: EventParamValues = {};
  for (const param of params) resolved[param.name] = param.default;
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const param = params.find((p) => p.name === name);
    if (!param) throw unknownParamError(generator, name, params);
    const ok = param.type === 'json' || typeof value === param.type;
    if (!ok || (typeof value === 'number' && !Number.isFinite(value))) {
      throw new EventInputError(
        `Parameter "${name}" of ${generator} expects ${expected(param)}, got ${typeOf(value)} ${JSON.stringify(value)}.`,
      );
    }
    resolved[name] = value;
  }
  return resolved;
}
