// DeleteTable and UpdateTimeToLive against the real store (dynalite on LevelDB in a temporary folder), with the
// interleavings a loaded machine produces forced: dynalite's own deletion timer firing late, and two calls at once.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dynamoOperation, type DynamoParts } from '../../../runtime/services/dynamodb/api';
import { DynaliteEngine, DynamoError } from '../../../runtime/services/dynamodb/engine';
import { StreamLog } from '../../../runtime/services/dynamodb/stream-log';
import { Tables } from '../../../runtime/services/dynamodb/tables';
import { TableLocks, WriteCapture } from '../../../runtime/services/dynamodb/writes';

const scope = { region: 'us-east-1', accountId: '123456789012', partition: 'aws', awsEndpoint: 'http://127.0.0.1:4566' };
const CREATE = {
  TableName: 'things', AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
  BillingMode: 'PAY_PER_REQUEST', StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
};
const ENABLE_TTL = { TableName: 'things', TimeToLiveSpecification: { Enabled: true, AttributeName: 'until' } };

describe('local DynamoDB: DeleteTable and UpdateTimeToLive under races', function () {
  this.timeout(20_000);
  let folder: string;
  let parts: DynamoParts;

  beforeEach(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-dynamo-lifecycle-'));
    const engine = DynaliteEngine.open(folder);
    const streams = await StreamLog.open(engine);
    parts = { engine, streams, tables: new Tables(engine, scope), capture: new WriteCapture(engine, streams, new TableLocks()), scope };
  });
  afterEach(async () => {
    await parts.engine.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const call = (operation: string, request: Record<string, unknown>) => dynamoOperation(parts, operation, request);
  const code = (error: unknown) => (error instanceof DynamoError ? String(error.body.__type).split('#')[1] : String(error));

  it('leaves nothing of a table once DeleteTable answers, even when dynalite\'s own deletion timer is late', async () => {
    // dynalite answers DeleteTable and drops the table's record on a timer; a loaded machine runs that timer
    // after the next request. Make it later than any request here.
    (parts.engine.store.options as { deleteTableMs?: number }).deleteTableMs = 60_000;
    await call('CreateTable', CREATE);
    await call('PutItem', { TableName: 'things', Item: { id: { S: 'a' }, until: { N: '1' } } });
    await call('UpdateTimeToLive', ENABLE_TTL);
    const answer = await call('DeleteTable', { TableName: 'things' });
    assert.equal((answer.TableDescription as { TableStatus: string }).TableStatus, 'DELETING');
    await assert.rejects(call('DescribeTable', { TableName: 'things' }), (error) => code(error) === 'ResourceNotFoundException');
    await assert.rejects(call('DescribeTimeToLive', { TableName: 'things' }), (error) => code(error) === 'ResourceNotFoundException');
    assert.equal(parts.streams.count('things'), 0);
    // A table made again under the same name starts empty, with TTL off.
    await call('CreateTable', CREATE);
    assert.deepEqual((await call('Scan', { TableName: 'things' })).Items, []);
    assert.deepEqual((await call('DescribeTimeToLive', { TableName: 'things' })).TimeToLiveDescription, { TimeToLiveStatus: 'DISABLED' });
    await call('UpdateTimeToLive', ENABLE_TTL);
    await assert.rejects(call('UpdateTimeToLive', ENABLE_TTL), /already enabled/);
  });

  it('lets one of two simultaneous UpdateTimeToLive calls enable TTL and refuses the other', async () => {
    await call('CreateTable', CREATE);
    const outcomes = await Promise.allSettled([call('UpdateTimeToLive', ENABLE_TTL), call('UpdateTimeToLive', ENABLE_TTL)]);
    assert.deepEqual(outcomes.map((outcome) => outcome.status).sort(), ['fulfilled', 'rejected']);
    const refused = outcomes.find((outcome) => outcome.status === 'rejected');
    assert.match(String((refused as PromiseRejectedResult).reason), /already enabled/);
  });

  it('refuses a DeleteTable of a missing table with ResourceNotFoundException', async () => {
    await assert.rejects(call('DeleteTable', { TableName: 'nothing' }), (error) => code(error) === 'ResourceNotFoundException');
  });
});
