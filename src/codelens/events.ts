// "Events…" above a handler: the function's saved events and the sample events that fit it; choosing one
// invokes the function with it, its bug button debugs with it instead.
import path from 'node:path';
import * as vscode from 'vscode';
import { fittingEvents } from '../../runtime/events';
import type { FunctionConfig } from '../../runtime/template/model';
import { listSavedEvents } from '../commands/eventPayload';
import { resolveFunction } from '../commands/pickers';
import type { LambkinContext } from '../context';
import type { EventSpec } from '../debug/configuration';
import { debugFunction } from '../debug/register';
import { Commands, SAVED_EVENTS_DIR } from '../ids';
import { readSettings } from '../settings';

interface EventItem extends vscode.QuickPickItem {
  /** What "Invoke with Event…" takes: a file or the event itself. */
  invokeWith?: vscode.Uri | unknown;
  debugWith?: EventSpec;
}

const DEBUG_BUTTON: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('debug-alt'), tooltip: 'Debug with this event' };

async function eventItems(fn: FunctionConfig): Promise<EventItem[]> {
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  const saved = await listSavedEvents(folders, fn.name);
  const items: EventItem[] = [];
  items.push({ label: 'Saved events', kind: vscode.QuickPickItemKind.Separator });
  if (saved.length === 0) items.push({ label: '$(info) None yet', detail: `Save events as ${SAVED_EVENTS_DIR}/${fn.name}/<name>.json to find them here.` });
  for (const file of saved) {
    const name = path.basename(file, '.json');
    items.push({ label: `$(json) ${name}`, description: vscode.workspace.asRelativePath(file), buttons: [DEBUG_BUTTON], invokeWith: vscode.Uri.file(file), debugWith: { saved: name } });
  }
  items.push({ label: 'Sample events', kind: vscode.QuickPickItemKind.Separator });
  for (const sample of fittingEvents(fn, { region: readSettings().region })) {
    items.push({
      label: `$(symbol-event) ${sample.label}`,
      buttons: [DEBUG_BUTTON],
      invokeWith: sample.event,
      debugWith: { sample: sample.generator, ...(Object.keys(sample.params).length ? { params: sample.params } : {}) },
    });
  }
  return items;
}

/** Shows the events of the function named `name` (or picked); resolves once the chosen run started, or on dismissal. */
export async function chooseAndRun(context: LambkinContext, name?: string): Promise<void> {
  const fn = await resolveFunction(context, name, 'Function whose events to show');
  const pick = vscode.window.createQuickPick<EventItem>();
  pick.title = `Events for ${fn.name}`;
  pick.placeholder = 'Enter invokes with the event; the bug button debugs with it';
  pick.matchOnDescription = true;
  pick.busy = true;
  pick.show();
  pick.items = await eventItems(fn);
  pick.busy = false;
  const choice = await new Promise<{ item: EventItem; debug: boolean } | undefined>((resolve) => {
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (item?.invokeWith !== undefined) resolve({ item, debug: false });
    });
    pick.onDidTriggerItemButton((event) => resolve({ item: event.item, debug: true }));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (!choice) return;
  if (choice.debug && choice.item.debugWith) await debugFunction(context, fn, choice.item.debugWith);
  else await vscode.commands.executeCommand(Commands.invokeFunctionWithEvent, fn.name, choice.item.invokeWith);
}
