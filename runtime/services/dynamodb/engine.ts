// dynalite, used in-process as a library rather than as a server: its request validation and its actions
// run against a LevelDB store in the data folder, so Lambkin can wrap each write (old and new image under
// one table lock, for the stream) and add what dynalite lacks without a second HTTP hop.
import Module, { createRequire } from 'node:module';
import path from 'node:path';

/** An error body as DynamoDB sends it (`__type` namespaced, `message`), with its HTTP status. */
export class DynamoError extends Error {
  constructor(readonly body: Record<string, unknown> & { __type: string }, readonly status = 400) {
    super(typeof body.message === 'string' ? body.message : body.__type);
  }

  static validation(message: string): DynamoError {
    return new DynamoError({ __type: 'com.amazon.coral.validate#ValidationException', message });
  }

  static notFound(message = 'Requested resource not found'): DynamoError {
    return new DynamoError({ __type: 'com.amazonaws.dynamodb.v20120810#ResourceNotFoundException', message });
  }
}

export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;
export type Json = Record<string, unknown>;

type Callback<T> = (error: (Error & { statusCode?: number; body?: Json }) | null | undefined, value?: T) => void;

interface SubDb {
  get(key: string, cb: Callback<unknown>): void;
  put(key: string, value: unknown, cb: Callback<void>): void;
  del(key: string, cb: Callback<void>): void;
  lock(key: string, cb: (release: <F extends (...args: never[]) => unknown>(fn: F) => F) => void): void;
}

interface Level {
  get(key: string): Promise<unknown>;
  put(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  batch(operations: Array<{ type: 'put' | 'del'; key: string; value?: unknown }>): Promise<void>;
  values(range: { gte?: string; gt?: string; lt?: string; lte?: string; limit?: number }): { all(): Promise<unknown[]> };
  keys(range: { gte?: string; lt?: string }): { all(): Promise<string[]> };
}

interface Store {
  db: Level;
  tableDb: SubDb;
  options: { maxItemSize: number };
  getItemDb(name: string): SubDb;
  deleteItemDb(name: string, cb: Callback<void>): void;
  deleteTagDb(name: string, cb: Callback<void>): void;
  deleteIndexDb(indexType: 'Local' | 'Global', tableName: string, indexName: string, cb: Callback<void>): void;
  getTable(name: string, checkStatus: boolean, cb: Callback<TableRecord>): void;
  lifecycleManager?: { gracefulClose(cb: (error?: Error | null) => void): void };
}

/** A table as dynalite keeps it (DescribeTable's Table), with the stream fields Lambkin adds. */
export interface TableRecord extends Json {
  TableName: string;
  TableStatus: string;
  KeySchema: Array<{ AttributeName: string; KeyType: 'HASH' | 'RANGE' }>;
  AttributeDefinitions: Array<{ AttributeName: string; AttributeType: string }>;
  GlobalSecondaryIndexes?: Json[];
  LocalSecondaryIndexes?: Json[];
  StreamSpecification?: { StreamEnabled: boolean; StreamViewType?: string };
  LatestStreamLabel?: string;
  LatestStreamArn?: string;
}

interface Validation {
  types: unknown;
  custom?: unknown;
}

interface Dynalite {
  db: {
    create(options: Json): Store;
    createKey(item: Item, table: TableRecord): string;
    checkConditional(data: Json, existing: Item | undefined): (Error & { body?: Json }) | null | undefined;
    itemSize(item: Item): number;
    updateIndexes(store: Store, table: TableRecord, oldItem: Item | null, newItem: Item | null, cb: Callback<void>): void;
  };
  validations: { checkTypes(data: Json, types: unknown): Json; checkValidations(data: Json, types: unknown, custom: unknown, store: Store): void };
  validation(operation: string): Validation;
  action(operation: string): (store: Store, data: Json, cb: Callback<Json>) => void;
}

/** The operations dynalite serves itself (its API list). */
export const DYNALITE_OPERATIONS = new Set([
  'BatchGetItem', 'BatchWriteItem', 'CreateTable', 'DeleteItem', 'DeleteTable', 'DescribeTable', 'GetItem', 'ListTables',
  'PutItem', 'Query', 'Scan', 'TagResource', 'UntagResource', 'ListTagsOfResource', 'UpdateItem', 'UpdateTable',
]);

/** Where the store keeps its tables: LevelDB files in the data folder, or memory when LevelDB cannot load. */
export type Persistence = { kind: 'disk' } | { kind: 'memory'; reason: string };

/**
 * dynalite's modules, and where they can keep data. dynalite's db module requires `level` (LevelDB through
 * classic-level's native binding) as it loads, even for an in-memory store. Where that binding cannot load
 * (no prebuild for Windows on Arm or Alpine arm64, a library missing), Node's module cache is given a
 * `level` that refuses to open files, so dynalite still loads and keeps its tables in memory-level.
 */
function loadDynalite(): { dynalite: Dynalite; persistence: Persistence } {
  // dynalite is CommonJS with per-action files loaded by name; it stays outside the bundle (see scripts/build.mjs).
  const load = createRequire(__filename);
  const persistence = levelOrStandIn(createRequire(load.resolve('dynalite/db')));
  const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);
  const dynalite: Dynalite = {
    db: load('dynalite/db') as Dynalite['db'],
    validations: load('dynalite/validations') as Dynalite['validations'],
    validation: (operation) => load(`dynalite/validations/${lowerFirst(operation)}`) as Validation,
    action: (operation) => load(`dynalite/actions/${lowerFirst(operation)}`) as ReturnType<Dynalite['action']>,
  };
  return { dynalite, persistence };
}

/** Loads `level` as dynalite's db module will; if it cannot, puts a stand-in in its place in the module cache. */
function levelOrStandIn(dynaliteRequire: NodeJS.Require): Persistence {
  const levelPath = dynaliteRequire.resolve('level');
  try {
    dynaliteRequire(levelPath);
    return { kind: 'disk' };
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!;
    const standIn = new Module(levelPath);
    standIn.filename = levelPath;
    standIn.loaded = true;
    standIn.exports = {
      Level: class {
        constructor() {
          throw new Error(`LevelDB cannot load on this machine (${reason}), so DynamoDB tables cannot be kept on disk.`);
        }
      },
    };
    dynaliteRequire.cache[levelPath] = standIn;
    return { kind: 'memory', reason };
  }
}

function asDynamoError(error: unknown): unknown {
  const failure = error as { statusCode?: number; body?: Json } | undefined;
  if (failure && typeof failure.statusCode === 'number' && failure.body && typeof failure.body.__type === 'string') {
    return new DynamoError(failure.body as DynamoError['body'], failure.statusCode);
  }
  return error;
}

function callback<T>(run: (cb: Callback<T>) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      run((error, value) => (error ? reject(asDynamoError(error)) : resolve(value as T)));
    } catch (error) {
      reject(asDynamoError(error));
    }
  });
}

export class DynaliteEngine {
  private constructor(private readonly dynalite: Dynalite, readonly store: Store, readonly persistence: Persistence) {}

  /**
   * Opens (or creates) the LevelDB store in `folder`, or an empty store in memory where LevelDB cannot load
   * (`persistence` says which). Tables become ACTIVE at once: nothing waits locally.
   */
  static open(folder: string): DynaliteEngine {
    const { dynalite, persistence } = loadDynalite();
    const where = persistence.kind === 'disk' ? { path: path.join(folder, 'db') } : {};
    const store = dynalite.db.create({ ...where, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
    return new DynaliteEngine(dynalite, store, persistence);
  }

  /** Checks a request as DynamoDB does (types, then values); answers the request as dynalite's actions read it. */
  prepare(operation: string, request: Json): Json {
    const validation = this.dynalite.validation(operation);
    try {
      const data = this.dynalite.validations.checkTypes(structuredClone(request), validation.types);
      this.dynalite.validations.checkValidations(data, validation.types, validation.custom, this.store);
      return data;
    } catch (error) {
      throw asDynamoError(error);
    }
  }

  /** Runs a prepared request. */
  execute(operation: string, data: Json): Promise<Json> {
    const action = this.dynalite.action(operation);
    return callback<Json>((cb) => action(this.store, data, cb));
  }

  /** The table as stored, or undefined; `active` treats CREATING/DELETING tables as missing, as writes do. */
  async table(name: string): Promise<TableRecord | undefined> {
    try {
      return await callback<TableRecord>((cb) => this.store.getTable(name, false, cb));
    } catch (error) {
      if (error instanceof DynamoError) return undefined;
      throw error;
    }
  }

  /** Rewrites a table's record under dynalite's table lock (stream settings, an index added in place). */
  updateTable(name: string, change: (table: TableRecord) => TableRecord): Promise<TableRecord> {
    const tableDb = this.store.tableDb;
    return new Promise((resolve, reject) => {
      tableDb.lock(name, (release) => {
        const done = release((error: unknown, table?: TableRecord) => (error ? reject(asDynamoError(error)) : resolve(table!)));
        this.store.getTable(name, false, (error, table) => {
          if (error || !table) return done(error ?? new Error(`no table ${name}`));
          const changed = change(table);
          tableDb.put(name, changed, (putError) => done(putError, changed));
        });
      });
    });
  }

  /**
   * Deletes a table with its items, indexes and tags, and answers its last description (TableStatus DELETING,
   * as DeleteTable's answer has it). dynalite's own DeleteTable answers first and drops the table's record on a
   * timer afterwards: a DescribeTable or CreateTable right after it could still find the table (under load, it
   * did). Here the table is gone when the promise settles.
   */
  deleteTable(name: string): Promise<TableRecord> {
    const store = this.store;
    return new Promise((resolve, reject) => {
      store.tableDb.lock(name, (release) => {
        const done = release((error: unknown, table?: TableRecord) => (error ? reject(asDynamoError(error)) : resolve(table!)));
        store.getTable(name, false, (error, table) => {
          if (error || !table) return done(error ?? new Error(`no table ${name}`));
          if (table.TableStatus === 'CREATING' || table.TableStatus === 'DELETING') {
            return done(new DynamoError({ __type: 'com.amazonaws.dynamodb.v20120810#ResourceInUseException', message: `Attempt to change a resource which is still in use: Table is being ${table.TableStatus === 'CREATING' ? 'created' : 'deleted'}: ${name}` }));
          }
          const indexes = [
            ...(table.LocalSecondaryIndexes ?? []).map((index) => ['Local', index.IndexName] as const),
            ...(table.GlobalSecondaryIndexes ?? []).map((index) => ['Global', index.IndexName] as const),
          ];
          const steps: Array<(cb: Callback<void>) => void> = [
            (cb) => store.deleteItemDb(name, cb),
            (cb) => store.deleteTagDb(name, cb),
            ...indexes.map(([kind, indexName]) => (cb: Callback<void>) => store.deleteIndexDb(kind, name, indexName as string, cb)),
            (cb) => store.tableDb.del(name, cb),
          ];
          const next = (at: number): void => {
            if (at === steps.length) {
              // As dynalite's (and DynamoDB's) answer: the description as deletion begins, without the indexes.
              const { GlobalSecondaryIndexes: _indexes, ...rest } = table;
              return done(null, { ...rest, TableStatus: 'DELETING' } as TableRecord);
            }
            steps[at]((stepError) => (stepError ? done(stepError) : next(at + 1)));
          };
          next(0);
        });
      });
    });
  }

  /** dynalite's storage key of an item (or a key) in a table; throws when key attributes are missing. */
  storageKey(item: Item, table: TableRecord): string {
    return this.dynalite.db.createKey(item, table);
  }

  async item(tableName: string, storageKey: string): Promise<Item | undefined> {
    const value = await callback<unknown>((cb) => this.store.getItemDb(tableName).get(storageKey, cb)).catch((error: Error) => {
      if (error.name === 'NotFoundError') return undefined;
      throw error;
    });
    return (value ?? undefined) as Item | undefined;
  }

  /** Every item of a table, in key order (TTL sweeps, the item viewer). */
  async items(tableName: string, limit?: number): Promise<Item[]> {
    const prefix = `item-${tableName}~`;
    return (await this.store.db.values({ gte: prefix, lt: `${prefix}\xff`, ...(limit !== undefined ? { limit } : {}) }).all()) as Item[];
  }

  /** A condition (already parsed by `prepare`) against an item: the ConditionalCheckFailed error, or undefined. */
  conditionFailure(data: Json, existing: Item | undefined): DynamoError | undefined {
    const failure = this.dynalite.db.checkConditional(data, existing);
    return failure ? (asDynamoError(failure) as DynamoError) : undefined;
  }

  itemSize(item: Item): number {
    return this.dynalite.db.itemSize(item);
  }

  /** Fills a new index of a table from the items already in it (dynalite's UpdateTable cannot add one). */
  async indexItems(table: TableRecord): Promise<void> {
    for (const item of await this.items(table.TableName)) {
      await callback<void>((cb) => this.dynalite.db.updateIndexes(this.store, table, null, item, cb));
    }
  }

  /** Lambkin's own records beside dynalite's (stream records, TTL settings), under a `lambkin-` prefix. */
  get level(): Level {
    return this.store.db;
  }

  close(): Promise<void> {
    const manager = this.store.lifecycleManager;
    if (!manager) return Promise.resolve();
    return new Promise((resolve) => manager.gracefulClose(() => resolve()));
  }
}
