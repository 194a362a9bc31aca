// Queues in the Resources view, each with its depth (visible, in flight, and its dead-letter queue's), with
// Send Message…, Purge and, on a dead-letter queue, Redrive to Source, all through the running runtime.
import * as vscode from 'vscode';
import type { LambkinContext } from '../../../context';
import { requireTrust } from '../../../errors';
import { Commands } from '../../../ids';
import type { ResourceKindView, ResourceViewHost } from '../../kinds';
import type { ResourcesTreeNode } from '../../nodes';
import { sqsCall } from './calls';
import { describeQueue } from './info';

export const queueView: ResourceKindView = {
  kind: 'queue',
  group: 'Queues',
  icon: 'inbox',
  describe: (resource, host) => describeQueue(resource, host.dataFolder),
  register: registerQueueCommands,
};

export interface SendMessageInput {
  body: string;
  groupId?: string;
}

async function askMessage(queue: string): Promise<SendMessageInput | undefined> {
  const fifo = queue.endsWith('.fifo');
  const title = `Send a message to ${queue}`;
  const body = await vscode.window.showInputBox({ title, prompt: fifo ? 'Message body (step 1 of 2)' : 'Message body', value: '{"hello": "world"}', validateInput: (text) => (text === '' ? 'A message needs a body.' : undefined) });
  if (body === undefined) return undefined;
  if (!fifo) return { body };
  const groupId = await vscode.window.showInputBox({ title, prompt: 'Message group id (step 2 of 2): messages of one group are delivered in order', value: 'group-1', validateInput: (text) => (text === '' ? 'A FIFO queue needs a message group id.' : undefined) });
  return groupId === undefined ? undefined : { body, groupId };
}

function registerQueueCommands(context: LambkinContext, host: ResourceViewHost): void {
  // The runtime rewrites a queue's file after each change: redraw the counts when it does.
  const watcher = context.track(vscode.workspace.createFileSystemWatcher('**/.lambkin/data/sqs/*.json'));
  const redraw = () => host.refresh();
  context.track(watcher.onDidChange(redraw));
  context.track(watcher.onDidCreate(redraw));
  context.track(watcher.onDidDelete(redraw));

  context.registerCommand(Commands.resourceSendMessage, 'Sending the message', async (node?: ResourcesTreeNode, given?: SendMessageInput) => {
    if (node?.kind !== 'resource') return undefined;
    requireTrust('send messages');
    const queue = node.resource.name;
    const input = given ?? (await askMessage(queue));
    if (!input) return undefined;
    const session = await context.runtime.ensureRunning();
    const sent = await sqsCall(session, 'sendMessage', { queue, body: input.body, ...(input.groupId ? { groupId: input.groupId, deduplicationId: `${Date.now()}` } : {}) });
    void vscode.window.showInformationMessage(`Message ${sent.messageId} sent to ${queue}.`);
    context.log.info(`SendMessage to ${queue}: ${sent.messageId}.`);
    host.refresh();
    return sent;
  });

  context.registerCommand(Commands.resourcePurgeQueue, 'Purging the queue', async (node?: ResourcesTreeNode, confirmed?: boolean) => {
    if (node?.kind !== 'resource') return undefined;
    requireTrust('purge queues');
    const queue = node.resource.name;
    if (confirmed !== true) {
      const answer = await vscode.window.showWarningMessage(`Delete every message in ${queue}, in flight ones included?`, { modal: true }, 'Purge');
      if (answer !== 'Purge') return undefined;
    }
    const session = await context.runtime.ensureRunning();
    const result = await sqsCall(session, 'purgeQueue', { queue });
    void vscode.window.showInformationMessage(`${queue}: ${result.purged} message${result.purged === 1 ? '' : 's'} deleted.`);
    host.refresh();
    return result;
  });

  context.registerCommand(Commands.resourceRedriveQueue, 'Redriving the dead-letter queue', async (node?: ResourcesTreeNode) => {
    if (node?.kind !== 'resource') return undefined;
    requireTrust('redrive messages');
    const session = await context.runtime.ensureRunning();
    const result = await sqsCall(session, 'redriveDeadLetters', { queue: node.resource.name });
    void vscode.window.showInformationMessage(`${node.resource.name}: ${result.moved} message${result.moved === 1 ? '' : 's'} moved back to ${result.moved === 1 ? 'its source queue' : 'their source queues'}.`);
    host.refresh();
    return result;
  });
}
