// The local EventBridge as the real @aws-sdk/client-eventbridge sees it: PutEvents with per-entry failures,
// rules from the template (SAM events and AWS::Events::Rule) and from the API, the pattern language through
// the shared engine, what each target receives, bus-to-bus delivery, and rules that survive a restart.
import {
  CreateEventBusCommand, DeleteRuleCommand, DescribeRuleCommand, EventBridgeClient, ListEventBusesCommand, ListRulesCommand,
  ListTargetsByRuleCommand, PutEventsCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand, TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { InvocationResult } from '../../../runtime/protocol/control';
import { startServicesRuntime, type ServicesRuntime } from './support';

const EVENTS_APP_TEMPLATE = path.resolve(__dirname, '../../fixtures/events-app/template.yaml');
const FUNCTION_ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

async function rejects(promise: Promise<unknown>, name: string, message: string | RegExp): Promise<void> {
  await assert.rejects(promise, (error: Error & { $metadata?: { httpStatusCode?: number } }) => {
    assert.equal(error.name, name, error.message);
    if (typeof message === 'string') assert.equal(error.message, message);
    else assert.match(error.message, message);
    return true;
  });
}

async function waitFor(condition: () => boolean, deadlineMs = 15_000): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function finishedEvent(result: InvocationResult): Record<string, unknown> {
  return JSON.parse(result.event) as Record<string, unknown>;
}

describe('local EventBridge (client-eventbridge)', function () {
  this.timeout(40_000);
  let services: ServicesRuntime;
  let events: EventBridgeClient;

  before(async () => {
    services = await startServicesRuntime({ templates: [EVENTS_APP_TEMPLATE] });
    events = new EventBridgeClient(services.clientConfig);
  });
  after(async () => {
    events.destroy();
    await services.close();
  });

  it('routes a PutEvents entry to the rule SAM made of an EventBridgeRule event, with its InputTransformer', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'Orders' && result.event.includes('o-1'));
    const answer = await events.send(new PutEventsCommand({
      Entries: [{ EventBusName: 'app-bus', Source: 'shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 'o-1', total: 250, items: ['a', 'b'], customer: { tier: 'gold' } }) }],
    }));
    assert.equal(answer.FailedEntryCount, 0);
    assert.match(answer.Entries?.[0].EventId ?? '', /^[0-9a-f-]{36}$/);
    const result = await invoked;
    // Outside quotes a value goes in as JSON; inside quotes as its text.
    assert.deepEqual(finishedEvent(result), { order: 'o-1', total: 250, items: ['a', 'b'], summary: 'order o-1 of 250', rule: 'big-orders' });
  });

  it('puts text templates together as EventBridge does: objects and arrays flattened, missing paths empty; a JSON template with an object in quotes is not delivered', async () => {
    await events.send(new PutRuleCommand({ Name: 'texts', EventPattern: JSON.stringify({ 'detail-type': ['Text'] }) }));
    await events.send(new PutTargetsCommand({
      Rule: 'texts',
      Targets: [
        { Id: 'text', Arn: FUNCTION_ARN('Audit'), InputTransformer: { InputPathsMap: { items: '$.detail.items', who: '$.detail.who', none: '$.detail.none' }, InputTemplate: '"items <items> by <who> (<none>)"' } },
        { Id: 'json', Arn: FUNCTION_ARN('Orders'), InputTransformer: { InputPathsMap: { who: '$.detail.who' }, InputTemplate: '{"who": "<who>"}' } },
      ],
    }));
    const text = services.nextFinished((result) => result.functionName === 'Audit' && result.event.startsWith('"items'));
    await events.send(new PutEventsCommand({ Entries: [{ Source: 'tests', DetailType: 'Text', Detail: JSON.stringify({ items: ['a', { b: 1 }], who: { name: 'ann' } }) }] }));
    assert.equal(JSON.parse((await text).event), 'items [a,{b:1}] by {name:ann} ()');
    await waitFor(() => services.events.some((event) => event.event === 'runtime.log' && event.data.message.includes('did not deliver') && event.data.message.includes('target json')));
    await events.send(new RemoveTargetsCommand({ Rule: 'texts', Ids: ['text', 'json'] }));
    await events.send(new DeleteRuleCommand({ Name: 'texts' }));
  });

  it('answers partial failures at HTTP 200, entry by entry, and delivers only the valid entries', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'Orders' && result.event.includes('o-2'));
    const answer = await events.send(new PutEventsCommand({
      Entries: [
        { EventBusName: 'app-bus', DetailType: 'OrderPlaced', Detail: '{}' },
        { EventBusName: 'app-bus', Source: 'shop', DetailType: 'OrderPlaced', Detail: '["not", "an", "object"]' },
        { EventBusName: 'app-bus', Source: 'shop', DetailType: 'OrderPlaced', Detail: JSON.stringify({ id: 'o-2', total: 101, items: [], customer: { tier: 'new' } }) },
        { EventBusName: 'app-bus', Source: 'shop', Detail: '{}' },
        { EventBusName: 'app-bus', Source: 'aws.s3', DetailType: 'x', Detail: '{}' },
      ],
    }));
    assert.equal(answer.FailedEntryCount, 4);
    assert.deepEqual(answer.Entries?.map((entry) => entry.ErrorCode ?? 'ok'), ['InvalidArgument', 'MalformedDetail', 'ok', 'InvalidArgument', 'NotAuthorizedForSourceException']);
    assert.equal(answer.Entries?.[0].ErrorMessage, 'Parameter Source is not valid. Reason: Source is a required argument.');
    assert.equal(answer.Entries?.[3].ErrorMessage, 'Parameter DetailType is not valid. Reason: DetailType is a required argument.');
    assert.equal((finishedEvent(await invoked) as { order: string }).order, 'o-2');
  });

  it('refuses more than 10 entries and entries over 256 KB with EventBridge\'s ValidationException', async () => {
    const entry = { Source: 'shop', DetailType: 'x', Detail: '{}' };
    await rejects(events.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })), 'ValidationException', /Member must have length less than or equal to 10/);
    await rejects(events.send(new PutEventsCommand({ Entries: [{ ...entry, Detail: JSON.stringify({ big: 'x'.repeat(262_144) }) }] })), 'ValidationException', 'Total size of the entries in the request is over the limit.');
  });

  it('matches $or, prefix, equals-ignore-case and wildcard, hands InputPath\'s part to one target and the event to another bus', async () => {
    await events.send(new PutRuleCommand({ Name: 'forwarded-audit', EventBusName: 'app-bus', EventPattern: JSON.stringify({ source: [{ prefix: 'audit.' }] }) }));
    await events.send(new PutTargetsCommand({ Rule: 'forwarded-audit', EventBusName: 'app-bus', Targets: [{ Id: 'orders', Arn: FUNCTION_ARN('Orders') }] }));
    // Only events with a level: the template's heartbeat rule also invokes Audit, every minute.
    const audit = services.nextFinished((result) => result.functionName === 'Audit' && result.event.includes('"level"'));
    const forwarded = services.nextFinished((result) => result.functionName === 'Orders' && result.event.includes('audit.billing'));
    const answer = await events.send(new PutEventsCommand({ Entries: [{ Source: 'audit.billing', DetailType: 'Entry', Detail: JSON.stringify({ level: 'error', path: 'public/a.txt' }), Resources: ['arn:aws:s3:::x'] }] }));
    assert.deepEqual(finishedEvent(await audit), { level: 'error', path: 'public/a.txt' });
    const event = finishedEvent(await forwarded);
    // The envelope: detail as an object, time to the second, the account and region of the runtime.
    assert.deepEqual(Object.keys(event), ['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    assert.equal(event.id, answer.Entries?.[0].EventId);
    assert.match(event.time as string, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.deepEqual([event.account, event.region, event.resources, event.detail], ['123456789012', 'us-east-1', ['arn:aws:s3:::x'], { level: 'error', path: 'public/a.txt' }]);
    // A wildcard alternative of $or; nothing for an event that matches no branch.
    const wildcard = services.nextFinished((result) => result.functionName === 'Audit' && result.event.includes('"level"'));
    await events.send(new PutEventsCommand({ Entries: [{ Source: 'audit.files', DetailType: 'Entry', Detail: JSON.stringify({ level: 'info', path: 'public/x.txt' }) }, { Source: 'audit.files', DetailType: 'Entry', Detail: JSON.stringify({ level: 'info', path: 'secure/key.txt' }) }] }));
    assert.deepEqual(finishedEvent(await wildcard), { level: 'info', path: 'secure/key.txt' });
    await events.send(new RemoveTargetsCommand({ Rule: 'forwarded-audit', EventBusName: 'app-bus', Ids: ['orders'] }));
    await events.send(new DeleteRuleCommand({ Name: 'forwarded-audit', EventBusName: 'app-bus' }));
  });

  it('serves PutRule, PutTargets, DescribeRule, ListRules, ListTargetsByRule, RemoveTargets and DeleteRule as SDK users call them', async () => {
    const put = await events.send(new PutRuleCommand({ Name: 'api-rule', EventPattern: JSON.stringify({ 'detail-type': ['Ping'] }), Description: 'made by a test' }));
    assert.equal(put.RuleArn, 'arn:aws:events:us-east-1:123456789012:rule/api-rule');
    await events.send(new PutTargetsCommand({ Rule: 'api-rule', Targets: [{ Id: 'one', Arn: FUNCTION_ARN('Audit'), Input: '{"fixed":true}' }] }));
    const described = await events.send(new DescribeRuleCommand({ Name: 'api-rule' }));
    assert.deepEqual([described.Name, described.State, described.EventBusName, described.Description, described.CreatedBy], ['api-rule', 'ENABLED', 'default', 'made by a test', '123456789012']);
    const listed = await events.send(new ListRulesCommand({ NamePrefix: 'api-' }));
    assert.deepEqual(listed.Rules?.map((rule) => rule.Name), ['api-rule']);
    const all = await events.send(new ListRulesCommand({}));
    assert.deepEqual(all.Rules?.map((rule) => rule.Name), ['api-rule', 'audit-rule', 'heartbeat', 'nightly-report', 'paused-rule']);
    assert.equal(all.Rules?.find((rule) => rule.Name === 'heartbeat')?.ScheduleExpression, 'rate(1 minute)');
    const invoked = services.nextFinished((result) => result.functionName === 'Audit' && result.event.includes('fixed'));
    await events.send(new PutEventsCommand({ Entries: [{ Source: 'tests', DetailType: 'Ping', Detail: '{}' }] }));
    assert.deepEqual(finishedEvent(await invoked), { fixed: true });
    const targets = await events.send(new ListTargetsByRuleCommand({ Rule: 'api-rule' }));
    assert.deepEqual(targets.Targets, [{ Id: 'one', Arn: FUNCTION_ARN('Audit'), Input: '{"fixed":true}' }]);
    await rejects(events.send(new DeleteRuleCommand({ Name: 'api-rule' })), 'ValidationException', "Rule can't be deleted since it has targets.");
    await events.send(new RemoveTargetsCommand({ Rule: 'api-rule', Ids: ['one'] }));
    await events.send(new DeleteRuleCommand({ Name: 'api-rule' }));
    await rejects(events.send(new DescribeRuleCommand({ Name: 'api-rule' })), 'ResourceNotFoundException', 'Rule api-rule does not exist on EventBus default.');
  });

  it('refuses invalid patterns, schedules and targets with EventBridge\'s errors', async () => {
    await rejects(events.send(new PutRuleCommand({ Name: 'bad', EventPattern: JSON.stringify({ source: 'shop' }) })), 'InvalidEventPatternException', 'Event pattern is not valid. Reason: "source" must be an object or an array');
    await rejects(events.send(new PutRuleCommand({ Name: 'bad', EventPattern: JSON.stringify({ n: [{ numeric: ['>', 'x'] }] }) })), 'InvalidEventPatternException', /^Event pattern is not valid\. Reason: /);
    await rejects(events.send(new PutRuleCommand({ Name: 'bad', EventPattern: '{"a": [' })), 'InvalidEventPatternException', /^Event pattern is not valid\. Reason: /);
    for (const expression of ['rate(1 minutes)', 'rate(5 minute)', 'cron(0 1 * * * *)', 'cron(71 8 1 * ? *)', 'at(2030-01-01T00:00:00)']) {
      await rejects(events.send(new PutRuleCommand({ Name: 'bad', ScheduleExpression: expression })), 'ValidationException', 'Parameter ScheduleExpression is not valid.');
    }
    await rejects(events.send(new PutRuleCommand({ Name: 'bad', EventBusName: 'app-bus', ScheduleExpression: 'rate(5 minutes)' })), 'ValidationException', 'ScheduleExpression is supported only on the default event bus.');
    await rejects(events.send(new PutRuleCommand({ Name: 'bad', EventBusName: 'nope', EventPattern: '{"source":["x"]}' })), 'ResourceNotFoundException', 'Event bus nope does not exist.');
    await events.send(new PutRuleCommand({ Name: 'targets', EventPattern: '{"source":["x"]}' }));
    await rejects(events.send(new PutTargetsCommand({ Rule: 'targets', Targets: [{ Id: 't', Arn: FUNCTION_ARN('Audit'), Input: '{}', InputPath: '$.detail' }] })), 'ValidationException', 'Only one of Input, InputPath, or InputTransformer must be provided for target t.');
    await rejects(events.send(new PutTargetsCommand({ Rule: 'targets', Targets: [{ Id: 't', Arn: FUNCTION_ARN('Audit'), InputTransformer: { InputPathsMap: { a: '$.detail' }, InputTemplate: '"<a> <b>"' } }] })), 'ValidationException', 'InputTemplate for target t contains invalid placeholder b.');
    await rejects(events.send(new PutTargetsCommand({ Rule: 'targets', Targets: [{ Id: '!@#', Arn: FUNCTION_ARN('Audit') }] })), 'ValidationException', /at 'targets\.1\.member\.id' failed to satisfy constraint: Member must satisfy regular expression pattern/);
    await rejects(events.send(new PutTargetsCommand({ Rule: 'targets', Targets: Array.from({ length: 6 }, (_, index) => ({ Id: `t${index}`, Arn: FUNCTION_ARN('Audit') })) })), 'LimitExceededException', 'The requested resource exceeds the maximum number allowed.');
    await events.send(new DeleteRuleCommand({ Name: 'targets' }));
  });

  it('answers TestEventPattern with the same engine, and ListEventBuses with the default bus and the template\'s', async () => {
    const event = JSON.stringify({ id: '1', account: '123456789012', source: 'shop', time: '2024-01-01T00:00:00Z', region: 'us-east-1', resources: [], 'detail-type': 'OrderPlaced', detail: { total: 120, ip: '10.0.0.7' } });
    const matches = (pattern: unknown) => events.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(pattern), Event: event })).then((answer) => answer.Result);
    assert.equal(await matches({ detail: { total: [{ numeric: ['>=', 120, '<', 200] }], ip: [{ cidr: '10.0.0.0/24' }] } }), true);
    assert.equal(await matches({ detail: { total: [{ numeric: ['>', 120] }] } }), false);
    assert.equal(await matches({ detail: { missing: [{ exists: false }] }, source: [{ 'anything-but': ['other'] }] }), true);
    assert.equal(await matches({ source: [{ suffix: 'op' }], 'detail-type': [{ 'equals-ignore-case': 'orderplaced' }] }), true);
    await rejects(events.send(new TestEventPatternCommand({ EventPattern: '{"source":["shop"]}', Event: '{"source":"shop"}' })), 'ValidationException', 'Parameter Event is not valid.');
    const buses = await events.send(new ListEventBusesCommand({}));
    assert.deepEqual(buses.EventBuses?.map((bus) => [bus.Name, bus.Arn]), [['default', 'arn:aws:events:us-east-1:123456789012:event-bus/default'], ['app-bus', 'arn:aws:events:us-east-1:123456789012:event-bus/app-bus']]);
  });

  it('answers a malformed body or an unknown operation with EventBridge\'s JSON errors, and stays up', async () => {
    const post = (target: string, body: string) => new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(services.endpoint, { method: 'POST', headers: { 'X-Amz-Target': target, 'Content-Type': 'application/x-amz-json-1.1' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end(body);
    });
    const malformed = await post('AWSEvents.PutEvents', '{"Entries": [');
    assert.equal(malformed.status, 400);
    assert.equal(JSON.parse(malformed.body).__type, 'SerializationException');
    const unknown = await post('AWSEvents.CreateArchive', '{}');
    assert.equal(JSON.parse(unknown.body).__type, 'UnknownOperationException');
    const missing = await post('AWSEvents.PutRule', '{}');
    assert.deepEqual(JSON.parse(missing.body), { __type: 'ValidationException', message: "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null" });
    const buses = await events.send(new ListEventBusesCommand({}));
    assert.ok(buses.EventBuses?.length);
  });
});

describe('local EventBridge across a restart', function () {
  this.timeout(40_000);
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-events-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps buses, rules and targets created through the API', async () => {
    const first = await startServicesRuntime({ templates: [EVENTS_APP_TEMPLATE], dataFolder: folder });
    const client = new EventBridgeClient(first.clientConfig);
    try {
      await client.send(new CreateEventBusCommand({ Name: 'kept-bus' }));
      await rejects(client.send(new CreateEventBusCommand({ Name: 'kept-bus' })), 'ResourceAlreadyExistsException', 'Event bus kept-bus already exists.');
      await client.send(new PutRuleCommand({ Name: 'kept', EventBusName: 'kept-bus', EventPattern: '{"source":["kept"]}' }));
      await client.send(new PutTargetsCommand({ Rule: 'kept', EventBusName: 'kept-bus', Targets: [{ Id: 'audit', Arn: FUNCTION_ARN('Audit') }] }));
    } finally {
      client.destroy();
      await first.close();
    }
    const second = await startServicesRuntime({ templates: [EVENTS_APP_TEMPLATE], dataFolder: folder });
    const again = new EventBridgeClient(second.clientConfig);
    try {
      const invoked = second.nextFinished((result) => result.functionName === 'Audit' && result.event.includes('restart'));
      await again.send(new PutEventsCommand({ Entries: [{ EventBusName: 'kept-bus', Source: 'kept', DetailType: 'x', Detail: '{"after":"restart"}' }] }));
      assert.deepEqual(finishedEvent(await invoked).detail, { after: 'restart' });
    } finally {
      again.destroy();
      await second.close();
    }
  });
});
