// DynamoDB's JSON 1.0 API (`X-Amz-Target: DynamoDB_20120810.<Operation>`): dynalite answers most operations;
// Lambkin wraps the writes (for the stream), adds the stream to CreateTable / UpdateTable / DescribeTable,
// TTL, transactions and index creation, and gives ARNs the local account and region.
import { tableArn, type LocalScope } from '../../template/local-values';
import { DYNALITE_OPERATIONS, DynamoError, type DynaliteEngine, type Json } from './engine';
import type { StreamLog } from './stream-log';
import type { Tables } from './tables';
import { transactGetItems, transactWriteItems } from './transactions';
import { writeTargets, type WriteCapture } from './writes';

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

export interface DynamoParts {
  engine: DynaliteEngine;
  tables: Tables;
  streams: StreamLog;
  capture: WriteCapture;
  scope: LocalScope;
}

function tableName(request: Json): string {
  const name = request.TableName;
  if (typeof name !== 'string' || name === '') throw DynamoError.validation('1 validation error detected: Value null at \'tableName\' failed to satisfy constraint: Member must not be null');
  return name;
}

async function existingTable(parts: DynamoParts, name: string): Promise<Json> {
  const table = await parts.engine.table(name);
  if (!table) throw DynamoError.notFound(`Requested resource not found: Table: ${name} not found`);
  return table;
}

/** dynalite names ARNs with its own account and region; the local ones are the template's. */
function localArns(parts: DynamoParts, answer: Json): Json {
  const text = JSON.stringify(answer);
  if (!text.includes('arn:aws:dynamodb:')) return answer;
  return JSON.parse(text.replace(/arn:aws:dynamodb:[^:"]*:[^:"]*:table\/([^"/]+)/g, (_whole, name: string) => tableArn(name, parts.scope))) as Json;
}

async function updateTable(parts: DynamoParts, request: Json): Promise<Json> {
  const name = tableName(request);
  await existingTable(parts, name);
  const stream = parts.tables.readStreamSpecification(request.StreamSpecification);
  const updates = Array.isArray(request.GlobalSecondaryIndexUpdates) ? (request.GlobalSecondaryIndexUpdates as Json[]) : [];
  const creates = updates.filter((update) => update.Create).map((update) => update.Create as Json);
  const rest: Json = { ...request, GlobalSecondaryIndexUpdates: updates.filter((update) => !update.Create) };
  delete rest.StreamSpecification;
  // Only new indexes need AttributeDefinitions; what dynalite itself updates (capacity, billing) does not.
  delete rest.AttributeDefinitions;
  if ((rest.GlobalSecondaryIndexUpdates as Json[]).length === 0) delete rest.GlobalSecondaryIndexUpdates;
  if (!stream && creates.length === 0 && Object.keys(rest).length === 1) {
    throw DynamoError.validation('At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required');
  }
  if (stream) {
    const current = (await existingTable(parts, name)).StreamSpecification as { StreamEnabled?: boolean } | undefined;
    if (stream.enabled && current?.StreamEnabled) throw DynamoError.validation(`Table already has an enabled stream: TableName: ${name}`);
    if (!stream.enabled && !current?.StreamEnabled) throw DynamoError.validation('Stream is already disabled');
    await parts.tables.setStream(name, stream.viewType);
  }
  if (creates.length > 0) {
    const definitions = Array.isArray(request.AttributeDefinitions) ? (request.AttributeDefinitions as Json[]) : [];
    await parts.tables.addIndexes(name, definitions, creates.map(({ ProvisionedThroughput: _capacity, ...index }) => index));
  }
  if (Object.keys(rest).length > 1) return parts.engine.execute('UpdateTable', parts.engine.prepare('UpdateTable', rest));
  return { TableDescription: await existingTable(parts, name) };
}

async function updateTimeToLive(parts: DynamoParts, request: Json): Promise<Json> {
  const name = tableName(request);
  const spec = request.TimeToLiveSpecification as Json | undefined;
  if (!spec || typeof spec.Enabled !== 'boolean' || typeof spec.AttributeName !== 'string' || spec.AttributeName === '') {
    throw DynamoError.validation('1 validation error detected: Value null at \'timeToLiveSpecification\' failed to satisfy constraint: Member must not be null (Enabled and AttributeName)');
  }
  const { Enabled: enabled, AttributeName: attribute } = spec;
  // Check and change under the table's lock: two calls at once cannot both pass the check, and a DeleteTable
  // cannot come between them and leave the setting behind for a later table of the same name.
  return parts.capture.locks.hold([name], async () => {
    await existingTable(parts, name);
    const current = await parts.tables.timeToLive(name);
    if (enabled && current?.Enabled) throw DynamoError.validation('TimeToLive is already enabled');
    if (!enabled && !current?.Enabled) throw DynamoError.validation('TimeToLive is already disabled');
    await parts.tables.setTimeToLive(name, enabled ? { AttributeName: attribute, Enabled: true } : undefined);
    return { TimeToLiveSpecification: { Enabled: enabled, AttributeName: attribute } };
  });
}

async function describeTimeToLive(parts: DynamoParts, request: Json): Promise<Json> {
  const name = tableName(request);
  await existingTable(parts, name);
  const ttl = await parts.tables.timeToLive(name);
  return { TimeToLiveDescription: ttl?.Enabled ? { TimeToLiveStatus: 'ENABLED', AttributeName: ttl.AttributeName } : { TimeToLiveStatus: 'DISABLED' } };
}

async function createTable(parts: DynamoParts, request: Json): Promise<Json> {
  const stream = parts.tables.readStreamSpecification(request.StreamSpecification);
  const { StreamSpecification: _stream, ...rest } = request;
  // After a DeleteTable of the same name has finished (see dropTable).
  return parts.capture.locks.hold([tableName(request)], () => parts.tables.create(rest, stream?.enabled ? stream.viewType : undefined));
}

/**
 * Deletes a table and what Lambkin keeps beside it (its stream records, TTL setting, template membership)
 * before answering, under the table's lock: no write, TTL change or CreateTable of the same name straddles it,
 * and a request that follows the answer finds nothing of the table left.
 */
export async function dropTable(parts: DynamoParts, name: string): Promise<Json> {
  return parts.capture.locks.hold([name], async () => {
    const description = await parts.engine.deleteTable(name);
    await parts.streams.forget(name);
    await parts.tables.setTimeToLive(name, undefined);
    await parts.tables.forgetTemplateTable(name);
    return description;
  });
}

async function deleteTable(parts: DynamoParts, request: Json): Promise<Json> {
  const name = parts.engine.prepare('DeleteTable', request).TableName as string;
  return { TableDescription: await dropTable(parts, name) };
}

export async function dynamoOperation(parts: DynamoParts, operation: string, request: Json): Promise<Json> {
  if (WRITES.has(operation)) {
    const data = parts.engine.prepare(operation, request);
    return parts.capture.run(writeTargets(operation, data), () => parts.engine.execute(operation, data));
  }
  switch (operation) {
    case 'CreateTable':
      return localArns(parts, await createTable(parts, request));
    case 'UpdateTable':
      return localArns(parts, await updateTable(parts, request));
    case 'DeleteTable':
      return localArns(parts, await deleteTable(parts, request));
    case 'UpdateTimeToLive':
      return updateTimeToLive(parts, request);
    case 'DescribeTimeToLive':
      return describeTimeToLive(parts, request);
    case 'TransactWriteItems':
      return transactWriteItems(parts.engine, parts.capture, request);
    case 'TransactGetItems':
      return transactGetItems(parts.engine, request);
    default:
      break;
  }
  if (!DYNALITE_OPERATIONS.has(operation)) {
    throw new DynamoError({ __type: 'com.amazon.coral.service#UnknownOperationException', message: `Lambkin's local DynamoDB does not serve ${operation || 'requests without an operation'} (PartiQL and backups are not served locally).` });
  }
  return localArns(parts, await parts.engine.execute(operation, parts.engine.prepare(operation, request)));
}
