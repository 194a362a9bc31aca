// The catalog: names, parameter declarations, CLI string parsing and its errors, determinism.

import * as assert from 'node:assert/strict';
import {
  createEventContext, EventInputError, generateEvent, getEventGenerator, listEventGenerators, requireEventGenerator,
} from '../../../runtime/events';
import { detectEventKind } from '../../../runtime/events/detect';
import { fixedContext } from './fixtures';

const EXPECTED_NAMES = [
  's3-put', 's3-delete', 'apigateway-rest', 'apigateway-http', 'function-url', 'dynamodb-insert', 'dynamodb-modify',
  'dynamodb-remove', 'sqs', 'sns', 'eventbridge', 'schedule', 'websocket-connect', 'websocket-message', 'websocket-disconnect',
  'alb', 'sqs-fifo', 'sns-sqs', 'kinesis', 'msk', 'self-managed-kafka', 'cloudwatch-logs', 'cognito-pre-signup',
  'cognito-post-confirmation', 'cognito-pre-authentication', 'cognito-post-authentication', 'cognito-pre-token-generation',
  'cognito-custom-message', 'cloudfront-viewer-request', 'cloudfront-origin-request', 'appsync-resolver', 'lex-v2', 'alexa-skill',
  'ses-receipt', 'iot-rule', 's3-batch', 'secretsmanager-rotation', 'cloudformation-custom-resource', 'config-rule',
  'codepipeline-job', 'stepfunctions-task-token',
];

describe('events: registry', () => {
  it('lists every generator with a description and typed parameters whose defaults fit their type', () => {
    assert.deepEqual(listEventGenerators().map((g) => g.name), EXPECTED_NAMES);
    assert.ok(EXPECTED_NAMES.length >= 35, 'at least 35 kinds of sample');
    for (const generator of listEventGenerators()) {
      assert.ok(generator.description.length > 10, generator.name);
      for (const param of generator.params) {
        assert.ok(param.description, `${generator.name}.${param.name} has a description`);
        if (param.type !== 'json') assert.equal(typeof param.default, param.type, `${generator.name}.${param.name}`);
      }
    }
    assert.equal(getEventGenerator('sqs')?.kind, 'sqs');
    assert.equal(getEventGenerator('nope'), undefined);
  });

  it('every generator produces an event of its kind from its defaults, as plain JSON', () => {
    for (const { name, kind } of listEventGenerators()) {
      const event = generateEvent(name, {}, fixedContext());
      // Recognised as what it claims to be (free-form samples have no shape to recognise).
      assert.equal(detectEventKind(event) ?? 'free-form', kind, name);
      assert.deepEqual(JSON.parse(JSON.stringify(event)), event, `${name} survives JSON (what a handler receives)`);
    }
  });

  it('is deterministic with a fixed context and differs with another seed', () => {
    for (const { name } of listEventGenerators()) {
      assert.deepEqual(generateEvent(name, {}, fixedContext('a')), generateEvent(name, {}, fixedContext('a')), name);
    }
    assert.notDeepEqual(generateEvent('sqs', {}, fixedContext('a')), generateEvent('sqs', {}, fixedContext('b')));
  });

  it('parses CLI strings to the declared types', () => {
    const event = generateEvent('s3-put', { size: '2048', key: 'a b' }, fixedContext()) as { Records: Array<{ s3: { object: { size: number; key: string } } }> };
    assert.equal(event.Records[0]?.s3.object.size, 2048);
    assert.equal(event.Records[0]?.s3.object.key, 'a+b');
    const rest = generateEvent('apigateway-rest', { base64: 'true', body: 'x', headers: '{"X-A":["1","2"]}' }, fixedContext()) as { isBase64Encoded: boolean; multiValueHeaders: Record<string, string[]> };
    assert.equal(rest.isBase64Encoded, true);
    assert.deepEqual(rest.multiValueHeaders['X-A'], ['1', '2']);
  });

  it('names the parameter and what it expects when a value does not parse', () => {
    assert.throws(() => generateEvent('s3-put', { size: 'big' }), (error: Error) =>
      error instanceof EventInputError && /Parameter "size" of s3-put expects a number \(e\.g\. 1024\), got "big"/.test(error.message));
    assert.throws(() => generateEvent('apigateway-rest', { base64: 'maybe' }), /"base64" of apigateway-rest expects true or false/);
    assert.throws(() => generateEvent('apigateway-rest', { headers: '{bad' }), /"headers" of apigateway-rest expects JSON \(e\.g\. \{\}\), got "\{bad" \(.+quote the whole value/);
    assert.throws(() => generateEvent('apigateway-rest', { headers: '[1]' }), /"headers" of apigateway-rest must be a JSON object/);
    assert.throws(() => generateEvent('sqs', { count: '' }), /"count" of sqs expects a number/);
  });

  it('lists the valid parameters, with a suggestion, for an unknown one', () => {
    assert.throws(() => generateEvent('s3-put', { buckt: 'x' }), (error: Error) =>
      /s3-put has no parameter "buckt"\. Did you mean "bucket"\? Valid parameters: bucket, key, size, etag, eventName\./.test(error.message));
  });

  it('lists generator names, with a suggestion, for an unknown generator', () => {
    assert.throws(() => generateEvent('s3put'), /Unknown event generator "s3put"\. Did you mean "s3-put"\? Available: s3-put, s3-delete/);
    assert.throws(() => requireEventGenerator('rabbitmq'), (error: Error) => !/Did you mean/.test(error.message) && /Available: /.test(error.message));
    assert.throws(() => requireEventGenerator('cognito-presignup'), /Did you mean "cognito-pre-signup"\?/);
  });

  it('rejects values of the wrong type passed programmatically', () => {
    const generator = requireEventGenerator('s3-put');
    assert.throws(() => generator.generate({ size: '12' }, fixedContext()), /"size" of s3-put expects a number \(e\.g\. 1024\), got string "12"/);
  });

  it('validates the context', () => {
    assert.throws(() => createEventContext({ region: 'Europe' }), /not an AWS region name/);
    assert.throws(() => createEventContext({ accountId: '42' }), /12 digits/);
    const ctx = createEventContext();
    assert.equal(ctx.region, 'us-east-1');
    assert.equal(ctx.accountId, '123456789012');
  });
});
