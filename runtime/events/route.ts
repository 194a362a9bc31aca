// API Gateway resource paths and route keys with `{name}` / `{name+}` variables: filling them with
// sample values and matching a request path against them.

import { EventInputError } from './types';

const VARIABLE = /\{([^{}]+?)(\+?)\}/g;

/** Sample values for path variables: `{id}` → `123`, greedy `{proxy+}` → `a/b`. */
export function sampleValue(greedy: boolean): string {
  return greedy ? 'a/b' : '123';
}

/** Fills the variables of a template, from `values` where given, else with sample values. */
export function fillTemplate(template: string, values: Record<string, string> = {}): string {
  return template.replace(VARIABLE, (_, name: string, plus: string) => values[name] ?? sampleValue(plus === '+'));
}

/** The variables' values when `path` fits `template`, else undefined. */
export function matchTemplate(template: string, path: string): Record<string, string> | undefined {
  const names: string[] = [];
  let source = '';
  let last = 0;
  for (const match of template.matchAll(VARIABLE)) {
    source += escapeRegExp(template.slice(last, match.index));
    names.push(match[1] ?? '');
    source += match[2] === '+' ? '(.+)' : '([^/]+)';
    last = (match.index ?? 0) + match[0].length;
  }
  source += escapeRegExp(template.slice(last));
  const found = new RegExp(`^${source}$`).exec(path);
  if (!found) return undefined;
  const values: Record<string, string> = {};
  names.forEach((name, i) => (values[name] = found[i + 1] ?? ''));
  return values;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface ResolvedRoute {
  /** The template (REST `resource`, HTTP API route path). */
  template: string;
  path: string;
  /** Path variables; empty when the template has none. */
  pathParameters: Record<string, string>;
}

const DEFAULT_PATH = '/path/to/resource';

/**
 * Reconciles a template and a request path: either may be empty (the other, or a default, fills it);
 * explicit path parameters fill the template's variables and win over matched values.
 */
export function resolveRoute(
  generator: string,
  templateParam: string,
  template: string,
  path: string,
  explicit: Record<string, string>,
): ResolvedRoute {
  for (const [name, value] of [[templateParam, template], ['path', path]] as const) {
    if (value !== '' && !value.startsWith('/')) {
      throw new EventInputError(`Parameter "${name}" of ${generator} must start with "/", e.g. /items/{id}; got "${value}".`);
    }
  }
  const effectiveTemplate = template || path || DEFAULT_PATH;
  const effectivePath = path || fillTemplate(effectiveTemplate, explicit);
  const matched = matchTemplate(effectiveTemplate, effectivePath);
  if (!matched) {
    throw new EventInputError(
      `Parameter "path" of ${generator}: "${effectivePath}" does not fit ${templateParam} "${effectiveTemplate}"; ` +
        `change one of them, or leave path empty to fill it from the ${templateParam}.`,
    );
  }
  return { template: effectiveTemplate, path: effectivePath, pathParameters: { ...matched, ...explicit } };
}
