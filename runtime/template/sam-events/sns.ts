// SAM `Type: SNS` function events: the function subscribes to the topic directly, or (with SqsSubscription)
// through a queue SAM creates (`<Function><Event>Queue`, unless the event names its own QueueArn), which the
// topic delivers to and an SQS event source mapping drains. The generated queues are resources like the
// template's own, so the services and the Resources view see them.
import type { LocalScope } from '../local-values';
import { queueArn } from '../local-values';
import type { EventSourceConfig, FunctionConfig } from '../model';
import type { QueueResource } from '../resources/model';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The queue SAM creates for an SNS event's `SqsSubscription: true` (or a map without QueueArn). */
export function generatedQueueName(fn: FunctionConfig, event: EventSourceConfig): string {
  return `${fn.logicalId}${event.name}Queue`;
}

function wantsQueue(event: EventSourceConfig): boolean {
  const subscription = event.properties.SqsSubscription;
  return subscription === true || subscription === 'true' || isRecord(subscription);
}

/** The queue between the topic and the function of an SNS event with SqsSubscription; undefined without one. */
export function snsSubscriptionQueueArn(fn: FunctionConfig, event: EventSourceConfig, scope: LocalScope): string | undefined {
  if (event.type !== 'SNS' || !wantsQueue(event)) return undefined;
  const subscription = event.properties.SqsSubscription;
  if (isRecord(subscription) && typeof subscription.QueueArn === 'string') return subscription.QueueArn;
  return queueArn(generatedQueueName(fn, event), scope);
}

/** The queues SAM would create for the functions' SNS events. */
export function snsQueueResourcesOf(functions: readonly FunctionConfig[], templatePath: string): QueueResource[] {
  const generated: QueueResource[] = [];
  for (const fn of functions) {
    for (const event of fn.events) {
      if (event.type !== 'SNS' || !wantsQueue(event)) continue;
      const subscription = event.properties.SqsSubscription;
      if (isRecord(subscription) && typeof subscription.QueueArn === 'string') continue;
      const name = generatedQueueName(fn, event);
      generated.push({ kind: 'queue', type: 'AWS::SQS::Queue', logicalId: name, name, templatePath, location: event.location ?? fn.location, properties: {}, propertyLocations: {} });
    }
  }
  return generated;
}
