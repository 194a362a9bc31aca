// Recognises an event's kind from its shape, e.g. to pick the JSON schema for a saved event file.
// Payloads without an AWS envelope (IoT rule results, Step Functions payloads) are no kind.

import { isJsonObject } from './json-input';
import type { EventKind } from './types';

function firstRecord(event: Record<string, unknown>): Record<string, unknown> | undefined {
  const records = event['Records'];
  if (!Array.isArray(records)) return undefined;
  const first: unknown = records[0];
  return isJsonObject(first) ? first : undefined;
}

const RECORD_SOURCES: Record<string, EventKind> = {
  'aws:s3': 's3',
  'aws:sqs': 'sqs',
  'aws:dynamodb': 'dynamodb-stream',
  'aws:sns': 'sns',
  'aws:kinesis': 'kinesis',
  'aws:ses': 'ses',
};

function recordKind(record: Record<string, unknown>): EventKind | undefined {
  if (isJsonObject(record['cf'])) return 'cloudfront';
  const source = record['eventSource'] ?? record['EventSource'];
  return typeof source === 'string' ? RECORD_SOURCES[source] : undefined;
}

function httpKind(event: Record<string, unknown>, context: Record<string, unknown>): EventKind | undefined {
  const eventType = context['eventType'];
  if (typeof context['connectionId'] === 'string' && (eventType === 'CONNECT' || eventType === 'MESSAGE' || eventType === 'DISCONNECT')) {
    return 'websocket';
  }
  if (isJsonObject(context['elb'])) return 'alb';
  if (event['version'] === '2.0' && typeof event['routeKey'] === 'string' && typeof event['rawPath'] === 'string') return 'apigateway-http';
  if (typeof event['httpMethod'] === 'string' && typeof event['resource'] === 'string') return 'apigateway-rest';
  return undefined;
}

const has = (event: Record<string, unknown>, ...fields: string[]) => fields.every((f) => typeof event[f] === 'string');

/** Envelopes recognised by their own top-level fields. */
function envelopeKind(event: Record<string, unknown>): EventKind | undefined {
  if (typeof event['detail-type'] === 'string' && typeof event['source'] === 'string' && 'detail' in event) return 'eventbridge';
  if (isJsonObject(event['awslogs']) && typeof event['awslogs']['data'] === 'string') return 'cloudwatch-logs';
  if (has(event, 'triggerSource', 'userPoolId')) return 'cognito-user-pool';
  if ((event['eventSource'] === 'aws:kafka' || event['eventSource'] === 'SelfManagedKafka') && isJsonObject(event['records'])) return 'kafka';
  if (has(event, 'messageVersion', 'invocationSource') && isJsonObject(event['bot']) && isJsonObject(event['sessionState'])) return 'lex-v2';
  const request = event['request'];
  if (typeof event['version'] === 'string' && isJsonObject(request) && typeof request['requestId'] === 'string' && isJsonObject(event['context'])) return 'alexa';
  const info = event['info'];
  if ('arguments' in event && isJsonObject(info) && typeof info['fieldName'] === 'string') return 'appsync';
  if (has(event, 'Step', 'SecretId', 'ClientRequestToken')) return 'secretsmanager';
  if (has(event, 'invocationSchemaVersion', 'invocationId') && Array.isArray(event['tasks'])) return 's3-batch';
  if (has(event, 'RequestType', 'ResponseURL', 'StackId')) return 'cloudformation';
  if (has(event, 'invokingEvent', 'configRuleName')) return 'config';
  if (isJsonObject(event['CodePipeline.job'])) return 'codepipeline';
  return undefined;
}

export function detectEventKind(event: unknown): EventKind | undefined {
  if (!isJsonObject(event)) return undefined;
  const record = firstRecord(event);
  if (record) return recordKind(record);
  const context = event['requestContext'];
  if (isJsonObject(context)) return httpKind(event, context);
  return envelopeKind(event);
}
