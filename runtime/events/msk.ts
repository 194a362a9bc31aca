// Amazon MSK records delivered by an event source mapping, `msk`.

import type { MSKEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { dnsSuffixOf, regionalArn } from './format';
import { lowerAlnum, uuid } from './ids';
import { kafkaRecordParams, kafkaRecords, type KafkaRecordOptions } from './kafka-common';
import { EventInputError, type EventContext } from './types';

const NAME = 'msk';

export type MskOptions = KafkaRecordOptions & { cluster: string };

export const mskGenerator = defineEventGenerator<MskOptions, MSKEvent>({
  name: NAME,
  description: 'Amazon MSK (managed Kafka) records from an event source mapping (key and value base64)',
  kind: 'kafka',
  params: {
    ...kafkaRecordParams,
    cluster: { description: 'MSK cluster name', type: 'string', default: 'demo-cluster-1' },
  },
  build(o, ctx) {
    if (!/^[A-Za-z][A-Za-z0-9-]{0,63}$/.test(o.cluster)) {
      throw new EventInputError(`Parameter "cluster" of ${NAME}: "${o.cluster}" is not an MSK cluster name (a letter, then letters, digits, hyphens).`);
    }
    const clusterArn = regionalArn(ctx, 'kafka', `cluster/${o.cluster}/${uuid(ctx.ids)}-2`);
    const brokerDomain = `${o.cluster.toLowerCase()}.${lowerAlnum(ctx.ids, 6)}.c2.kafka.${ctx.region}.${dnsSuffixOf(ctx.region)}`;
    return {
      eventSource: 'aws:kafka',
      eventSourceArn: clusterArn,
      bootstrapServers: `b-2.${brokerDomain}:9092,b-1.${brokerDomain}:9092`,
      records: kafkaRecords(NAME, ctx, o),
    };
  },
});

export const generateMsk = (options?: Partial<MskOptions>, ctx?: Partial<EventContext>): MSKEvent => mskGenerator.build(options, ctx);
