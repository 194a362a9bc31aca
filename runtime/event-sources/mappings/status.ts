// What an event source mapping (a poller that feeds a function from a stream or a queue) says about itself:
// for Lambda's ListEventSourceMappings, the CLI, and the function's node in VS Code.

export interface MappingStatus {
  /** Stable across restarts: derived from the function and the event's name in the template. */
  uuid: string;
  functionName: string;
  /** The SAM event's name under the function's `Events`. */
  eventName: string;
  /** `DynamoDB`, `SQS`, `Kinesis`. */
  type: string;
  eventSourceArn: string;
  /** Lambda's State: `Enabled`, `Disabled`, or `Creating` while the source does not exist yet. */
  state: 'Enabled' | 'Disabled' | 'Creating';
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  /** Where the mapping reads now, in the source's own terms (a shard's sequence number, `TRIM_HORIZON`, …). */
  position?: string;
  /** Records or messages waiting (stream records behind the checkpoint, visible messages). */
  lag?: number;
  /** Epoch ms of the last batch handed to the function. */
  lastInvokedAt?: number;
  /** Lambda's LastProcessingResult: `OK`, `PROBLEM: Function call failed`, `No records processed`. */
  lastProcessingResult: string;
  /** The last error, as a user should read it (retries left, record age), until a batch succeeds. */
  lastError?: string;
}

/** Services that run mappings (DynamoDB streams, SQS) report them through this. */
export interface MappingSource {
  mappings(): MappingStatus[];
}
