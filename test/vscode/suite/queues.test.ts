// Queues and topics in the Resources view: each queue's depth (visible, in flight, its dead-letter queue's),
// Send Message… (which reaches the function subscribed to the queue), Purge, and Publish… on a topic, whose
// subscription fills a queue. The project is a template of its own (selected with Select Template…).
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
  Jobs:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs
      RedrivePolicy:
        deadLetterTargetArn: !GetAtt JobsDeadLetters.Arn
        maxReceiveCount: 3
  JobsDeadLetters:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: jobs-dlq
  Inbox:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: inbox
  Alerts:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: alerts
      Subscription:
        - Protocol: sqs
          Endpoint: !GetAtt Inbox.Arn
  Worker:
    Type: AWS::Serverless::Function
    Properties:
      Events:
        Jobs:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
`;

describe('Resources view: queues and topics', function () {
  this.timeout(90_000);
  let api: LambkinApi;
  let folder: string;
  const description = async (group: string, name: string) => String((await resource(api, group, name)).item.description);

  before(async () => {
    api = await activateLambkin();
    await useFreeInvokePort();
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-queues-'));
    writeFileSync(path.join(folder, 'template.yaml'), TEMPLATE);
    mkdirSync(path.join(folder, 'src'));
    writeFileSync(path.join(folder, 'src', 'echo.js'), 'exports.handler = async (event) => ({ records: (event.Records ?? []).length });\n');
    await vscode.commands.executeCommand('lambkin.selectTemplate', path.join(folder, 'template.yaml'));
    await waitFor(async () => (await rows(api)).some((row) => label(row.item) === 'Queues'), 'the queues template in the Resources view');
  });
  after(async () => {
    await api.runtime.stop();
    await vscode.commands.executeCommand('lambkin.selectTemplate', null);
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists queues with their depth and dead-letter queue, and topics', async () => {
    assert.deepEqual((await rows(api)).map((row) => label(row.item)), ['Queues', 'Topics']);
    assert.equal(await description('Queues', 'jobs'), '0 visible · 0 in flight · DLQ jobs-dlq: 0');
    const inbox = await resource(api, 'Queues', 'inbox');
    assert.equal(inbox.item.contextValue, 'lambkin.resource.queue');
    assert.equal((await resource(api, 'Topics', 'alerts')).item.contextValue, 'lambkin.resource.topic');
  });

  it('sends a message to a queue, which its function receives as an SQS record', async () => {
    const jobs = await resource(api, 'Queues', 'jobs');
    const sent = await vscode.commands.executeCommand<{ messageId: string }>('lambkin.resources.sendMessage', jobs.node, { body: '{"job": 1}' });
    assert.ok(sent?.messageId, 'Send Message returned nothing (see the notifications)');
    const worker = () => api.functionsTree.getChildren().find((node) => node.kind === 'function' && node.fn.name === 'Worker');
    await waitFor(() => worker() !== undefined && api.functionsTree.getChildren(worker()).some((node) => node.kind === 'invocation'), 'an invocation of Worker in the Functions view');
  });

  it('publishes to a topic, counts the subscribed queue\'s message, and purges it', async () => {
    const alerts = await resource(api, 'Topics', 'alerts');
    const published = await vscode.commands.executeCommand<{ messageId: string; deliveries: number }>('lambkin.resources.publish', alerts.node, { message: 'disk full', subject: 'Alarm' });
    assert.equal(published?.deliveries, 1);
    await waitFor(async () => (await description('Queues', 'inbox')).startsWith('1 visible'), 'the published message counted in inbox');
    const purged = await vscode.commands.executeCommand<{ purged: number }>('lambkin.resources.purgeQueue', (await resource(api, 'Queues', 'inbox')).node, true);
    assert.equal(purged?.purged, 1);
    await waitFor(async () => (await description('Queues', 'inbox')).startsWith('0 visible'), 'inbox empty again');
  });

  it('looks right in the sidebar', async function () {
    if (!screenshotsSupported()) this.skip();
    const inbox = await resource(api, 'Queues', 'inbox');
    await vscode.commands.executeCommand('lambkin.resources.sendMessage', inbox.node, { body: 'one' });
    await vscode.commands.executeCommand('lambkin.resources.sendMessage', inbox.node, { body: 'two' });
    await waitFor(async () => (await description('Queues', 'inbox')).startsWith('2 visible'), 'two messages counted in inbox');
    const workbench = vscode.workspace.getConfiguration('workbench.view');
    await workbench.update('alwaysShowHeaderActions', true, vscode.ConfigurationTarget.Global);
    try {
      await vscode.commands.executeCommand('workbench.action.focusSideBar');
      await vscode.commands.executeCommand('lambkin.resources.focus');
      await waitFor(() => api.resourcesTree.view.visible, 'the Resources view shown');
      // The view's tree is drawn a moment after it is shown (and again when the counts change): reveal once it has the groups.
      await waitFor(async () => {
        try {
          for (const group of await rows(api)) await api.resourcesTree.view.reveal(group.node, { expand: true });
          return true;
        } catch {
          return false;
        }
      }, 'the groups expanded');
      // The workbench draws the refreshed tree a moment after the extension host has it; only the picture waits.
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      await screenshot('resources-queues-topics');
    } finally {
      await workbench.update('alwaysShowHeaderActions', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
