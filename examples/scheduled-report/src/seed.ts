// Places sample orders on one day (default: yesterday, UTC), so the report has something to say:
// invoke with {"count": 200} or {"count": 50, "day": "2026-12-01"}.
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { db, dayBefore, isDay, ordersTable, type Order } from './lib/orders';

const CUSTOMERS = ['ada', 'grace', 'alan', 'edsger', 'barbara', 'donald', 'Smith, Jane'];

export async function handler(event: { count?: number; day?: string } = {}): Promise<{ day: string; placed: number }> {
  const count = event.count ?? 100;
  if (!Number.isInteger(count) || count < 1 || count > 5000) throw new Error(`"count" must be a whole number from 1 to 5000; got ${JSON.stringify(event.count)}.`);
  const day = event.day ?? dayBefore(new Date());
  if (!isDay(day)) throw new Error(`"day" must be a date like 2026-12-01; got ${JSON.stringify(event.day)}.`);
  const start = Date.parse(`${day}T00:00:00Z`);
  const orders: Order[] = Array.from({ length: count }, () => ({
    orderId: randomUUID(),
    day,
    createdAt: new Date(start + Math.floor(Math.random() * 86_400_000)).toISOString(),
    customer: CUSTOMERS[Math.floor(Math.random() * CUSTOMERS.length)]!,
    items: 1 + Math.floor(Math.random() * 5),
    amountCents: 100 + Math.floor(Math.random() * 19_900),
  }));
  const table = ordersTable();
  for (let index = 0; index < orders.length; index += 25) {
    let requests = orders.slice(index, index + 25).map((order) => ({ PutRequest: { Item: order } }));
    // BatchWriteItem may hand items back unprocessed under load: send those again, backing off.
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt === 5) throw new Error(`DynamoDB left ${requests.length} order(s) unprocessed five times.`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
  console.log(`Placed ${count} order(s) on ${day}`);
  return { day, placed: count };
}
