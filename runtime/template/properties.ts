// Reads one function property at a time, checking it against Lambda's limits. A bad value is
// reported where it is written and replaced by Lambda's default, so the function stays usable.
import type { SourceLocation } from './model';
import { entryOf, intrinsicName, type LocatedEntry, type LocatedMap, type LocatedNode, type ProblemSink } from './located';
import type { IntrinsicResolver } from './intrinsics';
import { isRecord, NO_VALUE, toText, type Resolved } from './resolved';

export interface IntegerRule {
  min: number;
  max?: number;
  unit: string;
  fallback?: number;
}

export class PropertyReader {
  constructor(
    readonly properties: LocatedMap,
    readonly resolver: IntrinsicResolver,
    readonly problems: ProblemSink,
  ) {}

  entry(key: string): LocatedEntry | undefined {
    return entryOf(this.properties, key);
  }

  /** Resolved value; undefined when absent or `AWS::NoValue`. */
  value(key: string): Resolved | undefined {
    const entry = this.entry(key);
    if (!entry) return undefined;
    const value = this.resolver.resolve(entry.value);
    return value === NO_VALUE ? undefined : value;
  }

  location(key: string): SourceLocation {
    return this.entry(key)?.value.loc ?? this.properties.loc;
  }

  string(key: string): string | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'object') {
      this.problems.error(this.location(key), `${key} must be a string, not a ${Array.isArray(value) ? 'list' : 'map'}.`);
      return undefined;
    }
    return String(value);
  }

  /** One of `allowed`; reports the choices otherwise. */
  choice<T extends string>(key: string, allowed: readonly T[], label = key): T | undefined {
    const value = this.string(key);
    if (value === undefined) return undefined;
    if ((allowed as readonly string[]).includes(value)) return value as T;
    this.problems.error(this.location(key), `${label} "${value}" is not valid; use ${allowed.join(' or ')}.`);
    return undefined;
  }

  integer(key: string, rule: IntegerRule, label = key): number | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) return rule.fallback;
    return checkInteger(value, rule, label, this.location(key), this.problems) ?? rule.fallback;
  }

  map(key: string): Record<string, Resolved> | undefined {
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (isRecord(value)) return value;
    this.problems.error(this.location(key), `${key} must be a map of settings.`);
    return undefined;
  }

  /** A nested map as its own reader, so its properties get their own locations. */
  nested(key: string): PropertyReader | undefined {
    const node = this.entry(key)?.value;
    if (!node) return undefined;
    if (node.kind === 'map' && intrinsicName(node) === undefined) return new PropertyReader(node, this.resolver, this.problems);
    const value = this.value(key);
    if (value === undefined || value === null) return undefined;
    if (!isRecord(value)) {
      this.problems.error(this.location(key), `${key} must be a map of settings.`);
      return undefined;
    }
    return new PropertyReader(toLocatedMap(value, node.loc), this.resolver, this.problems);
  }

}

export function checkInteger(value: Resolved, rule: IntegerRule, label: string, loc: SourceLocation, problems: ProblemSink): number | undefined {
  const range = rule.max === undefined ? `${rule.min} or more` : `${rule.min}–${rule.max}`;
  const text = toText(value);
  const number = typeof value === 'number' ? value : /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(number)) {
    problems.error(loc, `${label} "${text}" is not a whole number; set ${range}.`);
    return undefined;
  }
  if (number < rule.min) {
    problems.error(loc, `${label} ${number} is below Lambda's minimum of ${rule.min}${rule.unit}; set ${range}.`);
    return undefined;
  }
  if (rule.max !== undefined && number > rule.max) {
    problems.error(loc, `${label} ${number} is above Lambda's maximum of ${rule.max}${rule.unit}; set ${range}.`);
    return undefined;
  }
  return number;
}

/** Wraps an already-resolved map (from an intrinsic) so it can be read like a written one. */
function toLocatedMap(value: Record<string, Resolved>, loc: SourceLocation): LocatedMap {
  const toNode = (item: Resolved): LocatedNode => {
    if (Array.isArray(item)) return { kind: 'seq', loc, items: item.map(toNode) };
    if (isRecord(item)) return toLocatedMap(item, loc);
    return { kind: 'scalar', loc, value: item };
  };
  return { kind: 'map', loc, entries: Object.entries(value).map(([key, item]) => ({ key, keyLoc: loc, value: toNode(item) })) };
}
