// Every write that can change items (PutItem, UpdateItem, DeleteItem, BatchWriteItem, and the transactions)
// runs under its tables' locks, so the item before and after it are read with no other writer in between:
// the stream gets the true old image, and a write that changed nothing (an identical Put, a Delete of a
// missing key, a failed condition) makes no record.
import type { DynaliteEngine, Item, Json, TableRecord } from './engine';
import type { ItemChange, StreamLog, StreamViewType } from './stream-log';

/** Locks by table name; several are taken in name order so two multi-table writes cannot deadlock. */
export class TableLocks {
  private readonly tails = new Map<string, Promise<void>>();

  async hold<T>(names: readonly string[], run: () => Promise<T>): Promise<T> {
    const releases: Array<() => void> = [];
    for (const name of [...new Set(names)].sort()) releases.push(await this.acquire(name));
    try {
      return await run();
    } finally {
      for (const release of releases) release();
    }
  }

  private async acquire(name: string): Promise<() => void> {
    const previous = this.tails.get(name) ?? Promise.resolve();
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    this.tails.set(name, tail);
    await previous;
    return () => {
      release();
      if (this.tails.get(name) === tail) this.tails.delete(name);
    };
  }
}

/** One item a write may touch: its table and something holding its key (the item, or the key itself). */
export interface WriteTarget {
  tableName: string;
  keySource: Item;
}

/** The items a prepared PutItem / UpdateItem / DeleteItem / BatchWriteItem may touch. */
export function writeTargets(operation: string, data: Json): WriteTarget[] {
  if (operation === 'PutItem') return [{ tableName: data.TableName as string, keySource: data.Item as Item }];
  if (operation === 'UpdateItem' || operation === 'DeleteItem') return [{ tableName: data.TableName as string, keySource: data.Key as Item }];
  if (operation === 'BatchWriteItem') {
    const requests = (data.RequestItems ?? {}) as Record<string, Array<{ PutRequest?: { Item: Item }; DeleteRequest?: { Key: Item } }>>;
    return Object.entries(requests).flatMap(([tableName, list]) => list.map((request) => ({ tableName, keySource: (request.PutRequest?.Item ?? request.DeleteRequest?.Key ?? {}) }))).filter((target) => Object.keys(target.keySource).length > 0);
  }
  return [];
}

/** The stream view type of a table whose stream is on. */
export function streamViewOf(table: TableRecord | undefined): StreamViewType | undefined {
  const spec = table?.StreamSpecification;
  return spec?.StreamEnabled ? (spec.StreamViewType as StreamViewType) : undefined;
}

export function keysOf(item: Item, table: TableRecord): Item {
  return Object.fromEntries(table.KeySchema.filter((key) => item[key.AttributeName] !== undefined).map((key) => [key.AttributeName, item[key.AttributeName]]));
}

/** Key order does not matter to DynamoDB; it must not make an identical Put look like a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

interface Watched {
  target: WriteTarget;
  table: TableRecord;
  viewType: StreamViewType;
  storageKey: string;
  before?: Item;
}

/** Watches the items a write touches: read before, read after, and the changes between. */
export class WriteCapture {
  constructor(private readonly engine: DynaliteEngine, private readonly streams: StreamLog, readonly locks: TableLocks) {}

  /** Runs `write` under the targets' table locks and appends a stream record for each item it changed. */
  async run<T>(targets: readonly WriteTarget[], write: () => Promise<T>, byService = false): Promise<T> {
    return this.locks.hold(targets.map((target) => target.tableName), async () => {
      const watched = await this.watch(targets);
      const result = await write();
      await this.record(watched, byService);
      return result;
    });
  }

  /** For callers already holding the locks (transactions). */
  async watch(targets: readonly WriteTarget[]): Promise<Watched[]> {
    const tables = new Map<string, TableRecord | undefined>();
    const watched: Watched[] = [];
    for (const target of targets) {
      if (!tables.has(target.tableName)) tables.set(target.tableName, await this.engine.table(target.tableName));
      const table = tables.get(target.tableName);
      const viewType = streamViewOf(table);
      if (!table || !viewType) continue;
      let storageKey: string;
      try {
        storageKey = this.engine.storageKey(target.keySource, table);
      } catch {
        continue; // a malformed key: dynalite's action refuses the write with DynamoDB's message
      }
      if (watched.some((entry) => entry.target.tableName === target.tableName && entry.storageKey === storageKey)) continue;
      watched.push({ target, table, viewType, storageKey, before: await this.engine.item(target.tableName, storageKey) });
    }
    return watched;
  }

  async record(watched: readonly Watched[], byService: boolean): Promise<void> {
    const changes: ItemChange[] = [];
    for (const entry of watched) {
      const after = await this.engine.item(entry.target.tableName, entry.storageKey);
      if (!entry.before && !after) continue;
      if (entry.before && after && canonical(entry.before) === canonical(after)) continue;
      changes.push({
        tableName: entry.target.tableName,
        keys: keysOf((after ?? entry.before)!, entry.table),
        ...(entry.before ? { oldItem: entry.before } : {}),
        ...(after ? { newItem: after } : {}),
        viewType: entry.viewType,
        ...(byService ? { byService } : {}),
      });
    }
    await this.streams.append(changes);
  }
}
