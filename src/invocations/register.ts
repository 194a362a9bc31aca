// The invocation and function-log documents (their languages, editor features and actions), and the
// history length setting.
import * as vscode from 'vscode';
import type { LambkinContext } from '../context';
import { Schemes, Settings } from '../ids';
import { affects, readSettings } from '../settings';
import { registerActions } from './actions';
import { FunctionLogDocuments, InvocationDocuments, withLanguage } from './documents';
import { registerEditorFeatures } from './editorFeatures';
import { registerInvocationLens } from './invocationLens';
import { keepTitlesCurrent } from './open';

export function register(context: LambkinContext): void {
  const invocations = context.track(
    new InvocationDocuments({
      store: context.invocations,
      maxShown: () => readSettings().maxInvocationsShown,
      findFunction: (name) => context.templates.findFunction(name),
    }),
  );
  context.track(vscode.workspace.registerTextDocumentContentProvider(Schemes.invocation, invocations));
  const logs = context.track(new FunctionLogDocuments(context.functionLogs));
  context.track(vscode.workspace.registerTextDocumentContentProvider(Schemes.functionLogs, logs));

  // However a document of ours opens (a restored tab, Go to File, a link), it gets its language.
  for (const document of vscode.workspace.textDocuments) void withLanguage(document);
  context.track(vscode.workspace.onDidOpenTextDocument((document) => void withLanguage(document)));

  context.track(context.invocations.onDidFinish((result) => context.functionLogs.record(result)));
  context.track(keepTitlesCurrent(context.invocations, (error) => context.log.error('Retitling an invocation tab failed', error)));

  registerEditorFeatures(context);
  registerInvocationLens(context);
  registerActions(context);

  context.track(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (affects(event, Settings.maxInvocationsShown)) context.invocations.setMaxRecent(readSettings().maxInvocationsShown);
    }),
  );
}
