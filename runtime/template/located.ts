// A template as a tree that remembers where every value was written, so each problem can point at
// the exact line and column. YAML and JSON templates both become this tree; short tags such as
// `!Ref X` are already rewritten to their long form (`{ Ref: X }`) when the tree is built.
import * as path from 'node:path';
import type { ProblemSeverity, SourceLocation, TemplateProblem } from './model';

export interface LocatedScalar {
  kind: 'scalar';
  value: string | number | boolean | null;
  loc: SourceLocation;
}

export interface LocatedEntry {
  key: string;
  keyLoc: SourceLocation;
  value: LocatedNode;
}

export interface LocatedMap {
  kind: 'map';
  entries: LocatedEntry[];
  loc: SourceLocation;
}

export interface LocatedSeq {
  kind: 'seq';
  items: LocatedNode[];
  loc: SourceLocation;
}

export type LocatedNode = LocatedScalar | LocatedMap | LocatedSeq;

export function scalarNode(value: LocatedScalar['value'], loc: SourceLocation): LocatedScalar {
  return { kind: 'scalar', value, loc };
}

export function entryOf(map: LocatedMap, key: string): LocatedEntry | undefined {
  return map.entries.find((entry) => entry.key === key);
}

export function valueOf(map: LocatedMap, key: string): LocatedNode | undefined {
  return entryOf(map, key)?.value;
}

export function asMap(node: LocatedNode | undefined): LocatedMap | undefined {
  return node?.kind === 'map' ? node : undefined;
}

/** A plain string written directly in the template (no intrinsic function). */
export function literalString(node: LocatedNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/**
 * `{ Ref: … }` and `{ "Fn::…": … }` maps are intrinsic function calls, not data. `Condition` is only
 * a function inside condition expressions, so it is not listed here.
 */
export function intrinsicName(node: LocatedNode): string | undefined {
  if (node.kind !== 'map' || node.entries.length !== 1) return undefined;
  const key = node.entries[0].key;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** Collects problems; the message starts with `file:line:` so it reads well in a terminal too. */
export class ProblemSink {
  private readonly seen = new Set<string>();
  readonly problems: TemplateProblem[] = [];

  report(severity: ProblemSeverity, location: SourceLocation, message: string): void {
    const text = `${path.basename(location.file)}:${location.line}: ${message}`;
    // Globals are resolved once per function; the same mistake should be listed once.
    const identity = `${severity}|${location.line}|${location.column}|${text}`;
    if (this.seen.has(identity)) return;
    this.seen.add(identity);
    this.problems.push({ severity, message: text, location });
  }

  error(location: SourceLocation, message: string): void {
    this.report('error', location, message);
  }

  warning(location: SourceLocation, message: string): void {
    this.report('warning', location, message);
  }
}
