// "Invoke", "Debug" and "Events…" above every exported handler a template references, in TypeScript and
// JavaScript sources (CommonJS and ES modules alike).
import * as vscode from 'vscode';
import type { LambkinContext } from '../context';
import { Commands } from '../ids';
import { chooseAndRun } from './events';
import { handlerSites } from './handlerIndex';

const SELECTOR: vscode.DocumentSelector = ['typescript', 'javascript'].map((language) => ({ language, scheme: 'file' }));

class HandlerLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(private readonly context: LambkinContext) {}

  /** The templates changed: handlers may have moved, appeared or gone. */
  refresh(): void {
    this.changed.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const sites = handlerSites(this.context.templates.functions(), document.uri.fsPath, document.getText());
    return sites.flatMap(({ fn, line, column }) => {
      const range = new vscode.Range(line, column, line, column);
      const several = sites.length > 1 ? ` ${fn.name}` : '';
      return [
        new vscode.CodeLens(range, { title: `$(play) Invoke${several}`, tooltip: `Invoke ${fn.name} locally with an empty event`, command: Commands.invokeFunction, arguments: [fn.name] }),
        new vscode.CodeLens(range, { title: `$(debug-alt) Debug${several}`, tooltip: `Debug ${fn.name}: invoke it under the debugger`, command: Commands.debugFunction, arguments: [fn.name] }),
        new vscode.CodeLens(range, { title: 'Events…', tooltip: `Invoke or debug ${fn.name} with one of its saved or sample events`, command: Commands.lensEvents, arguments: [fn.name] }),
      ];
    });
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function register(context: LambkinContext): void {
  const provider = context.track(new HandlerLensProvider(context));
  context.track(vscode.languages.registerCodeLensProvider(SELECTOR, provider));
  context.track(context.templates.onDidChange(() => provider.refresh()));
  context.registerCommand(Commands.lensEvents, 'Choosing an event', (name?: string) => chooseAndRun(context, name));
}
