// Evaluates the template's Conditions (Fn::Equals / Not / And / Or / Condition) so that `Fn::If`
// and resource-level `Condition:` pick the same branch a deployment with these parameters would.
import type { SourceLocation } from './model';
import type { LocatedNode, ProblemSink } from './located';
import type { TemplateContext } from './context';
import { NO_VALUE, toText, type Resolved, type ResolvedOrNothing } from './resolved';

/** Scalars compare as strings, like CloudFormation compares parameter values. */
function canonical(value: Resolved): string {
  if (Array.isArray(value)) return JSON.stringify(value.map(canonical));
  if (value !== null && typeof value === 'object') {
    return JSON.stringify(Object.fromEntries(Object.entries(value).map(([key, item]) => [key, canonical(item)])));
  }
  return toText(value);
}

export class ConditionEvaluator {
  private readonly results = new Map<string, boolean>();
  private readonly evaluating = new Set<string>();

  constructor(
    private readonly ctx: TemplateContext,
    private readonly problems: ProblemSink,
    private readonly resolve: (node: LocatedNode) => ResolvedOrNothing,
  ) {}

  /** A condition by name; unknown or looping conditions are reported and count as false. */
  evaluateNamed(name: string, loc: SourceLocation): boolean {
    const known = this.results.get(name);
    if (known !== undefined) return known;
    const entry = this.ctx.conditions.get(name);
    if (!entry) {
      this.problems.error(loc, `Condition ${name} is not declared; add it under Conditions or fix the name.`);
      return false;
    }
    if (this.evaluating.has(name)) {
      this.problems.error(entry.keyLoc, `Condition ${name} depends on itself; break the loop.`);
      return false;
    }
    this.evaluating.add(name);
    const result = this.evaluateExpression(entry.value);
    this.evaluating.delete(name);
    this.results.set(name, result);
    return result;
  }

  /** A condition expression: a condition function, `{Condition: Name}`, or a literal true/false. */
  evaluateExpression(node: LocatedNode): boolean {
    if (node.kind === 'map' && node.entries.length === 1 && node.entries[0].key === 'Condition') {
      const name = node.entries[0].value;
      if (name.kind === 'scalar' && typeof name.value === 'string') return this.evaluateNamed(name.value, name.loc);
    }
    const value = this.resolve(node);
    if (value === true || value === 'true') return true;
    if (value === false || value === 'false') return false;
    this.problems.error(node.loc, 'A condition must be Fn::Equals, Fn::Not, Fn::And, Fn::Or or Condition: Name.');
    return false;
  }

  evaluateFunction(fn: 'Fn::Equals' | 'Fn::Not' | 'Fn::And' | 'Fn::Or', argument: LocatedNode, loc: SourceLocation): boolean {
    const items = argument.kind === 'seq' ? argument.items : undefined;
    if (fn === 'Fn::Equals') {
      if (items?.length !== 2) return this.malformed(fn, '[value1, value2]', loc);
      const [left, right] = items.map((item) => this.resolve(item)).map((value) => (value === NO_VALUE ? null : value));
      return canonical(left) === canonical(right);
    }
    if (fn === 'Fn::Not') {
      if (items?.length !== 1) return this.malformed(fn, '[condition]', loc);
      return !this.evaluateExpression(items[0]);
    }
    if (!items || items.length < 2 || items.length > 10) return this.malformed(fn, 'a list of 2 to 10 conditions', loc);
    const results = items.map((item) => this.evaluateExpression(item));
    return fn === 'Fn::And' ? results.every(Boolean) : results.some(Boolean);
  }

  private malformed(fn: string, shape: string, loc: SourceLocation): false {
    this.problems.error(loc, `${fn} expects ${shape}.`);
    return false;
  }
}
