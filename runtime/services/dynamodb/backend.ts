// What DynamoDB and DynamoDB Streams share: one dynalite store in `dynamodb/`, the stream log in it, the
// tables' settings, the TTL sweeper and the stream mappings. Opened once; both services wait for it.
import { resourcesOfKind } from '../../template/resources/model';
import type { LocalModel, ServiceContext } from '../service';
import { dropTable, type DynamoParts } from './api';
import { DynaliteEngine } from './engine';
import { StreamLog } from './stream-log';
import { StreamMappings } from './stream-mappings';
import { Tables } from './tables';
import { TtlSweeper } from './ttl';
import { TableLocks, WriteCapture } from './writes';

export class DynamoBackend {
  /** Tables the last sync found gone from the template, still holding their items. */
  removedTables: readonly string[] = [];

  private constructor(
    readonly parts: DynamoParts,
    readonly ttl: TtlSweeper,
    readonly mappings: StreamMappings,
    private readonly ctx: ServiceContext,
  ) {}

  static async open(ctx: ServiceContext): Promise<DynamoBackend> {
    const folder = ctx.dataFolder('dynamodb');
    const engine = DynaliteEngine.open(folder);
    const streams = await StreamLog.open(engine);
    const capture = new WriteCapture(engine, streams, new TableLocks());
    const tables = new Tables(engine, ctx.scope);
    const ttl = new TtlSweeper(engine, tables, capture, (level, message) => ctx.log(level, message));
    ttl.start();
    const streamOf = async (name: string) => {
      const table = await engine.table(name);
      return table?.StreamSpecification?.StreamEnabled ? table.LatestStreamArn : undefined;
    };
    const mappings = new StreamMappings(ctx, streams, StreamMappings.checkpointFile(folder, ctx), streamOf);
    return new DynamoBackend({ engine, tables, streams, capture, scope: ctx.scope }, ttl, mappings, ctx);
  }

  /** What to tell the user when the store is in memory (LevelDB could not load), else undefined. */
  get persistenceWarning(): string | undefined {
    const persistence = this.parts.engine.persistence;
    if (persistence.kind === 'disk') return undefined;
    return `The local DynamoDB keeps its tables in memory: LevelDB could not load on this machine (${persistence.reason}). Items will not survive a restart of the runtime.`;
  }

  /** Tables first (a mapping reads a table's stream), then the mappings. */
  async sync(model: LocalModel): Promise<void> {
    const report = await this.parts.tables.sync(resourcesOfKind(model.resources, 'table'));
    for (const name of report.created) this.ctx.log('info', `DynamoDB table ${name} created.`);
    for (const name of report.changed) this.ctx.log('info', `DynamoDB table ${name} changed to follow the template.`);
    this.removedTables = report.removed;
    for (const name of report.removed) {
      this.ctx.log('warn', `DynamoDB table ${name} is no longer in the template; its items are kept. Drop it with \`lambkin start --prune\` or from VS Code's Resources view.`);
    }
    await this.mappings.sync(model.functions);
  }

  /** Drops a table the template no longer declares, with its items and stream. */
  async drop(name: string): Promise<void> {
    if (!(await this.parts.engine.table(name))) return;
    await dropTable(this.parts, name);
    this.removedTables = this.removedTables.filter((entry) => entry !== name);
  }

  /** Empties one table (or every table) and its stream; the tables themselves stay. */
  async reset(tableName?: string): Promise<void> {
    await emptyTables(this.parts.engine, this.parts.streams, this.parts.capture.locks, tableName);
  }

  async close(): Promise<void> {
    await this.mappings.stop();
    await this.ttl.stop();
    await this.parts.engine.close();
  }
}

/** Deletes the items and stream records of one table (or all), leaving the tables: a running backend's reset, or `lambkin data reset --table`. */
export async function emptyTables(engine: DynaliteEngine, streams: StreamLog, locks: TableLocks, tableName?: string): Promise<void> {
  const names = tableName ? [tableName] : (await engine.level.keys({ gte: 'table~', lt: 'table~\xff' }).all()).map((key) => key.slice('table~'.length));
  for (const name of names) {
    const table = await engine.table(name);
    if (!table) throw new Error(`There is no DynamoDB table ${name}.`);
    await locks.hold([name], async () => {
      for (const item of await engine.items(name)) {
        const key = Object.fromEntries(table.KeySchema.map((part) => [part.AttributeName, item[part.AttributeName]]));
        await engine.execute('DeleteItem', engine.prepare('DeleteItem', { TableName: name, Key: key }));
      }
    });
    await streams.forget(name);
  }
}

/** `lambkin data reset --table NAME` with no runtime running: opens the store, empties the table, closes it. */
export async function emptyTableOnDisk(folder: string, tableName: string): Promise<void> {
  const engine = DynaliteEngine.open(folder);
  // Where LevelDB cannot load, tables live only in a running runtime's memory: none are on disk to empty.
  if (engine.persistence.kind === 'memory') {
    await engine.close();
    throw new Error(`LevelDB cannot load on this machine (${engine.persistence.reason}), so DynamoDB tables live in the runtime's memory and none is kept on disk: there is nothing to reset (restarting the runtime empties its tables).`);
  }
  try {
    await emptyTables(engine, await StreamLog.open(engine), new TableLocks(), tableName);
  } finally {
    await engine.close();
  }
}
