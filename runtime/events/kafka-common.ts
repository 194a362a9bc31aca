// Kafka records as Lambda delivers them from MSK or a self-managed cluster: grouped by
// `<topic>-<partition>`, key and value base64-encoded, header values as byte arrays.

import type { MSKRecord } from 'aws-lambda';
import { shifted } from './format';
import { stringMapParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

export type KafkaRecordOptions = { topic: string; value: string; key: string; partition: number; count: number; headers: JsonValue };

export const kafkaRecordParams = {
  topic: { description: 'Topic name', type: 'string', default: 'mytopic' },
  value: { description: 'Record value, before base64 encoding', type: 'string', default: '{"message":"Hello from Kafka!"}' },
  key: { description: 'Record key, before base64 encoding', type: 'string', default: 'recordKey' },
  partition: { description: 'Partition number', type: 'number', default: 0 },
  count: { description: 'Number of records (1-10000)', type: 'number', default: 1 },
  headers: { description: 'Record headers, e.g. {"traceId":"abc"} (values arrive as byte arrays)', type: 'json', default: {} },
} as const;

const base64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

export function kafkaRecords(generator: string, ctx: EventContext, o: KafkaRecordOptions): Record<string, MSKRecord[]> {
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(o.topic)) {
    throw new EventInputError(`Parameter "topic" of ${generator}: "${o.topic}" is not a Kafka topic name (1-249 letters, digits, . _ -).`);
  }
  if (!Number.isInteger(o.partition) || o.partition < 0) {
    throw new EventInputError(`Parameter "partition" of ${generator} must be a whole number, 0 or more; got ${o.partition}.`);
  }
  if (!Number.isInteger(o.count) || o.count < 1 || o.count > 10000) {
    throw new EventInputError(`Parameter "count" of ${generator} must be a whole number from 1 to 10000 (the largest batch); got ${o.count}.`);
  }
  const headers = Object.entries(stringMapParam(generator, 'headers', o.headers, '{"traceId":"abc"}'))
    .map(([name, value]) => ({ [name]: [...Buffer.from(value, 'utf8')] }));
  const firstOffset = parseInt(ctx.ids.hex(4), 16);
  const records: MSKRecord[] = [];
  for (let i = 0; i < o.count; i++) {
    records.push({
      topic: o.topic,
      partition: o.partition,
      offset: firstOffset + i,
      timestamp: shifted(ctx.now, -1000 + i).getTime(),
      timestampType: 'CREATE_TIME',
      key: base64(o.key),
      value: base64(o.value),
      headers,
    });
  }
  return { [`${o.topic}-${o.partition}`]: records };
}

/** `host:port,host:port`, as Lambda lists the brokers. */
export function checkBootstrapServers(generator: string, servers: string): string {
  const list = servers.split(',').map((s) => s.trim());
  if (list.length === 0 || list.some((s) => !/^[A-Za-z0-9.-]+:\d{1,5}$/.test(s))) {
    throw new EventInputError(`Parameter "bootstrapServers" of ${generator} must be host:port pairs, comma-separated, e.g. kafka-1.example.com:9092; got "${servers}".`);
  }
  return list.join(',');
}
