// Where the JSON schemas of event kinds live, for `contributes.jsonValidation` and tools that check
// saved event files. Paths are relative to the package root (the schemas ship as files, not code).

import type { EventKind } from './types';

export const EVENT_KINDS: readonly EventKind[] = Object.freeze([
  's3', 'apigateway-rest', 'apigateway-http', 'dynamodb-stream', 'sqs', 'sns', 'eventbridge', 'websocket',
  'kinesis', 'cloudwatch-logs', 'cognito-user-pool', 'alb', 'lex-v2', 'alexa', 'ses', 'cloudfront', 'kafka', 'appsync',
  'secretsmanager', 's3-batch', 'cloudformation', 'config', 'codepipeline',
]);

export const EVENT_SCHEMA_DIR = 'runtime/events/schemas';

export function eventSchemaPath(kind: EventKind): string {
  return `${EVENT_SCHEMA_DIR}/${kind}.schema.json`;
}
