// What an execution environment's Runtime API server is asked to do, and what it hands back.
// The server speaks Lambda's Runtime API (2018-06-01) to whatever program runs in the environment.

/** One invocation queued for the environment's runtime to pick up from `/runtime/invocation/next`. */
export interface RuntimeInvocation {
  requestId: string;
  payload: Buffer;
  /** Epoch ms; `Lambda-Runtime-Deadline-Ms`. */
  deadlineMs: number;
  invokedFunctionArn: string;
  /** `Root=1-…;Parent=…;Sampled=…`. */
  traceId: string;
  /** JSON text (already decoded from the Invoke API's base64 `X-Amz-Client-Context`). */
  clientContext?: string;
  cognitoIdentity?: string;
  contentType?: string;
}

export type RuntimeOutcome =
  /** `/response`, buffered or streamed (streamed bodies are collected; `streamed` says which). */
  | { kind: 'response'; payload: Buffer; contentType?: string; streamed: boolean }
  /** `/error`, or a streamed response that ended with error trailers. */
  | { kind: 'error'; errorType: string; payload: Buffer }
  /** The runtime posted more than Lambda's 6 MB response limit. */
  | { kind: 'too-large' };

export interface InitErrorReport {
  errorType: string;
  payload: Buffer;
}

export interface StreamObserver {
  /** Called once when a streamed response begins, with its content type. */
  onStart?(contentType: string): void;
  onChunk?(chunk: Buffer): void;
}
