// Matching: a pattern is a set of sub-rules (one per combination of `$or` branches); a sub-rule matches when
// every one of its fields finds a value (or, for `exists: false`, finds none), all taken from the same element
// of any array they share. Fields are tried in name order, as AWS's engine walks them: the order decides which
// elements a missing-field test sees, so it is part of the semantics, not an optimisation.

import { collectEventFields, joinMemberships, namePrefixes, type EventField, type EventFields, type Membership } from './event-fields';
import type { ValueMatcher } from './operators';

export interface FieldRule {
  /** Dot-joined path, e.g. "detail.state". */
  readonly name: string;
  /** Alternatives: the field matches when any accepts one of its values. */
  readonly matchers: readonly ValueMatcher[];
  /** `exists: false` is among the alternatives. */
  readonly allowsAbsence: boolean;
}

export interface SubRule {
  /** Sorted by name. */
  readonly fields: readonly FieldRule[];
}

function presentWith(values: readonly EventField[] | undefined, membership: Membership | undefined): boolean {
  return (values ?? []).some((field) => joinMemberships(membership, field.membership) !== false);
}

/** Per field of the sub-rule: all its values (for `exists: false`) and those its matchers accept. */
interface Candidates {
  readonly all: readonly EventField[] | undefined;
  readonly accepted: readonly EventField[];
}

function matchFrom(rule: SubRule, index: number, candidates: readonly Candidates[], membership: Membership | undefined): boolean {
  const fieldRule = rule.fields[index];
  const values = candidates[index];
  if (fieldRule === undefined || values === undefined) return true;
  if (fieldRule.allowsAbsence && !presentWith(values.all, membership) && matchFrom(rule, index + 1, candidates, membership)) {
    return true;
  }
  // Values that add no array constraint lead to the same remaining search: try it once.
  let triedUnconstrained = false;
  for (const field of values.accepted) {
    const joined = joinMemberships(membership, field.membership);
    if (joined === false) continue;
    const unconstrained = joined === membership;
    if (unconstrained && triedUnconstrained) continue;
    if (unconstrained) triedUnconstrained = true;
    if (matchFrom(rule, index + 1, candidates, joined)) return true;
  }
  return false;
}

export function matchesSubRule(rule: SubRule, fields: EventFields): boolean {
  const candidates: Candidates[] = [];
  for (const fieldRule of rule.fields) {
    const all = fields.get(fieldRule.name);
    const accepted = (all ?? []).filter((field) => fieldRule.matchers.some((matcher) => matcher.test(field.value)));
    // No value to take and no leave to be missing: the sub-rule fails without a search.
    if (accepted.length === 0 && !fieldRule.allowsAbsence) return false;
    candidates.push({ all, accepted });
  }
  return matchFrom(rule, 0, candidates, undefined);
}

/** Sub-rules compiled once: the names they use decide which parts of an event are read at all. */
export class RuleSet {
  private readonly names: ReadonlySet<string>;
  private readonly prefixes: ReadonlySet<string>;

  constructor(readonly subRules: readonly SubRule[]) {
    this.names = new Set(subRules.flatMap((rule) => rule.fields.map((field) => field.name)));
    this.prefixes = namePrefixes(this.names);
  }

  get isEmpty(): boolean {
    return this.subRules.length === 0;
  }

  fieldsOf(event: unknown): EventFields {
    return collectEventFields(event, this.names, this.prefixes);
  }

  /** AWS matches JSON objects only: any other event matches nothing. */
  matches(event: unknown): boolean {
    if (this.subRules.length === 0 || typeof event !== 'object' || event === null || Array.isArray(event)) return false;
    const fields = this.fieldsOf(event);
    return this.subRules.some((rule) => matchesSubRule(rule, fields));
  }
}
