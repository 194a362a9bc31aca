// What every local AWS service is to the endpoint and to the runtime: it answers the requests the router
// sends it, follows the template (resources created, changed, removed on reload), may accept messages from
// other services (an S3 notification to a queue, an SNS fan-out), and closes cleanly.
import type * as http from 'node:http';
import type { InvokeResult } from '../invoke/invocation';
import type { InvocationChain, LoopService } from '../event-sources/recursion';
import type { LocalScope } from '../template/local-values';
import type { FunctionConfig } from '../template/model';
import type { LocalResource } from '../template/resources/model';
import type { MappingStatus } from '../event-sources/mappings/status';
import type { SignatureReading } from './endpoint/sigv4';

export type ServiceId = 's3' | 'dynamodb' | 'dynamodbstreams' | 'sqs' | 'sns' | 'events' | 'scheduler' | 'lambda';

/** One request the router has assigned to a service. */
export interface ServiceRequest {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  /** The request URL, relative to the endpoint (`http://<host>/path?query`). */
  url: URL;
  /** Fresh for every request; services answer with it (`x-amzn-RequestId`, `x-amz-request-id`). */
  requestId: string;
  /** The SigV4 signature as read (not verified). */
  signature: SignatureReading;
  /** The operation named by `X-Amz-Target` (`DynamoDB_20120810.PutItem` → `PutItem`), for JSON protocols. */
  operation?: string;
  /** The invocation chain the request was made in (a function calling AWS), for loop detection. */
  chain?: InvocationChain;
}

/** The template's part the services follow: every function (for triggers) and every local resource. */
export interface LocalModel {
  functions: readonly FunctionConfig[];
  resources: readonly LocalResource[];
}

/** A message handed from one service to another (a queue, a topic, a function), by the target's ARN. */
export interface Delivery {
  /** The message body: an SQS body, an SNS Message, a function's event payload. */
  body: string;
  /** Message attributes in SQS's shape (SNS converts its own), when any. */
  attributes?: Record<string, { DataType: string; StringValue?: string; BinaryValue?: string }>;
  /** SNS Subject. */
  subject?: string;
  /** FIFO queues and topics. */
  messageGroupId?: string;
  deduplicationId?: string;
  /** The chain the message was caused in (loop detection). */
  chain?: InvocationChain;
  /** Who sends it, for messages and logs (`arn:aws:sns:…:topic`). */
  sourceArn?: string;
}

export interface AsyncInvokeOptions {
  /** The chain the event was caused in; undefined for an event that no invocation caused. */
  chain?: InvocationChain;
  /** The service the event comes through, when Lambda tracks loops through it. */
  via?: LoopService;
  /** What caused the invocation, for logs and the extension (`S3 uploads: ObjectCreated:Put a.jpg`). */
  trigger?: string;
}

export type SyncInvokeOutcome = { kind: 'invoked'; result: InvokeResult } | { kind: 'no-such-function' } | { kind: 'recursive-loop' };

export type AsyncInvokeOutcome = { accepted: true; requestId: string } | { accepted: false; reason: 'no-such-function' | 'recursive-loop' };

/** What the runtime lends the services. */
export interface ServiceContext {
  scope: LocalScope;
  /** A data folder of the service's own (`s3`, `dynamodb`, …), created on first use, kept across restarts. */
  dataFolder(name: string): string;
  log(level: 'info' | 'warn' | 'error', message: string): void;
  /** Lambda's asynchronous invoke (S3 and SNS notifications, EventBridge, schedules), with loop detection. */
  invokeAsync(functionName: string, payload: Buffer, options?: AsyncInvokeOptions): AsyncInvokeOutcome;
  /** A synchronous invoke, as event source mappings make it, with loop detection when `options.via` says so. */
  invoke(functionName: string, payload: Buffer, options?: AsyncInvokeOptions): Promise<SyncInvokeOutcome>;
  /** Hands a message to the queue, topic, bus or function named by `targetArn`; rejects when there is no such target. */
  deliver(targetArn: string, delivery: Delivery): Promise<void>;
}

/** Builds a service (or the services sharing one engine, as DynamoDB and DynamoDB Streams do). */
export type ServiceFactory = (ctx: ServiceContext) => LocalService | LocalService[];

export interface LocalService {
  readonly id: ServiceId;
  /** Answers one request (never throws: a failure becomes the service's own error response). */
  handle(request: ServiceRequest): Promise<void>;
  /** Brings the service in line with the template: at start and after every reload. */
  sync(model: LocalModel): Promise<void>;
  /** Accepts a message for one of its resources (a queue, a topic), when the service has such targets. */
  accept?(targetArn: string, delivery: Delivery): Promise<void>;
  /** Answers a call from the extension (see protocol/service-calls.ts); rejects an unknown call with a clear error. */
  call?(call: string, params: unknown): Promise<unknown>;
  /**
   * Forgets its data (all of it, or one resource's, by name) and recreates the template's resources empty,
   * without a restart: `lambkin data reset` for a running runtime.
   */
  reset?(resource?: string): Promise<void>;
  /** The event source mappings the service runs (DynamoDB streams, SQS queues), for the UI and the Lambda API. */
  mappings?(): MappingStatus[];
  close(): Promise<void>;
}
