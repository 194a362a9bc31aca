// Read-only documents: `lambkin-invocation:/<function>/<requestId>/<title>` (event, response and log
// lines of one invocation; the last segment is what the tab shows, `HelloFunction · 14.9 ms · 04:33:31`)
// and `lambkin-logs:/<function>.log` (the function's recent output, live).
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import { Languages, Schemes } from '../ids';
import type { FunctionLogs } from './functionLogs';
import { invocationTitle, renderInvocation, renderMissingInvocation, type AnyInvocation } from './render';
import type { InvocationStore } from './store';

export function invocationUri(invocation: AnyInvocation): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.invocation, path: `/${invocation.functionName}/${invocation.requestId}/${invocationTitle(invocation)}` });
}

function segments(uri: vscode.Uri): string[] {
  return uri.path.split('/').filter(Boolean);
}

/** The request id an invocation document is about. */
export function requestIdOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === Schemes.invocation ? segments(uri)[1] : undefined;
}

export function functionLogsUri(functionName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.functionLogs, path: `/${functionName}.log` });
}

/**
 * Gives Lambkin's documents their language (and so their grammar). Their paths end in a title or `.log`,
 * which would pick plain text or VS Code's own log language.
 */
export async function withLanguage(document: vscode.TextDocument): Promise<vscode.TextDocument> {
  const language = document.uri.scheme === Schemes.invocation ? Languages.invocation : document.uri.scheme === Schemes.functionLogs ? Languages.log : undefined;
  if (!language || document.languageId === language) return document;
  try {
    return await vscode.languages.setTextDocumentLanguage(document, language);
  } catch {
    // Closed before its language could change: nothing shows it any more.
    return document;
  }
}

export interface InvocationSources {
  store: InvocationStore;
  maxShown(): number;
  findFunction(name: string): FunctionConfig | undefined;
}

export class InvocationDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscription: { dispose(): void };
  readonly onDidChange = this.changed.event;

  constructor(private readonly sources: InvocationSources) {
    // An open document of a running invocation fills in once it finishes.
    this.subscription = sources.store.onDidChange(() => {
      for (const document of vscode.workspace.textDocuments) {
        if (document.uri.scheme === Schemes.invocation) this.changed.fire(document.uri);
      }
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const requestId = requestIdOf(uri);
    const invocation = requestId ? this.sources.store.find(requestId) : undefined;
    if (!invocation) return renderMissingInvocation(requestId ?? uri.path, this.sources.maxShown());
    return renderInvocation(invocation, { timeoutSeconds: this.sources.findFunction(invocation.functionName)?.timeout });
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
    const [file = ''] = segments(uri);
    return this.logs.render(file.replace(/\.log$/, ''));
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
