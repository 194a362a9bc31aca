// Cost hints as a CodeLens above each handler (`lambkin.cost.hints: codeLens`). Sits beside the
// Invoke/Debug lenses of the CodeLens feature rather than repeating them.
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import { Commands } from '../ids';
import { handlersInDocument } from './handlerLines';
import { costHint, LEVEL_ICONS, UNMEASURED_TEXT } from './hintText';
import type { CostModel } from './model';

export const HANDLER_DOCUMENTS: vscode.DocumentSelector = [
  { scheme: 'file', language: 'typescript' },
  { scheme: 'file', language: 'javascript' },
];

export class CostCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeCodeLenses = this.changed.event;

  constructor(
    private readonly model: CostModel,
    private readonly functions: () => FunctionConfig[],
  ) {
    this.subscription = model.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (this.model.settings.hints !== 'codeLens') return [];
    return handlersInDocument(this.functions(), document.uri.fsPath, document.getText()).map(({ fn, line }) => {
      const range = new vscode.Range(line, 0, line, 0);
      const summary = this.model.summary(fn.name);
      if (!summary) {
        return new vscode.CodeLens(range, {
          title: UNMEASURED_TEXT,
          tooltip: `No invocation of ${fn.name} measured yet: invoke it to see what it would cost on Lambda.`,
          command: Commands.invokeFunction,
          arguments: [fn.name],
        });
      }
      const hint = costHint(summary, this.model.meanBilledMs(fn.name), this.model.settings);
      return new vscode.CodeLens(range, {
        title: `$(${LEVEL_ICONS[hint.level]}) ${hint.text}`,
        tooltip: hint.tooltip,
        command: Commands.showCostReport,
        arguments: [fn.name],
      });
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
