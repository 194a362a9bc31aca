// DynamoDB Streams and the stream event source mappings, judged by the real clients: the Streams API
// (@aws-sdk/client-dynamodb-streams) over records of every view type, no record for a write that changes
// nothing, records of batches and transactions; functions fed by the stream (exact record shape, filters,
// batching window, ReportBatchItemFailures, bisecting and giving up, a handler writing to another table with
// no endpoint in its code); and a restart in the middle of a stream with nothing lost or repeated.
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand, DynamoDBStreamsClient, GetRecordsCommand, GetShardIteratorCommand, ListStreamsCommand, type _Record,
} from '@aws-sdk/client-dynamodb-streams';
import { BatchWriteCommand, DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InvocationResult } from '../../../runtime/protocol/control';
import { startServicesRuntime, type ServicesRuntime } from './support';

const TEMPLATE = path.resolve(__dirname, '../../fixtures/dynamodb-app/template.yaml');
const STREAM = (table: string) => `arn:aws:dynamodb:us-east-1:123456789012:table/${table}/stream/2000-01-01T00:00:00.000`;

interface LambdaRecord {
  eventID: string;
  eventName: string;
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  eventSourceARN: string;
  dynamodb: { Keys: Record<string, unknown>; NewImage?: Record<string, { S?: string; N?: string }>; OldImage?: Record<string, unknown>; SequenceNumber: string; SizeBytes: number; StreamViewType: string; ApproximateCreationDateTime: number };
}

function recordsOf(result: InvocationResult): LambdaRecord[] {
  return (JSON.parse(result.event) as { Records: LambdaRecord[] }).Records;
}

async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, what: string, deadlineMs = 20_000): Promise<T> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('local DynamoDB Streams and stream mappings (client-dynamodb-streams)', function () {
  this.timeout(90_000);
  let folder: string;
  let services: ServicesRuntime;
  let doc: DynamoDBDocumentClient;
  let streams: DynamoDBStreamsClient;

  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-ddb-streams-'));
    services = await startServicesRuntime({ templates: [TEMPLATE], dataFolder: folder });
    doc = DynamoDBDocumentClient.from(new DynamoDBClient(services.clientConfig));
    streams = new DynamoDBStreamsClient(services.clientConfig);
  });
  after(async () => {
    doc.destroy();
    streams.destroy();
    await services.close();
    rmSync(folder, { recursive: true, force: true });
  });

  async function readAll(table: string, after?: string): Promise<_Record[]> {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: STREAM(table) }));
    const shardId = StreamDescription?.Shards?.[0].ShardId;
    let { ShardIterator } = await streams.send(new GetShardIteratorCommand({
      StreamArn: STREAM(table), ShardId: shardId, ...(after ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: after } : { ShardIteratorType: 'TRIM_HORIZON' }),
    }));
    const records: _Record[] = [];
    for (;;) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator, Limit: 2 }));
      records.push(...(page.Records ?? []));
      if ((page.Records ?? []).length === 0) return records;
      ShardIterator = page.NextShardIterator;
    }
  }

  it('lists and describes the streams of the tables that have one', async () => {
    const { Streams } = await streams.send(new ListStreamsCommand({}));
    assert.deepEqual(Streams?.map((stream) => stream.TableName).sort(), ['KeysTable', 'inbox', 'jobs', 'orders']);
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: STREAM('orders') }));
    assert.equal(StreamDescription?.StreamStatus, 'ENABLED');
    assert.equal(StreamDescription?.StreamViewType, 'NEW_AND_OLD_IMAGES');
    assert.equal(StreamDescription?.TableName, 'orders');
    assert.match(StreamDescription?.Shards?.[0].ShardId ?? '', /^shardId-\d{20}-[0-9a-f]{8}$/);
    await assert.rejects(streams.send(new DescribeStreamCommand({ StreamArn: STREAM('outbox') })), (error: Error) => error.name === 'ResourceNotFoundException');
  });

  it('records each effective write with the images of its view type, and nothing for a write that changes nothing', async () => {
    const before = (await readAll('orders')).at(-1)?.dynamodb?.SequenceNumber;
    await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 's-1', sk: 1, status: 'new' } }));
    await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 's-1', sk: 1, status: 'new' } }));
    await doc.send(new UpdateCommand({ TableName: 'orders', Key: { pk: 's-1', sk: 1 }, UpdateExpression: 'SET #s = :s', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':s': 'done' } }));
    await assert.rejects(doc.send(new DeleteCommand({ TableName: 'orders', Key: { pk: 's-1', sk: 1 }, ConditionExpression: 'attribute_not_exists(pk)' })));
    await doc.send(new DeleteCommand({ TableName: 'orders', Key: { pk: 's-missing', sk: 1 } }));
    await doc.send(new DeleteCommand({ TableName: 'orders', Key: { pk: 's-1', sk: 1 } }));
    const records = (await readAll('orders', before)).filter((record) => record.dynamodb?.Keys?.pk?.S === 's-1');
    assert.deepEqual(records.map((record) => record.eventName), ['INSERT', 'MODIFY', 'REMOVE']);
    const [insert, modify, remove] = records;
    assert.deepEqual(insert.dynamodb?.NewImage, { pk: { S: 's-1' }, sk: { N: '1' }, status: { S: 'new' } });
    assert.equal(insert.dynamodb?.OldImage, undefined);
    assert.equal(modify.dynamodb?.OldImage?.status?.S, 'new');
    assert.equal(modify.dynamodb?.NewImage?.status?.S, 'done');
    assert.equal(remove.dynamodb?.NewImage, undefined);
    assert.equal(remove.dynamodb?.OldImage?.status?.S, 'done');
    const sequences = records.map((record) => BigInt(record.dynamodb?.SequenceNumber ?? '0'));
    assert.ok(sequences[0] < sequences[1] && sequences[1] < sequences[2], 'sequence numbers increase');
    assert.match(insert.dynamodb?.SequenceNumber ?? '', /^\d{21,40}$/);
    assert.ok((insert.dynamodb?.SizeBytes ?? 0) > 0);
    assert.ok(insert.dynamodb?.ApproximateCreationDateTime instanceof Date);
    assert.equal(insert.eventVersion, '1.1');
    assert.equal(insert.eventSource, 'aws:dynamodb');
  });

  it('records keys only on a KEYS_ONLY stream, and one record per item of a batch and a transaction', async () => {
    await doc.send(new BatchWriteCommand({ RequestItems: { KeysTable: [{ PutRequest: { Item: { id: 'k1', v: 1 } } }, { PutRequest: { Item: { id: 'k2', v: 2 } } }] } }));
    await doc.send(new TransactWriteCommand({ TransactItems: [{ Update: { TableName: 'KeysTable', Key: { id: 'k1' }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': 5 } } }, { Delete: { TableName: 'KeysTable', Key: { id: 'k2' } } }] }));
    const records = await readAll('KeysTable');
    assert.deepEqual(records.map((record) => `${record.eventName} ${record.dynamodb?.Keys?.id?.S}`), ['INSERT k1', 'INSERT k2', 'MODIFY k1', 'REMOVE k2']);
    for (const record of records) {
      assert.equal(record.dynamodb?.NewImage, undefined);
      assert.equal(record.dynamodb?.OldImage, undefined);
      assert.equal(record.dynamodb?.StreamViewType, 'KEYS_ONLY');
    }
  });

  it('refuses an iterator that is not one', async () => {
    await assert.rejects(streams.send(new GetRecordsCommand({ ShardIterator: 'bogus' })), (error: Error) => error.name === 'ValidationException');
  });

  it('feeds a PutItem to the subscribed function as Lambda\'s DynamoDB event', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'OnOrder' && result.event.includes('"e2e-1"'));
    await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'e2e-1', sk: 7, status: 'open' } }));
    // Other tests' writes to the table may share the batch.
    const record = recordsOf(await invoked).find((candidate) => JSON.stringify(candidate.dynamodb.Keys).includes('e2e-1'));
    assert.ok(record);
    assert.deepEqual(Object.keys(record), ['eventID', 'eventName', 'eventVersion', 'eventSource', 'awsRegion', 'dynamodb', 'eventSourceARN']);
    assert.equal(record.eventName, 'INSERT');
    assert.equal(record.eventVersion, '1.1');
    assert.equal(record.eventSource, 'aws:dynamodb');
    assert.equal(record.awsRegion, 'us-east-1');
    assert.equal(record.eventSourceARN, STREAM('orders'));
    assert.deepEqual(record.dynamodb.Keys, { pk: { S: 'e2e-1' }, sk: { N: '7' } });
    assert.deepEqual(Object.keys(record.dynamodb), ['ApproximateCreationDateTime', 'Keys', 'NewImage', 'SequenceNumber', 'SizeBytes', 'StreamViewType']);
    assert.equal(typeof record.dynamodb.ApproximateCreationDateTime, 'number');
  });

  it('applies FilterCriteria before batching: only new open orders reach the filtered function', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'OnOpenOrder' && result.event.includes('"f-open"'));
    await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'f-closed', sk: 1, status: 'closed' } }));
    await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'f-open', sk: 1, status: 'open' } }));
    const records = recordsOf(await invoked);
    assert.deepEqual(records.map((record) => record.dynamodb.Keys.pk), [{ S: 'f-open' }]);
    const filtered = services.events.filter((event) => event.event === 'invocation.finished' && event.data.functionName === 'OnOpenOrder' && event.data.event.includes('f-closed'));
    assert.equal(filtered.length, 0);
  });

  it('gathers writes within the batching window; retries from the first item a function reports failed', async () => {
    const seen = (id: string) => services.events.filter((event) => event.event === 'invocation.finished' && event.data.functionName === 'OnJob' && event.data.event.includes(`"${id}"`)).map((event) => event.event === 'invocation.finished' ? recordsOf(event.data) : []);
    await doc.send(new PutCommand({ TableName: 'jobs', Item: { id: 'w1' } }));
    await doc.send(new PutCommand({ TableName: 'jobs', Item: { id: 'w2', fail: true } }));
    await doc.send(new PutCommand({ TableName: 'jobs', Item: { id: 'w3' } }));
    await waitFor(() => seen('w3').length >= 2 || undefined, 'w2 and w3 retried');
    const first = seen('w1');
    assert.equal(first.length, 1, 'w1 succeeded once and is not retried');
    assert.deepEqual(first[0].map((record) => record.dynamodb.Keys.id), [{ S: 'w1' }, { S: 'w2' }, { S: 'w3' }], 'one batch within the window');
    assert.deepEqual(seen('w3')[1].map((record) => record.dynamodb.Keys.id), [{ S: 'w2' }, { S: 'w3' }], 'the retry starts at the reported failure');
  });

  it('bisects a failing batch, gives up after MaximumRetryAttempts and goes on with the shard', async () => {
    await doc.send(new BatchWriteCommand({ RequestItems: { jobs: [{ PutRequest: { Item: { id: 'p1' } } }, { PutRequest: { Item: { id: 'p2', poison: true } } }] } }));
    await doc.send(new PutCommand({ TableName: 'jobs', Item: { id: 'after-poison' } }));
    await waitFor(() => services.events.some((event) => event.event === 'runtime.log' && event.data.message.includes('Skipped') && event.data.message.includes('RetryAttemptsExhausted')), 'the poison batch given up');
    const after = await waitFor(() => services.events.find((event) => event.event === 'invocation.finished' && event.data.functionName === 'OnJob' && event.data.status === 'success' && event.data.event.includes('"after-poison"')), 'the record after the poison delivered');
    assert.ok(after);
    const halves = services.events.filter((event) => event.event === 'invocation.finished' && event.data.functionName === 'OnJob' && event.data.event.includes('"p2"'));
    assert.ok(halves.some((event) => event.event === 'invocation.finished' && recordsOf(event.data).length === 1), 'the batch was bisected down to the poison record');
    const status = services.runtime.services?.mappings().find((mapping) => mapping.functionName === 'OnJob');
    assert.equal(status?.type, 'DynamoDB');
    assert.equal(status?.eventSourceArn, STREAM('jobs'));
  });

  it('lets a handler write to another table with no endpoint in its code', async () => {
    await doc.send(new PutCommand({ TableName: 'inbox', Item: { id: 'm-1', text: 'hello' } }));
    const copied = await waitFor(async () => (await doc.send(new GetCommand({ TableName: 'outbox', Key: { id: 'm-1' } }))).Item, 'the copy in the outbox');
    assert.deepEqual(copied, { id: 'm-1', text: 'hello', copied: true });
  });

  it('keeps items, stream and checkpoints across a restart: nothing lost, nothing repeated', async () => {
    const delivered = services.nextFinished((result) => result.functionName === 'OnOrder' && result.event.includes('"r-before"'));
    await doc.send(new PutCommand({ TableName: 'orders', Item: { pk: 'r-before', sk: 1 } }));
    await delivered;
    await waitFor(() => services.runtime.services?.mappings().find((mapping) => mapping.functionName === 'OnOrder' && mapping.lag === 0), 'the mapping caught up');
    const countBefore = (await readAll('orders')).length;
    await services.close();
    services = await startServicesRuntime({ templates: [TEMPLATE], dataFolder: folder });
    doc = DynamoDBDocumentClient.from(new DynamoDBClient(services.clientConfig));
    streams.destroy();
    streams = new DynamoDBStreamsClient(services.clientConfig);
    assert.deepEqual((await doc.send(new GetCommand({ TableName: 'orders', Key: { pk: 'r-before', sk: 1 } }))).Item, { pk: 'r-before', sk: 1 });
    assert.equal((await readAll('orders')).length, countBefore, 'the stream records are kept');
    const next = services.nextFinished((result) => result.functionName === 'OnOrder');
    await new DynamoDBClient(services.clientConfig).send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'r-after' }, sk: { N: '1' } } }));
    const records = recordsOf(await next);
    assert.deepEqual(records.map((record) => record.dynamodb.Keys.pk), [{ S: 'r-after' }], 'only the new record: nothing delivered before the restart comes again');
  });
});
