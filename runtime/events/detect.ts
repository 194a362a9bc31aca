// Recognises an event's kind from its shape, e.g. to pick the JSON schema for a saved event file.

import { isJsonObject } from './json-input';
import type { EventKind } from './types';

function firstRecord(event: Record<string, unknown>): Record<string, unknown> | undefined {
  const records = event['Records'];
  if (!Array.isArray(records)) return undefined;
  const first: unknown = records[0];
  return isJsonObject(first) ? first : undefined;
}

const RECORD_SOURCES: Record<string, EventKind> = {
  'aws:s3': 's3',
  'aws:sqs': 'sqs',
  'aws:dynamodb': 'dynamodb-stream',
  'aws:sns': 'sns',
};

export function detectEventKind(event: unknown): EventKind | undefined {
  if (!isJsonObject(event)) return undefined;
  const record = firstRecord(event);
  if (record) {
    const source = record['eventSource'] ?? record['EventSource'];
    return typeof source === 'string' ? RECORD_SOURCES[source] : undefined;
  }
  const context = event['requestContext'];
  if (isJsonObject(context)) {
    const eventType = context['eventType'];
    if (typeof context['connectionId'] === 'string' && (eventType === 'CONNECT' || eventType === 'MESSAGE' || eventType === 'DISCONNECT')) {
      return 'websocket';
    }
    if (event['version'] === '2.0' && typeof event['routeKey'] === 'string' && typeof event['rawPath'] === 'string') return 'apigateway-http';
    if (typeof event['httpMethod'] === 'string' && typeof event['resource'] === 'string') return 'apigateway-rest';
    return undefined;
  }
  if (typeof event['detail-type'] === 'string' && typeof event['source'] === 'string' && 'detail' in event) return 'eventbridge';
  return undefined;
}
