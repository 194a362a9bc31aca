// Writes dist/schemas/lambda-event.schema.json: one schema for saved event files that validates an event
// by the kind it recognisably is (S3, SQS, API Gateway v1/v2, Kinesis, Cognito, …) and offers every kind's fields as
// completions, without flagging custom events that are none of them.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// `type: 'object'` matters: `required` alone is true of arrays and strings, which would then be checked.
// `minItems: 1`: an empty Records array is no kind (every record condition would hold for it).
const recordsWith = (item) => ({
  type: 'object',
  required: ['Records'],
  properties: { Records: { type: 'array', minItems: 1, items: item } },
});
const recordsFrom = (field, source) => recordsWith({ required: [field], properties: { [field]: { const: source } } });
const withFields = (...fields) => ({ type: 'object', required: fields });

/** How each kind is recognised in an event, as JSON Schema `if` conditions (as runtime/events/detect.ts does). */
const RECOGNISED_BY = {
  s3: recordsFrom('eventSource', 'aws:s3'),
  sqs: recordsFrom('eventSource', 'aws:sqs'),
  'dynamodb-stream': recordsFrom('eventSource', 'aws:dynamodb'),
  sns: recordsFrom('EventSource', 'aws:sns'),
  kinesis: recordsFrom('eventSource', 'aws:kinesis'),
  ses: recordsFrom('eventSource', 'aws:ses'),
  cloudfront: recordsWith({ required: ['cf'] }),
  'apigateway-http': { type: 'object', required: ['version', 'routeKey'], properties: { version: { const: '2.0' } } },
  'apigateway-rest': withFields('httpMethod', 'resource'),
  websocket: { type: 'object', required: ['requestContext'], properties: { requestContext: { required: ['connectionId', 'eventType'] } } },
  alb: { type: 'object', required: ['requestContext'], properties: { requestContext: { required: ['elb'] } } },
  eventbridge: withFields('detail-type', 'source'),
  'cloudwatch-logs': withFields('awslogs'),
  'cognito-user-pool': withFields('triggerSource', 'userPoolId'),
  kafka: { type: 'object', required: ['eventSource', 'records'], properties: { eventSource: { enum: ['aws:kafka', 'SelfManagedKafka'] } } },
  'lex-v2': withFields('messageVersion', 'invocationSource', 'bot', 'sessionState'),
  alexa: { type: 'object', required: ['version', 'context', 'request'], properties: { request: { required: ['requestId'] } } },
  appsync: { type: 'object', required: ['arguments', 'info'], properties: { info: { required: ['fieldName'] } } },
  secretsmanager: withFields('Step', 'SecretId', 'ClientRequestToken'),
  's3-batch': withFields('invocationSchemaVersion', 'invocationId', 'tasks'),
  cloudformation: withFields('RequestType', 'ResponseURL', 'StackId'),
  config: withFields('invokingEvent', 'configRuleName'),
  codepipeline: withFields('CodePipeline.job'),
};

function rewriteRefs(value, kind) {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, kind));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [
    key,
    key === '$ref' && typeof inner === 'string' ? inner.replace(/^#\/definitions\//, `#/definitions/${kind}.`) : rewriteRefs(inner, kind),
  ]));
}

export function writeEventSchemas(root, distDir = path.join(root, 'dist')) {
  const source = path.join(root, 'runtime/events/schemas');
  const target = path.join(distDir, 'schemas');
  mkdirSync(target, { recursive: true });
  const kinds = {};
  for (const file of readdirSync(source).filter((name) => name.endsWith('.schema.json'))) {
    const kind = file.replace(/\.schema\.json$/, '');
    const { $schema: _schema, $id: _id, definitions = {}, ...schema } = JSON.parse(readFileSync(path.join(source, file), 'utf8'));
    // Each kind's own definitions move up to the root under `<kind>.<name>`, their references with them.
    const local = (value) => rewriteRefs(value, kind);
    kinds[kind] = local(schema);
    for (const [name, definition] of Object.entries(definitions)) kinds[`${kind}.${name}`] = local(definition);
  }
  const missing = Object.keys(RECOGNISED_BY).filter((kind) => !kinds[kind]);
  if (missing.length > 0) throw new Error(`event schemas missing for: ${missing.join(', ')}`);
  const combined = {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Lambda event (Lambkin saved event)',
    description: 'A saved event for `Invoke with Event…`. Recognised AWS event shapes are checked against their schema.',
    definitions: kinds,
    allOf: Object.entries(RECOGNISED_BY).map(([kind, condition]) => ({ if: condition, then: { $ref: `#/definitions/${kind}` } })),
    anyOf: [...Object.keys(RECOGNISED_BY).map((kind) => ({ $ref: `#/definitions/${kind}` })), {}],
  };
  writeFileSync(path.join(target, 'lambda-event.schema.json'), JSON.stringify(combined, null, 2) + '\n');
}
