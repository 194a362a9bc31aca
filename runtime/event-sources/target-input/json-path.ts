// The JSONPath EventBridge accepts in InputPath and InputPathsMap: `$`, then `.name` steps (names may hold
// `-`, as in `$.detail-type`), `[n]` indices and `['name']`. Written here rather than taken from a JSONPath
// library because EventBridge accepts only this subset: a full library would accept (and answer) filters,
// wildcards and recursive descent that EventBridge refuses when the target is put.

export type JsonPathStep = string | number;

/** The steps of a path, or undefined when EventBridge would not accept it. */
export function parseJsonPath(path: string): JsonPathStep[] | undefined {
  if (!path.startsWith('$')) return undefined;
  const steps: JsonPathStep[] = [];
  let at = 1;
  while (at < path.length) {
    const rest = path.slice(at);
    const dotted = /^\.([^.[\]'"*]+)/.exec(rest);
    const index = /^\[(\d+)\]/.exec(rest);
    const quoted = /^\[(?:'([^']*)'|"([^"]*)")\]/.exec(rest);
    if (dotted) steps.push(dotted[1]);
    else if (index) steps.push(Number(index[1]));
    else if (quoted) steps.push(quoted[1] ?? quoted[2]);
    else return undefined;
    at += (dotted ?? index ?? quoted)![0].length;
  }
  return steps;
}

/** The value at a path; undefined when the event has nothing there. */
export function readJsonPath(value: unknown, steps: readonly JsonPathStep[]): unknown {
  let current = value;
  for (const step of steps) {
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[step];
    } else {
      if (typeof current !== 'object' || current === null || Array.isArray(current)) return undefined;
      current = (current as Record<string, unknown>)[step];
    }
    if (current === undefined) return undefined;
  }
  return current;
}
