// The local DynamoDB as the real @aws-sdk/client-dynamodb and lib-dynamodb see it: the template's tables
// (names, keys, indexes, stream, TTL), item operations with conditions and expressions, paging, batches,
// transactions, DynamoDB's errors, and what dynalite lacks (stream fields, TTL, index added in place).
import {
  BatchWriteItemCommand, ConditionalCheckFailedException, CreateTableCommand, DeleteTableCommand, DescribeTableCommand, DescribeTimeToLiveCommand,
  DynamoDBClient, ExecuteStatementCommand, GetItemCommand, ListTablesCommand, PutItemCommand, ResourceNotFoundException,
  TransactionCanceledException, UpdateTableCommand, UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand as DocQueryCommand, ScanCommand, TransactGetCommand,
  TransactWriteCommand, UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand } from '@aws-sdk/client-dynamodb-streams';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServicesRuntime, type ServicesRuntime } from './support';

async function waitForEvent(services: ServicesRuntime, match: (event: string) => boolean): Promise<string> {
  // The stream mapping works through every record of the earlier tests first, a batch (and, on a loaded
  // machine, a slow cold start) at a time: the deadline leaves room for that within the test's 60 s.
  const until = Date.now() + 40_000;
  for (;;) {
    const finished = services.events.flatMap((event) => (event.event === 'invocation.finished' && event.data.functionName === 'OnOrder' ? [event.data] : []));
    const found = finished.find((result) => match(result.event));
    if (found) return found.event;
    if (Date.now() > until) {
      const seen = finished.map((result) => `[${((JSON.parse(result.event) as { Records?: DeliveredRecord[] }).Records ?? []).map((record) => `${record.eventName} ${record.dynamodb?.Keys?.pk?.S ?? '?'}`).join(', ')}] ${result.status}`);
      throw new Error(`no invocation of OnOrder with the expiry in time; its invocations so far: ${seen.join('; ') || 'none'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

interface DeliveredRecord { eventName: string; dynamodb?: { Keys?: { pk?: { S?: string } } }; userIdentity?: unknown }

/** The REMOVE of an item with pk `ttl` among the records an invocation of OnOrder received. */
function ttlRemoveOf(event: string): DeliveredRecord | undefined {
  const records = (JSON.parse(event) as { Records?: DeliveredRecord[] }).Records ?? [];
  return records.find((record) => record.eventName === 'REMOVE' && record.dynamodb?.Keys?.pk?.S === 'ttl');
}

export const DYNAMODB_APP_TEMPLATE = path.resolve(__dirname, '../../fixtures/dynamodb-app/template.yaml');

describe('local DynamoDB (client-dynamodb, lib-dynamodb)', function () {
  this.timeout(60_000);
  let services: ServicesRuntime;
  let client: DynamoDBClient;
  let doc: DynamoDBDocumentClient;

  before(async () => {
    services = await startServicesRuntime({ templates: [DYNAMODB_APP_TEMPLATE] });
    client = new DynamoDBClient(services.clientConfig);
    doc = DynamoDBDocumentClient.from(client);
  });
  after(async () => {
    client.destroy();
    await services.close();
  });

  it('creates the template\'s tables with their names, keys, index, stream and TTL', async () => {
    const { TableNames } = await client.send(new ListTablesCommand({}));
    assert.deepEqual([...(TableNames ?? [])].sort(), ['KeysTable', 'NotesTable', 'inbox', 'jobs', 'orders', 'outbox']);
    const { Table } = await client.send(new DescribeTableCommand({ TableName: 'orders' }));
    assert.equal(Table?.TableStatus, 'ACTIVE');
    assert.equal(Table?.TableArn, 'arn:aws:dynamodb:us-east-1:123456789012:table/orders');
    assert.deepEqual(Table?.KeySchema, [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }]);
    assert.deepEqual(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName), ['byStatus']);
    assert.deepEqual(Table?.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    assert.equal(Table?.LatestStreamLabel, '2000-01-01T00:00:00.000');
    assert.equal(Table?.LatestStreamArn, 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2000-01-01T00:00:00.000');
    const ttl = await client.send(new DescribeTimeToLiveCommand({ TableName: 'orders' }));
    assert.deepEqual(ttl.TimeToLiveDescription, { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' });
    const notes = await client.send(new DescribeTableCommand({ TableName: 'NotesTable' }));
    assert.deepEqual(notes.Table?.KeySchema, [{ AttributeName: 'id', KeyType: 'HASH' }]);
    assert.equal(notes.Table?.StreamSpecification, undefined);
  });

  it('gives functions the table\'s name, ARN and stream ARN through !Ref and !GetAtt', async () => {
    const fn = services.runtime.functions.find((candidate) => candidate.name === 'OnJob');
    assert.deepEqual(fn?.environment, {
      TABLE: 'jobs',
      STREAM: 'arn:aws:dynamodb:us-east-1:123456789012:table/jobs/stream/2000-01-01T00:00:00.000',
      TABLE_ARN: 'arn:aws:dynamodb:us-east-1:123456789012:table/jobs',
    });
  });

  it('puts, gets, updates and deletes with conditions and update expressions (lib-dynamodb)', async () => {
    await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'c-1', sk: 1, status: 'open', total: 10, tags: new Set(['a']) } }));
    await assert.rejects(doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'c-1', sk: 1 }, ConditionExpression: 'attribute_not_exists(pk)' })), (error: Error) => {
      assert.ok(error instanceof ConditionalCheckFailedException, error.name);
      assert.equal(error.message, 'The conditional request failed');
      return true;
    });
    const updated = await doc.send(new UpdateCommand({
      TableName: 'orders', Key: { pk: 'c-1', sk: 1 },
      UpdateExpression: 'SET #total = #total + :add, #status = :paid ADD tags :tag', ConditionExpression: '#status = :open',
      ExpressionAttributeNames: { '#total': 'total', '#status': 'status' }, ExpressionAttributeValues: { ':add': 5, ':paid': 'paid', ':open': 'open', ':tag': new Set(['b']) },
      ReturnValues: 'ALL_NEW',
    }));
    assert.equal(updated.Attributes?.total, 15);
    assert.deepEqual(updated.Attributes?.tags, new Set(['a', 'b']));
    const got = await doc.send(new GetCommand({ TableName: 'orders', Key: { pk: 'c-1', sk: 1 }, ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'status' } }));
    assert.deepEqual(got.Item, { status: 'paid' });
    const deleted = await doc.send(new DeleteCommand({ TableName: 'orders', Key: { pk: 'c-1', sk: 1 }, ReturnValues: 'ALL_OLD' }));
    assert.equal(deleted.Attributes?.status, 'paid');
    assert.equal((await doc.send(new GetCommand({ TableName: 'orders', Key: { pk: 'c-1', sk: 1 } }))).Item, undefined);
  });

  it('queries with BETWEEN and pages Query and Scan; queries the index; filters', async () => {
    for (let sk = 1; sk <= 7; sk++) await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'q-1', sk, status: sk % 2 ? 'odd' : 'even' } }));
    const between = await doc.send(new DocQueryCommand({
      TableName: 'orders', KeyConditionExpression: 'pk = :pk AND sk BETWEEN :low AND :high', ExpressionAttributeValues: { ':pk': 'q-1', ':low': 2, ':high': 5 },
    }));
    assert.deepEqual(between.Items?.map((item) => item.sk), [2, 3, 4, 5]);
    const pages: number[][] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(new DocQueryCommand({ TableName: 'orders', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'q-1' }, Limit: 3, ExclusiveStartKey: start }));
      pages.push((page.Items ?? []).map((item) => item.sk as number));
      start = page.LastEvaluatedKey;
    } while (start);
    assert.deepEqual(pages.flat(), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(pages[0].length, 3);
    const evens = await doc.send(new DocQueryCommand({ TableName: 'orders', IndexName: 'byStatus', KeyConditionExpression: '#s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'even' } }));
    assert.deepEqual(evens.Items?.map((item) => item.sk).sort(), [2, 4, 6]);
    const filtered = await doc.send(new ScanCommand({ TableName: 'orders', FilterExpression: 'pk = :pk AND sk > :min', ExpressionAttributeValues: { ':pk': 'q-1', ':min': 5 } }));
    assert.deepEqual(filtered.Items?.map((item) => item.sk).sort(), [6, 7]);
  });

  it('writes and reads in batches', async () => {
    await client.send(new BatchWriteItemCommand({
      RequestItems: { NotesTable: [{ PutRequest: { Item: { id: { S: 'n1' }, text: { S: 'one' } } } }, { PutRequest: { Item: { id: { S: 'n2' }, text: { S: 'two' } } } }] },
    }));
    const read = await doc.send(new BatchGetCommand({ RequestItems: { NotesTable: { Keys: [{ id: 'n1' }, { id: 'n2' }, { id: 'missing' }] } } }));
    assert.deepEqual(read.Responses?.NotesTable.map((item) => item.text).sort(), ['one', 'two']);
  });

  it('runs transactions all or nothing, with CancellationReasons for a failed condition', async () => {
    await doc.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: 'NotesTable', Item: { id: 't1', n: 1 } } },
        { Put: { TableName: 'NotesTable', Item: { id: 't2', n: 2 } } },
      ],
    }));
    await assert.rejects(doc.send(new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: 'NotesTable', Key: { id: 't1' }, UpdateExpression: 'SET n = :n', ExpressionAttributeValues: { ':n': 10 } } },
        { ConditionCheck: { TableName: 'NotesTable', Key: { id: 't2' }, ConditionExpression: 'n = :three', ExpressionAttributeValues: { ':three': 3 } } },
      ],
    })), (error: Error) => {
      assert.ok(error instanceof TransactionCanceledException, error.name);
      assert.deepEqual(error.CancellationReasons?.map((reason) => reason.Code), ['None', 'ConditionalCheckFailed']);
      return true;
    });
    const both = await doc.send(new TransactGetCommand({ TransactItems: [{ Get: { TableName: 'NotesTable', Key: { id: 't1' } } }, { Get: { TableName: 'NotesTable', Key: { id: 't2' } } }] }));
    assert.deepEqual(both.Responses?.map((response) => response.Item?.n), [1, 2]);
  });

  it('answers bad requests with DynamoDB\'s errors', async () => {
    await assert.rejects(client.send(new GetItemCommand({ TableName: 'nope', Key: { id: { S: 'x' } } })), (error: Error) => error instanceof ResourceNotFoundException);
    await assert.rejects(client.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'only-hash' } } })), (error: Error) => {
      assert.equal(error.name, 'ValidationException');
      assert.match(error.message, /key/i);
      return true;
    });
    await assert.rejects(client.send(new ExecuteStatementCommand({ Statement: 'SELECT * FROM orders' })), (error: Error) => error.name === 'UnknownOperationException');
    const raw = await fetch(services.endpoint, { method: 'POST', headers: { 'X-Amz-Target': 'DynamoDB_20120810.ListTables', 'Content-Type': 'application/x-amz-json-1.0' }, body: '{not json' });
    assert.equal(raw.status, 400);
    assert.match(String((await raw.json() as { __type: string }).__type), /SerializationException$/);
  });

  it('creates, changes and deletes tables through the API: stream on and off, TTL, an index added in place', async () => {
    const created = await client.send(new CreateTableCommand({
      TableName: 'api-made', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
    }));
    assert.equal(created.TableDescription?.LatestStreamArn, 'arn:aws:dynamodb:us-east-1:123456789012:table/api-made/stream/2000-01-01T00:00:00.000');
    await doc.send(new PutCommand({ TableName: 'api-made', Item: { id: 'a', colour: 'red' } }));
    await client.send(new UpdateTableCommand({
      TableName: 'api-made', AttributeDefinitions: [{ AttributeName: 'colour', AttributeType: 'S' }],
      GlobalSecondaryIndexUpdates: [{ Create: { IndexName: 'byColour', KeySchema: [{ AttributeName: 'colour', KeyType: 'HASH' }], Projection: { ProjectionType: 'ALL' } } }],
    }));
    const red = await doc.send(new DocQueryCommand({ TableName: 'api-made', IndexName: 'byColour', KeyConditionExpression: 'colour = :c', ExpressionAttributeValues: { ':c': 'red' } }));
    assert.deepEqual(red.Items, [{ id: 'a', colour: 'red' }]);
    await client.send(new UpdateTableCommand({ TableName: 'api-made', StreamSpecification: { StreamEnabled: false } }));
    assert.deepEqual((await client.send(new DescribeTableCommand({ TableName: 'api-made' }))).Table?.StreamSpecification, { StreamEnabled: false });
    await client.send(new UpdateTimeToLiveCommand({ TableName: 'api-made', TimeToLiveSpecification: { Enabled: true, AttributeName: 'until' } }));
    await assert.rejects(client.send(new UpdateTimeToLiveCommand({ TableName: 'api-made', TimeToLiveSpecification: { Enabled: true, AttributeName: 'until' } })), /already enabled/);
    await client.send(new DeleteTableCommand({ TableName: 'api-made' }));
    await assert.rejects(client.send(new DescribeTableCommand({ TableName: 'api-made' })), (error: Error) => error instanceof ResourceNotFoundException);
  });

  it('expires items past their TTL as REMOVE records by the service', async () => {
    const past = Math.floor(Date.now() / 1000) - 60;
    await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'ttl', sk: 1, expiresAt: past } }));
    await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'ttl', sk: 2, expiresAt: past + 3600 } }));
    const until = Date.now() + 20_000;
    while ((await doc.send(new GetCommand({ TableName: 'orders', Key: { pk: 'ttl', sk: 1 } }))).Item) {
      if (Date.now() > until) assert.fail('the expired item was not deleted in time');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok((await doc.send(new GetCommand({ TableName: 'orders', Key: { pk: 'ttl', sk: 2 } }))).Item, 'the item that has not expired stays');
    const streams = new DynamoDBStreamsClient(services.clientConfig);
    const arn = 'arn:aws:dynamodb:us-east-1:123456789012:table/orders/stream/2000-01-01T00:00:00.000';
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
    const { ShardIterator } = await streams.send(new GetShardIteratorCommand({ StreamArn: arn, ShardId: StreamDescription?.Shards?.[0].ShardId, ShardIteratorType: 'TRIM_HORIZON' }));
    const { Records } = await streams.send(new GetRecordsCommand({ ShardIterator }));
    const expiry = Records?.find((record) => record.eventName === 'REMOVE' && record.dynamodb?.Keys?.pk?.S === 'ttl');
    assert.deepEqual(expiry?.userIdentity, { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' });
    assert.equal(expiry?.dynamodb?.OldImage?.expiresAt?.N, String(past));
    assert.equal(Records?.filter((record) => record.userIdentity).length, 1, 'only the expiry is the service\'s');
    // The batch holding the expiry may also hold earlier tests' records, among them the user's own REMOVE of
    // c-1 (no userIdentity): pick the expiry by its key, in any batch.
    const delivered = await waitForEvent(services, (event) => ttlRemoveOf(event) !== undefined);
    assert.deepEqual(ttlRemoveOf(delivered)?.userIdentity, { type: 'Service', principalId: 'dynamodb.amazonaws.com' });
    streams.destroy();
  });
});
