// The DynamoDB Streams API (`X-Amz-Target: DynamoDBStreams_20120810.<Operation>`, signed as `dynamodb`):
// ListStreams, DescribeStream, GetShardIterator and GetRecords over the stream log. One open shard per
// table; iterators are opaque, carry their position and expire after 15 minutes as on AWS.
import { createHash } from 'node:crypto';
import { tableStreamArn, type LocalScope } from '../../template/local-values';
import { DynamoError, type DynaliteEngine, type Json, type TableRecord } from './engine';
import { streamsApiRecord } from './record-shapes';
import { FIRST_SEQUENCE, type StreamLog } from './stream-log';

const ITERATOR_LIFETIME_MS = 15 * 60 * 1000;
const MAX_RECORDS = 1000;
const ITERATOR_TYPES = new Set(['TRIM_HORIZON', 'LATEST', 'AT_SEQUENCE_NUMBER', 'AFTER_SEQUENCE_NUMBER']);

export interface StreamsParts {
  engine: DynaliteEngine;
  streams: StreamLog;
  scope: LocalScope;
  now: () => number;
}

interface IteratorState {
  table: string;
  /** Read records after this sequence number; from the oldest kept when absent. */
  after?: string;
  expires: number;
}

/** The one shard of a table's stream. */
export function shardIdOf(tableName: string): string {
  return `shardId-00000000000000000001-${createHash('sha256').update(tableName).digest('hex').slice(0, 8)}`;
}

function validation(message: string): DynamoError {
  return DynamoError.validation(message);
}

function requiredText(request: Json, key: string): string {
  const value = request[key];
  if (typeof value !== 'string' || value === '') {
    throw validation(`1 validation error detected: Value null at '${key.charAt(0).toLowerCase()}${key.slice(1)}' failed to satisfy constraint: Member must not be null`);
  }
  return value;
}

async function streamTables(engine: DynaliteEngine): Promise<TableRecord[]> {
  const tables = (await engine.level.values({ gte: 'table~', lt: 'table~\xff' }).all()) as TableRecord[];
  return tables.filter((table) => typeof table.LatestStreamArn === 'string');
}

/** The table whose stream an ARN names; ResourceNotFoundException when there is none. */
async function tableOfStream(parts: StreamsParts, streamArn: string): Promise<TableRecord> {
  const name = /:table\/([^/]+)\/stream\/[^/]+$/.exec(streamArn)?.[1];
  const table = name ? await parts.engine.table(name) : undefined;
  if (!table || table.LatestStreamArn !== streamArn) throw DynamoError.notFound(`Requested resource not found: Stream: ${streamArn} not found`);
  return table;
}

function encodeIterator(state: IteratorState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decodeIterator(parts: StreamsParts, text: string): IteratorState {
  let state: IteratorState;
  try {
    state = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as IteratorState;
  } catch {
    throw validation('Invalid ShardIterator');
  }
  if (typeof state?.table !== 'string' || typeof state.expires !== 'number') throw validation('Invalid ShardIterator');
  if (state.expires < parts.now()) {
    throw new DynamoError({ __type: 'com.amazonaws.dynamodb.v20120810#ExpiredIteratorException', message: 'Iterator expired. The iterator was created more than 15 minutes ago.' });
  }
  return state;
}

async function listStreams(parts: StreamsParts, request: Json): Promise<Json> {
  const limit = typeof request.Limit === 'number' ? request.Limit : 100;
  let tables = await streamTables(parts.engine);
  if (typeof request.TableName === 'string') tables = tables.filter((table) => table.TableName === request.TableName);
  if (typeof request.ExclusiveStartStreamArn === 'string') {
    const at = tables.findIndex((table) => table.LatestStreamArn === request.ExclusiveStartStreamArn);
    tables = tables.slice(at + 1);
  }
  const page = tables.slice(0, limit);
  return {
    Streams: page.map((table) => ({ StreamArn: table.LatestStreamArn, TableName: table.TableName, StreamLabel: table.LatestStreamLabel })),
    ...(tables.length > limit ? { LastEvaluatedStreamArn: page[page.length - 1].LatestStreamArn } : {}),
  };
}

async function describeStream(parts: StreamsParts, request: Json): Promise<Json> {
  const table = await tableOfStream(parts, requiredText(request, 'StreamArn'));
  const spec = table.StreamSpecification;
  return {
    StreamDescription: {
      StreamArn: table.LatestStreamArn,
      StreamLabel: table.LatestStreamLabel,
      StreamStatus: spec?.StreamEnabled ? 'ENABLED' : 'DISABLED',
      StreamViewType: spec?.StreamViewType ?? 'KEYS_ONLY',
      CreationRequestDateTime: table.CreationDateTime,
      TableName: table.TableName,
      KeySchema: table.KeySchema,
      Shards: [{ ShardId: shardIdOf(table.TableName), SequenceNumberRange: { StartingSequenceNumber: FIRST_SEQUENCE } }],
    },
  };
}

async function getShardIterator(parts: StreamsParts, request: Json): Promise<Json> {
  const table = await tableOfStream(parts, requiredText(request, 'StreamArn'));
  const shardId = requiredText(request, 'ShardId');
  const type = requiredText(request, 'ShardIteratorType');
  if (shardId !== shardIdOf(table.TableName)) throw DynamoError.notFound(`Requested resource not found: Shard does not exist`);
  if (!ITERATOR_TYPES.has(type)) {
    throw validation(`1 validation error detected: Value '${type}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]`);
  }
  let after: string | undefined;
  if (type === 'LATEST') after = parts.streams.current;
  if (type === 'AT_SEQUENCE_NUMBER' || type === 'AFTER_SEQUENCE_NUMBER') {
    const sequence = requiredText(request, 'SequenceNumber');
    if (!/^\d{21,40}$/.test(sequence)) throw validation(`Invalid SequenceNumber: ${sequence}`);
    after = type === 'AT_SEQUENCE_NUMBER' ? (BigInt(sequence) - 1n).toString() : sequence;
  }
  return { ShardIterator: encodeIterator({ table: table.TableName, ...(after ? { after } : {}), expires: parts.now() + ITERATOR_LIFETIME_MS }) };
}

async function getRecords(parts: StreamsParts, request: Json): Promise<Json> {
  const state = decodeIterator(parts, requiredText(request, 'ShardIterator'));
  const limit = request.Limit === undefined ? MAX_RECORDS : request.Limit;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_RECORDS) {
    throw validation(`1 validation error detected: Value '${String(limit)}' at 'limit' failed to satisfy constraint: Member must have value between 1 and ${MAX_RECORDS}`);
  }
  if (!(await parts.engine.table(state.table))) throw DynamoError.notFound();
  const records = parts.streams.after(state.table, state.after, limit);
  const after = records.length > 0 ? records[records.length - 1].sequence : state.after;
  return {
    Records: records.map((record) => streamsApiRecord(record, parts.scope)),
    NextShardIterator: encodeIterator({ table: state.table, ...(after ? { after } : {}), expires: parts.now() + ITERATOR_LIFETIME_MS }),
  };
}

export async function streamsOperation(parts: StreamsParts, operation: string, request: Json): Promise<Json> {
  switch (operation) {
    case 'ListStreams':
      return listStreams(parts, request);
    case 'DescribeStream':
      return describeStream(parts, request);
    case 'GetShardIterator':
      return getShardIterator(parts, request);
    case 'GetRecords':
      return getRecords(parts, request);
    default:
      throw new DynamoError({ __type: 'com.amazon.coral.service#UnknownOperationException', message: `Lambkin's local DynamoDB Streams does not serve ${operation || 'requests without an operation'}.` });
  }
}

/** The stream ARN a table of this name has locally (LatestStreamArn). */
export function localStreamArn(name: string, scope: LocalScope): string {
  return tableStreamArn(name, scope);
}
