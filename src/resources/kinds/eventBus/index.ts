// Event buses in the Resources view (the template's, and the default bus when rules use it), with
// Put Event…: one PutEvents entry, routed by the running runtime to the rules whose pattern matches it.
import * as vscode from 'vscode';
import type { LambkinContext } from '../../../context';
import { requireTrust } from '../../../errors';
import { Commands } from '../../../ids';
import type { ResourceKindView } from '../../kinds';
import type { ResourcesTreeNode } from '../../nodes';
import { eventsCall } from '../schedule/calls';

export const eventBusView: ResourceKindView = {
  kind: 'eventBus',
  group: 'Event Buses',
  icon: 'pulse',
  describe: (resource) => (resource.kind === 'eventBus' && resource.implicit ? 'used by rules' : resource.logicalId !== resource.name ? resource.logicalId : undefined),
  register: registerPutEvent,
};

export interface PutEventInput {
  source: string;
  detailType: string;
  detail: string;
}

/** The reason a Detail is refused (PutEvents takes a JSON object), or undefined. */
export function checkDetail(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : 'Detail must be a JSON object, e.g. {"orderId": "o-1"}.';
  } catch (error) {
    return `Detail is not valid JSON: ${(error as Error).message}`;
  }
}

async function askEvent(busName: string): Promise<PutEventInput | undefined> {
  const title = `Put an event on ${busName}`;
  const source = await vscode.window.showInputBox({ title, prompt: 'Source (step 1 of 3)', value: 'my.app', validateInput: (text) => (text.trim() === '' ? 'Source is required.' : text.startsWith('aws.') ? 'Sources starting with aws. are reserved for AWS services.' : undefined) });
  if (source === undefined) return undefined;
  const detailType = await vscode.window.showInputBox({ title, prompt: 'Detail type (step 2 of 3)', value: 'Test Event', validateInput: (text) => (text.trim() === '' ? 'Detail type is required.' : undefined) });
  if (detailType === undefined) return undefined;
  const detail = await vscode.window.showInputBox({ title, prompt: 'Detail, a JSON object (step 3 of 3)', value: '{}', validateInput: checkDetail });
  if (detail === undefined) return undefined;
  return { source, detailType, detail };
}

function registerPutEvent(context: LambkinContext): void {
  context.registerCommand(Commands.resourcePutEvent, 'Putting the event', async (node?: ResourcesTreeNode, given?: PutEventInput) => {
    if (node?.kind !== 'resource') return undefined;
    requireTrust('put events');
    const busName = node.resource.name;
    const input = given ?? (await askEvent(busName));
    if (!input) return undefined;
    const refusal = checkDetail(input.detail);
    if (refusal) throw new Error(refusal);
    const session = await context.runtime.ensureRunning();
    const result = await eventsCall(session, 'putEvent', { busName, ...input });
    const matched = result.matchedRules.length === 0 ? 'no rule matched it' : `matched ${result.matchedRules.join(', ')}`;
    void vscode.window.showInformationMessage(`Event ${result.eventId} put on ${busName}: ${matched}.`);
    context.log.info(`PutEvents on ${busName}: ${input.source} / ${input.detailType} → ${matched}.`);
    return result;
  });
}
