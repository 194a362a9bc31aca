// The invocation and function-log documents, and the history length setting.
import * as vscode from 'vscode';
import type { LambkinContext } from '../context';
import { Schemes, Settings } from '../ids';
import { affects, readSettings } from '../settings';
import { FunctionLogDocuments, InvocationDocuments } from './documents';

export function register(context: LambkinContext): void {
  const invocations = context.track(new InvocationDocuments(context.invocations, () => readSettings().maxInvocationsShown));
  context.track(vscode.workspace.registerTextDocumentContentProvider(Schemes.invocation, invocations));
  const logs = context.track(new FunctionLogDocuments(context.functionLogs));
  context.track(vscode.workspace.registerTextDocumentContentProvider(Schemes.functionLogs, logs));

  context.track(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affects(event, Settings.maxInvocationsShown)) context.invocations.setMaxRecent(readSettings().maxInvocationsShown);
    }),
  );
}
