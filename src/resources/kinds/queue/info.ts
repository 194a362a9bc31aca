// A queue's depth as the Resources view shows it, read from the queue's file in the data folder (the runtime
// writes it within moments of each change), so counts show whether the runtime runs or not.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { StoredQueue } from '../../../../runtime/services/sqs/model';
import type { LocalResource } from '../../../../runtime/template/resources/model';

export interface QueueCounts {
  visible: number;
  inFlight: number;
}

export function queueCounts(dataFolder: string | undefined, name: string, now = Date.now()): QueueCounts | undefined {
  if (!dataFolder) return undefined;
  let stored: StoredQueue;
  try {
    stored = JSON.parse(readFileSync(path.join(dataFolder, 'sqs', `${name}.json`), 'utf8')) as StoredQueue;
  } catch {
    return undefined;
  }
  const retentionMs = stored.settings.messageRetentionPeriod * 1000;
  let visible = 0;
  let inFlight = 0;
  for (const message of stored.messages) {
    if (message.sentAt + retentionMs <= now) continue;
    if (message.visibleAt <= now) visible++;
    else if (message.receipt) inFlight++;
  }
  return { visible, inFlight };
}

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
  const counts = queueCounts(dataFolder, resource.name) ?? { visible: 0, inFlight: 0 };
  const parts = [`${counts.visible} visible`, `${counts.inFlight} in flight`];
  const dlq = deadLetterQueueOf(resource);
  if (dlq) parts.push(`DLQ ${dlq}: ${queueCounts(dataFolder, dlq)?.visible ?? 0}`);
  return parts.join(' · ');
}
