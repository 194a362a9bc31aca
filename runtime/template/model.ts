// The function model every part of Lambkin works from: what a SAM / CloudFormation template says
// about one Lambda function, with local paths resolved and defaults applied.

import type { LocalResource } from './resources/model';

export type Architecture = 'x86_64' | 'arm64';
export type LogFormat = 'Text' | 'JSON';

/** A position in a file, 1-based, as editors and the Problems panel show it. */
export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/** A trigger from the function's `Events` (or a FunctionUrlConfig), kept as written for the event sources. */
export interface EventSourceConfig {
  /** The key under `Events`, e.g. `GetItem`. */
  name: string;
  /** SAM event type: `Api`, `HttpApi`, `S3`, `DynamoDB`, `SQS`, `SNS`, `Schedule`, `EventBridgeRule`, `FunctionUrl`, … */
  type: string;
  /** `Properties`, with intrinsics resolved where possible and placeholders elsewhere. */
  properties: Record<string, unknown>;
  location?: SourceLocation;
  /** Where each top-level key of `Properties` is written, for problems about one property. */
  propertyLocations?: Record<string, SourceLocation>;
}

export interface FunctionUrlConfig {
  authType: 'NONE' | 'AWS_IAM';
  invokeMode: 'BUFFERED' | 'RESPONSE_STREAM';
  cors?: Record<string, unknown>;
}

export interface LoggingConfig {
  logFormat: LogFormat;
  applicationLogLevel?: string;
  systemLogLevel?: string;
  logGroup?: string;
}

export interface FunctionConfig {
  /** Logical id of the resource in the template. */
  logicalId: string;
  /** The name the Invoke API and the CLI use: `FunctionName` when it is a literal, else the logical id. */
  name: string;
  /** Absolute path of the template that declares it. */
  templatePath: string;
  /** Where the resource is declared. */
  location: SourceLocation;
  /** `AWS::Serverless::Function` or `AWS::Lambda::Function`. */
  resourceType: string;
  /** Absolute path of the code root (`CodeUri` / `Code`), the environment's working directory. */
  codeRoot: string;
  /** Handler string as in the template, e.g. `src/app.handler`. */
  handler: string;
  /** `nodejs20.x`, `nodejs22.x`, `provided.al2023`, … */
  runtime: string;
  /** MB, 128–10240. */
  memorySize: number;
  /** Seconds, 1–900. */
  timeout: number;
  architecture: Architecture;
  /** Ephemeral storage in MB (512–10240). */
  ephemeralStorage: number;
  /** The function's own variables (`Environment.Variables`, Globals merged), values as strings. */
  environment: Record<string, string>;
  /** `ReservedConcurrentExecutions`; undefined when not set. 0 disables the function. */
  reservedConcurrency?: number;
  loggingConfig: LoggingConfig;
  events: EventSourceConfig[];
  functionUrl?: FunctionUrlConfig;
  description?: string;
  /** The local folders of its `Layers` (each standing in for Lambda's /opt), in order: later layers win. */
  layers?: string[];
  /**
   * `AutoPublishAlias`, else the first `AWS::Lambda::Alias` of the function: invokes qualified with it (`fn:live`)
   * reach the function, as `$LATEST` does.
   */
  alias?: string;
  /** The names of its other `AWS::Lambda::Alias` resources, which reach it too. */
  aliases?: string[];
  /** An `AWS::Lambda::Version` of the template publishes it: version numbers reach it, with or without an alias. */
  versioned?: boolean;
  /**
   * `ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions` (SAM, with AutoPublishAlias, or on its
   * `AWS::Lambda::Alias` resources, added up): environments kept initialised ahead of traffic; undefined when not set.
   */
  provisionedConcurrency?: number;
  /** `RecursiveLoop` when written: `Terminate` (Lambda's default) stops S3/SQS/SNS loops after about 16 rounds; `Allow` lets them run. */
  recursiveLoop?: 'Terminate' | 'Allow';
}

export type ProblemSeverity = 'error' | 'warning';

/** Something wrong in a template, pointed at the place to fix. */
export interface TemplateProblem {
  severity: ProblemSeverity;
  message: string;
  location: SourceLocation;
}

export interface ParsedTemplate {
  path: string;
  functions: FunctionConfig[];
  /** Buckets, tables, queues, topics, buses, rules and schedules the local AWS services serve. */
  resources: LocalResource[];
  problems: TemplateProblem[];
}
