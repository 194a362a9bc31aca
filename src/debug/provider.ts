// The `lambkin` debug configurations: defaults filled in, one ready-made configuration per function in
// the Run and Debug picker, and F5 in a handler file without a launch.json debugging that file's function.
import * as vscode from 'vscode';
import type { FunctionConfig } from '../../runtime/template/model';
import { functionsOfFile } from '../codelens/handlerIndex';
import type { TemplateCatalog } from '../templates/catalog';
import { DebugTypes } from '../ids';

export function functionConfiguration(fn: FunctionConfig, multipleTemplates: boolean): vscode.DebugConfiguration {
  return {
    type: DebugTypes.lambkin,
    request: 'launch',
    name: `Debug ${fn.name}`,
    function: fn.name,
    ...(multipleTemplates ? { template: vscode.workspace.asRelativePath(fn.templatePath, false) } : {}),
  };
}

export function serveConfiguration(): vscode.DebugConfiguration {
  return { type: DebugTypes.lambkin, request: 'launch', name: 'Debug every invocation (serve)', serve: true };
}

/** Ready-made configurations: in launch.json when it is created, and (dynamic) in the Run and Debug picker. */
export class ProvidedConfigurations implements vscode.DebugConfigurationProvider {
  constructor(private readonly templates: TemplateCatalog, private readonly initial: boolean) {}

  provideDebugConfigurations(): vscode.DebugConfiguration[] {
    const functions = this.templates.functions();
    const multiple = this.templates.activePaths.length > 1;
    if (!this.initial) return [...functions.map((fn) => functionConfiguration(fn, multiple)), serveConfiguration()];
    // launch.json starts with the function being edited (or the first), and the serve mode.
    const editing = activeFunction(this.templates);
    const first = editing ?? functions[0];
    return [...(first ? [functionConfiguration(first, multiple)] : []), serveConfiguration()];
  }
}

/** The function whose handler module is open in the active editor, if exactly one such exists. */
function activeFunction(templates: TemplateCatalog): FunctionConfig | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (!document || document.uri.scheme !== 'file') return undefined;
  const [only, ...others] = functionsOfFile(templates.functions(), document.uri.fsPath);
  return others.length === 0 ? only : undefined;
}

/** Fills in what a configuration leaves out; F5 without a launch.json arrives here as an empty one. */
export class ConfigurationResolver implements vscode.DebugConfigurationProvider {
  constructor(private readonly templates: TemplateCatalog) {}

  async resolveDebugConfiguration(_folder: vscode.WorkspaceFolder | undefined, config: vscode.DebugConfiguration): Promise<vscode.DebugConfiguration | undefined> {
    if (!config.type && !config.request && !config.name) return this.fromActiveEditor();
    if (config.function === undefined && !config.serve) {
      // "Debug the open handler": the function comes from the editor, as with F5 without a launch.json.
      const chosen = await this.fromActiveEditor();
      if (!chosen) return undefined;
      const { name: _name, ...target } = chosen;
      return { ...config, ...target, name: config.name || chosen.name };
    }
    return {
      ...config,
      type: DebugTypes.lambkin,
      request: config.request ?? 'launch',
      name: config.name ?? (config.serve ? 'Debug every invocation (serve)' : `Debug ${String(config.function ?? 'function')}`),
    };
  }

  private async fromActiveEditor(): Promise<vscode.DebugConfiguration | undefined> {
    const document = vscode.window.activeTextEditor?.document;
    const candidates = document?.uri.scheme === 'file' ? functionsOfFile(this.templates.functions(), document.uri.fsPath) : [];
    const multiple = this.templates.activePaths.length > 1;
    if (candidates.length === 1) return functionConfiguration(candidates[0]!, multiple);
    const functions = candidates.length > 1 ? candidates : this.templates.functions();
    if (functions.length === 0) {
      void vscode.window.showInformationMessage('Lambkin found no function to debug: open a handler of a SAM template\'s function, or add a "lambkin" configuration to launch.json.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      [
        ...functions.map((fn) => ({ label: `$(symbol-function) ${fn.name}`, description: `${fn.handler} · ${fn.runtime}`, config: functionConfiguration(fn, multiple) })),
        { label: '$(broadcast) Every invocation (serve)', description: 'HTTP, Invoke API and other triggers', config: serveConfiguration() },
      ],
      { placeHolder: 'Function to debug' },
    );
    return picked?.config;
  }
}
