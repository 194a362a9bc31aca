// The stream consumer: new orders (INSERT records, filtered by the event source mapping) are added into
// per-minute totals with DynamoDB's atomic ADD, then the changed minutes are pushed to the viewers.
//
// Exactly once, with retries: records are applied in stream order, one UpdateItem per run of consecutive
// records of the same minute. If an update fails, the function stops and reports the first record of that
// run as the batch item failure: Lambda retries from there, and nothing before it is counted twice.
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { db, minuteOf, tableName, type MinuteTotal, type Order } from './lib/tables';
import { pushToViewers } from './lib/viewers';

interface Run {
  minute: string;
  orders: number;
  amountCents: number;
  /** The first record of the run: where a retry must start if this run's update fails. */
  first: DynamoDBRecord;
}

export async function handler(event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const runs: Run[] = [];
  for (const record of event.Records) {
    const order = orderOf(record);
    if (!order) continue;
    const minute = minuteOf(order.createdAt);
    const last = runs.at(-1);
    if (last && last.minute === minute) {
      last.orders += 1;
      last.amountCents += order.amountCents;
    } else {
      runs.push({ minute, orders: 1, amountCents: order.amountCents, first: record });
    }
  }

  const changed = new Map<string, MinuteTotal>();
  for (const run of runs) {
    try {
      const updated = await db.send(new UpdateCommand({
        TableName: tableName('TOTALS_TABLE'),
        Key: { minute: run.minute },
        UpdateExpression: 'ADD orders :orders, amountCents :amount',
        ExpressionAttributeValues: { ':orders': run.orders, ':amount': run.amountCents },
        ReturnValues: 'ALL_NEW',
      }));
      changed.set(run.minute, updated.Attributes as MinuteTotal);
    } catch (error) {
      console.error(`Could not add ${run.orders} order(s) to ${run.minute}; Lambda retries from ${run.first.dynamodb?.SequenceNumber}`, error);
      await push(changed);
      return { batchItemFailures: [{ itemIdentifier: run.first.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  await push(changed);
  console.log(`${event.Records.length} record(s) into ${runs.length} update(s) of ${changed.size} minute(s)`);
  return { batchItemFailures: [] };
}

/** An INSERT's new image as an order; anything else (or a malformed item) is skipped with a warning. */
function orderOf(record: DynamoDBRecord): Order | undefined {
  if (record.eventName !== 'INSERT' || !record.dynamodb?.NewImage) return undefined;
  const item = unmarshall(record.dynamodb.NewImage as Record<string, AttributeValue>) as Partial<Order>;
  if (typeof item.createdAt !== 'string' || Number.isNaN(Date.parse(item.createdAt)) || !Number.isInteger(item.amountCents)) {
    console.warn(`Skipped order ${String(item.orderId)}: it needs an ISO createdAt and whole amountCents`);
    return undefined;
  }
  return item as Order;
}

/** The viewers are told after the totals are safe; a failed push never fails (and so never replays) the batch. */
async function push(changed: Map<string, MinuteTotal>): Promise<void> {
  if (changed.size === 0) return;
  try {
    await pushToViewers({ type: 'totals', totals: [...changed.values()] });
  } catch (error) {
    console.warn('Could not push the totals to the viewers', error);
  }
}
