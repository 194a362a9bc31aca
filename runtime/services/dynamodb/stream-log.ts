// The tables' streams: every effective write becomes one record, kept 24 hours in the same LevelDB store as
// the items (so a restart keeps them), in memory too for the readers (the Streams API, event source
// mappings), who are told when a table's stream grows. One shard per table, sequence numbers increasing
// across every table and every restart.
import { randomHex } from '../../events/ids';
import type { Item } from './engine';
import type { DynaliteEngine } from './engine';

export type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';
export type StreamEventName = 'INSERT' | 'MODIFY' | 'REMOVE';

/** DynamoDB keeps stream records 24 hours. */
export const STREAM_RETENTION_MS = 24 * 60 * 60 * 1000;
const PREFIX = 'lambkin-stream~';
/** Sequence numbers are 21+ digit strings: 10^20 plus microseconds-ish of the epoch, always increasing. */
const SEQUENCE_BASE = 10n ** 20n;
export const FIRST_SEQUENCE = SEQUENCE_BASE.toString();

export interface StreamRecord {
  sequence: string;
  eventID: string;
  eventName: StreamEventName;
  tableName: string;
  /** Epoch ms of the write. */
  createdAt: number;
  keys: Item;
  newImage?: Item;
  oldImage?: Item;
  sizeBytes: number;
  viewType: StreamViewType;
  /** Set for deletions by TTL. */
  byService?: boolean;
}

/** One effective write, before it is numbered. */
export interface ItemChange {
  tableName: string;
  keys: Item;
  oldItem?: Item;
  newItem?: Item;
  viewType: StreamViewType;
  byService?: boolean;
}

export type StreamListener = (tableName: string) => void;

function storageKey(tableName: string, sequence: string): string {
  return `${PREFIX}${tableName}~${sequence.padStart(40, '0')}`;
}

export class StreamLog {
  private readonly records = new Map<string, StreamRecord[]>();
  private readonly listeners = new Set<StreamListener>();
  private lastSequence = SEQUENCE_BASE;

  private constructor(private readonly engine: DynaliteEngine, private readonly now: () => number) {}

  static async open(engine: DynaliteEngine, now: () => number = Date.now): Promise<StreamLog> {
    const log = new StreamLog(engine, now);
    const stored = (await engine.level.values({ gte: PREFIX, lt: `${PREFIX}\xff` }).all()) as StreamRecord[];
    for (const record of stored) {
      log.recordsOf(record.tableName).push(record);
      const sequence = BigInt(record.sequence);
      if (sequence > log.lastSequence) log.lastSequence = sequence;
    }
    await log.trim();
    return log;
  }

  /** Numbers, stores and announces the records of one write (several for a batch or a transaction). */
  async append(changes: readonly ItemChange[]): Promise<StreamRecord[]> {
    if (changes.length === 0) return [];
    const createdAt = this.now();
    const made = changes.map((change) => this.recordOf(change, createdAt));
    await this.engine.level.batch(made.map((record) => ({ type: 'put', key: storageKey(record.tableName, record.sequence), value: record })));
    for (const record of made) this.recordsOf(record.tableName).push(record);
    for (const tableName of new Set(made.map((record) => record.tableName))) for (const listener of this.listeners) listener(tableName);
    return made;
  }

  /** The table's records (oldest first) after `afterSequence` (from the oldest kept when undefined). */
  after(tableName: string, afterSequence: string | undefined, limit = Number.POSITIVE_INFINITY): StreamRecord[] {
    const all = this.records.get(tableName) ?? [];
    const from = afterSequence === undefined ? 0 : firstAfter(all, BigInt(afterSequence));
    return all.slice(from, Number.isFinite(limit) ? from + limit : undefined);
  }

  countAfter(tableName: string, afterSequence: string | undefined): number {
    const all = this.records.get(tableName) ?? [];
    return afterSequence === undefined ? all.length : all.length - firstAfter(all, BigInt(afterSequence));
  }

  /** The newest record's sequence number, if the table's stream has any. */
  latest(tableName: string): string | undefined {
    const all = this.records.get(tableName);
    return all && all.length > 0 ? all[all.length - 1].sequence : undefined;
  }

  oldest(tableName: string): StreamRecord | undefined {
    return this.records.get(tableName)?.[0];
  }

  count(tableName: string): number {
    return this.records.get(tableName)?.length ?? 0;
  }

  /** The highest sequence number handed out so far (LATEST for a new reader). */
  get current(): string {
    return this.lastSequence.toString();
  }

  subscribe(listener: StreamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Drops records past the retention. */
  async trim(): Promise<void> {
    const cutoff = this.now() - STREAM_RETENTION_MS;
    for (const [tableName, all] of this.records) {
      const keep = all.findIndex((record) => record.createdAt >= cutoff);
      const dropped = keep === -1 ? all.splice(0) : all.splice(0, keep);
      if (dropped.length > 0) await this.engine.level.batch(dropped.map((record) => ({ type: 'del', key: storageKey(tableName, record.sequence) })));
    }
  }

  /** Forgets a table's stream (the table was deleted or reset). */
  async forget(tableName: string): Promise<void> {
    const all = this.records.get(tableName) ?? [];
    this.records.delete(tableName);
    if (all.length > 0) await this.engine.level.batch(all.map((record) => ({ type: 'del', key: storageKey(tableName, record.sequence) })));
  }

  private recordsOf(tableName: string): StreamRecord[] {
    let all = this.records.get(tableName);
    if (!all) this.records.set(tableName, (all = []));
    return all;
  }

  private nextSequence(createdAt: number): string {
    const fromClock = SEQUENCE_BASE + BigInt(createdAt) * 1000n;
    this.lastSequence = fromClock > this.lastSequence ? fromClock : this.lastSequence + 1n;
    return this.lastSequence.toString();
  }

  private recordOf(change: ItemChange, createdAt: number): StreamRecord {
    const eventName: StreamEventName = !change.oldItem ? 'INSERT' : !change.newItem ? 'REMOVE' : 'MODIFY';
    const withNew = change.viewType === 'NEW_IMAGE' || change.viewType === 'NEW_AND_OLD_IMAGES';
    const withOld = change.viewType === 'OLD_IMAGE' || change.viewType === 'NEW_AND_OLD_IMAGES';
    const newImage = withNew ? change.newItem : undefined;
    const oldImage = withOld ? change.oldItem : undefined;
    const sizeBytes = [change.keys, newImage, oldImage].reduce((size, item) => size + (item ? this.engine.itemSize(item) : 0), 0);
    return {
      sequence: this.nextSequence(createdAt),
      eventID: randomHex(32),
      eventName,
      tableName: change.tableName,
      createdAt,
      keys: change.keys,
      ...(newImage ? { newImage } : {}),
      ...(oldImage ? { oldImage } : {}),
      sizeBytes,
      viewType: change.viewType,
      ...(change.byService ? { byService: true } : {}),
    };
  }
}

/** Index of the first record with a sequence number above `sequence` (records are in order). */
function firstAfter(records: readonly StreamRecord[], sequence: bigint): number {
  let low = 0;
  let high = records.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (BigInt(records[middle].sequence) <= sequence) low = middle + 1;
    else high = middle;
  }
  return low;
}
