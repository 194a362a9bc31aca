import assert from 'node:assert/strict';
import type { InvocationResult } from '../../../runtime/protocol/control';
import type { EventSourceConfig, FunctionConfig } from '../../../runtime/template/model';
import {
  describeTrigger,
  displayValue,
  formatDuration,
  functionDescription,
  functionTooltip,
  invocationDescription,
  invokeUrl,
  liveState,
} from '../../../src/views/describe';

const idle = { warm: 0, running: 0, recent: [], inFlight: [] };

function event(type: string, properties: Record<string, unknown>): EventSourceConfig {
  return { name: 'Trigger', type, properties };
}

export function sampleFunction(overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    logicalId: 'HelloFunction', name: 'HelloFunction', templatePath: '/w/template.yaml', location: { file: '/w/template.yaml', line: 3, column: 3 },
    resourceType: 'AWS::Serverless::Function', codeRoot: '/w/src', handler: 'app.handler', runtime: 'nodejs22.x', memorySize: 256,
    timeout: 10, architecture: 'arm64', ephemeralStorage: 512, environment: { STAGE: 'dev' }, loggingConfig: { logFormat: 'Text' }, events: [],
    ...overrides,
  };
}

describe('how the Functions tree describes things', () => {
  it('shows intrinsics and placeholders by the resource they name', () => {
    assert.equal(displayValue({ Ref: 'UploadsBucket' }), 'UploadsBucket');
    assert.equal(displayValue({ 'Fn::GetAtt': ['Orders', 'StreamArn'] }), 'Orders');
    assert.equal(displayValue({ 'Fn::GetAtt': 'Orders.StreamArn' }), 'Orders');
    assert.equal(displayValue('${OrdersTable.StreamArn}'), 'OrdersTable');
    assert.equal(displayValue('${ImportValue:Shared}'), 'Shared');
    assert.equal(displayValue('prefix-${Stage}-suffix'), 'prefix-${Stage}-suffix');
    assert.equal(displayValue(['a', { Ref: 'B' }]), 'a, B');
  });

  it('describes each trigger type with a fitting icon', () => {
    assert.deepEqual(describeTrigger(event('HttpApi', { Path: '/hello/{name}', Method: 'get' })), { label: 'GET /hello/{name}', description: 'HTTP API', icon: 'globe' });
    assert.deepEqual(describeTrigger(event('Api', { Path: '/items', Method: 'post' })), { label: 'POST /items', description: 'REST API', icon: 'globe' });
    assert.equal(describeTrigger(event('HttpApi', {})).label, 'ANY $default');
    assert.deepEqual(
      describeTrigger(event('S3', { Bucket: { Ref: 'UploadsBucket' }, Events: 's3:ObjectCreated:*', Filter: { S3Key: { Rules: [{ Name: 'prefix', Value: 'uploads/' }, { Name: 'suffix', Value: '.jpg' }] } } })),
      { label: 'UploadsBucket', description: 'S3 · s3:ObjectCreated:* · prefix: uploads/, suffix: .jpg', icon: 'archive' },
    );
    assert.deepEqual(describeTrigger(event('DynamoDB', { Stream: 'arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2024' })), { label: 'Orders', description: 'DynamoDB stream', icon: 'database' });
    assert.equal(describeTrigger(event('DynamoDB', { Stream: '${OrdersTable.StreamArn}' })).label, 'OrdersTable');
    assert.deepEqual(describeTrigger(event('SQS', { Queue: 'arn:aws:sqs:us-east-1:123456789012:jobs', BatchSize: 5 })), { label: 'jobs', description: 'SQS · batch 5', icon: 'inbox' });
    assert.deepEqual(describeTrigger(event('Schedule', { Schedule: 'rate(5 minutes)' })), { label: 'rate(5 minutes)', description: 'schedule', icon: 'watch' });
    assert.equal(describeTrigger(event('Schedule', { Schedule: 'rate(1 day)', Enabled: false })).description, 'schedule · disabled');
    assert.equal(describeTrigger(event('SNS', { Topic: 'arn:aws:sns:us-east-1:1:alerts' })).label, 'alerts');
    assert.equal(describeTrigger(event('EventBridgeRule', { Pattern: { source: ['my.app'] } })).label, 'my.app');
    assert.deepEqual(describeTrigger(event('MQ', {})), { label: 'Trigger', description: 'MQ', icon: 'plug' });
  });

  it('describes a function by runtime, memory, architecture, live state and last duration', () => {
    assert.equal(functionDescription(sampleFunction(), idle), 'nodejs22.x · 256 MB · arm64 · idle');
    assert.equal(functionDescription(sampleFunction(), { ...idle, warm: 2, lastDurationMs: 12.345 }), 'nodejs22.x · 256 MB · arm64 · 2 warm · 12.35 ms');
    assert.equal(liveState({ warm: 1, running: 1 }), 'running');
    assert.equal(liveState({ warm: 3, running: 2 }), '2 running');
  });

  it('puts the configuration in the tooltip', () => {
    const tooltip = functionTooltip(sampleFunction({ description: 'Says hi', reservedConcurrency: 2 }), idle);
    for (const expected of ['**HelloFunction**', 'Says hi', '`app.handler`', 'nodejs22.x (arm64)', '| Memory | 256 MB |', '| Timeout | 10 s |', '| Reserved concurrency | 2 |', '`STAGE`']) {
      assert.ok(tooltip.includes(expected), `${expected} in\n${tooltip}`);
    }
  });

  it('says how many provisioned environments a function keeps initialised', () => {
    const fn = sampleFunction({ provisionedConcurrency: 2, alias: 'live' });
    assert.equal(functionDescription(fn, { ...idle, warm: 2 }), 'nodejs22.x · 256 MB · arm64 · 2 provisioned · 2 warm');
    assert.ok(functionTooltip(fn, idle).includes('| Provisioned concurrency | 2 environments kept initialised (alias live) |'));
  });

  it('formats durations and invocations', () => {
    assert.equal(formatDuration(0.5), '0.5 ms');
    assert.equal(formatDuration(1500), '1.50 s');
    assert.equal(formatDuration(12_345), '12.3 s');
    const result = { status: 'error', durationMs: 20.4, billedDurationMs: 21, coldStart: true } as InvocationResult;
    assert.equal(invocationDescription(result), 'error · 20.4 ms · billed 21 ms · cold');
  });

  it('builds the Invoke API URL', () => {
    assert.equal(invokeUrl('http://127.0.0.1:3001', 'Hello'), 'http://127.0.0.1:3001/2015-03-31/functions/Hello/invocations');
    assert.equal(invokeUrl('http://127.0.0.1:3001/', 'a b'), 'http://127.0.0.1:3001/2015-03-31/functions/a%20b/invocations');
  });
});
