// Topics in the Resources view, with their subscriptions counted, and Publish…: one message published by the
// running runtime to every subscription whose filter policy matches it.
import * as vscode from 'vscode';
import type { LambkinContext } from '../../../context';
import { requireTrust } from '../../../errors';
import { Commands } from '../../../ids';
import type { LocalResource } from '../../../../runtime/template/resources/model';
import type { ResourceKindView } from '../../kinds';
import type { ResourcesTreeNode } from '../../nodes';
import { snsCall } from '../queue/calls';

export interface PublishInput {
  message: string;
  subject?: string;
  groupId?: string;
}

export const topicView: ResourceKindView = {
  kind: 'topic',
  group: 'Topics',
  icon: 'broadcast',
  describe: (resource) => describeTopic(resource),
  register: registerPublish,
};

function describeTopic(resource: LocalResource): string | undefined {
  const fifo = resource.properties.FifoTopic === true || resource.properties.FifoTopic === 'true';
  const parts = [fifo ? 'FIFO' : undefined, resource.logicalId !== resource.name ? resource.logicalId : undefined].filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

async function askPublication(topic: string): Promise<PublishInput | undefined> {
  const title = `Publish to ${topic}`;
  const message = await vscode.window.showInputBox({ title, prompt: 'Message', value: '{"hello": "world"}', validateInput: (text) => (text === '' ? 'A message cannot be empty.' : undefined) });
  if (message === undefined) return undefined;
  if (topic.endsWith('.fifo')) {
    const groupId = await vscode.window.showInputBox({ title, prompt: 'Message group id', value: 'group-1', validateInput: (text) => (text === '' ? 'A FIFO topic needs a message group id.' : undefined) });
    return groupId === undefined ? undefined : { message, groupId };
  }
  const subject = await vscode.window.showInputBox({ title, prompt: 'Subject (optional)', value: '' });
  if (subject === undefined) return undefined;
  return { message, ...(subject ? { subject } : {}) };
}

function registerPublish(context: LambkinContext): void {
  context.registerCommand(Commands.resourcePublish, 'Publishing the message', async (node?: ResourcesTreeNode, given?: PublishInput) => {
    if (node?.kind !== 'resource') return undefined;
    requireTrust('publish messages');
    const topic = node.resource.name;
    const input = given ?? (await askPublication(topic));
    if (!input) return undefined;
    const session = await context.runtime.ensureRunning();
    const result = await snsCall(session, 'publish', { topic, ...input });
    void vscode.window.showInformationMessage(`Message ${result.messageId} published to ${topic} (${result.deliveries} subscription${result.deliveries === 1 ? '' : 's'}).`);
    context.log.info(`Publish to ${topic}: ${result.messageId}.`);
    return result;
  });
}
