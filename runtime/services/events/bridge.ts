// EventBridge's state and behaviour without the wire: the buses and rules (from the template and from the
// API), routing an event to the rules whose pattern matches it, and running scheduled rules. The JSON API
// (api.ts) and the extension's calls both act through it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { compileEventPatternText } from '../../event-sources/filtering';
import type { InvocationChain } from '../../event-sources/recursion';
import { parseScheduleExpression } from '../../schedules/expression';
import type { ScheduleRunner } from '../../schedules/runner';
import { eventBusArn, ruleArn } from '../../template/local-values';
import { resourcesOfKind, type LocalResource, type RuleTarget } from '../../template/resources/model';
import type { ServiceContext } from '../service';
import { deliverToTarget } from './delivery';
import { scheduledEvent, type EventEnvelope } from './envelope';
import { isEnabled, type ApiTarget, type Bus, type CompiledRule, type Rule, type StoredEvents } from './model';

const STATE_FILE = 'events.json';

export function apiTarget(target: RuleTarget): ApiTarget {
  return {
    Id: target.id,
    Arn: target.arn,
    ...(target.input !== undefined ? { Input: target.input } : {}),
    ...(target.inputPath !== undefined ? { InputPath: target.inputPath } : {}),
    ...(target.inputTransformer ? { InputTransformer: { ...(target.inputTransformer.inputPathsMap ? { InputPathsMap: target.inputTransformer.inputPathsMap } : {}), InputTemplate: target.inputTransformer.inputTemplate } } : {}),
    ...(target.messageGroupId ? { SqsParameters: { MessageGroupId: target.messageGroupId } } : {}),
  };
}

export class EventBridge {
  readonly buses = new Map<string, Bus>();
  /** Rules by `bus/name`. */
  readonly rules = new Map<string, CompiledRule>();
  private saving: Promise<void> = Promise.resolve();
  /** Epoch seconds: the default bus's creation time, as far as this runtime knows. */
  readonly startedAt = Math.floor(Date.now() / 1000);

  constructor(private readonly ctx: ServiceContext, private readonly runner: ScheduleRunner, private readonly folder: string) {
    this.load();
  }

  static key(busName: string, ruleName: string): string {
    return `${busName}/${ruleName}`;
  }

  get scope(): ServiceContext['scope'] {
    return this.ctx.scope;
  }

  warn(message: string): void {
    this.ctx.log('warn', message);
  }

  busArn(name: string): string {
    return eventBusArn(name, this.ctx.scope);
  }

  /** Follows the template: its buses and rules replace the previous template's; the API's stay. */
  syncTemplate(resources: readonly LocalResource[]): void {
    const now = Math.floor(Date.now() / 1000);
    for (const [name, bus] of this.buses) if (bus.origin === 'template') this.buses.delete(name);
    for (const [key, rule] of this.rules) if (rule.origin === 'template') this.rules.delete(key);
    for (const resource of resourcesOfKind(resources, 'eventBus')) {
      if (resource.name === 'default') continue;
      this.buses.set(resource.name, { name: resource.name, arn: this.busArn(resource.name), creationTime: now, lastModifiedTime: now, origin: 'template' });
    }
    for (const resource of resourcesOfKind(resources, 'rule')) {
      const { rule } = resource;
      if (!this.buses.has(rule.eventBusName)) {
        this.ctx.log('warn', `Rule ${resource.name} (${resource.logicalId}) is on event bus ${rule.eventBusName}, which the template does not declare; it will receive nothing until a bus of that name exists.`);
      }
      this.putRuleState({
        name: resource.name,
        busName: rule.eventBusName,
        arn: ruleArn(resource.name, rule.eventBusName, this.ctx.scope),
        ...(rule.eventPattern !== undefined ? { eventPattern: rule.eventPattern } : {}),
        ...(rule.scheduleExpression !== undefined ? { scheduleExpression: rule.scheduleExpression } : {}),
        state: rule.state,
        ...(rule.description ? { description: rule.description } : {}),
        targets: rule.targets.map(apiTarget),
        origin: 'template',
        logicalId: resource.logicalId,
      });
    }
    this.schedulesChanged();
  }

  /** Adds or replaces a rule (its pattern compiled once, here). */
  putRuleState(rule: Rule): void {
    const compiled: CompiledRule = { ...rule };
    if (rule.eventPattern !== undefined) {
      try {
        compiled.compiled = compileEventPatternText(rule.eventPattern, 'eventbridge');
      } catch (error) {
        this.ctx.log('error', `Rule ${rule.name}: its EventPattern cannot be used: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    Object.defineProperty(compiled, 'compiled', { enumerable: false, value: compiled.compiled, writable: true });
    this.rules.set(EventBridge.key(rule.busName, rule.name), compiled);
  }

  rule(busName: string, name: string): CompiledRule | undefined {
    return this.rules.get(EventBridge.key(busName, name));
  }

  rulesOf(busName: string): CompiledRule[] {
    return [...this.rules.values()].filter((rule) => rule.busName === busName);
  }

  hasBus(name: string): boolean {
    return name === 'default' || this.buses.has(name);
  }

  /** Routes an event on a bus; resolves with the rules it matched (their targets are served in the background). */
  route(busName: string, event: EventEnvelope, chain: InvocationChain | undefined): CompiledRule[] {
    const matched = this.rulesOf(busName).filter((rule) => isEnabled(rule) && rule.compiled !== undefined && rule.compiled.matches(event));
    for (const rule of matched) {
      for (const target of rule.targets) void deliverToTarget(this.ctx, rule, target, event, chain);
    }
    return matched;
  }

  /** One run of a scheduled rule: the Scheduled Event (or each target's Input) to every target. */
  async runScheduledRule(busName: string, name: string, scheduledMs: number): Promise<string[]> {
    const rule = this.rule(busName, name);
    if (!rule) return [];
    const event = scheduledEvent(rule.arn, scheduledMs, this.ctx.scope);
    const invoked = await Promise.all(rule.targets.map((target) => deliverToTarget(this.ctx, rule, target, event, undefined)));
    return invoked.filter((id): id is string => id !== undefined);
  }

  /** After any change to rules: the runner gets every scheduled rule again. */
  schedulesChanged(): void {
    const entries = [];
    for (const rule of this.rules.values()) {
      if (rule.scheduleExpression === undefined) continue;
      let expression;
      try {
        expression = parseScheduleExpression(rule.scheduleExpression, 'rule');
      } catch {
        continue;
      }
      entries.push({
        entry: { id: `rule:${rule.busName}/${rule.name}`, owner: 'rule' as const, name: rule.name, arn: rule.arn, expression, enabled: isEnabled(rule) },
        fire: (_entry: unknown, scheduledMs: number) => this.runScheduledRule(rule.busName, rule.name, scheduledMs),
      });
    }
    this.runner.set('rule', entries);
  }

  /** Writes what the API created (atomically); template resources come from the template. */
  save(): Promise<void> {
    const stored: StoredEvents = {
      buses: [...this.buses.values()].filter((bus) => bus.origin === 'api'),
      rules: [...this.rules.values()].filter((rule) => rule.origin === 'api').map((rule) => ({ ...rule })),
    };
    const text = JSON.stringify(stored, null, 2) + '\n';
    this.saving = this.saving.then(() => writeFileAtomic(path.join(this.folder, STATE_FILE), text)).catch((error: unknown) => {
      this.ctx.log('error', `Could not save EventBridge's rules in ${this.folder}: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.saving;
  }

  flushed(): Promise<void> {
    return this.saving;
  }

  /** Forgets what the API created. */
  clear(): void {
    for (const [name, bus] of this.buses) if (bus.origin === 'api') this.buses.delete(name);
    for (const [key, rule] of this.rules) if (rule.origin === 'api') this.rules.delete(key);
    this.schedulesChanged();
  }

  private load(): void {
    const file = path.join(this.folder, STATE_FILE);
    let stored: StoredEvents;
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as StoredEvents;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.ctx.log('error', `${file} cannot be read (${(error as Error).message}); the rules created through the API are not loaded. Fix or delete the file.`);
      return;
    }
    for (const bus of stored.buses ?? []) this.buses.set(bus.name, bus);
    for (const rule of stored.rules ?? []) this.putRuleState(rule);
  }
}
