// The tables' settings dynalite does not keep (stream, TTL), and the template's tables: created at start,
// changed in place on a reload (an index added, the stream or TTL switched), and the tables a template no
// longer declares reported, not dropped, until the user says so (`--prune`, or the question VS Code asks).
import { LOCAL_STREAM_LABEL, tableStreamArn, type LocalScope } from '../../template/local-values';
import type { TableDefinition, TableResource } from '../../template/resources/model';
import { DynamoError, type DynaliteEngine, type Json, type TableRecord } from './engine';
import type { StreamViewType } from './stream-log';

const TTL_PREFIX = 'lambkin-ttl~';
const TEMPLATE_TABLES = 'lambkin-template-tables';
const STREAM_VIEW_TYPES = new Set(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']);

export interface TimeToLive {
  AttributeName: string;
  Enabled: boolean;
}

/** What a sync did, for the log and for VS Code's question about tables gone from the template. */
export interface TableSyncReport {
  created: string[];
  changed: string[];
  /** Tables made from an earlier template that this one no longer declares (their data is kept). */
  removed: string[];
}

export class Tables {
  constructor(private readonly engine: DynaliteEngine, private readonly scope: LocalScope) {}

  /** The fields a table with a stream carries in DescribeTable (and in dynalite's record of it). */
  streamFields(name: string, viewType: StreamViewType | undefined, enabled = viewType !== undefined): Partial<TableRecord> {
    if (!enabled || !viewType) return { StreamSpecification: { StreamEnabled: false } };
    return { StreamSpecification: { StreamEnabled: true, StreamViewType: viewType }, LatestStreamLabel: LOCAL_STREAM_LABEL, LatestStreamArn: tableStreamArn(name, this.scope) };
  }

  /** Checks a StreamSpecification as CreateTable / UpdateTable take it. */
  readStreamSpecification(value: unknown): { enabled: boolean; viewType?: StreamViewType } | undefined {
    if (value === undefined || value === null) return undefined;
    const spec = value as Json;
    if (typeof spec.StreamEnabled !== 'boolean') throw DynamoError.validation('1 validation error detected: Value null at \'streamSpecification.streamEnabled\' failed to satisfy constraint: Member must not be null');
    if (!spec.StreamEnabled) return { enabled: false };
    if (typeof spec.StreamViewType !== 'string' || !STREAM_VIEW_TYPES.has(spec.StreamViewType)) {
      throw DynamoError.validation('One or more parameter values were invalid: You must specify a StreamViewType when you enable a stream (KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES)');
    }
    return { enabled: true, viewType: spec.StreamViewType as StreamViewType };
  }

  async setStream(name: string, viewType: StreamViewType | undefined): Promise<TableRecord> {
    return this.engine.updateTable(name, (table) => {
      const { StreamSpecification: _spec, LatestStreamLabel: label, LatestStreamArn: arn, ...rest } = table;
      // A disabled stream keeps its ARN in DescribeTable, as on AWS (its records stay readable for 24 hours).
      return { ...rest, ...(label ? { LatestStreamLabel: label, LatestStreamArn: arn } : {}), ...this.streamFields(name, viewType) } as TableRecord;
    });
  }

  async timeToLive(name: string): Promise<TimeToLive | undefined> {
    return ((await this.engine.level.get(TTL_PREFIX + name)) ?? undefined) as TimeToLive | undefined;
  }

  async setTimeToLive(name: string, ttl: TimeToLive | undefined): Promise<void> {
    if (ttl) await this.engine.level.put(TTL_PREFIX + name, ttl);
    else await this.engine.level.del(TTL_PREFIX + name);
  }

  /** Creates a table (from the template or CreateTable) and waits until it is ACTIVE. */
  async create(request: Json, viewType: StreamViewType | undefined): Promise<Json> {
    const data = this.engine.prepare('CreateTable', request);
    if (viewType) Object.assign(data, this.streamFields(data.TableName as string, viewType));
    const result = await this.engine.execute('CreateTable', data);
    await this.untilActive(data.TableName as string);
    return result;
  }

  /** Adds indexes to a table in place, filling them from its items (dynalite's UpdateTable cannot). */
  async addIndexes(name: string, definitions: readonly Json[], indexes: readonly Json[]): Promise<TableRecord> {
    const updated = await this.engine.updateTable(name, (table) => {
      const known = new Set(table.AttributeDefinitions.map((definition) => definition.AttributeName));
      const added = definitions.filter((definition) => !known.has(definition.AttributeName as string));
      const made = indexes.map((index) => ({
        ...index,
        IndexArn: `${table.TableArn as string}/index/${index.IndexName as string}`,
        IndexSizeBytes: 0,
        ItemCount: 0,
        IndexStatus: 'ACTIVE',
        ProvisionedThroughput: { ReadCapacityUnits: 0, WriteCapacityUnits: 0, NumberOfDecreasesToday: 0 },
      }));
      return { ...table, AttributeDefinitions: [...table.AttributeDefinitions, ...added] as TableRecord['AttributeDefinitions'], GlobalSecondaryIndexes: [...(table.GlobalSecondaryIndexes ?? []), ...made] };
    });
    await this.engine.indexItems(updated);
    return updated;
  }

  /** Brings the tables in line with the template. */
  async sync(resources: readonly TableResource[]): Promise<TableSyncReport> {
    const report: TableSyncReport = { created: [], changed: [], removed: [] };
    for (const resource of resources) {
      const existing = await this.engine.table(resource.name);
      if (!existing) {
        await this.create(createRequest(resource.name, resource.table), resource.table.StreamViewType);
        report.created.push(resource.name);
      } else if (await this.change(existing, resource.table)) {
        report.changed.push(resource.name);
      }
      const ttl = resource.table.TimeToLiveAttribute;
      const current = await this.timeToLive(resource.name);
      if (ttl && (current?.AttributeName !== ttl || !current.Enabled)) await this.setTimeToLive(resource.name, { AttributeName: ttl, Enabled: true });
    }
    const declared = resources.map((resource) => resource.name);
    const before = ((await this.engine.level.get(TEMPLATE_TABLES)) ?? []) as string[];
    for (const name of before) if (!declared.includes(name) && (await this.engine.table(name))) report.removed.push(name);
    await this.engine.level.put(TEMPLATE_TABLES, [...new Set([...declared, ...report.removed])]);
    return report;
  }

  /** Forgets that a table came from the template (it was dropped, or the user chose to keep it as is). */
  async forgetTemplateTable(name: string): Promise<void> {
    const before = ((await this.engine.level.get(TEMPLATE_TABLES)) ?? []) as string[];
    await this.engine.level.put(TEMPLATE_TABLES, before.filter((entry) => entry !== name));
  }

  private async change(existing: TableRecord, wanted: TableDefinition): Promise<boolean> {
    let changed = false;
    const have = new Set((existing.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName as string));
    const added = wanted.GlobalSecondaryIndexes.filter((index) => !have.has(index.IndexName));
    if (added.length > 0) {
      await this.addIndexes(existing.TableName, wanted.AttributeDefinitions, added as unknown as Json[]);
      changed = true;
    }
    const viewType = existing.StreamSpecification?.StreamEnabled ? existing.StreamSpecification.StreamViewType : undefined;
    if (viewType !== wanted.StreamViewType) {
      await this.setStream(existing.TableName, wanted.StreamViewType);
      changed = true;
    }
    return changed;
  }

  private async untilActive(name: string): Promise<void> {
    // dynalite flips a new table to ACTIVE on a zero-delay timer; writes before that would not find it.
    for (let attempt = 0; attempt < 400; attempt++) {
      if ((await this.engine.table(name))?.TableStatus === 'ACTIVE') return;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

/** The CreateTable request for a template's table (on demand: capacity is not a local concern). */
export function createRequest(name: string, table: TableDefinition): Json {
  return {
    TableName: name,
    AttributeDefinitions: table.AttributeDefinitions,
    KeySchema: table.KeySchema,
    BillingMode: 'PAY_PER_REQUEST',
    ...(table.GlobalSecondaryIndexes.length > 0 ? { GlobalSecondaryIndexes: table.GlobalSecondaryIndexes } : {}),
    ...(table.LocalSecondaryIndexes.length > 0 ? { LocalSecondaryIndexes: table.LocalSecondaryIndexes } : {}),
  };
}
