// A queue's depth read from its file in the data folder (the runtime writes it within moments of each change),
// for readers that do not run the queue: the Resources view and `lambkin queues`, running or not.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { StoredQueue } from './model';

export interface QueueDepth {
  visible: number;
  inFlight: number;
  delayed: number;
}

function read(dataFolder: string, name: string): StoredQueue | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dataFolder, 'sqs', `${name}.json`), 'utf8')) as StoredQueue;
  } catch {
    return undefined;
  }
}

export function queueDepth(dataFolder: string | undefined, name: string, now = Date.now()): QueueDepth | undefined {
  const stored = dataFolder ? read(dataFolder, name) : undefined;
  if (!stored) return undefined;
  const retentionMs = stored.settings.messageRetentionPeriod * 1000;
  const depth: QueueDepth = { visible: 0, inFlight: 0, delayed: 0 };
  for (const message of stored.messages) {
    if (message.sentAt + retentionMs <= now) continue;
    if (message.visibleAt <= now) depth.visible++;
    else if (message.receipt) depth.inFlight++;
    else depth.delayed++;
  }
  return depth;
}

/** The queues CreateQueue made (the template's are in the template), by name. */
export function apiQueueNames(dataFolder: string): string[] {
  let files: string[];
  try {
    files = readdirSync(path.join(dataFolder, 'sqs')).filter((file) => file.endsWith('.json'));
  } catch {
    return [];
  }
  return files.map((file) => file.slice(0, -5)).filter((name) => read(dataFolder, name)?.origin === 'api');
}
