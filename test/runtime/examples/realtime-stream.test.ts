// examples/realtime-stream end to end: a viewer connects to the live WebSocket API, 1,000 orders are written
// to the table with the DynamoDB client, and the per-minute totals the stream consumer keeps must be exact,
// both in the totals table and in what the viewer was pushed. The page and the order API are fetched.
import assert from 'node:assert/strict';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { copyOfExample, eventually, LOCAL_CREDENTIALS, startExample, type RunningExample } from './support';
import { connect, type Frames } from './ws-client';

interface MinuteTotal {
  minute: string;
  orders: number;
  amountCents: number;
}

const MINUTES = ['2026-01-15T09:00', '2026-01-15T09:01', '2026-01-15T09:02'];

describe('examples/realtime-stream end to end', function () {
  this.timeout(240_000);
  let copy: Awaited<ReturnType<typeof copyOfExample>>;
  let app: RunningExample;
  let db: DynamoDBDocumentClient;
  let viewer: Frames<{ type: string; totals: MinuteTotal[] }> | undefined;

  before(async () => {
    copy = await copyOfExample('realtime-stream');
    app = await startExample(copy.folder);
    db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: app.aws, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }));
  });

  after(async () => {
    await viewer?.close();
    db?.destroy();
    await app?.stop();
    copy?.remove();
  });

  it('serves the page, which connects to the live API on the same port', async () => {
    const response = await fetch(`${app.gateway}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /text\/html/);
    const html = await response.text();
    assert.ok(html.includes(JSON.stringify(`${app.gateway.replace(/^http/, 'ws')}/live`)), 'the page connects to ws://<gateway>/live');
  });

  it('turns 1,000 orders into exact per-minute totals, pushed live to a viewer', async () => {
    viewer = await connect(`${app.gateway.replace(/^http/, 'ws')}/live`);
    const expected = new Map(MINUTES.map((minute) => [minute, { minute, orders: 0, amountCents: 0 }]));
    const orders = Array.from({ length: 1000 }, (_, index) => {
      const minute = MINUTES[Math.floor((index * MINUTES.length) / 1000)]!;
      const amountCents = 100 + ((index * 7919) % 9900);
      const total = expected.get(minute)!;
      total.orders += 1;
      total.amountCents += amountCents;
      return { orderId: `order-${index}`, createdAt: `${minute}:${String(index % 60).padStart(2, '0')}.000Z`, customer: 'test', amountCents };
    });
    for (let index = 0; index < orders.length; index += 25) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { OrdersTable: orders.slice(index, index + 25).map((Item) => ({ PutRequest: { Item } })) } }));
      assert.equal(Object.keys(result.UnprocessedItems ?? {}).length, 0);
    }

    const stored = await eventually(async () => {
      const items = ((await db.send(new ScanCommand({ TableName: 'TotalsTable' }))).Items ?? []) as MinuteTotal[];
      const sum = items.reduce((count, item) => count + item.orders, 0);
      return sum === 1000 && items;
    }, 'the totals to count 1,000 orders', 180_000);
    assert.deepEqual(stored.sort((a, b) => a.minute.localeCompare(b.minute)), [...expected.values()]);

    // Each push carries the minutes' totals after that batch: the viewer must have seen every final total.
    for (const total of expected.values()) {
      await viewer.next((frame) => frame.type === 'totals' && frame.totals.some((pushed) => pushed.minute === total.minute && pushed.orders === total.orders && pushed.amountCents === total.amountCents), `the viewer to be pushed ${total.minute}'s final total`);
    }
    // Batches, not one invocation per order: the mapping's BatchSize of 100 is what makes this cheap. The
    // consumer logs "N record(s) into …" per invocation; the log of the last one may print after its work.
    const batches = await eventually(async () => {
      const sizes = [...app.output().matchAll(/(\d+) record\(s\) into/g)].map((match) => Number(match[1]));
      return sizes.reduce((sum, size) => sum + size, 0) >= 1000 && sizes;
    }, 'the consumer logs to account for 1,000 records');
    assert.ok(batches.every((size) => size <= 100), `batch sizes ${batches.join(', ')}`);
    assert.ok(batches.length >= 10 && batches.length < 200, `${batches.length} consumer invocations for 1,000 orders`);
  });

  it('places random orders through the API and reads the totals back', async () => {
    const placed = await fetch(`${app.gateway}/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 10 }) });
    assert.equal(placed.status, 202);
    const { amountCents } = (await placed.json()) as { amountCents: number };
    const totals = await eventually(async () => {
      const body = (await (await fetch(`${app.gateway}/totals`)).json()) as { totals: MinuteTotal[] };
      const recent = body.totals.filter((total) => !MINUTES.includes(total.minute));
      return recent.reduce((sum, total) => sum + total.orders, 0) === 10 && recent;
    }, 'the 10 new orders in the totals', 60_000);
    assert.equal(totals.reduce((sum, total) => sum + total.amountCents, 0), amountCents);
    assert.equal((await fetch(`${app.gateway}/orders`, { method: 'POST', body: '{"count": 0}' })).status, 400);
  });
});
