// "Invoke with Event…": the event from a saved event file, a sample fitting the function's triggers, the
// editor's selection, the active JSON document, or a file picked from disk.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import { Cancelled, UserError } from '../errors';
import { SAVED_EVENTS_DIR } from '../ids';
import { sampleChoices } from '../events/samples';
import { checkEventJson, listSavedEvents } from './eventPayload';

/** An event given to the command directly (by another extension or a test), instead of being picked. */
export type EventArgument = string | vscode.Uri | Record<string, unknown> | unknown[] | undefined;

interface EventChoice extends vscode.QuickPickItem {
  load: () => Promise<{ text: string; source: string }>;
}

async function readEventFile(uri: vscode.Uri): Promise<{ text: string; source: string }> {
  const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString());
  if (open) return { text: open.getText(), source: vscode.workspace.asRelativePath(uri) };
  try {
    return { text: await fs.readFile(uri.fsPath, 'utf8'), source: vscode.workspace.asRelativePath(uri) };
  } catch (error) {
    throw new UserError(`Cannot read the event file ${uri.fsPath}: ${(error as Error).message}`);
  }
}

function accept(text: string, source: string): string {
  const check = checkEventJson(text, source);
  if (!check.ok) throw new UserError(check.reason);
  return check.payload;
}

async function choices(fn: FunctionConfig): Promise<EventChoice[]> {
  const items: EventChoice[] = [];
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  for (const file of await listSavedEvents(folders, fn.name)) {
    items.push({
      label: `$(json) ${path.basename(file, '.json')}`,
      description: vscode.workspace.asRelativePath(file),
      load: () => readEventFile(vscode.Uri.file(file)),
    });
  }
  for (const choice of sampleChoices(fn)) {
    items.push({ ...choice, load: async () => ({ text: JSON.stringify(choice.sample.event), source: `the ${choice.sample.generator} sample` }) });
  }
  const editor = vscode.window.activeTextEditor;
  if (editor && !editor.selection.isEmpty) {
    items.push({
      label: '$(selection) Selection in the editor',
      description: vscode.workspace.asRelativePath(editor.document.uri),
      load: async () => ({ text: editor.document.getText(editor.selection), source: 'the editor selection' }),
    });
  }
  if (editor && (editor.document.languageId === 'json' || editor.document.languageId === 'jsonc')) {
    items.push({
      label: '$(file-code) Active JSON document',
      description: vscode.workspace.asRelativePath(editor.document.uri),
      load: async () => ({ text: editor.document.getText(), source: vscode.workspace.asRelativePath(editor.document.uri) }),
    });
  }
  items.push(
    {
      label: '$(folder-opened) Event file…',
      detail: `Tip: save events as ${SAVED_EVENTS_DIR}/${fn.name}/<name>.json to find them here.`,
      load: async () => {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: false,
          filters: { 'JSON events': ['json'] },
          defaultUri: vscode.workspace.workspaceFolders?.[0]?.uri,
          openLabel: 'Use as Event',
        });
        if (!picked?.[0]) throw new Cancelled();
        return readEventFile(picked[0]);
      },
    },
    { label: '$(symbol-namespace) Empty event', description: '{}', load: async () => ({ text: '{}', source: 'the empty event' }) },
  );
  return items;
}

/** The event payload (JSON text) for `fn`: from `argument` when given, else chosen by the user. */
export async function chooseEvent(fn: FunctionConfig, argument: EventArgument): Promise<string> {
  if (argument instanceof vscode.Uri) {
    const { text, source } = await readEventFile(argument);
    return accept(text, source);
  }
  if (typeof argument === 'string') return accept(argument, 'the command argument');
  if (argument !== undefined && argument !== null) return JSON.stringify(argument);
  const picked = await vscode.window.showQuickPick(await choices(fn), {
    placeHolder: `Event for ${fn.name}`,
    matchOnDescription: true,
  });
  if (!picked) throw new Cancelled();
  const { text, source } = await picked.load();
  return accept(text, source);
}
