// Lambda's poller for one shard of a stream (a DynamoDB table's, later Kinesis'): reads records after its
// checkpoint, drops those the FilterCriteria rejects, gathers a batch (BatchSize, MaximumBatchingWindow),
// invokes the function synchronously with one batch in flight, and moves the checkpoint only past what
// succeeded, was filtered out, or was given up on (MaximumRetryAttempts, MaximumRecordAgeInSeconds, to the
// OnFailure destination). A failing batch holds its shard and nothing else. Checkpoints persist, so a
// restart neither loses nor repeats a delivered record.
import { randomUUID } from 'node:crypto';
import type { AsyncInvokeOptions, Delivery, SyncInvokeOutcome } from '../../services/service';
import { readBatchResponse } from './batch-response';
import type { MappingStatus } from './status';
import type { StreamMappingSettings } from './stream-settings';

/** One record of the shard, with what the function receives for it. */
export interface ShardRecord {
  sequence: string;
  /** Epoch ms the record was written. */
  createdAt: number;
  /** The element of the event's `Records`. */
  event: Record<string, unknown>;
}

export interface ShardSource {
  readonly streamArn: string;
  readonly shardId: string;
  /** Records after `sequence` (from the oldest kept when undefined), oldest first. */
  after(sequence: string | undefined, limit: number): ShardRecord[];
  /** How many records there are after `sequence` (the mapping's lag). */
  countAfter(sequence: string | undefined): number;
  /** The position LATEST starts from. */
  latest(): string;
  /** Calls `listener` when records are appended; answers the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

/** Where each mapping has read up to: a sequence number, or null for "from the trim horizon". */
export interface CheckpointStore {
  get(uuid: string): string | null | undefined;
  set(uuid: string, sequence: string | null): Promise<void>;
}

export interface PollerHost {
  invoke(functionName: string, payload: Buffer, options: AsyncInvokeOptions): Promise<SyncInvokeOutcome>;
  deliver(targetArn: string, delivery: Delivery): Promise<void>;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  functionArn(functionName: string): string;
  now(): number;
}

export interface PollerIdentity {
  uuid: string;
  functionName: string;
  eventName: string;
}

const MAX_BACKOFF_MS = 5_000;

type Outcome = { kind: 'success' } | { kind: 'partial'; failedAt: number } | { kind: 'failed'; reason: string; functionError?: string; statusCode?: number } | { kind: 'gone'; reason: string };

export class StreamPoller {
  private checkpoint: string | undefined;
  private busy = false;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  /** True while a failed batch waits for its retry: new records do not hurry it. */
  private retrying = false;
  private unsubscribe: (() => void) | undefined;
  private attempts = 0;
  private sizeLimit: number;
  private lastInvokedAt: number | undefined;
  private lastProcessingResult = 'No records processed';
  private lastError: string | undefined;
  private idle: Promise<void> = Promise.resolve();

  constructor(
    readonly identity: PollerIdentity,
    readonly settings: StreamMappingSettings,
    private readonly source: ShardSource,
    private readonly checkpoints: CheckpointStore,
    private readonly host: PollerHost,
  ) {
    this.sizeLimit = settings.batchSize;
  }

  /** Starts reading; a new mapping fixes its starting position first, so a restart does not move it. */
  async start(): Promise<void> {
    const saved = this.checkpoints.get(this.identity.uuid);
    if (saved === undefined) {
      const start = this.settings.startingPosition === 'LATEST' ? this.source.latest() : null;
      await this.checkpoints.set(this.identity.uuid, start);
      this.checkpoint = start ?? undefined;
    } else {
      this.checkpoint = saved ?? undefined;
    }
    if (!this.settings.enabled) return;
    this.unsubscribe = this.source.subscribe(() => this.wake());
    this.wake();
  }

  /** Stops after the batch in flight, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.idle;
  }

  status(): MappingStatus {
    return {
      uuid: this.identity.uuid,
      functionName: this.identity.functionName,
      eventName: this.identity.eventName,
      type: 'DynamoDB',
      eventSourceArn: this.source.streamArn,
      state: this.settings.enabled ? 'Enabled' : 'Disabled',
      batchSize: this.settings.batchSize,
      maximumBatchingWindowInSeconds: this.settings.maximumBatchingWindowInSeconds,
      position: this.checkpoint ?? 'TRIM_HORIZON',
      lag: this.source.countAfter(this.checkpoint),
      ...(this.lastInvokedAt !== undefined ? { lastInvokedAt: this.lastInvokedAt } : {}),
      lastProcessingResult: this.lastProcessingResult,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  /** Runs the loop unless it is running; a wake-up while it runs makes it look again. */
  wake(): void {
    if (this.stopped || this.retrying) return;
    if (this.busy) {
      this.again = true;
      return;
    }
    this.busy = true;
    this.idle = this.loop();
  }

  private async loop(): Promise<void> {
    try {
      do {
        this.again = false;
        while (!this.stopped && (await this.step()));
      } while (this.again && !this.stopped && !this.retrying);
    } catch (error) {
      // A checkpoint that cannot be written, an invoke that throws: said, and tried again, never a crash.
      this.lastError = `The mapping failed: ${error instanceof Error ? error.message : String(error)}`;
      this.host.log('error', `${this.label()}: ${this.lastError}; trying again.`);
      this.later(MAX_BACKOFF_MS, true);
    } finally {
      // In the same turn as the last look for `again`: a wake-up after it finds the loop not busy and starts it.
      this.busy = false;
    }
  }

  /** One batch, or nothing to do; answers whether to go on at once. */
  private async step(): Promise<boolean> {
    const batch: ShardRecord[] = [];
    let skippedTo: string | undefined;
    // Read in chunks: a long backlog is not turned into events all at once for every batch.
    const chunk = Math.max(this.sizeLimit, 100);
    let cursor = this.checkpoint;
    while (batch.length < this.sizeLimit) {
      const records = this.source.after(cursor, chunk);
      for (const record of records) {
        if (batch.length >= this.sizeLimit) break;
        if (this.settings.filter.matches(record.event)) batch.push(record);
        else if (batch.length === 0) skippedTo = record.sequence;
      }
      if (records.length < chunk) break;
      cursor = records[records.length - 1].sequence;
    }
    if (skippedTo !== undefined) await this.advance(skippedTo);
    if (batch.length === 0) return false;
    const windowMs = this.settings.maximumBatchingWindowInSeconds * 1000;
    const waitMs = batch[0].createdAt + windowMs - this.host.now();
    if (windowMs > 0 && batch.length < this.sizeLimit && waitMs > 0 && this.attempts === 0) {
      this.later(waitMs);
      return false;
    }
    const outcome = await this.invoke(batch);
    if (this.stopped) return false;
    if (outcome.kind === 'gone') {
      this.lastError = outcome.reason;
      this.host.log('error', `${this.label()}: ${outcome.reason}; the mapping stops.`);
      this.stopped = true;
      return false;
    }
    if (outcome.kind === 'success') {
      this.succeeded();
      await this.advance(batch[batch.length - 1].sequence);
      return true;
    }
    if (outcome.kind === 'partial' && outcome.failedAt > 0) {
      this.succeeded();
      await this.advance(batch[outcome.failedAt - 1].sequence);
      return true;
    }
    return this.failed(batch, outcome.kind === 'failed' ? outcome : { kind: 'failed', reason: 'the function reported the batch\'s first record as failed' });
  }

  private succeeded(): void {
    this.attempts = 0;
    this.sizeLimit = this.settings.batchSize;
    this.lastProcessingResult = 'OK';
    this.lastError = undefined;
    this.lastInvokedAt = this.host.now();
  }

  private async failed(batch: ShardRecord[], outcome: Extract<Outcome, { kind: 'failed' }>): Promise<boolean> {
    this.attempts += 1;
    this.lastInvokedAt = this.host.now();
    this.lastProcessingResult = 'PROBLEM: Function call failed';
    const { maximumRetryAttempts: retries, maximumRecordAgeInSeconds: maxAge } = this.settings;
    const tooOld = maxAge >= 0 && this.host.now() - batch[0].createdAt > maxAge * 1000;
    if ((retries >= 0 && this.attempts > retries) || tooOld) {
      await this.giveUp(batch, tooOld ? 'RecordAgeExceeded' : 'RetryAttemptsExhausted', outcome);
      return true;
    }
    if (this.settings.bisectBatchOnFunctionError && batch.length > 1) this.sizeLimit = Math.ceil(batch.length / 2);
    const retriesLeft = retries < 0 ? 'retrying until the records expire' : `${retries - this.attempts + 1} retries left`;
    this.lastError = `Batch of ${batch.length} from ${batch[0].sequence} failed (${outcome.reason}); ${retriesLeft}`;
    this.host.log('warn', `${this.label()}: ${this.lastError}.`);
    this.later(Math.min(MAX_BACKOFF_MS, 100 * 2 ** (this.attempts - 1)), true);
    return false;
  }

  /** Moves past a batch Lambda will not retry any more, telling the OnFailure destination about it. */
  private async giveUp(batch: ShardRecord[], condition: 'RetryAttemptsExhausted' | 'RecordAgeExceeded', outcome: Extract<Outcome, { kind: 'failed' }>): Promise<void> {
    const first = batch[0];
    const last = batch[batch.length - 1];
    this.lastError = `Skipped ${batch.length} records from ${first.sequence} (${condition}: ${outcome.reason})`;
    this.host.log('warn', `${this.label()}: ${this.lastError}${this.settings.onFailure ? `; details sent to ${this.settings.onFailure}` : ''}.`);
    if (this.settings.onFailure) {
      const record = {
        requestContext: { requestId: randomUUID(), functionArn: this.host.functionArn(this.identity.functionName), condition, approximateInvokeCount: this.attempts },
        responseContext: { statusCode: outcome.statusCode ?? 200, executedVersion: '$LATEST', functionError: outcome.functionError ?? 'Unhandled' },
        version: '1.0',
        timestamp: new Date(this.host.now()).toISOString(),
        DDBStreamBatchInfo: {
          shardId: this.source.shardId,
          startSequenceNumber: first.sequence,
          endSequenceNumber: last.sequence,
          approximateArrivalOfFirstRecord: new Date(first.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          approximateArrivalOfLastRecord: new Date(last.createdAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          batchSize: batch.length,
          streamArn: this.source.streamArn,
        },
      };
      await this.host.deliver(this.settings.onFailure, { body: JSON.stringify(record), sourceArn: this.source.streamArn }).catch((error: unknown) => {
        this.host.log('error', `${this.label()}: could not send the failure record to ${this.settings.onFailure}: ${error instanceof Error ? error.message : String(error)}.`);
      });
    }
    this.attempts = 0;
    this.sizeLimit = this.settings.batchSize;
    await this.advance(last.sequence);
  }

  private async invoke(batch: ShardRecord[]): Promise<Outcome> {
    const payload = Buffer.from(JSON.stringify({ Records: batch.map((record) => record.event) }));
    const trigger = `DynamoDB stream ${this.identity.eventName}: ${batch.length} record${batch.length === 1 ? '' : 's'}`;
    const outcome = await this.host.invoke(this.identity.functionName, payload, { trigger });
    if (outcome.kind === 'no-such-function') return { kind: 'gone', reason: `function ${this.identity.functionName} is not in the template` };
    if (outcome.kind === 'recursive-loop') return { kind: 'failed', reason: 'a recursive loop was stopped' };
    const result = outcome.result;
    if (result.kind === 'throttled') return { kind: 'failed', reason: `throttled (${result.reason})`, statusCode: 429 };
    if (result.functionError) return { kind: 'failed', reason: `function error${result.errorType ? ` ${result.errorType}` : ''}`, functionError: result.functionError };
    if (!this.settings.reportBatchItemFailures) return { kind: 'success' };
    const answer = readBatchResponse(result.payload.toString('utf8'), batch.map((record) => record.sequence), true);
    if (answer.kind === 'success') return answer;
    if (answer.kind === 'failed') return { kind: 'failed', reason: `malformed batch response: ${answer.reason}` };
    // Lambda resumes from the lowest sequence number reported.
    const failedAt = Math.min(...answer.failed.map((id) => batch.findIndex((record) => record.sequence === id)));
    return { kind: 'partial', failedAt };
  }

  private async advance(sequence: string): Promise<void> {
    this.checkpoint = sequence;
    await this.checkpoints.set(this.identity.uuid, sequence);
  }

  private later(ms: number, retry = false): void {
    if (this.stopped) return;
    if (retry) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = undefined;
      this.retrying = true;
    }
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.retrying = false;
      this.wake();
    }, ms);
  }

  private label(): string {
    return `DynamoDB stream mapping ${this.identity.eventName} of ${this.identity.functionName}`;
  }
}
