// The stream poller on a fake shard and a recording host: where a new mapping starts, what the OnFailure
// destination gets when retries or record age run out, and that a failing batch holds its own shard only.
import assert from 'node:assert/strict';
import type { CheckpointStore, PollerHost, ShardRecord, ShardSource } from '../../../runtime/event-sources/mappings/stream-poller';
import { StreamPoller } from '../../../runtime/event-sources/mappings/stream-poller';
import { readStreamMappingSettings } from '../../../runtime/event-sources/mappings/stream-settings';
import type { Delivery, SyncInvokeOutcome } from '../../../runtime/services/service';

const STREAM = 'arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2000-01-01T00:00:00.000';

class FakeShard implements ShardSource {
  readonly streamArn = STREAM;
  readonly shardId = 'shardId-00000000000000000001-00000000';
  readonly records: ShardRecord[] = [];
  private readonly listeners = new Set<() => void>();

  add(id: string, createdAt = Date.now()): void {
    const sequence = (10n ** 20n + BigInt(this.records.length + 1)).toString();
    this.records.push({ sequence, createdAt, event: { eventName: 'INSERT', dynamodb: { Keys: { id: { S: id } }, SequenceNumber: sequence } } });
    for (const listener of this.listeners) listener();
  }

  after(sequence: string | undefined, limit: number): ShardRecord[] {
    const from = sequence === undefined ? 0 : this.records.findIndex((record) => BigInt(record.sequence) > BigInt(sequence));
    return from === -1 ? [] : this.records.slice(from, from + limit);
  }

  countAfter(sequence: string | undefined): number {
    return this.after(sequence, Number.POSITIVE_INFINITY).length;
  }

  latest(): string {
    return this.records.at(-1)?.sequence ?? (10n ** 20n).toString();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

class MemoryCheckpoints implements CheckpointStore {
  readonly positions = new Map<string, string | null>();
  get(uuid: string): string | null | undefined {
    return this.positions.get(uuid);
  }
  async set(uuid: string, sequence: string | null): Promise<void> {
    this.positions.set(uuid, sequence);
  }
}

function host(fail: (ids: string[]) => boolean) {
  const invoked: string[][] = [];
  const delivered: Array<{ arn: string; delivery: Delivery }> = [];
  const logs: string[] = [];
  const value: PollerHost = {
    invoke: async (_name, payload): Promise<SyncInvokeOutcome> => {
      const ids = (JSON.parse(payload.toString()) as { Records: Array<{ dynamodb: { Keys: { id: { S: string } } } }> }).Records.map((record) => record.dynamodb.Keys.id.S);
      invoked.push(ids);
      const failed = fail(ids);
      return { kind: 'invoked', result: { kind: 'completed', requestId: 'r', status: failed ? 'error' : 'success', payload: Buffer.from('null'), ...(failed ? { functionError: 'Unhandled' } : {}), record: new Promise(() => undefined) } as never };
    },
    deliver: async (arn, delivery) => {
      delivered.push({ arn, delivery });
    },
    log: (_level, message) => logs.push(message),
    functionArn: (name) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`,
    now: () => Date.now(),
  };
  return { value, invoked, delivered, logs };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what}: not in time`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function settings(properties: Record<string, unknown>) {
  const read = readStreamMappingSettings({ Stream: STREAM, StartingPosition: 'TRIM_HORIZON', ...properties }, (property, message) => assert.fail(`${property}: ${message}`));
  assert.ok(read);
  return read;
}

describe('stream poller', () => {
  it('starts a LATEST mapping after the records already there, and remembers where', async () => {
    const shard = new FakeShard();
    shard.add('old');
    const checkpoints = new MemoryCheckpoints();
    const recorder = host(() => false);
    const poller = new StreamPoller({ uuid: 'u', functionName: 'f', eventName: 'e' }, settings({ StartingPosition: 'LATEST' }), shard, checkpoints, recorder.value);
    await poller.start();
    assert.equal(checkpoints.get('u'), shard.records[0].sequence);
    shard.add('new');
    await until(() => recorder.invoked.length === 1, 'the new record');
    assert.deepEqual(recorder.invoked, [['new']]);
    await poller.stop();
  });

  it('sends the failure record to OnFailure once the retries run out, and goes on', async () => {
    const shard = new FakeShard();
    const recorder = host((ids) => ids.includes('bad'));
    const poller = new StreamPoller({ uuid: 'u', functionName: 'f', eventName: 'e' }, settings({
      MaximumRetryAttempts: 1, DestinationConfig: { OnFailure: { Destination: 'arn:aws:sqs:us-east-1:123456789012:dlq' } },
    }), shard, new MemoryCheckpoints(), recorder.value);
    shard.add('bad');
    await poller.start();
    await until(() => recorder.delivered.length === 1, 'the failure record');
    shard.add('good');
    await until(() => recorder.invoked.some((ids) => ids.includes('good')), 'the next record');
    assert.deepEqual(recorder.invoked.slice(0, 2), [['bad'], ['bad']], 'one try and one retry');
    const { arn, delivery } = recorder.delivered[0];
    assert.equal(arn, 'arn:aws:sqs:us-east-1:123456789012:dlq');
    const body = JSON.parse(delivery.body) as Record<string, Record<string, unknown>>;
    assert.equal(body.requestContext.condition, 'RetryAttemptsExhausted');
    assert.equal(body.requestContext.approximateInvokeCount, 2);
    assert.equal(body.requestContext.functionArn, 'arn:aws:lambda:us-east-1:123456789012:function:f');
    assert.equal(body.responseContext.functionError, 'Unhandled');
    assert.deepEqual(body.DDBStreamBatchInfo, {
      shardId: shard.shardId, startSequenceNumber: shard.records[0].sequence, endSequenceNumber: shard.records[0].sequence,
      approximateArrivalOfFirstRecord: body.DDBStreamBatchInfo.approximateArrivalOfFirstRecord, approximateArrivalOfLastRecord: body.DDBStreamBatchInfo.approximateArrivalOfLastRecord,
      batchSize: 1, streamArn: STREAM,
    });
    assert.match(String(body.DDBStreamBatchInfo.approximateArrivalOfFirstRecord), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    await poller.stop();
  });

  it('gives up on a batch older than MaximumRecordAgeInSeconds after a failure', async () => {
    const shard = new FakeShard();
    const recorder = host((ids) => ids.includes('stale'));
    const poller = new StreamPoller({ uuid: 'u', functionName: 'f', eventName: 'e' }, settings({ MaximumRecordAgeInSeconds: 60 }), shard, new MemoryCheckpoints(), recorder.value);
    shard.add('stale', Date.now() - 120_000);
    await poller.start();
    await until(() => recorder.logs.some((line) => line.includes('RecordAgeExceeded')), 'the stale batch given up');
    assert.deepEqual(recorder.invoked, [['stale']]);
    assert.match(poller.status().lastError ?? '', /RecordAgeExceeded/);
    await poller.stop();
  });

  it('refuses settings Lambda refuses', () => {
    const problems: string[] = [];
    readStreamMappingSettings({ Stream: STREAM, StartingPosition: 'LATEST', BatchSize: 0, MaximumRetryAttempts: -2, MaximumBatchingWindowInSeconds: 301 }, (property) => problems.push(property));
    assert.deepEqual(problems, ['BatchSize', 'MaximumBatchingWindowInSeconds', 'MaximumRetryAttempts']);
  });
});
