// Cost hints as coloured text at the end of the handler's line (`lambkin.cost.hints: endOfLine`), in
// the manner of Import Cost: green when cheap, yellow when notable, red when expensive.
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import { handlersInDocument } from './handlerLines';
import { costHint, UNMEASURED_TEXT, type CostLevel } from './hintText';
import type { CostModel } from './model';

const LEVEL_COLOURS: Record<CostLevel, string> = {
  cheap: 'charts.green',
  notable: 'charts.yellow',
  expensive: 'charts.red',
};

function decorationType(colour: vscode.ThemeColor, italic: boolean): vscode.TextEditorDecorationType {
  return vscode.window.createTextEditorDecorationType({
    after: { color: colour, margin: '0 0 0 2em', fontStyle: italic ? 'italic' : 'normal' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
}

export class EndOfLineHints implements vscode.Disposable {
  private readonly types: Record<CostLevel | 'unmeasured', vscode.TextEditorDecorationType>;
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly model: CostModel,
    private readonly functions: () => FunctionConfig[],
  ) {
    this.types = {
      cheap: decorationType(new vscode.ThemeColor(LEVEL_COLOURS.cheap), false),
      notable: decorationType(new vscode.ThemeColor(LEVEL_COLOURS.notable), false),
      expensive: decorationType(new vscode.ThemeColor(LEVEL_COLOURS.expensive), false),
      unmeasured: decorationType(new vscode.ThemeColor('editorCodeLens.foreground'), true),
    };
    this.subscriptions.push(
      model.onDidChange(() => this.updateAll()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.updateAll()),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (!vscode.window.visibleTextEditors.some((editor) => editor.document === event.document)) return;
        // Typing moves the export line; follow it without recomputing on every key.
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.updateAll(), 300);
      }),
    );
    this.updateAll();
  }

  private updateAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.update(editor);
  }

  private update(editor: vscode.TextEditor): void {
    const byType = new Map<keyof typeof this.types, vscode.DecorationOptions[]>(Object.keys(this.types).map((key) => [key as keyof typeof this.types, []]));
    if (this.model.settings.hints === 'endOfLine' && editor.document.uri.scheme === 'file') {
      const handlers = handlersInDocument(this.functions(), editor.document.uri.fsPath, editor.document.getText());
      for (const { fn, line } of handlers) {
        const end = editor.document.lineAt(line).range.end;
        const summary = this.model.summary(fn.name);
        const hint = summary ? costHint(summary, this.model.meanBilledMs(fn.name), this.model.settings) : undefined;
        // Named only where functions share a handler, to keep the line short.
        const prefix = handlers.length > 1 ? `${fn.name}: ` : '';
        byType.get(hint?.level ?? 'unmeasured')!.push({
          range: new vscode.Range(end, end),
          renderOptions: { after: { contentText: `${prefix}${hint ? hint.text : UNMEASURED_TEXT}` } },
        });
      }
    }
    for (const [key, options] of byType) editor.setDecorations(this.types[key], options);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((subscription) => subscription.dispose());
    Object.values(this.types).forEach((type) => type.dispose());
  }
}
