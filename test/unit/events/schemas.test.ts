// The JSON schemas describe what the generators produce, and detectEventKind names each kind.

import * as assert from 'node:assert/strict';
import { detectEventKind, EVENT_KINDS, eventSchemaPath, generateEvent, listEventGenerators } from '../../../runtime/events';
import { fixedContext } from './fixtures';
import { loadSchema, validate } from './json-schema-subset';

/** Parameter sets that change an event's shape, so each shape is checked against its schema. */
const VARIANTS: Record<string, Array<Record<string, string>>> = {
  sqs: [{ queue: 'q.fifo', attributes: '{"a":1}' }],
  'sqs-fifo': [{ contentBasedDeduplication: 'true', attributes: '{"n":2}' }],
  'sns-sqs': [{ raw: 'true', attributes: '{"n":2}' }, { subject: 'Hi', attributes: '{"t":"x"}' }],
  alb: [{ multiValueHeaders: 'true', query: '{"a":["1","2"]}', body: 'x', base64: 'true' }],
  'cognito-pre-signup': [{ triggerSource: 'PreSignUp_ExternalProvider', validationData: '{"a":"b"}', clientMetadata: '{"c":"d"}' }],
  'cognito-pre-token-generation': [{ lambdaVersion: 'V2_0' }],
  'cognito-custom-message': [{ triggerSource: 'CustomMessage_AdminCreateUser' }],
  'cloudfront-origin-request': [{ originType: 's3', body: 'x=1' }],
  'appsync-resolver': [{ authMode: 'AMAZON_COGNITO_USER_POOLS' }, { authMode: 'AWS_IAM', source: '{"id":"1"}' }],
  'lex-v2': [{ invocationSource: 'FulfillmentCodeHook', slots: '{"City":"Paris"}' }],
  'alexa-skill': [{ requestType: 'LaunchRequest' }, { requestType: 'SessionEndedRequest' }, { slots: '{"Color":"blue","Size":null}' }],
  's3-batch': [{ schemaVersion: '2.0', userArguments: '{"k":"v"}', versionId: 'v1' }],
  'cloudformation-custom-resource': [{ requestType: 'Update', properties: '{"n":1,"l":[true]}' }, { requestType: 'Delete' }],
  'config-rule': [{ messageType: 'ScheduledNotification', ruleParameters: '{"a":"1"}' }, { messageType: 'OversizedConfigurationItemChangeNotification' }],
  'codepipeline-job': [{ continuationToken: 'token-1', inputArtifact: '' }],
  msk: [{ count: '3', headers: '{"h":"v"}' }],
};

describe('events: schemas and detectEventKind', () => {
  it('has one draft-07 schema per kind', () => {
    for (const kind of EVENT_KINDS) {
      const schema = loadSchema(kind);
      assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
      assert.equal(eventSchemaPath(kind), `runtime/events/schemas/${kind}.schema.json`);
    }
  });

  it('every generator output validates against its kind schema and is detected as that kind', () => {
    for (const generator of listEventGenerators()) {
      for (const params of [{}, ...(VARIANTS[generator.name] ?? [])]) {
        const event = generateEvent(generator.name, params, fixedContext());
        const label = `${generator.name} ${JSON.stringify(params)}`;
        if (generator.kind === 'free-form') {
          assert.equal(detectEventKind(event), undefined, label);
          continue;
        }
        assert.deepEqual(validate(loadSchema(generator.kind), event), [], label);
        assert.equal(detectEventKind(event), generator.kind, label);
      }
    }
  });

  it('has a schema for every kind a generator produces, and a generator for every kind', () => {
    const produced = new Set(listEventGenerators().map((g) => g.kind).filter((k) => k !== 'free-form'));
    assert.deepEqual([...produced].sort(), [...EVENT_KINDS].sort());
  });

  it('the schemas reject what Lambda never sends', () => {
    const s3 = generateEvent('s3-put', {}, fixedContext()) as { Records: Array<{ eventSource: string; s3: { object: { key: string } } }> };
    const record = s3.Records[0];
    assert.ok(record);
    record.s3.object.key = 'a b';
    assert.match(validate(loadSchema('s3'), s3).join('\n'), /key: does not match/);
    const v2 = generateEvent('apigateway-http', {}, fixedContext()) as { headers: Record<string, string> };
    v2.headers['Content-Type'] = 'x';
    assert.match(validate(loadSchema('apigateway-http'), v2).join('\n'), /Content-Type \(name\)/);
    const v1 = generateEvent('apigateway-rest', {}, fixedContext()) as Record<string, unknown>;
    delete v1['queryStringParameters'];
    assert.match(validate(loadSchema('apigateway-rest'), v1).join('\n'), /missing queryStringParameters/);
    const ddb = generateEvent('dynamodb-insert', {}, fixedContext()) as { Records: Array<{ dynamodb: { Keys: Record<string, unknown> } }> };
    const keys = ddb.Records[0]?.dynamodb.Keys;
    if (keys) keys['Id'] = { N: 101 };
    assert.match(validate(loadSchema('dynamodb-stream'), ddb).join('\n'), /Keys\/Id\/N: expected string/);
    const kinesis = generateEvent('kinesis', {}, fixedContext()) as { Records: Array<{ kinesis: { data: string } }> };
    kinesis.Records[0]!.kinesis.data = 'not base64!';
    assert.match(validate(loadSchema('kinesis'), kinesis).join('\n'), /data: does not match/);
    const alb = generateEvent('alb', {}, fixedContext()) as { headers: Record<string, string> };
    alb.headers['X-Upper'] = 'x';
    assert.match(validate(loadSchema('alb'), alb).join('\n'), /X-Upper \(name\)/);
    const cognito = generateEvent('cognito-post-confirmation', {}, fixedContext()) as { request: { userAttributes: Record<string, unknown> } };
    cognito.request.userAttributes['email_verified'] = true;
    assert.match(validate(loadSchema('cognito-user-pool'), cognito).join('\n'), /email_verified: expected string/);
    const cfn = generateEvent('cloudformation-custom-resource', {}, fixedContext()) as { ResourceProperties: Record<string, unknown> };
    cfn.ResourceProperties['Count'] = 3;
    assert.match(validate(loadSchema('cloudformation'), cfn).join('\n'), /Count: expected string\|array\|object/);
  });

  it('detects nothing in values that are no known event', () => {
    for (const value of [null, 42, 'x', [], {}, { Records: [] }, { Records: [{ eventSource: 'aws:codecommit' }] }, { requestContext: {} }, { message: 'hi' }]) {
      assert.equal(detectEventKind(value), undefined, JSON.stringify(value));
    }
  });
});
