// An event as AWS's engine sees it: leaf values under dot-joined names ("detail.state"), each remembering
// which element of which array it came from, so that one match cannot take fields from different
// elements of the same array. Only the names a pattern can use are collected.

import type { LeafValue } from './operators';

/** Array id → element index, for the arrays of objects (or of arrays) a value sits in. */
export type Membership = ReadonlyMap<number, number>;

export interface EventField {
  readonly value: LeafValue;
  readonly membership: Membership | undefined;
}

export type EventFields = ReadonlyMap<string, readonly EventField[]>;

/** Every dot-boundary prefix of the names: "a.b.c" → "a", "a.b", "a.b.c". */
export function namePrefixes(names: Iterable<string>): Set<string> {
  const prefixes = new Set<string>();
  for (const name of names) {
    let end = name.indexOf('.');
    while (end >= 0) {
      prefixes.add(name.slice(0, end));
      end = name.indexOf('.', end + 1);
    }
    prefixes.add(name);
  }
  return prefixes;
}

function withElement(membership: Membership | undefined, arrayId: number, index: number): Membership {
  const next = new Map(membership);
  next.set(arrayId, index);
  return next;
}

function isLeaf(value: unknown): value is LeafValue {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/**
 * Collects the fields named in `names`; `prefixes` (see namePrefixes) prunes the walk. A key may itself
 * contain dots: {"a.b": 1} and {"a": {"b": 1}} both give "a.b", as AWS joins names.
 */
export function collectEventFields(event: unknown, names: ReadonlySet<string>, prefixes: ReadonlySet<string>): EventFields {
  const fields = new Map<string, EventField[]>();
  let arrays = 0;
  const add = (name: string, value: LeafValue, membership: Membership | undefined): void => {
    const list = fields.get(name);
    if (list) list.push({ value, membership });
    else fields.set(name, [{ value, membership }]);
  };
  const visit = (value: unknown, name: string, membership: Membership | undefined): void => {
    if (isLeaf(value)) {
      if (names.has(name)) add(name, value, membership);
    } else if (Array.isArray(value)) {
      const arrayId = arrays++;
      value.forEach((element, index) => {
        // A plain value in an array belongs to no element: only fields inside objects (or nested arrays)
        // of different elements are kept apart.
        if (isLeaf(element)) visit(element, name, membership);
        else visit(element, name, withElement(membership, arrayId, index));
      });
    } else if (typeof value === 'object' && value !== null) {
      visitObject(value as Record<string, unknown>, `${name}.`, membership);
    }
  };
  const visitObject = (object: Record<string, unknown>, base: string, membership: Membership | undefined): void => {
    for (const key of Object.keys(object)) {
      const name = base + key;
      if (prefixes.has(name)) visit(object[key], name, membership);
    }
  };
  if (typeof event === 'object' && event !== null && !Array.isArray(event)) {
    visitObject(event as Record<string, unknown>, '', undefined);
  }
  return fields;
}

/** The two memberships together, or undefined when they disagree on an element of the same array. */
export function joinMemberships(a: Membership | undefined, b: Membership | undefined): Membership | undefined | false {
  if (b === undefined || b.size === 0) return a;
  if (a === undefined || a.size === 0) return b;
  let joined: Map<number, number> | undefined;
  for (const [arrayId, index] of b) {
    const mine = a.get(arrayId);
    if (mine === undefined) {
      joined ??= new Map(a);
      joined.set(arrayId, index);
    } else if (mine !== index) {
      return false;
    }
  }
  return joined ?? a;
}
