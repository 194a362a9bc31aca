// The Functions view in Lambkin's activity-bar container.
import * as vscode from 'vscode';
import type { LambkinContext } from '../context';
import { Views } from '../ids';
import { FunctionsTreeProvider } from './functionsTree';
import type { FunctionsTreeNode } from './nodes';

export interface FunctionsView {
  provider: FunctionsTreeProvider;
  view: vscode.TreeView<FunctionsTreeNode>;
}

const RESTRICTED_MESSAGE = 'Restricted Mode: functions are listed, but Lambkin runs no code until you trust this workspace.';

export function register(context: LambkinContext): FunctionsView {
  const provider = context.track(new FunctionsTreeProvider(context.templates, context.invocations, context.savedEvents));
  const view = context.track(
    vscode.window.createTreeView(Views.functions, { treeDataProvider: provider, showCollapseAll: true }),
  );
  const updateMessage = () => {
    view.message = vscode.workspace.isTrusted ? undefined : RESTRICTED_MESSAGE;
  };
  updateMessage();
  context.track(vscode.workspace.onDidGrantWorkspaceTrust(updateMessage));
  return { provider, view };
}
