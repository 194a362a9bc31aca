// Refresh, Select Template…, Open Example, and jumping to a place in a template.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { SourceLocation } from '../../runtime/template/model';
import type { LambkinContext } from '../context';
import { Cancelled, UserError } from '../errors';
import { Commands } from '../ids';

const EXAMPLE = 'hello-app';

async function pickTemplate(context: LambkinContext): Promise<string | undefined> {
  const selected = context.templates.selectedTemplate;
  type Item = vscode.QuickPickItem & { value: string | undefined | 'browse' };
  const items: Item[] = [
    { label: '$(files) All templates in the workspace', description: `${context.templates.discoveredPaths.length} found`, value: undefined, picked: !selected },
    ...context.templates.discoveredPaths.map((file): Item => ({
      label: `$(file-code) ${vscode.workspace.asRelativePath(file)}`,
      description: file === selected ? 'selected' : undefined,
      value: file,
    })),
    { label: '$(folder-opened) Browse…', description: 'a template outside the "lambkin.templates" globs', value: 'browse' },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'The SAM template Lambkin runs' });
  if (!picked) throw new Cancelled();
  if (picked.value !== 'browse') return picked.value;
  const files = await vscode.window.showOpenDialog({
    canSelectMany: false,
    filters: { 'SAM templates': ['yaml', 'yml', 'json'] },
    openLabel: 'Select Template',
  });
  if (!files?.[0]) throw new Cancelled();
  return files[0].fsPath;
}

async function copyExample(source: string, parent: string): Promise<string> {
  for (let index = 1; ; index++) {
    const target = path.join(parent, index === 1 ? EXAMPLE : `${EXAMPLE}-${index}`);
    try {
      await fs.access(target);
    } catch {
      await fs.cp(source, target, { recursive: true, filter: (file) => !file.split(path.sep).includes('node_modules') });
      return target;
    }
  }
}

export function register(context: LambkinContext): void {
  const { templates } = context;

  context.registerCommand(Commands.refresh, 'Refreshing the functions', async () => {
    await templates.scan();
    return templates.functions().length;
  });

  // Accepts a Uri or path (from the explorer or another extension), null for "all templates", or nothing to ask.
  context.registerCommand(Commands.selectTemplate, 'Selecting the template', async (argument?: vscode.Uri | string | null) => {
    let file: string | undefined;
    if (argument === null) file = undefined;
    else if (argument instanceof vscode.Uri) file = argument.fsPath;
    else if (typeof argument === 'string') file = path.resolve(argument);
    else file = await pickTemplate(context);
    if (file) {
      const stat = await fs.stat(file).catch(() => undefined);
      if (!stat?.isFile()) throw new UserError(`${file} is not a file: choose a SAM template (template.yaml).`);
    }
    await templates.select(file);
    if (file && !templates.discoveredPaths.includes(file)) {
      context.log.info(`Using ${file}, which "lambkin.templates" does not match; Lambkin re-reads it when you save it in VS Code.`);
    }
    await context.runtime.reload();
    return templates.activePaths;
  });

  context.registerCommand(Commands.openExample, 'Opening the example', async () => {
    const source = path.join(context.extension.extensionPath, 'examples', EXAMPLE);
    if (!(await fs.stat(source).catch(() => undefined))) throw new UserError(`The example is missing from the extension (${source}).`);
    const parent = await vscode.window.showOpenDialog({
      canSelectFolders: true,
      canSelectFiles: false,
      openLabel: 'Copy Example Here',
      title: `Where should Lambkin put a copy of the ${EXAMPLE} example?`,
    });
    if (!parent?.[0]) throw new Cancelled();
    const target = await copyExample(source, parent[0].fsPath);
    await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(target), {
      forceNewWindow: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
    });
  });

  context.registerCommand(Commands.openTemplateLocation, 'Opening the template', async (location: SourceLocation) => {
    const position = new vscode.Position(Math.max(0, location.line - 1), Math.max(0, location.column - 1));
    await vscode.window.showTextDocument(vscode.Uri.file(location.file), {
      selection: new vscode.Range(position, position),
      preview: true,
    });
  });
}
