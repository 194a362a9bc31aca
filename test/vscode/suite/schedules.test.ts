// Event buses, rules and schedules in the Resources view: next runs in the descriptions, Run Now on a
// schedule and on a scheduled rule, Put Event… on a bus, and the Pause Schedules toggle. The project is a
// template of its own (selected with Select Template…), so the example app's tests are not disturbed.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../src/api';
import { activateLambkin, label, useFreeInvokePort, waitFor } from './support/lambkin';
import { resource, rows } from './support/resources-tree';
import { screenshot, screenshotsSupported } from './support/screenshot';

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    CodeUri: src/
    Handler: echo.handler
Resources:
  AppBus:
    Type: AWS::Events::EventBus
    Properties:
      Name: app-bus
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        BigOrders:
          Type: EventBridgeRule
          Properties:
            EventBusName: !Ref AppBus
            RuleName: big-orders
            Pattern:
              source: [shop]
              detail:
                total: [{ numeric: ['>', 100] }]
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 3 * * ? *)
            Name: nightly-report
  Report:
    Type: AWS::Scheduler::Schedule
    Properties:
      Name: weekly-report
      ScheduleExpression: cron(30 9 ? * MON *)
      ScheduleExpressionTimezone: Europe/Paris
      FlexibleTimeWindow: { Mode: 'OFF' }
      Target:
        Arn: !GetAtt Orders.Arn
        RoleArn: arn:aws:iam::123456789012:role/scheduler
`;

describe('Resources view: event buses, rules and schedules', function () {
  this.timeout(90_000);
  let api: LambkinApi;
  let folder: string;

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-schedules-'));
    writeFileSync(path.join(folder, 'template.yaml'), TEMPLATE);
    mkdirSync(path.join(folder, 'src'));
    writeFileSync(path.join(folder, 'src', 'echo.js'), 'exports.handler = async (event) => event;\n');
    await vscode.commands.executeCommand('lambkin.selectTemplate', path.join(folder, 'template.yaml'));
    await waitFor(async () => (await rows(api)).some((row) => label(row.item) === 'Schedules'), 'the schedules template in the Resources view');
  });
  after(async () => {
    await api.runtime.stop();
    await vscode.commands.executeCommand('lambkin.selectTemplate', null);
    rmSync(folder, { recursive: true, force: true });
  });

  it('groups buses, rules and schedules, and says when each schedule runs next', async () => {
    assert.deepEqual((await rows(api)).map((row) => label(row.item)), ['Event Buses', 'Rules', 'Schedules']);
    const weekly = await resource(api, 'Schedules', 'weekly-report');
    // The next run in the user's own clock and locale: Monday 09:30 in Paris.
    assert.match(String(weekly.item.description), /^next Mon\b.*\d\d:\d\d.* · cron\(30 9 \? \* MON \*\) Europe\/Paris$/);
    assert.equal(weekly.item.contextValue, 'lambkin.resource.schedule');
    const nightly = await resource(api, 'Rules', 'nightly-report');
    assert.match(String(nightly.item.description), /^next .* · cron\(0 3 \* \* \? \*\)$/);
    assert.equal(nightly.item.contextValue, 'lambkin.resource.rule.scheduled');
    const big = await resource(api, 'Rules', 'big-orders');
    assert.equal(big.item.description, 'on app-bus · 1 target');
    assert.equal(big.item.contextValue, 'lambkin.resource.rule');
    const buses = (await rows(api, (await rows(api))[0]!.node)).map((row) => [label(row.item), row.item.description]);
    assert.deepEqual(buses, [['app-bus', 'AppBus'], ['default', 'used by rules']]);
  });

  it('runs a schedule and a scheduled rule now, invoking their function', async () => {
    const weekly = await resource(api, 'Schedules', 'weekly-report');
    const status = await vscode.commands.executeCommand<{ name: string; invocations: string[]; runs: number }>('lambkin.resources.runSchedule', weekly.node);
    assert.ok(status, 'Run Now returned nothing (see the notifications)');
    assert.deepEqual([status.name, status.invocations.length, status.runs], ['weekly-report', 1, 1]);
    const nightly = await resource(api, 'Rules', 'nightly-report');
    const ruleStatus = await vscode.commands.executeCommand<{ invocations: string[] }>('lambkin.resources.runSchedule', nightly.node);
    assert.equal(ruleStatus?.invocations.length, 1);
    const orders = api.templates.functions().find((fn) => fn.name === 'Orders');
    assert.ok(orders);
    await waitFor(() => api.functionsTree.getChildren().some((node) => node.kind === 'function' && node.fn.name === 'Orders') && api.functionsTree.getChildren(api.functionsTree.getChildren().find((node) => node.kind === 'function' && node.fn.name === 'Orders')).filter((node) => node.kind === 'invocation').length >= 2, 'two invocations of Orders in the Functions view');
  });

  it('puts an event on a bus and says which rules it matched', async () => {
    const bus = await resource(api, 'Event Buses', 'app-bus');
    const matched = await vscode.commands.executeCommand<{ matchedRules: string[] }>('lambkin.resources.putEvent', bus.node, { source: 'shop', detailType: 'OrderPlaced', detail: '{"total": 250}' });
    assert.deepEqual(matched?.matchedRules, ['big-orders']);
    const missed = await vscode.commands.executeCommand<{ matchedRules: string[] }>('lambkin.resources.putEvent', bus.node, { source: 'shop', detailType: 'OrderPlaced', detail: '{"total": 5}' });
    assert.deepEqual(missed?.matchedRules, []);
    const refused = await vscode.commands.executeCommand('lambkin.resources.putEvent', bus.node, { source: 'shop', detailType: 'OrderPlaced', detail: '[1]' });
    assert.equal(refused, undefined, 'a Detail that is not a JSON object is refused');
  });

  it('pauses and resumes every schedule from the view\'s toolbar', async () => {
    assert.equal(await vscode.commands.executeCommand('lambkin.pauseSchedules'), true);
    await waitFor(async () => String((await resource(api, 'Schedules', 'weekly-report')).item.description).startsWith('paused · '), 'the schedule to show paused');
    assert.match(String((await resource(api, 'Rules', 'nightly-report')).item.description), /^paused · /);
    assert.equal(await vscode.commands.executeCommand('lambkin.resumeSchedules'), false);
    await waitFor(async () => String((await resource(api, 'Schedules', 'weekly-report')).item.description).startsWith('next '), 'the schedule to show its next run again');
  });

  it('looks right in the sidebar, running and paused', async function () {
    if (!screenshotsSupported()) this.skip();
    const workbench = vscode.workspace.getConfiguration('workbench.view');
    await workbench.update('alwaysShowHeaderActions', true, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('workbench.action.focusSideBar');
      await vscode.commands.executeCommand('lambkin.resources.focus');
      for (let step = 0; step < 4; step++) await vscode.commands.executeCommand('workbench.action.decreaseViewWidth');
      for (const group of await rows(api)) await api.resourcesTree.view.reveal(group.node, { expand: true });
      await screenshot('resources-eventbridge');
      await vscode.commands.executeCommand('lambkin.pauseSchedules');
      await waitFor(async () => String((await resource(api, 'Schedules', 'weekly-report')).item.description).startsWith('paused'), 'the paused descriptions');
      // The workbench draws the refreshed tree a moment after the extension host has it; only the picture waits.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await screenshot('resources-eventbridge-paused');
      await vscode.commands.executeCommand('lambkin.resumeSchedules');
    } finally {
      await workbench.update('alwaysShowHeaderActions', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
