// The vocabulary of the sample-event catalog: generators, their parameters and the context that makes
// ids, timestamps and ARNs consistent (and deterministic when a test fixes it).

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type EventParamType = 'string' | 'number' | 'boolean' | 'json';

export interface EventParam {
  readonly name: string;
  readonly description: string;
  readonly type: EventParamType;
  readonly default: JsonValue;
}

/** Parameter values already of their declared type; missing ones take the declared default. */
export type EventParamValues = Record<string, JsonValue>;

/** Where ids come from: random in use, seeded in tests so every generated event is reproducible. */
export interface IdSource {
  /** `length` lower-case hex digits. */
  hex(length: number): string;
}

export interface EventContext {
  region: string;
  accountId: string;
  now: Date;
  ids: IdSource;
}

/** The event shapes the catalog knows; each has a JSON schema in `schemas/<kind>.schema.json`. */
export type EventKind =
  | 's3'
  | 'apigateway-rest'
  | 'apigateway-http'
  | 'dynamodb-stream'
  | 'sqs'
  | 'sns'
  | 'eventbridge'
  | 'websocket'
  | 'kinesis'
  | 'cloudwatch-logs'
  | 'cognito-user-pool'
  | 'alb'
  | 'lex-v2'
  | 'alexa'
  | 'ses'
  | 'cloudfront'
  | 'kafka'
  | 'appsync'
  | 'secretsmanager'
  | 's3-batch'
  | 'cloudformation'
  | 'config'
  | 'codepipeline';

/**
 * `free-form`: the payload is whatever the sender builds (an IoT rule's SQL SELECT, a Step Functions
 * state's Parameters), so there is no AWS envelope to recognise and no schema to check it against.
 */
export type GeneratorKind = EventKind | 'free-form';

export interface EventGenerator<E = unknown> {
  /** CLI name, e.g. `s3-put`. */
  readonly name: string;
  /** One line for `lambkin events list` and pickers. */
  readonly description: string;
  readonly kind: GeneratorKind;
  readonly params: readonly EventParam[];
  /** Builds the event; throws EventInputError naming the parameter when a value is unusable. */
  generate(params: EventParamValues, ctx: EventContext): E;
}

/** Bad input from the user (a parameter, a context value): the message says what to change. */
export class EventInputError extends Error {
  override readonly name = 'EventInputError';
}
