// The functions' `Type: DynamoDB` events as running pollers (runtime/event-sources/mappings/): one per event,
// reading its table's stream through a ShardSource over the stream log; rebuilt when the template changes
// (a poller whose settings did not change keeps running and its place).
import { CheckpointFile } from '../../event-sources/mappings/checkpoint-file';
import type { MappingStatus } from '../../event-sources/mappings/status';
import { StreamPoller, type ShardSource } from '../../event-sources/mappings/stream-poller';
import { mappingUuid, readStreamMappingSettings } from '../../event-sources/mappings/stream-settings';
import { functionArnOf } from '../../template/local-values';
import type { FunctionConfig } from '../../template/model';
import type { ServiceContext } from '../service';
import { lambdaRecord } from './record-shapes';
import type { StreamLog } from './stream-log';
import { shardIdOf } from './streams-api';

function shardSource(streams: StreamLog, tableName: string, streamArn: string, ctx: ServiceContext): ShardSource {
  return {
    streamArn,
    shardId: shardIdOf(tableName),
    after: (sequence, limit) => streams.after(tableName, sequence, limit).map((record) => ({
      sequence: record.sequence, createdAt: record.createdAt, event: lambdaRecord(record, ctx.scope, streamArn),
    })),
    countAfter: (sequence) => streams.countAfter(tableName, sequence),
    latest: () => streams.current,
    subscribe: (listener) => streams.subscribe((name) => {
      if (name === tableName) listener();
    }),
  };
}

export class StreamMappings {
  private readonly pollers = new Map<string, { poller: StreamPoller; signature: string }>();

  constructor(
    private readonly ctx: ServiceContext,
    private readonly streams: StreamLog,
    private readonly checkpoints: CheckpointFile,
    /** The ARN of a table's stream while it is on. */
    private readonly streamOf: (tableName: string) => Promise<string | undefined>,
  ) {}

  static checkpointFile(folder: string, ctx: ServiceContext): CheckpointFile {
    return new CheckpointFile(`${folder}/mappings.json`, (message) => ctx.log('warn', message));
  }

  async sync(functions: readonly FunctionConfig[]): Promise<void> {
    const wanted = new Map<string, { fn: FunctionConfig; eventName: string; properties: Record<string, unknown> }>();
    for (const fn of functions) {
      for (const event of fn.events) if (event.type === 'DynamoDB') wanted.set(mappingUuid(fn.name, event.name), { fn, eventName: event.name, properties: event.properties });
    }
    for (const [uuid, entry] of this.pollers) {
      const next = wanted.get(uuid);
      if (!next || JSON.stringify(next.properties) !== entry.signature) {
        await entry.poller.stop();
        this.pollers.delete(uuid);
      }
    }
    for (const [uuid, { fn, eventName, properties }] of wanted) {
      if (this.pollers.has(uuid)) continue;
      // The template check already reported what is wrong at its line; a mapping that cannot run is left out.
      const settings = readStreamMappingSettings(properties, () => undefined);
      if (!settings) continue;
      const tableName = /:table\/([^/]+)\/stream\//.exec(settings.streamArn)?.[1] ?? '';
      if ((await this.streamOf(tableName)) !== settings.streamArn) {
        this.ctx.log('warn', `DynamoDB stream mapping ${eventName} of ${fn.name}: ${settings.streamArn} is not the stream of a local table (the table needs a StreamSpecification); nothing will be delivered until it is.`);
      }
      const poller = new StreamPoller({ uuid, functionName: fn.name, eventName }, settings, shardSource(this.streams, tableName, settings.streamArn, this.ctx), this.checkpoints, {
        invoke: (name, payload, options) => this.ctx.invoke(name, payload, options),
        deliver: (arn, delivery) => this.ctx.deliver(arn, delivery),
        log: (level, message) => this.ctx.log(level, message),
        functionArn: (name) => functionArnOf(name, this.ctx.scope),
        now: Date.now,
      });
      this.pollers.set(uuid, { poller, signature: JSON.stringify(properties) });
      await poller.start();
    }
    await this.checkpoints.forget(new Set(wanted.keys()));
  }

  statuses(): MappingStatus[] {
    return [...this.pollers.values()].map((entry) => entry.poller.status());
  }

  async stop(): Promise<void> {
    await Promise.all([...this.pollers.values()].map((entry) => entry.poller.stop()));
    this.pollers.clear();
    await this.checkpoints.flushed();
  }
}
