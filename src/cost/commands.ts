// The cost commands: Show Cost Report, Export Cost Report…, Reset Cost Measurements (all or one).
import path from 'node:path';
import * as vscode from 'vscode';
import { reportCsv, reportMarkdown } from '../../runtime/stats/format';
import type { FunctionArgument } from '../commands/pickers';
import { resolveFunction } from '../commands/pickers';
import type { LambkinContext } from '../context';
import { Cancelled, UserError } from '../errors';
import { Commands } from '../ids';
import type { CostModel } from './model';
import type { CostReportPanel } from './report/panel';

export type ExportFormat = 'csv' | 'markdown';

const ALL_FUNCTIONS = '*';

function functionNameOf(argument: FunctionArgument): string | undefined {
  if (typeof argument === 'string') return argument;
  if (argument && 'kind' in argument && argument.kind === 'function') return argument.fn.name;
  if (argument && 'logicalId' in argument) return argument.name;
  return undefined;
}

async function exportReport(model: CostModel, format?: ExportFormat, target?: vscode.Uri): Promise<string> {
  const report = model.report;
  if (!report || report.functions.length === 0) {
    throw new UserError('No invocation measured yet: invoke a function first, then export its cost report.');
  }
  const chosen = format ?? (await vscode.window.showQuickPick(
    [{ label: 'CSV', description: 'for spreadsheets', format: 'csv' as const }, { label: 'Markdown', description: 'for pull requests and docs', format: 'markdown' as const }],
    { placeHolder: 'Export the cost report as' },
  ))?.format;
  if (!chosen) throw new Cancelled();
  const extension = chosen === 'csv' ? 'csv' : 'md';
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const uri = target ?? (await vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, `lambkin-cost.${extension}`) : undefined,
    filters: chosen === 'csv' ? { CSV: ['csv'] } : { Markdown: ['md'] },
    saveLabel: 'Export',
  }));
  if (!uri) throw new Cancelled();
  const text = chosen === 'csv' ? reportCsv(report) : reportMarkdown(report) + '\n';
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  vscode.window.setStatusBarMessage(`$(export) Cost report saved to ${path.basename(uri.fsPath)}`, 5000);
  return uri.fsPath;
}

export function register(context: LambkinContext, model: CostModel, panel: CostReportPanel): void {
  context.registerCommand(Commands.showCostReport, 'Showing the cost report', (argument?: FunctionArgument) => {
    panel.show(functionNameOf(argument));
    return true;
  });

  context.registerCommand(Commands.exportCostReport, 'Exporting the cost report', (format?: ExportFormat, target?: vscode.Uri) =>
    exportReport(model, format, target));

  // From the palette: all, or one measured function. The argument `'*'` means all, without asking.
  context.registerCommand(Commands.resetCostMeasurements, 'Resetting the cost measurements', async (argument?: FunctionArgument) => {
    let name = functionNameOf(argument);
    if (name === undefined) {
      const measured = model.report?.functions ?? [];
      const picked = await vscode.window.showQuickPick(
        [
          { label: '$(clear-all) All functions', description: `${measured.length} measured`, name: ALL_FUNCTIONS },
          ...measured.map((summary) => ({ label: `$(symbol-function) ${summary.functionName}`, description: `${summary.invocations} invocations measured`, name: summary.functionName })),
        ],
        { placeHolder: 'Forget the measured invocations of' },
      );
      if (!picked) throw new Cancelled();
      name = picked.name;
    }
    await model.reset(name === ALL_FUNCTIONS ? undefined : name);
    vscode.window.setStatusBarMessage(`$(clear-all) Forgot the cost measurements of ${name === ALL_FUNCTIONS ? 'every function' : name}`, 5000);
    return true;
  });

  context.registerCommand(Commands.treeResetCostMeasurements, 'Resetting the cost measurements', async (argument?: FunctionArgument) => {
    const fn = await resolveFunction(context, argument, 'Forget the measured invocations of');
    await model.reset(fn.name);
    vscode.window.setStatusBarMessage(`$(clear-all) Forgot the cost measurements of ${fn.name}`, 5000);
    return true;
  });
}
