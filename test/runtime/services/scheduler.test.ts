// The local EventBridge Scheduler as the real @aws-sdk/client-scheduler sees it, and the schedules of the
// template (SAM Schedule / ScheduleV2, AWS::Events::Rule, AWS::Scheduler::Schedule) run on time or now.
// Nothing here waits for a real minute: a one-time at() schedule a second or two ahead fires on the real
// clock; rates and crons are run with Run Now here and on a fake clock in test/unit/schedules.
import {
  CreateScheduleCommand, DeleteScheduleCommand, GetScheduleCommand, ListSchedulesCommand, SchedulerClient, UpdateScheduleCommand,
} from '@aws-sdk/client-scheduler';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SchedulerCalls } from '../../../runtime/services/events/calls';
const EVENTS_APP_TEMPLATE = path.resolve(__dirname, '../../fixtures/events-app/template.yaml');
import { startServicesRuntime, type ServicesRuntime } from './support';

const ROLE = 'arn:aws:iam::123456789012:role/scheduler';
const FUNCTION_ARN = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** `at(…)` `seconds` from now, in UTC, as Scheduler writes it. */
function atFromNow(seconds: number): string {
  return `at(${new Date(Date.now() + seconds * 1000).toISOString().slice(0, 19)})`;
}

async function rejects(promise: Promise<unknown>, name: string, message: string): Promise<void> {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name, error.message);
    assert.equal(error.message, message);
    return true;
  });
}

describe('local EventBridge Scheduler (client-scheduler) and the template\'s schedules', function () {
  this.timeout(40_000);
  let services: ServicesRuntime;
  let scheduler: SchedulerClient;
  let folder: string;
  const call = <C extends keyof SchedulerCalls>(name: C, params: SchedulerCalls[C]['params']) => services.runtime.services!.call('scheduler', name, params) as Promise<SchedulerCalls[C]['result']>;

  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-scheduler-'));
    services = await startServicesRuntime({ templates: [EVENTS_APP_TEMPLATE], dataFolder: folder });
    scheduler = new SchedulerClient(services.clientConfig);
  });
  after(async () => {
    scheduler.destroy();
    await services.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('fires a one-time at() schedule on time with its Input\'s context attributes filled in', async () => {
    const invoked = services.nextFinished((result) => result.functionName === 'Audit' && result.event.includes('once'));
    const created = await scheduler.send(new CreateScheduleCommand({
      Name: 'once', ScheduleExpression: atFromNow(2), FlexibleTimeWindow: { Mode: 'OFF' }, ActionAfterCompletion: 'DELETE',
      Target: { Arn: FUNCTION_ARN('Audit'), RoleArn: ROLE, Input: '{"job":"once","arn":"<aws.scheduler.schedule-arn>","at":"<aws.scheduler.scheduled-time>","attempt":<aws.scheduler.attempt-number>}' },
    }));
    assert.equal(created.ScheduleArn, 'arn:aws:scheduler:us-east-1:123456789012:schedule/default/once');
    const event = JSON.parse((await invoked).event) as { job: string; arn: string; at: string; attempt: number };
    assert.deepEqual([event.job, event.arn, event.attempt], ['once', created.ScheduleArn, 1]);
    assert.match(event.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // ActionAfterCompletion DELETE: gone once it ran.
    await rejects(scheduler.send(new GetScheduleCommand({ Name: 'once' })), 'ResourceNotFoundException', 'Schedule once does not exist.');
  });

  it('serves Create, Get, Update, List and DeleteSchedule', async () => {
    await scheduler.send(new CreateScheduleCommand({ Name: 'api-daily', ScheduleExpression: 'cron(0 8 * * ? *)', ScheduleExpressionTimezone: 'America/New_York', FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 }, Target: { Arn: FUNCTION_ARN('Audit'), RoleArn: ROLE } }));
    await rejects(scheduler.send(new CreateScheduleCommand({ Name: 'api-daily', ScheduleExpression: 'rate(1 hour)', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: FUNCTION_ARN('Audit'), RoleArn: ROLE } })), 'ConflictException', 'Schedule api-daily already exists.');
    const got = await scheduler.send(new GetScheduleCommand({ Name: 'api-daily' }));
    assert.deepEqual([got.ScheduleExpression, got.ScheduleExpressionTimezone, got.State, got.GroupName, got.FlexibleTimeWindow], ['cron(0 8 * * ? *)', 'America/New_York', 'ENABLED', 'default', { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 }]);
    assert.ok(got.CreationDate instanceof Date && Math.abs(got.CreationDate.getTime() - Date.now()) < 60_000);
    await scheduler.send(new UpdateScheduleCommand({ Name: 'api-daily', ScheduleExpression: 'rate(2 hours)', State: 'DISABLED', FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: FUNCTION_ARN('Audit'), RoleArn: ROLE } }));
    const listed = await scheduler.send(new ListSchedulesCommand({}));
    assert.deepEqual(listed.Schedules?.map((schedule) => [schedule.Name, schedule.State]), [['api-daily', 'DISABLED'], ['audit-tick', 'ENABLED'], ['weekly-report', 'ENABLED']]);
    const status = (await call('listSchedules', {})).schedules.find((schedule) => schedule.name === 'api-daily');
    assert.deepEqual([status?.expression, status?.enabled, status?.nextRun], ['rate(2 hours)', false, undefined]);
    await scheduler.send(new DeleteScheduleCommand({ Name: 'api-daily' }));
    await rejects(scheduler.send(new DeleteScheduleCommand({ Name: 'api-daily' })), 'ResourceNotFoundException', 'Schedule api-daily does not exist.');
  });

  it('refuses invalid expressions with Scheduler\'s ValidationException', async () => {
    for (const expression of ['rate(1 minutes)', 'rate(10 minute)', 'rate(0 minutes)', 'cron(0 1 * * * *)', 'cron(7 20 * * NOT *)', 'at(2021-12-31T23:59:59Z)', ' rate(10 minutes)']) {
      await rejects(scheduler.send(new CreateScheduleCommand({ Name: 'bad', ScheduleExpression: expression, FlexibleTimeWindow: { Mode: 'OFF' }, Target: { Arn: FUNCTION_ARN('Audit'), RoleArn: ROLE } })), 'ValidationException', `Invalid Schedule Expression ${expression}.`);
    }
  });

  it('puts an event on a bus for a schedule whose target is the bus, with EventBridgeParameters and the Input as detail', async () => {
    const { EventBridgeClient, PutRuleCommand, PutTargetsCommand } = await import('@aws-sdk/client-eventbridge');
    const events = new EventBridgeClient(services.clientConfig);
    try {
      await events.send(new PutRuleCommand({ Name: 'from-scheduler', EventBusName: 'app-bus', EventPattern: JSON.stringify({ source: ['ops.cron'], 'detail-type': ['Cleanup'] }) }));
      await events.send(new PutTargetsCommand({ Rule: 'from-scheduler', EventBusName: 'app-bus', Targets: [{ Id: 'audit', Arn: FUNCTION_ARN('Audit') }] }));
      await scheduler.send(new CreateScheduleCommand({
        Name: 'to-bus', ScheduleExpression: 'rate(1 day)', FlexibleTimeWindow: { Mode: 'OFF' },
        Target: { Arn: 'arn:aws:events:us-east-1:123456789012:event-bus/app-bus', RoleArn: ROLE, Input: '{"older_than_days": 30}', EventBridgeParameters: { Source: 'ops.cron', DetailType: 'Cleanup' } },
      }));
      const invoked = services.nextFinished((result) => result.functionName === 'Audit' && result.event.includes('older_than_days'));
      const status = await call('runSchedule', { id: 'schedule:default/to-bus' });
      assert.deepEqual(status.invocations, [], 'the schedule itself invokes no function: the bus\'s rule does');
      const event = JSON.parse((await invoked).event) as Record<string, unknown>;
      assert.deepEqual([event.source, event['detail-type'], event.detail, event.resources], ['ops.cron', 'Cleanup', { older_than_days: 30 }, ['arn:aws:scheduler:us-east-1:123456789012:schedule/default/to-bus']]);
      await scheduler.send(new DeleteScheduleCommand({ Name: 'to-bus' }));
    } finally {
      events.destroy();
    }
  });

  it('lists every schedule with its next run, and Run Now sends what each service sends without Input', async () => {
    const { schedules } = await call('listSchedules', {});
    const byName = new Map(schedules.map((schedule) => [schedule.name, schedule]));
    assert.deepEqual([...byName.keys()].sort(), ['audit-tick', 'heartbeat', 'nightly-report', 'paused-rule', 'weekly-report']);
    // weekly-report: Mondays 09:30 in Paris, i.e. 07:30 or 08:30 UTC.
    const weekly = new Date(byName.get('weekly-report')!.nextRun!);
    assert.equal(weekly.getUTCDay(), 1);
    assert.ok(['07:30', '08:30'].includes(weekly.toISOString().slice(11, 16)), weekly.toISOString());
    assert.equal(byName.get('nightly-report')!.nextRun!.slice(11), '03:00:00.000Z');
    assert.equal(byName.get('paused-rule')!.nextRun, undefined);

    // A rule's run without Input: the Scheduled Event, with the rule's ARN.
    const rule = services.nextFinished((result) => result.functionName === 'Audit' && result.event.includes('Scheduled Event'));
    await call('runSchedule', { id: byName.get('heartbeat')!.id });
    const ruleEvent = JSON.parse((await rule).event) as Record<string, unknown>;
    assert.deepEqual({ ...ruleEvent, id: 'id', time: 'time' }, { version: '0', id: 'id', 'detail-type': 'Scheduled Event', source: 'aws.events', account: '123456789012', time: 'time', region: 'us-east-1', resources: ['arn:aws:events:us-east-1:123456789012:rule/heartbeat'], detail: {} });

    // Scheduler's own default payload: detail is the string "{}".
    const schedule = services.nextFinished((result) => result.functionName === 'Orders' && result.event.includes('aws.scheduler'));
    await call('runSchedule', { id: byName.get('weekly-report')!.id });
    const scheduleEvent = JSON.parse((await schedule).event) as Record<string, unknown>;
    assert.deepEqual({ ...scheduleEvent, id: 'id', time: 'time' }, { version: '0', id: 'id', 'detail-type': 'Scheduled Event', source: 'aws.scheduler', account: '123456789012', time: 'time', region: 'us-east-1', resources: ['arn:aws:scheduler:us-east-1:123456789012:schedule/default/weekly-report'], detail: '{}' });

    const after = (await call('listSchedules', {})).schedules.find((entry) => entry.name === 'weekly-report')!;
    assert.equal(after.runs, 1);
    assert.ok(after.lastRun);
  });

  it('pauses every schedule and keeps the pause and the run history in the data folder', async () => {
    const paused = await call('setPaused', { paused: true });
    assert.equal(paused.paused, true);
    const listed = await call('listSchedules', {});
    assert.equal(listed.paused, true);
    assert.ok(listed.schedules.every((schedule) => schedule.nextRun === undefined));
    await services.close();
    const state = JSON.parse(readFileSync(path.join(folder, 'scheduler', 'schedules.json'), 'utf8')) as { paused: boolean; schedules: Record<string, { runs?: number }> };
    assert.equal(state.paused, true);
    assert.equal(state.schedules['schedule:default/weekly-report'].runs, 1);
    services = await startServicesRuntime({ templates: [EVENTS_APP_TEMPLATE], dataFolder: folder });
    scheduler.destroy();
    scheduler = new SchedulerClient(services.clientConfig);
    const again = await call('listSchedules', {});
    assert.equal(again.paused, true);
    assert.equal(again.schedules.find((schedule) => schedule.name === 'weekly-report')?.runs, 1);
    await call('setPaused', { paused: false });
    assert.ok((await call('listSchedules', {})).schedules.find((schedule) => schedule.name === 'heartbeat')?.nextRun);
  });
});

describe('schedules follow template edits while the runtime runs', function () {
  this.timeout(40_000);
  let folder: string;
  let services: ServicesRuntime;
  before(async () => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-schedule-edit-'));
    cpSync(path.dirname(EVENTS_APP_TEMPLATE), folder, { recursive: true, filter: (source) => !source.includes(`${path.sep}.lambkin`) });
    services = await startServicesRuntime({ templates: [path.join(folder, 'template.yaml')] });
  });
  after(async () => {
    await services.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('re-arms an edited schedule, and an invalid cron becomes a problem at its line while the others keep running', async () => {
    const list = async () => ((await services.runtime.services!.call('scheduler', 'listSchedules', {})) as SchedulerCalls['listSchedules']['result']).schedules;
    const file = path.join(folder, 'template.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('ScheduleExpression: rate(1 minute)', 'ScheduleExpression: rate(2 hours)'));
    await services.runtime.reload();
    const heartbeat = (await list()).find((schedule) => schedule.name === 'heartbeat')!;
    assert.equal(heartbeat.expression, 'rate(2 hours)');
    assert.ok(Date.parse(heartbeat.nextRun!) - Date.now() > 60 * 60_000, heartbeat.nextRun);
    writeFileSync(file, original.replace('ScheduleExpression: rate(1 minute)', 'ScheduleExpression: cron(0 12 * * * *)'));
    await services.runtime.reload();
    const problem = services.runtime.problems.find((candidate) => candidate.message.includes('cron(0 12 * * * *)'));
    assert.ok(problem, services.runtime.problems.map((candidate) => candidate.message).join('\n'));
    assert.equal(problem.location.line, original.split('\n').findIndex((line) => line.includes('rate(1 minute)')) + 1);
    const names = (await list()).map((schedule) => schedule.name);
    assert.ok(!names.includes('heartbeat') && names.includes('weekly-report'), names.join(', '));
  });
});
