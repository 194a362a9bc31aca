// Runs CloudFormation intrinsic functions locally. Whatever can be known without a deployed stack is
// computed (parameters, pseudo parameters, conditions, mappings, string functions); the rest becomes
// a readable placeholder such as `${MyTable.StreamArn}`, so handlers see where a value would come from.
import type { SourceLocation } from './model';
import type { TemplateContext } from './context';
import { intrinsicName, valueOf, type LocatedNode, type ProblemSink } from './located';
import { defaultResourceName, localAttribute, localRef } from './local-values';
import { containsPlaceholder, NO_VALUE, placeholder, toText, type Resolved, type ResolvedOrNothing } from './resolved';
import { ConditionEvaluator } from './conditions';
import { cidrSubnets } from './cidr';

type IntrinsicHandler = (argument: LocatedNode, loc: SourceLocation) => ResolvedOrNothing;

export class IntrinsicResolver {
  readonly conditions: ConditionEvaluator;
  private readonly handlers: ReadonlyMap<string, IntrinsicHandler>;
  /** Guards a resource whose name refers back to itself. */
  private readonly namesInProgress = new Set<string>();

  constructor(
    private readonly ctx: TemplateContext,
    private readonly problems: ProblemSink,
  ) {
    this.conditions = new ConditionEvaluator(ctx, problems, (node) => this.resolve(node));
    this.handlers = new Map<string, IntrinsicHandler>([
      ['Ref', (arg, loc) => this.ref(arg, loc)],
      ['Fn::GetAtt', (arg, loc) => this.getAtt(arg, loc)],
      ['Fn::Sub', (arg, loc) => this.sub(arg, loc)],
      ['Fn::Join', (arg, loc) => this.join(arg, loc)],
      ['Fn::Select', (arg, loc) => this.select(arg, loc)],
      ['Fn::Split', (arg, loc) => this.split(arg, loc)],
      ['Fn::If', (arg, loc) => this.ifThen(arg, loc)],
      ['Fn::FindInMap', (arg, loc) => this.findInMap(arg, loc)],
      ['Fn::Equals', (arg, loc) => this.conditions.evaluateFunction('Fn::Equals', arg, loc)],
      ['Fn::Not', (arg, loc) => this.conditions.evaluateFunction('Fn::Not', arg, loc)],
      ['Fn::And', (arg, loc) => this.conditions.evaluateFunction('Fn::And', arg, loc)],
      ['Fn::Or', (arg, loc) => this.conditions.evaluateFunction('Fn::Or', arg, loc)],
      ['Fn::Base64', (arg) => Buffer.from(toText(this.resolveValue(arg)), 'utf8').toString('base64')],
      ['Fn::Cidr', (arg, loc) => this.cidr(arg, loc)],
      ['Fn::GetAZs', () => ['a', 'b', 'c'].map((zone) => `${this.ctx.region}${zone}`)],
      ['Fn::ImportValue', (arg) => placeholder(`ImportValue:${toText(this.resolveValue(arg))}`)],
      ['Fn::Transform', (arg, loc) => this.transform(arg, loc)],
      ['Fn::Length', (arg, loc) => this.length(arg, loc)],
      ['Fn::ToJsonString', (arg) => JSON.stringify(this.resolveValue(arg))],
    ]);
  }

  /** Resolves a node; `NO_VALUE` when it is `!Ref AWS::NoValue` (or an `!If` branch that is). */
  resolve(node: LocatedNode): ResolvedOrNothing {
    if (node.kind === 'scalar') return node.value;
    if (node.kind === 'seq') {
      const items: Resolved[] = [];
      for (const item of node.items) {
        const value = this.resolve(item);
        if (value !== NO_VALUE) items.push(value);
      }
      return items;
    }
    const fn = intrinsicName(node);
    if (fn) return this.call(fn, node.entries[0].value, node.loc);
    const result: Record<string, Resolved> = {};
    for (const entry of node.entries) {
      if (entry.key.startsWith('Fn::') && node.entries.length > 1) {
        this.problems.error(entry.keyLoc, `${entry.key} must be the only key in its map; move the other keys out.`);
      }
      const value = this.resolve(entry.value);
      if (value !== NO_VALUE) result[entry.key] = value;
    }
    return result;
  }

  /** Like `resolve`, with `AWS::NoValue` read as null (for places where a value must be present). */
  resolveValue(node: LocatedNode): Resolved {
    const value = this.resolve(node);
    return value === NO_VALUE ? null : value;
  }

  private call(fn: string, argument: LocatedNode, loc: SourceLocation): ResolvedOrNothing {
    const handler = this.handlers.get(fn);
    if (handler) return handler(argument, loc);
    this.problems.error(loc, `Unknown intrinsic function ${fn}; use one CloudFormation supports (Ref, Fn::Sub, Fn::GetAtt, Fn::Join, Fn::If, …).`);
    return placeholder(fn);
  }

  private listArgument(fn: string, argument: LocatedNode, loc: SourceLocation, shape: string, min: number, max = min): LocatedNode[] | undefined {
    if (argument.kind === 'seq' && argument.items.length >= min && argument.items.length <= max) return argument.items;
    this.problems.error(loc, `${fn} expects ${shape}.`);
    return undefined;
  }

  private nameArgument(fn: string, argument: LocatedNode, loc: SourceLocation): string | undefined {
    if (argument.kind === 'scalar' && typeof argument.value === 'string') return argument.value;
    this.problems.error(loc, `${fn} expects a plain name here, not a nested function or a list.`);
    return undefined;
  }

  /** Value of a name as `Ref` and `${…}` in `Fn::Sub` see it; undefined when nothing has that name. */
  lookupName(name: string, loc: SourceLocation): string | string[] | typeof NO_VALUE | undefined {
    if (name === 'AWS::NoValue') return NO_VALUE;
    const pseudo = this.ctx.pseudo.get(name);
    if (pseudo !== undefined) return pseudo;
    const parameter = this.ctx.parameters.get(name);
    if (parameter) {
      if (parameter.value !== undefined) return parameter.value;
      this.problems.warning(parameter.location, `Parameter ${name} has no Default; give it one or pass a parameter override (${name}=value). Lambkin uses the placeholder ${placeholder(name)} meanwhile.`);
      return placeholder(name);
    }
    if (this.ctx.resources.has(name)) return this.resourceRef(name);
    if (name.startsWith('AWS::')) {
      this.problems.error(loc, `${name} is not a pseudo parameter; use AWS::Region, AWS::AccountId, AWS::Partition, AWS::StackName, AWS::StackId, AWS::URLSuffix or AWS::NoValue.`);
      return placeholder(name);
    }
    return undefined;
  }

  /**
   * The local name of a resource: its name property when that resolves to a plain name, else the name
   * local-values.ts derives from the logical id (why: see defaultResourceName there).
   */
  resourceName(logicalId: string): string {
    const resource = this.ctx.resources.get(logicalId);
    const fallback = defaultResourceName(resource?.type ?? '', logicalId, this.isFifo(logicalId));
    const nameNode = resource?.nameNode;
    if (!nameNode || this.namesInProgress.has(logicalId)) return fallback;
    this.namesInProgress.add(logicalId);
    try {
      const name = this.resolve(nameNode);
      return typeof name === 'string' && name !== '' && !containsPlaceholder(name) ? name : fallback;
    } finally {
      this.namesInProgress.delete(logicalId);
    }
  }

  /** What `!Ref` to a resource gives: a queue's URL, a topic's ARN, otherwise its local name. */
  private resourceRef(logicalId: string): string {
    const name = this.resourceName(logicalId);
    return localRef(this.ctx.resources.get(logicalId)?.type ?? '', name, this.ctx) ?? name;
  }

  private isFifo(logicalId: string): boolean {
    const resource = this.ctx.resources.get(logicalId);
    const flag = resource?.type === 'AWS::SQS::Queue' ? 'FifoQueue' : resource?.type === 'AWS::SNS::Topic' ? 'FifoTopic' : undefined;
    const node = flag && resource?.properties ? valueOf(resource.properties, flag) : undefined;
    if (!node) return false;
    const value = this.resolveValue(node);
    return value === true || value === 'true';
  }

  /** A property of another resource as plain text (a rule's EventBusName), when it resolves to one. */
  private propertyText(logicalId: string, property: string): string | undefined {
    const node = this.ctx.resources.get(logicalId)?.properties;
    const value = node && valueOf(node, property);
    if (!value) return undefined;
    const text = toText(this.resolveValue(value));
    // An EventBusName may be given as the bus's ARN: its name is what follows `event-bus/`.
    return text === '' || containsPlaceholder(text) ? undefined : text.replace(/^arn:[^:]+:events:[^:]*:[^:]*:event-bus\//, '');
  }

  private ref(argument: LocatedNode, loc: SourceLocation): ResolvedOrNothing {
    const name = this.nameArgument('Ref', argument, loc);
    if (name === undefined) return null;
    const value = this.lookupName(name, loc);
    if (value !== undefined) return value;
    this.problems.error(loc, `Ref to ${name}: there is no parameter or resource named ${name}; check the spelling or declare it.`);
    return placeholder(name);
  }

  /** `Resource.Attribute`: the local value where the local services know one (see local-values.ts), a placeholder otherwise. */
  attribute(resourceName: string, attributeName: string, loc: SourceLocation): string {
    const resource = this.ctx.resources.get(resourceName);
    if (!resource) {
      this.problems.error(loc, `Fn::GetAtt ${resourceName}.${attributeName}: there is no resource named ${resourceName}; check the spelling or declare it.`);
      return placeholder(`${resourceName}.${attributeName}`);
    }
    const related = { eventBusName: this.propertyText(resourceName, 'EventBusName'), groupName: this.propertyText(resourceName, 'GroupName') };
    return localAttribute(resource.type, this.resourceName(resourceName), attributeName, this.ctx, related) ?? placeholder(`${resourceName}.${attributeName}`);
  }

  private getAtt(argument: LocatedNode, loc: SourceLocation): Resolved {
    if (argument.kind === 'scalar' && typeof argument.value === 'string') {
      const dot = argument.value.indexOf('.');
      if (dot > 0) return this.attribute(argument.value.slice(0, dot), argument.value.slice(dot + 1), loc);
    }
    const items = argument.kind === 'seq' && argument.items.length === 2 ? argument.items : undefined;
    const resource = items?.[0].kind === 'scalar' ? items[0].value : undefined;
    if (!items || typeof resource !== 'string') {
      this.problems.error(loc, 'Fn::GetAtt expects Resource.Attribute or [Resource, Attribute].');
      return placeholder('GetAtt');
    }
    return this.attribute(resource, toText(this.resolveValue(items[1])), loc);
  }

  private sub(argument: LocatedNode, loc: SourceLocation): Resolved {
    let template: LocatedNode = argument;
    const variables = new Map<string, string>();
    if (argument.kind === 'seq') {
      const items = this.listArgument('Fn::Sub', argument, loc, 'a string, or [string, {Name: value, …}]', 1, 2);
      if (!items) return '';
      template = items[0];
      const map = items[1];
      if (map && map.kind !== 'map') this.problems.error(map.loc, 'The second item of Fn::Sub must be a map of variable names to values.');
      if (map?.kind === 'map') for (const entry of map.entries) variables.set(entry.key, toText(this.resolveValue(entry.value)));
    }
    if (template.kind !== 'scalar' || typeof template.value !== 'string') {
      this.problems.error(template.loc, 'Fn::Sub needs a literal string to substitute into.');
      return '';
    }
    return template.value.replace(/\$\{([^}]*)\}/g, (_match, inner: string) => {
      if (inner.startsWith('!')) return '${' + inner.slice(1) + '}';
      const name = inner.trim();
      const variable = variables.get(name);
      if (variable !== undefined) return variable;
      const dot = name.indexOf('.');
      if (dot > 0 && !name.startsWith('AWS::')) return this.attribute(name.slice(0, dot), name.slice(dot + 1), loc);
      const value = this.lookupName(name, loc);
      if (value === NO_VALUE) return '';
      if (value !== undefined) return toText(value);
      this.problems.error(loc, `Fn::Sub uses \${${name}}, but there is no parameter, resource or variable named ${name}; declare it or escape it as \${!${name}}.`);
      return placeholder(name);
    });
  }

  private join(argument: LocatedNode, loc: SourceLocation): Resolved {
    const items = this.listArgument('Fn::Join', argument, loc, '[delimiter, [values]]', 2);
    if (!items) return '';
    const values = this.resolveValue(items[1]);
    if (!Array.isArray(values)) {
      this.problems.error(items[1].loc, 'The second item of Fn::Join must be a list of values.');
      return toText(values);
    }
    return values.map(toText).join(toText(this.resolveValue(items[0])));
  }

  private select(argument: LocatedNode, loc: SourceLocation): ResolvedOrNothing {
    const items = this.listArgument('Fn::Select', argument, loc, '[index, [values]]', 2);
    if (!items) return null;
    const index = Number(toText(this.resolveValue(items[0])));
    const values = this.resolveValue(items[1]);
    if (!Array.isArray(values)) {
      this.problems.error(items[1].loc, 'The second item of Fn::Select must be a list.');
      return null;
    }
    if (!Number.isInteger(index) || index < 0 || index >= values.length) {
      this.problems.error(loc, `Fn::Select index ${toText(this.resolveValue(items[0]))} is outside the list of ${values.length} item(s); use 0–${values.length - 1}.`);
      return null;
    }
    return values[index];
  }

  private split(argument: LocatedNode, loc: SourceLocation): Resolved {
    const items = this.listArgument('Fn::Split', argument, loc, '[delimiter, string]', 2);
    if (!items) return [];
    return toText(this.resolveValue(items[1])).split(toText(this.resolveValue(items[0])));
  }

  private ifThen(argument: LocatedNode, loc: SourceLocation): ResolvedOrNothing {
    const items = this.listArgument('Fn::If', argument, loc, '[ConditionName, valueIfTrue, valueIfFalse]', 3);
    if (!items) return null;
    const name = this.nameArgument('Fn::If', items[0], items[0].loc);
    const chosen = name !== undefined && this.conditions.evaluateNamed(name, items[0].loc) ? items[1] : items[2];
    return this.resolve(chosen);
  }

  private findInMap(argument: LocatedNode, loc: SourceLocation): Resolved {
    const items = this.listArgument('Fn::FindInMap', argument, loc, '[MapName, TopLevelKey, SecondLevelKey]', 3, 4);
    if (!items) return null;
    const keys = items.slice(0, 3).map((item) => toText(this.resolveValue(item)));
    let node: LocatedNode | undefined = this.ctx.mappings;
    for (const key of keys) node = node?.kind === 'map' ? node.entries.find((entry) => entry.key === key)?.value : undefined;
    if (node) return this.resolveValue(node);
    const fallback = items[3]?.kind === 'map' ? items[3].entries.find((entry) => entry.key === 'DefaultValue') : undefined;
    if (fallback) return this.resolveValue(fallback.value);
    this.problems.error(loc, `Fn::FindInMap found nothing at Mappings.${keys.join('.')}; add that entry to Mappings or fix the keys.`);
    return placeholder(`FindInMap:${keys.join('.')}`);
  }

  private cidr(argument: LocatedNode, loc: SourceLocation): Resolved {
    const items = this.listArgument('Fn::Cidr', argument, loc, '[ipBlock, count, cidrBits]', 3);
    if (!items) return [];
    const [block, count, bits] = items.map((item) => toText(this.resolveValue(item)));
    const subnets = cidrSubnets(block, Number(count), Number(bits));
    if (subnets) return subnets;
    this.problems.warning(loc, `Fn::Cidr [${block}, ${count}, ${bits}] cannot be computed locally (IPv4 blocks only); Lambkin uses a placeholder.`);
    return placeholder('Cidr');
  }

  private transform(argument: LocatedNode, loc: SourceLocation): Resolved {
    const name = argument.kind === 'map' ? toText(this.resolveValue(argument.entries.find((entry) => entry.key === 'Name')?.value ?? argument)) : 'macro';
    this.problems.warning(loc, `Fn::Transform (${name}) runs a CloudFormation macro, which Lambkin cannot run locally; this value stays a placeholder.`);
    return placeholder(`Transform:${name}`);
  }

  private length(argument: LocatedNode, loc: SourceLocation): Resolved {
    const value = this.resolveValue(argument);
    if (Array.isArray(value)) return value.length;
    this.problems.error(loc, 'Fn::Length expects a list.');
    return 0;
  }
}
