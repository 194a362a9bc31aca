// The extension's calls to the local DynamoDB (over the control channel's serviceCall): the tables with their
// key schema, item count and stream for the Resources view, a table's first items to read, a table emptied,
// a table the template dropped removed.
import type { DynamoBackend } from './backend';
import type { Item } from './engine';

export interface TableSummary {
  name: string;
  keySchema: Array<{ attributeName: string; keyType: 'HASH' | 'RANGE' }>;
  itemCount: number;
  /** The stream's view type when it is on. */
  streamViewType?: string;
  streamArn?: string;
  /** Records kept in the stream (24 hours). */
  streamRecords: number;
  ttlAttribute?: string;
  indexes: string[];
}

export interface DynamoDbCalls {
  listTables: { params: Record<string, never>; result: { tables: TableSummary[] } };
  scanItems: { params: { table: string; limit?: number }; result: { items: Item[]; truncated: boolean } };
  resetTable: { params: { table: string }; result: { ok: true } };
  dropTable: { params: { table: string }; result: { ok: true } };
  /** Tables an earlier template made that the current one no longer declares (kept until dropped). */
  removedTables: { params: Record<string, never>; result: { tables: string[] } };
}

declare module '../../protocol/service-calls' {
  interface ServiceCalls {
    dynamodb: DynamoDbCalls;
  }
}

const DEFAULT_SCAN_LIMIT = 100;

function tableParam(params: unknown): string {
  const table = (params as { table?: unknown } | undefined)?.table;
  if (typeof table !== 'string' || table === '') throw new Error('Name the table: {"table": "<name>"}.');
  return table;
}

export async function dynamoCall(backend: DynamoBackend, call: string, params: unknown): Promise<unknown> {
  const { engine, streams, tables } = backend.parts;
  switch (call) {
    case 'listTables': {
      const names = (await engine.level.keys({ gte: 'table~', lt: 'table~\xff' }).all()).map((key) => key.slice('table~'.length));
      const summaries: TableSummary[] = [];
      for (const name of names) {
        const table = await engine.table(name);
        if (!table) continue;
        const ttl = await tables.timeToLive(name);
        const spec = table.StreamSpecification;
        summaries.push({
          name,
          keySchema: table.KeySchema.map((key) => ({ attributeName: key.AttributeName, keyType: key.KeyType })),
          itemCount: (await engine.items(name)).length,
          ...(spec?.StreamEnabled ? { streamViewType: spec.StreamViewType, streamArn: table.LatestStreamArn } : {}),
          streamRecords: streams.count(name),
          ...(ttl?.Enabled ? { ttlAttribute: ttl.AttributeName } : {}),
          indexes: [...(table.GlobalSecondaryIndexes ?? []), ...(table.LocalSecondaryIndexes ?? [])].map((index) => index.IndexName as string),
        });
      }
      return { tables: summaries } satisfies DynamoDbCalls['listTables']['result'];
    }
    case 'scanItems': {
      const name = tableParam(params);
      if (!(await engine.table(name))) throw new Error(`There is no DynamoDB table ${name}.`);
      const requested = (params as { limit?: unknown }).limit;
      const limit = typeof requested === 'number' && requested > 0 ? Math.floor(requested) : DEFAULT_SCAN_LIMIT;
      const items = await engine.items(name, limit + 1);
      return { items: items.slice(0, limit), truncated: items.length > limit } satisfies DynamoDbCalls['scanItems']['result'];
    }
    case 'resetTable':
      await backend.reset(tableParam(params));
      return { ok: true };
    case 'dropTable':
      await backend.drop(tableParam(params));
      return { ok: true };
    case 'removedTables':
      return { tables: [...backend.removedTables] } satisfies DynamoDbCalls['removedTables']['result'];
    default:
      throw new Error(`The local DynamoDB has no call ${call}.`);
  }
}
