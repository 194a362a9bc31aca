// Showing invocation documents the way VS Code shows its own previews: all in one editor group, each new
// one replacing the preview tab there unless the user pinned it (double-click, or an edit-like gesture).
import * as vscode from 'vscode';
import type { InvocationResult } from '../../runtime/protocol/control';
import { Schemes } from '../ids';
import { isFinished } from '../views/nodes';
import { invocationUri, requestIdOf, withLanguage } from './documents';
import type { AnyInvocation } from './render';
import type { InvocationStore } from './store';

function invocationTabUri(tab: vscode.Tab): vscode.Uri | undefined {
  return tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === Schemes.invocation ? tab.input.uri : undefined;
}

/** The group that already shows invocations (the one whose active tab is one, first), if any. */
function invocationGroup(): vscode.TabGroup | undefined {
  const groups = vscode.window.tabGroups.all;
  return (
    groups.find((group) => group.activeTab && invocationTabUri(group.activeTab)) ??
    groups.find((group) => group.tabs.some((tab) => invocationTabUri(tab)))
  );
}

/**
 * Shows the invocation's document. Where invocations are already shown, there (replacing the preview);
 * otherwise beside the editor the user works in (`beside`), or in the active group.
 */
export async function openInvocation(invocation: AnyInvocation, beside: boolean): Promise<vscode.TextEditor> {
  const uri = invocationUri(invocation);
  const document = await withLanguage(await vscode.workspace.openTextDocument(uri));
  const group = invocationGroup();
  // With no editor open, "beside" would leave an empty group on the left.
  const column = group?.viewColumn ?? (beside && vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active);
  return vscode.window.showTextDocument(document, { preview: true, preserveFocus: beside, viewColumn: column });
}

/** Requests whose tabs are being retitled now: a finish and a tab opening can both ask at once. */
type Retitling = Set<string>;

/**
 * A document opened while its invocation ran is titled `… · running · …`; once it finishes, the same tab
 * (same group, same preview or pinned state) shows it under its final title.
 */
async function retitle(result: InvocationResult, busy: Retitling): Promise<void> {
  if (busy.has(result.requestId)) return;
  busy.add(result.requestId);
  try {
    const finalUri = invocationUri(result).toString();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const uri = invocationTabUri(tab);
        if (!uri || requestIdOf(uri) !== result.requestId || uri.toString() === finalUri) continue;
        const document = await withLanguage(await vscode.workspace.openTextDocument(vscode.Uri.parse(finalUri)));
        await vscode.window.showTextDocument(document, { preview: tab.isPreview, preserveFocus: true, viewColumn: group.viewColumn });
        // A preview was replaced in place; a pinned tab stays until closed here.
        const stale = vscode.window.tabGroups.all.flatMap((candidate) => candidate.tabs).find((candidate) => invocationTabUri(candidate)?.toString() === uri.toString());
        if (stale) await vscode.window.tabGroups.close(stale, true);
      }
    }
  } finally {
    busy.delete(result.requestId);
  }
}

/**
 * Keeps tab titles current: on each finish, and for a tab that opens under the running title after its
 * invocation finished (opening a document takes a moment; a short invocation can finish meanwhile).
 */
export function keepTitlesCurrent(store: InvocationStore, onError: (error: unknown) => void): vscode.Disposable {
  const busy: Retitling = new Set();
  const finished = store.onDidFinish((result) => void retitle(result, busy).catch(onError));
  const opened = vscode.window.tabGroups.onDidChangeTabs((event) => {
    // A tab that replaced a preview may be reported as changed rather than opened.
    for (const tab of [...event.opened, ...event.changed]) {
      const uri = invocationTabUri(tab);
      const requestId = uri && requestIdOf(uri);
      const invocation = requestId ? store.find(requestId) : undefined;
      if (invocation && isFinished(invocation)) void retitle(invocation, busy).catch(onError);
    }
  });
  return vscode.Disposable.from(finished, opened);
}
