// A queue's depth as the Resources view shows it, read from the queue's file in the data folder, so counts
// show whether the runtime runs or not.
import { queueDepth } from '../../../../runtime/services/sqs/depth';
import type { LocalResource } from '../../../../runtime/template/resources/model';

/** The dead-letter queue's name of a template queue with a RedrivePolicy. */
export function deadLetterQueueOf(resource: LocalResource): string | undefined {
  const policy = resource.properties.RedrivePolicy;
  let parsed: unknown = policy;
  if (typeof policy === 'string') {
    try {
      parsed = JSON.parse(policy);
    } catch {
      return undefined;
    }
  }
  const arn = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).deadLetterTargetArn : undefined;
  return typeof arn === 'string' ? arn.slice(arn.lastIndexOf(':') + 1) : undefined;
}

/** `3 visible · 1 in flight · DLQ orders-dlq: 2` */
export function describeQueue(resource: LocalResource, dataFolder: string | undefined): string {
  const counts = queueDepth(dataFolder, resource.name) ?? { visible: 0, inFlight: 0 };
  const parts = [`${counts.visible} visible`, `${counts.inFlight} in flight`];
  const dlq = deadLetterQueueOf(resource);
  if (dlq) parts.push(`DLQ ${dlq}: ${queueDepth(dataFolder, dlq)?.visible ?? 0}`);
  return parts.join(' · ');
}
