// Sample events fitted to a function's own triggers.

import * as assert from 'node:assert/strict';
import { fittingEvents, keyForS3Filter, listEventGenerators } from '../../../runtime/events';
import type { EventSourceConfig, FunctionConfig } from '../../../runtime/template/model';
import { fixedContext } from './fixtures';

function fn(events: Array<Pick<EventSourceConfig, 'name' | 'type' | 'properties'>>, extra: Partial<FunctionConfig> = {}): FunctionConfig {
  const location = { file: '/app/template.yaml', line: 1, column: 1 };
  return {
    logicalId: 'Fn', name: 'Fn', templatePath: location.file, location, resourceType: 'AWS::Serverless::Function',
    codeRoot: '/app', handler: 'app.handler', runtime: 'nodejs22.x', memorySize: 128, timeout: 3, architecture: 'x86_64',
    ephemeralStorage: 512, environment: {}, loggingConfig: { logFormat: 'Text' }, events, ...extra,
  };
}

describe('events: fittingEvents', () => {
  it('derives a key that passes the S3 filter', () => {
    const rules = (r: Array<{ Name: string; Value: string }>) => ({ Filter: { S3Key: { Rules: r } } });
    assert.equal(keyForS3Filter(rules([{ Name: 'prefix', Value: 'uploads/' }, { Name: 'suffix', Value: '.jpg' }])), 'uploads/sample.jpg');
    assert.equal(keyForS3Filter(rules([{ Name: 'Suffix', Value: 'csv' }])), 'sample.csv');
    assert.equal(keyForS3Filter(rules([{ Name: 'prefix', Value: 'in/' }])), 'in/sample.txt');
    assert.equal(keyForS3Filter({}), 'sample.txt');
  });

  it('puts the function own S3 trigger first, with its bucket and a filtered key', () => {
    const events = fittingEvents(fn([{
      name: 'Upload', type: 'S3',
      properties: { Bucket: 'UploadsBucket', Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*'], Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'up loads/' }, { Name: 'suffix', Value: '.jpg' }] } } },
    }]), fixedContext());
    const [put, del] = events;
    assert.equal(put?.generator, 's3-put');
    assert.deepEqual(put?.params, { bucket: 'uploadsbucket', key: 'up loads/sample.jpg', eventName: 'ObjectCreated:Put' });
    const record = (put?.event as { Records: Array<{ s3: { bucket: { name: string }; object: { key: string } } }> }).Records[0];
    assert.equal(record?.s3.bucket.name, 'uploadsbucket');
    assert.equal(record?.s3.object.key, 'up+loads/sample.jpg');
    assert.equal(del?.generator, 's3-delete');
    assert.match(put?.label ?? '', /Upload/);
  });

  it('uses the Api path and method with sample path parameters', () => {
    const [first] = fittingEvents(fn([{ name: 'Get', type: 'Api', properties: { Path: '/items/{id}/{proxy+}', Method: 'patch' } }]), fixedContext());
    assert.equal(first?.generator, 'apigateway-rest');
    const event = first?.event as { httpMethod: string; path: string; resource: string; pathParameters: Record<string, string> };
    assert.equal(event.httpMethod, 'PATCH');
    assert.equal(event.path, '/items/123/a/b');
    assert.equal(event.resource, '/items/{id}/{proxy+}');
    assert.deepEqual(event.pathParameters, { id: '123', proxy: 'a/b' });
  });

  it('uses payload 2.0 for HttpApi, and 1.0 when PayloadFormatVersion says so', () => {
    const [v2] = fittingEvents(fn([{ name: 'H', type: 'HttpApi', properties: { Path: '/users/{name}', Method: 'ANY' } }]), fixedContext());
    assert.equal(v2?.generator, 'apigateway-http');
    const e2 = v2?.event as { version: string; routeKey: string; rawPath: string; requestContext: { http: { method: string } } };
    assert.equal(e2.version, '2.0');
    assert.equal(e2.routeKey, 'ANY /users/{name}');
    assert.equal(e2.rawPath, '/users/123');
    assert.equal(e2.requestContext.http.method, 'GET');
    const [v1] = fittingEvents(fn([{ name: 'H', type: 'HttpApi', properties: { Path: '/x', Method: 'post', PayloadFormatVersion: '1.0' } }]), fixedContext());
    assert.equal(v1?.generator, 'apigateway-rest');
    const e1 = v1?.event as { version: string; httpMethod: string; requestContext: { stage: string } };
    assert.equal(e1.version, '1.0');
    assert.equal(e1.httpMethod, 'POST');
    assert.equal(e1.requestContext.stage, '$default');
  });

  it('reads tables, queues and topics from ARNs and placeholders', () => {
    const events = fittingEvents(fn([
      { name: 'S', type: 'DynamoDB', properties: { Stream: '${OrdersTable.StreamArn}' } },
      { name: 'Q', type: 'SQS', properties: { Queue: 'arn:aws:sqs:us-east-1:123456789012:jobs.fifo' } },
      { name: 'T', type: 'SNS', properties: { Topic: { Ref: 'AlertsTopic' } } },
    ]), fixedContext());
    assert.deepEqual(events.slice(0, 5).map((e) => [e.generator, e.params['table'] ?? e.params['queue'] ?? e.params['topic']]), [
      ['dynamodb-insert', 'OrdersTable'], ['dynamodb-modify', 'OrdersTable'], ['dynamodb-remove', 'OrdersTable'], ['sqs-fifo', 'jobs.fifo'], ['sns', 'AlertsTopic'],
    ]);
    const fifo = events[3]?.event as { Records: Array<{ eventSourceARN: string; attributes: Record<string, string> }> };
    assert.equal(fifo.Records[0]?.eventSourceARN, 'arn:aws:sqs:eu-west-2:111122223333:jobs.fifo');
    assert.equal(fifo.Records[0]?.attributes['MessageGroupId'], 'group-1');
    const stream = fittingEvents(fn([{ name: 'S', type: 'DynamoDB', properties: { Stream: 'arn:aws:dynamodb:us-east-1:1:table/Real/stream/2020' } }]), fixedContext());
    assert.equal(stream[0]?.params['table'], 'Real');
  });

  it('samples EventBridge patterns and passes schedule Input through', () => {
    const [rule, schedule] = fittingEvents(fn([
      { name: 'R', type: 'EventBridgeRule', properties: { Pattern: { source: ['com.shop'], 'detail-type': ['OrderPlaced'], detail: { status: ['PAID'], total: [{ numeric: ['>', 100] }], region: [{ prefix: 'eu-' }] } } } },
      { name: 'Nightly', type: 'Schedule', properties: { Schedule: 'rate(1 day)', Input: '{"job":"cleanup"}' } },
    ]), fixedContext());
    const e = rule?.event as { source: string; 'detail-type': string; detail: Record<string, unknown> };
    assert.equal(e.source, 'com.shop');
    assert.equal(e['detail-type'], 'OrderPlaced');
    assert.deepEqual(e.detail, { status: 'PAID', total: 101, region: 'eu-example' });
    assert.deepEqual(schedule?.event, { job: 'cleanup' });
    assert.equal(schedule?.params['input'], '{"job":"cleanup"}');
  });

  it('adds the function URL, then the rest of the catalog once each', () => {
    const events = fittingEvents(fn([], { functionUrl: { authType: 'AWS_IAM', invokeMode: 'BUFFERED' } }), fixedContext());
    assert.equal(events[0]?.generator, 'function-url');
    assert.equal((events[0]?.event as { requestContext: { accountId: string } }).requestContext.accountId, '111122223333');
    assert.deepEqual(events.map((e) => e.generator).sort(), listEventGenerators().map((g) => g.name).sort());
  });

  it('falls back to defaults, and says why, when the template gives an unusable value', () => {
    const [first] = fittingEvents(fn([{ name: 'Q', type: 'SQS', properties: { Queue: 'bad queue name!' } }]), fixedContext());
    assert.equal(first?.generator, 'sqs');
    assert.deepEqual(first?.params, {});
    assert.match(first?.label ?? '', /defaults used: .*not a queue name/);
  });

  it('ignores trigger types without a generator', () => {
    const events = fittingEvents(fn([{ name: 'B', type: 'MQ', properties: {} }, { name: 'C', type: 'Cognito', properties: { Trigger: 'UserMigration' } }]), fixedContext());
    assert.equal(events.length, listEventGenerators().length);
  });
});
