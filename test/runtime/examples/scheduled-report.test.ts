// examples/scheduled-report end to end: orders on three days are written with the DynamoDB client, the
// nightly schedule is run now with `lambkin schedules run` (as a user would, beside the running runtime), and
// the CSV in the bucket must hold exactly the previous day's orders, in order, quoted where needed.
import assert from 'node:assert/strict';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { copyOfExample, LOCAL_CREDENTIALS, startExample, type RunningExample } from './support';

interface Order {
  orderId: string;
  day: string;
  createdAt: string;
  customer: string;
  items: number;
  amountCents: number;
}

function daysAround(now: Date): string[] {
  return [-2, -1, 0].map((offset) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10));
}

function csvOf(orders: Order[]): string {
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const rows = orders.map((order) => [order.orderId, order.createdAt, quote(order.customer), order.items, `${Math.floor(order.amountCents / 100)}.${String(order.amountCents % 100).padStart(2, '0')}`].join(','));
  return `${['orderId,createdAt,customer,items,amount', ...rows].join('\r\n')}\r\n`;
}

describe('examples/scheduled-report end to end', function () {
  this.timeout(180_000);
  let copy: Awaited<ReturnType<typeof copyOfExample>>;
  let app: RunningExample;
  let db: DynamoDBDocumentClient;
  let s3: S3Client;

  before(async () => {
    copy = await copyOfExample('scheduled-report');
    app = await startExample(copy.folder);
    const client = { endpoint: app.aws, region: 'us-east-1', credentials: LOCAL_CREDENTIALS };
    db = DynamoDBDocumentClient.from(new DynamoDBClient(client));
    s3 = new S3Client({ ...client, forcePathStyle: true });
  });

  after(async () => {
    db?.destroy();
    s3?.destroy();
    await app?.stop();
    copy?.remove();
  });

  it("Run Now writes the previous day's orders as CSV to the bucket and reports the summary", async () => {
    // Three days of orders around today: whichever day the run reports (even across midnight), the others
    // must stay out of its CSV. 120 orders a day: more than one page of 25 writes, "Smith, Jane" quoted.
    const customers = ['ada', 'Smith, Jane', 'say "hi"', 'grace'];
    const orders: Order[] = daysAround(new Date()).flatMap((day, dayIndex) => Array.from({ length: 120 }, (_, index) => ({
      orderId: `${day}-${String(index).padStart(3, '0')}`,
      day,
      createdAt: new Date(Date.parse(`${day}T00:00:00Z`) + index * 700_000 + dayIndex).toISOString(),
      customer: customers[index % customers.length]!,
      items: 1 + (index % 3),
      amountCents: 199 + index * 37,
    })));
    for (let index = 0; index < orders.length; index += 25) {
      const result = await db.send(new BatchWriteCommand({ RequestItems: { OrdersTable: orders.slice(index, index + 25).map((Item) => ({ PutRequest: { Item } })) } }));
      assert.equal(Object.keys(result.UnprocessedItems ?? {}).length, 0);
    }

    const ran = await app.cli(['schedules', 'run', 'daily-orders-report']);
    assert.equal(ran.code, 0, `lambkin schedules run failed:\n${ran.stdout}\n${ran.stderr}`);
    const outcome = await app.waitForOutput(/Reported (\d+) order\(s\) of (\d{4}-\d{2}-\d{2}) to s3:\/\/reportsbucket\/reports\/\d{4}-\d{2}-\d{2}\.csv|ReportFunction\s+REPORT .*Status: error.*/, 'the report to be written', 60_000);
    assert.ok(outcome[1], `ReportFunction failed:\n${app.output().slice(-3000)}`);
    const [, count, day] = outcome;
    const expected = orders.filter((order) => order.day === day).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    assert.equal(Number(count), 120);
    assert.equal(expected.length, 120, `the run reported ${day}, which is not yesterday or the day before`);

    const object = await s3.send(new GetObjectCommand({ Bucket: 'reportsbucket', Key: `reports/${day}.csv` }));
    assert.match(object.ContentType ?? '', /^text\/csv/);
    const csv = await object.Body!.transformToString();
    assert.equal(csv, csvOf(expected));
    assert.ok(csv.includes('"Smith, Jane"') && csv.includes('"say ""hi"""'), 'names with commas and quotes are quoted');
  });
});
