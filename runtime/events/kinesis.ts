// Kinesis data stream records delivered by an event source mapping, `kinesis`: data base64-encoded,
// 56-digit sequence numbers increasing within the shard, arrival time in epoch seconds.

import type { KinesisStreamEvent, KinesisStreamRecord } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { regionalArn, partitionOf, shifted } from './format';
import { digits } from './ids';
import { EventInputError, type EventContext } from './types';

const NAME = 'kinesis';

export type KinesisOptions = { data: string; stream: string; partitionKey: string; count: number; shard: number };

export const kinesisGenerator = defineEventGenerator<KinesisOptions, KinesisStreamEvent>({
  name: NAME,
  description: 'Kinesis data stream records from an event source mapping (data base64-encoded)',
  kind: 'kinesis',
  params: {
    data: { description: 'Record data, before base64 encoding', type: 'string', default: 'Hello from Kinesis!' },
    stream: { description: 'Stream name', type: 'string', default: 'MyStream' },
    partitionKey: { description: 'Partition key', type: 'string', default: 'partitionKey-1' },
    count: { description: 'Number of records in the batch (1-10000)', type: 'number', default: 1 },
    shard: { description: 'Shard number (shardId-000000000000 is 0)', type: 'number', default: 0 },
  },
  build(o, ctx) {
    if (!/^[A-Za-z0-9_.-]{1,128}$/.test(o.stream)) {
      throw new EventInputError(`Parameter "stream" of ${NAME}: "${o.stream}" is not a stream name (1-128 letters, digits, _ . -).`);
    }
    if (o.partitionKey === '' || o.partitionKey.length > 256) {
      throw new EventInputError(`Parameter "partitionKey" of ${NAME} must be 1-256 characters; every record has one.`);
    }
    if (!Number.isInteger(o.count) || o.count < 1 || o.count > 10000) {
      throw new EventInputError(`Parameter "count" of ${NAME} must be a whole number from 1 to 10000 (the largest batch); got ${o.count}.`);
    }
    if (!Number.isInteger(o.shard) || o.shard < 0) {
      throw new EventInputError(`Parameter "shard" of ${NAME} must be a whole number, 0 or more; got ${o.shard}.`);
    }
    const shardId = `shardId-${String(o.shard).padStart(12, '0')}`;
    const streamArn = regionalArn(ctx, 'kinesis', `stream/${o.stream}`);
    const roleArn = `arn:${partitionOf(ctx.region)}:iam::${ctx.accountId}:role/lambda-role`;
    const firstSequence = BigInt(digits(ctx.ids, 56));
    const data = Buffer.from(o.data, 'utf8').toString('base64');
    const records: KinesisStreamRecord[] = [];
    for (let i = 0; i < o.count; i++) {
      // Kinesis sequence numbers grow within a shard; consecutive records are far apart, not +1.
      const sequenceNumber = String(firstSequence + BigInt(i) * 2564687000000000000000n);
      const arrived = shifted(ctx.now, -1000 + i);
      records.push({
        kinesis: {
          kinesisSchemaVersion: '1.0',
          partitionKey: o.partitionKey,
          sequenceNumber,
          data,
          approximateArrivalTimestamp: arrived.getTime() / 1000,
        },
        eventSource: 'aws:kinesis',
        eventVersion: '1.0',
        eventID: `${shardId}:${sequenceNumber}`,
        eventName: 'aws:kinesis:record',
        invokeIdentityArn: roleArn,
        awsRegion: ctx.region,
        eventSourceARN: streamArn,
      });
    }
    return { Records: records };
  },
});

export const generateKinesis = (options?: Partial<KinesisOptions>, ctx?: Partial<EventContext>): KinesisStreamEvent => kinesisGenerator.build(options, ctx);
