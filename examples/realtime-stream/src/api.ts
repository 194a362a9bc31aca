// POST /orders places random orders (the page's button, or a load test); GET /totals reads the last hour.
import { randomUUID } from 'node:crypto';
import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { db, tableName, type MinuteTotal, type Order } from './lib/tables';

const CUSTOMERS = ['ada', 'grace', 'alan', 'edsger', 'barbara', 'donald'];
const MAX_ORDERS = 500;

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  if (event.routeKey === 'GET /totals') return json(200, { totals: await lastTotals(60) });
  let count = 100;
  if (event.body) {
    try {
      const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
      count = (JSON.parse(text) as { count?: number }).count ?? count;
    } catch {
      return json(400, { message: 'The body is not valid JSON: send {"count": N}.' });
    }
  }
  if (!Number.isInteger(count) || count < 1 || count > MAX_ORDERS) return json(400, { message: `count must be a whole number from 1 to ${MAX_ORDERS}.` });
  const orders: Order[] = Array.from({ length: count }, () => ({
    orderId: randomUUID(),
    createdAt: new Date().toISOString(),
    customer: CUSTOMERS[Math.floor(Math.random() * CUSTOMERS.length)]!,
    amountCents: 100 + Math.floor(Math.random() * 9900),
  }));
  await writeAll(orders);
  return json(202, { placed: count, amountCents: orders.reduce((sum, order) => sum + order.amountCents, 0) });
}

/** BatchWriteItem takes 25 items at a time and may hand some back unprocessed: those are sent again. */
async function writeAll(orders: Order[]): Promise<void> {
  const table = tableName('ORDERS_TABLE');
  for (let index = 0; index < orders.length; index += 25) {
    let requests = orders.slice(index, index + 25).map((order) => ({ PutRequest: { Item: order } }));
    for (let attempt = 0; requests.length > 0; attempt++) {
      if (attempt === 5) throw new Error(`DynamoDB left ${requests.length} order(s) unprocessed five times.`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const result = await db.send(new BatchWriteCommand({ RequestItems: { [table]: requests } }));
      requests = (result.UnprocessedItems?.[table] ?? []) as typeof requests;
    }
  }
}

async function lastTotals(minutes: number): Promise<MinuteTotal[]> {
  const all: MinuteTotal[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName('TOTALS_TABLE'), ExclusiveStartKey: start }));
    all.push(...((page.Items ?? []) as MinuteTotal[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return all.sort((a, b) => b.minute.localeCompare(a.minute)).slice(0, minutes);
}

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
