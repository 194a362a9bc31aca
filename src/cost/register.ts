// Cost hints in handler files (CodeLens or end of line), the breakdown on hover, the cost report
// webview, and the cost commands; all fed by one CostModel.
import * as vscode from 'vscode';
import type { LambkinContext } from '../context';
import { SETTINGS_SECTION, Settings } from '../ids';
import { CostCodeLensProvider, HANDLER_DOCUMENTS } from './codeLens';
import { register as registerCommands } from './commands';
import { EndOfLineHints } from './endOfLine';
import { CostHoverProvider } from './hover';
import { CostModel } from './model';
import { CostReportPanel } from './report/panel';

const OPEN_SETTINGS = 'Open Settings';

/** What the cost feature lets the API report. */
export interface CostFeature {
  model: CostModel;
  endOfLine: EndOfLineHints;
}

export function register(context: LambkinContext): CostFeature {
  const model = context.track(new CostModel(context));
  const functions = () => context.templates.functions();
  const panel = context.track(new CostReportPanel(model, context.extension.extensionUri));

  const lenses = context.track(new CostCodeLensProvider(model, functions));
  context.track(vscode.languages.registerCodeLensProvider(HANDLER_DOCUMENTS, lenses));
  context.track(vscode.languages.registerHoverProvider(HANDLER_DOCUMENTS, new CostHoverProvider(model, functions)));
  const endOfLine = context.track(new EndOfLineHints(model, functions));

  const explainPrices = async (problems: string[]) => {
    const message = `Lambkin cannot use lambkin.cost.prices, so costs use the AWS list prices: ${problems.join('; ')}.`;
    context.log.warn(message);
    const choice = await vscode.window.showWarningMessage(message, OPEN_SETTINGS);
    if (choice === OPEN_SETTINGS) await vscode.commands.executeCommand('workbench.action.openSettingsJson', { revealSetting: { key: `${SETTINGS_SECTION}.${Settings.costPrices}` } });
  };
  context.track(model.onDidRejectPrices((problems) => void explainPrices(problems)));
  if (model.settings.priceProblems.length > 0) void explainPrices(model.settings.priceProblems);

  registerCommands(context, model, panel);
  return { model, endOfLine };
}
