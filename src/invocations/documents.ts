// Read-only documents: `lambkin-invocation:/<function>/<requestId>` (event, response and log lines of
// one invocation) and `lambkin-logs:/<function>.log` (the function's recent output, live).
import * as vscode from 'vscode';
import { Schemes } from '../ids';
import type { FunctionLogs } from './functionLogs';
import { renderInvocation, renderMissingInvocation } from './render';
import type { InvocationStore } from './store';

export function invocationUri(functionName: string, requestId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.invocation, path: `/${functionName}/${requestId}` });
}

export function functionLogsUri(functionName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.functionLogs, path: `/${functionName}.log` });
}

function lastSegments(uri: vscode.Uri): string[] {
  return uri.path.split('/').filter(Boolean);
}

export class InvocationDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly store: InvocationStore,
    private readonly maxShown: () => number,
  ) {
    // An open document of a running invocation fills in once it finishes.
    this.subscription = store.onDidChange(() => {
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme === Schemes.invocation) this.changed.fire(document.uri);
      }
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [, requestId] = lastSegments(uri);
    const invocation = requestId ? this.store.find(requestId) : undefined;
    return invocation ? renderInvocation(invocation) : renderMissingInvocation(requestId ?? uri.path, this.maxShown());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export class FunctionLogDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor(private readonly logs: FunctionLogs) {
    this.subscription = logs.onDidAppend((functionName) => this.changed.fire(functionLogsUri(functionName)));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const [file = ''] = lastSegments(uri);
    return this.logs.render(file.replace(/\.log$/, ''));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
