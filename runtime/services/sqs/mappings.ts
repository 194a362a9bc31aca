// The SQS event source mappings the template declares, kept running beside the queues: SAM `Type: SQS`
// events, and SNS events with SqsSubscription (SAM's queue between the topic and the function). A mapping
// that changes on reload is restarted; one that cannot be used is reported once per reload.
import { readSqsMapping, mappingKey } from '../../event-sources/mappings/sqs-mapping';
import { SqsPoller } from '../../event-sources/mappings/sqs-poller';
import type { MappingStatus } from '../../event-sources/mappings/status';
import { snsSubscriptionQueueArn } from '../../template/sam-events/sns';
import type { FunctionConfig } from '../../template/model';
import type { ServiceContext } from '../service';
import type { Queues } from './queues';

export class SqsMappings {
  private readonly pollers = new Map<string, { key: string; poller: SqsPoller }>();

  constructor(private readonly ctx: ServiceContext, private readonly queues: Queues) {}

  async sync(functions: readonly FunctionConfig[]): Promise<void> {
    const wanted = new Map<string, ReturnType<typeof readSqsMapping>>();
    for (const fn of functions) {
      for (const event of fn.events) {
        const queueArn = event.type === 'SQS' ? text(event.properties.Queue) : event.type === 'SNS' ? snsSubscriptionQueueArn(fn, event, this.ctx.scope) : undefined;
        if (event.type === 'SQS' && !queueArn) {
          this.ctx.log('error', `Function ${fn.name}, event ${event.name} (SQS): Queue must be a queue's ARN, e.g. !GetAtt MyQueue.Arn.`);
          continue;
        }
        if (!queueArn) continue;
        try {
          const settings = event.type === 'SNS' ? sqsSubscriptionSettings(event.properties.SqsSubscription) : event.properties;
          const config = readSqsMapping(fn, event, queueArn, settings);
          wanted.set(config.uuid, config);
        } catch (error) {
          this.ctx.log('error', `Function ${fn.name}, event ${event.name} (${event.type}): ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    }
    const closing: Array<Promise<void>> = [];
    for (const [uuid, running] of this.pollers) {
      const config = wanted.get(uuid);
      if (config && mappingKey(config) === running.key) {
        wanted.delete(uuid);
        continue;
      }
      this.pollers.delete(uuid);
      closing.push(running.poller.close());
    }
    await Promise.all(closing);
    for (const [uuid, config] of wanted) {
      const poller = new SqsPoller(config, this.ctx, (arn) => this.queues.byArn(arn));
      this.pollers.set(uuid, { key: mappingKey(config), poller });
      poller.start();
    }
  }

  statuses(): MappingStatus[] {
    return [...this.pollers.values()].map(({ poller }) => poller.status());
  }

  async close(): Promise<void> {
    await Promise.all([...this.pollers.values()].map(({ poller }) => poller.close()));
    this.pollers.clear();
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** SqsSubscription: true, or a map with BatchSize and Enabled (the rest names the queue). */
function sqsSubscriptionSettings(value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return {};
  const settings = value as Record<string, unknown>;
  return { ...(settings.BatchSize !== undefined ? { BatchSize: settings.BatchSize } : {}), ...(settings.Enabled !== undefined ? { Enabled: settings.Enabled } : {}) };
}
