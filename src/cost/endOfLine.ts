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

/** One hint as set on an editor: its 0-based line, its text and its colour's level. */
export interface ShownHint {
  line: number;
  text: string;
  level: CostLevel | 'unmeasured';
}

export class EndOfLineHints implements vscode.Disposable {
  private readonly types: Record<CostLevel | 'unmeasured', vscode.TextEditorDecorationType>;
  /** What was last set on each visible editor, by document URI: the API reports it (decorations cannot be read back). */
  private readonly shown = new Map<string, ShownHint[]>();
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

  /** The hints set on the visible editor of `uri` (none when it is not visible or hints are not endOfLine). */
  hintsIn(uri: vscode.Uri): ShownHint[] {
    return this.shown.get(uri.toString()) ?? [];
  }

  private updateAll(): void {
    this.shown.clear();
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
    const shown = this.shown.get(editor.document.uri.toString()) ?? [];
    for (const [key, options] of byType) {
      editor.setDecorations(this.types[key], options);
      for (const option of options) shown.push({ line: option.range.start.line, text: option.renderOptions?.after?.contentText ?? '', level: key });
    }
    this.shown.set(editor.document.uri.toString(), shown.sort((a, b) => a.line - b.line));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscriptions.forEach((subscription) => subscription.dispose());
    Object.values(this.types).forEach((type) => type.dispose());
  }
}
