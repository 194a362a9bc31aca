// An order as stored, and the UTC days reports are made of.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';

export interface Order {
  orderId: string;
  /** UTC day of createdAt (`2026-12-01`): the byDay index's partition key. */
  day: string;
  createdAt: string;
  customer: string;
  items: number;
  /** Money as whole cents, so sums are exact. */
  amountCents: number;
}

export const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export function ordersTable(): string {
  const name = process.env.ORDERS_TABLE;
  if (!name) throw new Error('ORDERS_TABLE is not set: the template passes the table name to the function.');
  return name;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isDay(text: unknown): text is string {
  return typeof text === 'string' && DAY.test(text) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text);
}

/** The UTC day before the one `time` falls on. */
export function dayBefore(time: Date): string {
  return new Date(Date.UTC(time.getUTCFullYear(), time.getUTCMonth(), time.getUTCDate() - 1)).toISOString().slice(0, 10);
}

/** Every order of a day in the order they were placed, page by page (a Query returns at most 1 MB at a time). */
export async function ordersOn(day: string): Promise<Order[]> {
  const orders: Order[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new QueryCommand({
      TableName: ordersTable(),
      IndexName: 'byDay',
      KeyConditionExpression: '#day = :day',
      ExpressionAttributeNames: { '#day': 'day' },
      ExpressionAttributeValues: { ':day': day },
      ExclusiveStartKey: start,
    }));
    orders.push(...((page.Items ?? []) as Order[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return orders;
}
