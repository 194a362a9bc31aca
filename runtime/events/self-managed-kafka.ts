// Self-managed Apache Kafka records delivered by an event source mapping, `self-managed-kafka`:
// like MSK's, without a cluster ARN, from the bootstrap servers the mapping names.

import type { SelfManagedKafkaEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { checkBootstrapServers, kafkaRecordParams, kafkaRecords, type KafkaRecordOptions } from './kafka-common';
import type { EventContext } from './types';

const NAME = 'self-managed-kafka';

export type SelfManagedKafkaOptions = KafkaRecordOptions & { bootstrapServers: string };

export const selfManagedKafkaGenerator = defineEventGenerator<SelfManagedKafkaOptions, SelfManagedKafkaEvent>({
  name: NAME,
  description: 'Self-managed Apache Kafka records from an event source mapping (key and value base64)',
  kind: 'kafka',
  params: {
    ...kafkaRecordParams,
    bootstrapServers: { description: 'Brokers, host:port comma-separated (KafkaBootstrapServers)', type: 'string', default: 'kafka-1.example.com:9092,kafka-2.example.com:9092' },
  },
  build(o, ctx) {
    return {
      eventSource: 'SelfManagedKafka',
      bootstrapServers: checkBootstrapServers(NAME, o.bootstrapServers),
      records: kafkaRecords(NAME, ctx, o),
    };
  },
});

export const generateSelfManagedKafka = (options?: Partial<SelfManagedKafkaOptions>, ctx?: Partial<EventContext>): SelfManagedKafkaEvent =>
  selfManagedKafkaGenerator.build(options, ctx);
