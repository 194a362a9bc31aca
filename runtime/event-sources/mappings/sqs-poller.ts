// Lambda's SQS poller for one event source mapping: up to MaximumConcurrency batches at once, each gathered
// by long polling until BatchSize messages, the batching window or 6 MB; filtered-out messages deleted; the
// function invoked synchronously; a successful batch deleted, a failed one left to reappear after the
// visibility timeout (and reach the dead-letter queue through redrive), partial failures honoured.
import type { ServiceContext } from '../../services/service';
import type { StoredMessage } from '../../services/sqs/model';
import { chainFromTraceHeader, type InvocationChain } from '../recursion';
import { readBatchResponse } from './batch-response';
import type { SqsMappingConfig } from './sqs-mapping';
import { sqsRecordOf } from './sqs-record';
import type { MappingStatus } from './status';

/** What the poller needs of a queue (the local SQS's Queue). */
export interface PolledQueue {
  readonly arn: string;
  readonly fifo: boolean;
  readonly settings: { visibilityTimeout: number };
  receive(max: number): Array<{ message: StoredMessage; receiptHandle: string }>;
  delete(receiptHandle: string): void;
  changeVisibility(receiptHandle: string, seconds: number): void;
  waitForMessages(timeoutMs: number, signal?: AbortSignal): Promise<void>;
  counts(): { visible: number };
}

/** Lambda's synchronous invocation payload limit. */
const MAX_PAYLOAD = 6 * 1024 * 1024;
const LONG_POLL_MS = 20_000;
/** How often a mapping whose queue does not exist (yet) looks again. */
const MISSING_QUEUE_RETRY_MS = 1_000;

type Batch = Array<{ message: StoredMessage; receiptHandle: string }>;

export class SqsPoller {
  private readonly stop = new AbortController();
  private readonly workers: Array<Promise<void>> = [];
  private lastProcessingResult = 'No records processed';
  private lastError: string | undefined;
  private lastInvokedAt: number | undefined;
  private warnedVisibility = false;

  constructor(readonly config: SqsMappingConfig, private readonly ctx: ServiceContext, private readonly queueOf: (arn: string) => PolledQueue | undefined) {}

  start(): void {
    if (!this.config.enabled) return;
    for (let i = 0; i < this.config.maximumConcurrency; i++) this.workers.push(this.work());
  }

  async close(): Promise<void> {
    this.stop.abort();
    await Promise.all(this.workers);
  }

  status(): MappingStatus {
    const queue = this.queueOf(this.config.queueArn);
    return {
      uuid: this.config.uuid,
      functionName: this.config.functionName,
      eventName: this.config.eventName,
      type: 'SQS',
      eventSourceArn: this.config.queueArn,
      state: !this.config.enabled ? 'Disabled' : queue ? 'Enabled' : 'Creating',
      batchSize: this.config.batchSize,
      maximumBatchingWindowInSeconds: this.config.maximumBatchingWindowInSeconds,
      ...(queue ? { lag: queue.counts().visible } : {}),
      ...(this.lastInvokedAt !== undefined ? { lastInvokedAt: this.lastInvokedAt } : {}),
      lastProcessingResult: this.lastProcessingResult,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    };
  }

  private get stopped(): boolean {
    return this.stop.signal.aborted;
  }

  private async work(): Promise<void> {
    while (!this.stopped) {
      const queue = this.queueOf(this.config.queueArn);
      if (!queue) {
        await delay(MISSING_QUEUE_RETRY_MS, this.stop.signal);
        continue;
      }
      if (queue.settings.visibilityTimeout < this.config.functionTimeout && !this.warnedVisibility) {
        this.warnedVisibility = true;
        this.ctx.log('warn', `SQS mapping ${this.config.eventName} of ${this.config.functionName}: Queue visibility timeout: ${queue.settings.visibilityTimeout} seconds is less than Function timeout: ${this.config.functionTimeout} seconds. Lambda refuses such a mapping; messages may be delivered twice. Raise the queue's VisibilityTimeout (AWS advises six times the function timeout).`);
      }
      try {
        const batch = await this.gather(queue);
        if (batch.length > 0) await this.process(queue, batch);
      } catch (error) {
        this.ctx.log('error', `SQS mapping ${this.config.eventName} of ${this.config.functionName} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        await delay(MISSING_QUEUE_RETRY_MS, this.stop.signal);
      }
    }
  }

  /** Long polls until a batch is ready: full, its window over, or 6 MB; without a window, as soon as messages are there. */
  private async gather(queue: PolledQueue): Promise<Batch> {
    const batch: Batch = [];
    let size = 0;
    let windowEnds: number | undefined;
    while (!this.stopped) {
      const received = queue.receive(this.config.batchSize - batch.length);
      for (const item of received) {
        const bytes = Buffer.byteLength(item.message.body) + 1024;
        if (batch.length > 0 && size + bytes > MAX_PAYLOAD) {
          // Over the payload limit: back to the queue, for the next batch.
          queue.changeVisibility(item.receiptHandle, 0);
          continue;
        }
        size += bytes;
        batch.push(item);
      }
      if (batch.length >= this.config.batchSize || size >= MAX_PAYLOAD * 0.9) return batch;
      if (batch.length > 0) {
        if (this.config.maximumBatchingWindowInSeconds === 0) return batch;
        windowEnds ??= Date.now() + this.config.maximumBatchingWindowInSeconds * 1000;
      }
      const wait = windowEnds === undefined ? LONG_POLL_MS : windowEnds - Date.now();
      if (wait <= 0) return batch;
      await queue.waitForMessages(wait, this.stop.signal);
    }
    return batch;
  }

  private async process(queue: PolledQueue, received: Batch): Promise<void> {
    const source = { queueArn: queue.arn, region: this.ctx.scope.region, fifo: queue.fifo };
    const kept: Batch = [];
    const records = [];
    for (const item of received) {
      const record = sqsRecordOf(item.message, item.receiptHandle, source);
      // As on AWS, a message the filter turns away is deleted, not left for another consumer.
      if (!this.config.filter.matches(record as unknown as Record<string, unknown>)) {
        queue.delete(item.receiptHandle);
        continue;
      }
      kept.push(item);
      records.push(record);
    }
    if (kept.length === 0) return;
    const chain = deepestChain(kept);
    const first = kept[0].message;
    const outcome = await this.ctx.invoke(this.config.functionName, Buffer.from(JSON.stringify({ Records: records })), {
      chain,
      via: 'sqs',
      trigger: `SQS ${queueName(queue.arn)}: ${kept.length} message${kept.length === 1 ? '' : 's'} (${first.id}${kept.length > 1 ? ', …' : ''})`,
    });
    this.lastInvokedAt = Date.now();
    if (outcome.kind === 'no-such-function') return this.failed(`function ${this.config.functionName} is not in the template`);
    if (outcome.kind === 'recursive-loop') return this.failed('Lambda stopped a recursive loop; the messages return after the visibility timeout and go to the dead-letter queue through redrive');
    const result = outcome.result;
    if (result.kind === 'throttled') return this.failed(`the function was throttled (${result.reason}); the messages return after the visibility timeout`);
    if (result.functionError) return this.failed(`the function failed (${result.errorType ?? result.functionError}); ${kept.length} message(s) return after the queue's visibility timeout of ${queue.settings.visibilityTimeout} s`);
    if (!this.config.reportBatchItemFailures) {
      for (const item of kept) queue.delete(item.receiptHandle);
      return this.succeeded();
    }
    const answer = readBatchResponse(result.payload.toString('utf8'), kept.map((item) => item.message.id), true);
    if (answer.kind === 'failed') return this.failed(`the function's batchItemFailures cannot be used (${answer.reason}), so the whole batch failed`);
    const failed = new Set(answer.kind === 'partial' ? answer.failed : []);
    for (const item of kept) if (!failed.has(item.message.id)) queue.delete(item.receiptHandle);
    if (failed.size > 0) return this.failed(`${failed.size} of ${kept.length} message(s) reported as failed; they return after the visibility timeout`);
    this.succeeded();
  }

  private succeeded(): void {
    this.lastProcessingResult = 'OK';
    this.lastError = undefined;
  }

  private failed(reason: string): void {
    this.lastProcessingResult = 'PROBLEM: Function call failed';
    this.lastError = reason;
  }
}

function deepestChain(batch: Batch): InvocationChain | undefined {
  let deepest: InvocationChain | undefined;
  for (const { message } of batch) {
    const chain = chainFromTraceHeader(message.traceHeader);
    if (chain && (!deepest || chain.depth > deepest.depth)) deepest = chain;
  }
  return deepest;
}

function queueName(arn: string): string {
  return arn.slice(arn.lastIndexOf(':') + 1);
}

function delay(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
