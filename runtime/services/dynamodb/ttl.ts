// Time to live: a table with TTL on loses the items whose TTL attribute (a Number, epoch seconds) has
// passed. AWS deletes them within days; locally a sweep every few seconds deletes them, each as a REMOVE
// stream record by the service (`userIdentity` dynamodb.amazonaws.com), as TTL deletions are on AWS.
import type { DynaliteEngine, Item } from './engine';
import { DynamoError } from './engine';
import type { Tables } from './tables';
import type { WriteCapture } from './writes';

export const TTL_SWEEP_MS = 2_000;

/** Epoch seconds of an item's expiry; undefined when the attribute is missing or not a Number (never expires). */
function expiryOf(item: Item, attribute: string): number | undefined {
  const value = item[attribute]?.N;
  if (typeof value !== 'string') return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : undefined;
}

export class TtlSweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly engine: DynaliteEngine,
    private readonly tables: Tables,
    private readonly capture: WriteCapture,
    private readonly log: (level: 'warn', message: string) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(intervalMs = TTL_SWEEP_MS): void {
    this.timer = setInterval(() => {
      this.sweeping = this.sweeping.then(async () => { await this.sweep(); }).catch((error: unknown) => this.log('warn', `DynamoDB TTL sweep failed: ${error instanceof Error ? error.message : String(error)}`));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  /** Deletes every expired item of every table with TTL on; answers how many. */
  async sweep(): Promise<number> {
    let deleted = 0;
    const names = (await this.engine.level.keys({ gte: 'lambkin-ttl~', lt: 'lambkin-ttl~\xff' }).all()).map((key) => key.slice('lambkin-ttl~'.length));
    for (const name of names) {
      const ttl = await this.tables.timeToLive(name);
      const table = await this.engine.table(name);
      if (!ttl?.Enabled || !table) continue;
      const nowSeconds = this.now() / 1000;
      for (const item of await this.engine.items(name)) {
        const expiry = expiryOf(item, ttl.AttributeName);
        if (expiry === undefined || expiry > nowSeconds) continue;
        const key = Object.fromEntries(table.KeySchema.map((part) => [part.AttributeName, item[part.AttributeName]]));
        // Only if the item still carries the expiry we read: a writer may have extended it meanwhile.
        const data = this.engine.prepare('DeleteItem', {
          TableName: name, Key: key, ConditionExpression: '#ttl = :expiry',
          ExpressionAttributeNames: { '#ttl': ttl.AttributeName }, ExpressionAttributeValues: { ':expiry': item[ttl.AttributeName] },
        });
        try {
          await this.capture.run([{ tableName: name, keySource: key }], () => this.engine.execute('DeleteItem', data), true);
          deleted += 1;
        } catch (error) {
          if (!(error instanceof DynamoError)) throw error;
        }
      }
    }
    return deleted;
  }
}
