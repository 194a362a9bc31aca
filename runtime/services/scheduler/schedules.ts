// EventBridge Scheduler's schedules as the local service holds them: from the template (rebuilt on every
// reload) and from the API (kept in the data folder), each registered with the shared ScheduleRunner; and
// what one run sends to its target.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { parseScheduleExpression } from '../../schedules/expression';
import type { ScheduleEntry, ScheduleRunner } from '../../schedules/runner';
import { scheduleArn } from '../../template/local-values';
import { resourcesOfKind, type LocalResource } from '../../template/resources/model';
import { arnService } from '../events/delivery';
import { eventTime } from '../events/envelope';
import type { ServiceContext } from '../service';

/** A target as the Scheduler API takes and gives it. */
export interface ApiScheduleTarget {
  Arn: string;
  RoleArn?: string;
  Input?: string;
  SqsParameters?: { MessageGroupId?: string };
  EventBridgeParameters?: { DetailType: string; Source: string };
  RetryPolicy?: { MaximumEventAgeInSeconds?: number; MaximumRetryAttempts?: number };
  [other: string]: unknown;
}

export interface ScheduleRecord {
  name: string;
  groupName: string;
  arn: string;
  scheduleExpression: string;
  timezone: string;
  state: 'ENABLED' | 'DISABLED';
  description?: string;
  /** Epoch seconds. */
  startDate?: number;
  endDate?: number;
  flexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  actionAfterCompletion: 'NONE' | 'DELETE';
  target: ApiScheduleTarget;
  creationDate: number;
  lastModificationDate: number;
  origin: 'template' | 'api';
}

export interface GroupRecord {
  name: string;
  creationDate: number;
}

const STATE_FILE = 'scheduler.json';

export class Schedules {
  readonly schedules = new Map<string, ScheduleRecord>();
  readonly groups = new Map<string, GroupRecord>();
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly ctx: ServiceContext, private readonly runner: ScheduleRunner, private readonly folder: string) {
    this.groups.set('default', { name: 'default', creationDate: Math.floor(Date.now() / 1000) });
    this.load();
  }

  static key(group: string, name: string): string {
    return `${group}/${name}`;
  }

  get scope(): ServiceContext['scope'] {
    return this.ctx.scope;
  }

  arn(group: string, name: string): string {
    return scheduleArn(name, group, this.ctx.scope);
  }

  syncTemplate(resources: readonly LocalResource[]): void {
    const now = Math.floor(Date.now() / 1000);
    for (const [key, record] of this.schedules) if (record.origin === 'template') this.schedules.delete(key);
    for (const resource of resourcesOfKind(resources, 'schedule')) {
      const { schedule } = resource;
      if (!this.groups.has(schedule.groupName)) this.groups.set(schedule.groupName, { name: schedule.groupName, creationDate: now });
      const target: ApiScheduleTarget = {
        Arn: schedule.target.arn,
        ...(schedule.target.input !== undefined ? { Input: schedule.target.input } : {}),
        ...(schedule.target.messageGroupId ? { SqsParameters: { MessageGroupId: schedule.target.messageGroupId } } : {}),
        ...(schedule.target.eventBridge ? { EventBridgeParameters: { DetailType: schedule.target.eventBridge.detailType, Source: schedule.target.eventBridge.source } } : {}),
      };
      this.schedules.set(Schedules.key(schedule.groupName, resource.name), {
        name: resource.name,
        groupName: schedule.groupName,
        arn: this.arn(schedule.groupName, resource.name),
        scheduleExpression: schedule.scheduleExpression,
        timezone: schedule.timezone,
        state: schedule.state,
        ...(schedule.description ? { description: schedule.description } : {}),
        ...(schedule.startDate ? { startDate: Date.parse(schedule.startDate) / 1000 } : {}),
        ...(schedule.endDate ? { endDate: Date.parse(schedule.endDate) / 1000 } : {}),
        flexibleTimeWindow: { Mode: schedule.flexibleTimeWindow.mode, ...(schedule.flexibleTimeWindow.maximumWindowInMinutes ? { MaximumWindowInMinutes: schedule.flexibleTimeWindow.maximumWindowInMinutes } : {}) },
        actionAfterCompletion: schedule.actionAfterCompletion,
        target,
        creationDate: now,
        lastModificationDate: now,
        origin: 'template',
      });
    }
    this.changed();
  }

  /** After any change: the runner gets every schedule again. */
  changed(): void {
    const entries: Array<{ entry: ScheduleEntry; fire: (entry: ScheduleEntry, scheduledMs: number) => Promise<string[]> }> = [];
    for (const record of this.schedules.values()) {
      let expression;
      try {
        expression = parseScheduleExpression(record.scheduleExpression, 'scheduler');
      } catch {
        continue;
      }
      entries.push({
        entry: {
          id: `schedule:${record.groupName}/${record.name}`, owner: 'schedule', name: record.name, arn: record.arn, expression, timezone: record.timezone, enabled: record.state === 'ENABLED',
          ...(record.startDate !== undefined ? { startMs: record.startDate * 1000 } : {}),
          ...(record.endDate !== undefined ? { endMs: record.endDate * 1000 } : {}),
        },
        fire: (_entry, scheduledMs) => this.run(record.groupName, record.name, scheduledMs),
      });
    }
    this.runner.set('schedule', entries);
  }

  /** One run: the target's Input (with Scheduler's context attributes filled in), or Scheduler's default event. */
  async run(group: string, name: string, scheduledMs: number): Promise<string[]> {
    const record = this.schedules.get(Schedules.key(group, name));
    if (!record) return [];
    const time = eventTime(scheduledMs);
    const executionId = randomUUID();
    const body = record.target.Input !== undefined
      ? record.target.Input
          .replaceAll('<aws.scheduler.schedule-arn>', record.arn)
          .replaceAll('<aws.scheduler.scheduled-time>', time)
          .replaceAll('<aws.scheduler.execution-id>', executionId)
          .replaceAll('<aws.scheduler.attempt-number>', '1')
      : JSON.stringify({ version: '0', id: executionId, 'detail-type': 'Scheduled Event', source: 'aws.scheduler', account: this.ctx.scope.accountId, time, region: this.ctx.scope.region, resources: [record.arn], detail: '{}' });
    const invoked = await this.deliver(record, body, time);
    if (record.actionAfterCompletion === 'DELETE' && parseScheduleExpression(record.scheduleExpression, 'scheduler').kind === 'at') {
      this.schedules.delete(Schedules.key(group, name));
      if (record.origin === 'api') void this.save();
      this.changed();
    }
    return invoked ? [invoked] : [];
  }

  /** Sends one run's message; answers the request id when it invoked a function. */
  private async deliver(record: ScheduleRecord, body: string, time: string): Promise<string | undefined> {
    const arn = record.target.Arn;
    const service = arnService(arn);
    if (service === 'lambda') {
      const outcome = this.ctx.invokeAsync(arn, Buffer.from(body), { trigger: `Schedule ${record.groupName}/${record.name}` });
      if (!outcome.accepted) this.ctx.log('warn', `Schedule ${record.name} could not invoke ${arn}: ${outcome.reason === 'no-such-function' ? 'there is no such function in the template' : 'a recursive loop was stopped'}.`);
      return outcome.accepted ? outcome.requestId : undefined;
    }
    let message = body;
    if (service === 'events') {
      // Scheduler's EventBridge target puts an event whose detail is the Input.
      let detail: unknown;
      try {
        detail = JSON.parse(body);
      } catch {
        detail = {};
      }
      const bridge = record.target.EventBridgeParameters;
      message = JSON.stringify({ version: '0', id: randomUUID(), 'detail-type': bridge?.DetailType ?? 'Scheduled Event', source: bridge?.Source ?? 'aws.scheduler', account: this.ctx.scope.accountId, time, region: this.ctx.scope.region, resources: [record.arn], detail });
    } else if (service !== 'sqs' && service !== 'sns') {
      this.ctx.log('warn', `Schedule ${record.name}: its target ${arn} is not a kind Lambkin delivers to locally (functions, queues, topics and buses are); nothing was sent.`);
      return undefined;
    }
    try {
      await this.ctx.deliver(arn, { body: message, sourceArn: record.arn, ...(record.target.SqsParameters?.MessageGroupId ? { messageGroupId: record.target.SqsParameters.MessageGroupId } : {}) });
    } catch (error) {
      this.ctx.log('warn', `Schedule ${record.name} could not deliver to ${arn}: ${error instanceof Error ? error.message : String(error)}.`);
    }
    return undefined;
  }

  save(): Promise<void> {
    const text = JSON.stringify({
      groups: [...this.groups.values()].filter((group) => group.name !== 'default'),
      schedules: [...this.schedules.values()].filter((record) => record.origin === 'api'),
    }, null, 2) + '\n';
    this.saving = this.saving.then(() => writeFileAtomic(path.join(this.folder, STATE_FILE), text)).catch((error: unknown) => {
      this.ctx.log('error', `Could not save the Scheduler's schedules in ${this.folder}: ${error instanceof Error ? error.message : String(error)}`);
    });
    return this.saving;
  }

  flushed(): Promise<void> {
    return this.saving;
  }

  clear(): void {
    for (const [key, record] of this.schedules) if (record.origin === 'api') this.schedules.delete(key);
    for (const name of this.groups.keys()) if (name !== 'default') this.groups.delete(name);
    this.changed();
  }

  private load(): void {
    const file = path.join(this.folder, STATE_FILE);
    let stored: { groups?: GroupRecord[]; schedules?: ScheduleRecord[] };
    try {
      stored = JSON.parse(readFileSync(file, 'utf8')) as typeof stored;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.ctx.log('error', `${file} cannot be read (${(error as Error).message}); the schedules created through the API are not loaded. Fix or delete the file.`);
      return;
    }
    for (const group of stored.groups ?? []) this.groups.set(group.name, group);
    for (const record of stored.schedules ?? []) this.schedules.set(Schedules.key(record.groupName, record.name), record);
  }
}
