// Saved events from the tree and the palette: save an invocation's event, start one from a sample, invoke
// with one.
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import { resolveFunction, type FunctionArgument } from '../commands/pickers';
import type { LambkinContext } from '../context';
import { Cancelled, UserError } from '../errors';
import { Commands } from '../ids';
import { isFinished, type InvocationNode, type SavedEventNode } from '../views/nodes';
import { sampleChoices, sampleFileName } from './samples';
import { validEventName } from './savedEvents';

async function askName(fn: FunctionConfig, suggestion: string): Promise<string> {
  const name = await vscode.window.showInputBox({
    title: `Save an event for ${fn.name}`,
    prompt: 'Name of the saved event (the file .lambkin/events/<function>/<name>.json)',
    value: suggestion,
    validateInput: validEventName,
  });
  if (name === undefined) throw new Cancelled();
  return name;
}

async function saveAndOpen(context: LambkinContext, fn: FunctionConfig, name: string, payload: string): Promise<vscode.Uri> {
  let uri: vscode.Uri;
  try {
    uri = await context.savedEvents.save(fn.name, name, payload, fn.templatePath);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new UserError(`A saved event named "${name}" already exists for ${fn.name}: choose another name.`);
    throw error;
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}

export function register(context: LambkinContext): void {
  const newSavedEvent = async (argument?: FunctionArgument, sampleName?: string, name?: string) => {
    const fn = await resolveFunction(context, argument, 'Function to save an event for');
    const choices = sampleChoices(fn);
    const picked = sampleName ? choices.find((choice) => choice.sample.generator === sampleName) : await vscode.window.showQuickPick(choices, { placeHolder: `Start the saved event for ${fn.name} from a sample`, matchOnDescription: true });
    if (!picked) throw sampleName ? new UserError(`No sample event named ${sampleName}.`) : new Cancelled();
    return saveAndOpen(context, fn, name ?? (await askName(fn, sampleFileName(picked.sample))), JSON.stringify(picked.sample.event));
  };
  context.registerCommand(Commands.newSavedEvent, 'Saving an event', newSavedEvent);
  context.registerCommand(Commands.treeNewSavedEvent, 'Saving an event', newSavedEvent);
  context.registerCommand(Commands.saveInvocationEvent, 'Saving the event', async (node: InvocationNode, name?: string) => {
    if (!isFinished(node.invocation)) throw new UserError('The invocation is still running: save its event once it has finished.');
    const stamp = new Date(node.invocation.startedAt).toISOString().slice(0, 19).replace(/[:T]/g, '-');
    return saveAndOpen(context, node.parent.fn, name ?? (await askName(node.parent.fn, `event-${stamp}`)), node.invocation.event);
  });
  context.registerCommand(Commands.invokeSavedEvent, 'Invoking the function', (node: SavedEventNode) =>
    vscode.commands.executeCommand(Commands.treeInvokeWithEvent, node.parent.fn.name, vscode.Uri.file(node.file)),
  );
}
