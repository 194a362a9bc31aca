// Hovering a handler's exported name shows the full breakdown of what it costs.
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import { Commands } from '../ids';
import { breakdownMarkdown } from './breakdownMarkdown';
import { handlersInDocument } from './handlerLines';
import type { CostModel } from './model';

function commandLink(command: string, args: unknown[]): string {
  return `command:${command}?${encodeURIComponent(JSON.stringify(args))}`;
}

/** The breakdown of `fn` as trusted Markdown (its links run Lambkin's cost commands only); undefined when not measured. */
export function breakdownHover(model: CostModel, fn: FunctionConfig): vscode.MarkdownString | undefined {
  const explanation = model.explain(fn);
  if (!explanation) return undefined;
  const text = breakdownMarkdown(explanation, {
    volumeSetting: fn.name in model.settings.perFunction ? 'lambkin.cost.perFunction' : 'lambkin.cost.monthlyInvocations',
    customPrices: model.settings.customPrices,
    priceProblems: model.settings.priceProblems,
    links: {
      report: commandLink(Commands.showCostReport, [fn.name]),
      reset: commandLink(Commands.treeResetCostMeasurements, [fn.name]),
    },
  });
  const markdown = new vscode.MarkdownString(text, true);
  markdown.isTrusted = { enabledCommands: [Commands.showCostReport, Commands.treeResetCostMeasurements] };
  return markdown;
}

export class CostHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly model: CostModel,
    private readonly functions: () => FunctionConfig[],
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (this.model.settings.hints === 'off' || !this.model.report) return undefined;
    const at = handlersInDocument(this.functions(), document.uri.fsPath, document.getText())
      .find((handler) => handler.line === position.line && position.character >= handler.column && position.character <= handler.endColumn);
    if (!at) return undefined;
    const markdown = breakdownHover(this.model, at.fn);
    return markdown ? new vscode.Hover(markdown, new vscode.Range(at.line, at.column, at.line, at.endColumn)) : undefined;
  }
}
