// Refresh, Select Template…, Open Example, and jumping to a place in a template.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { copyExample, EXAMPLES, findExample, type ExampleInfo } from '../../runtime/examples/catalog';
import type { SourceLocation } from '../../runtime/template/model';
import type { LambkinContext } from '../context';
import { Cancelled, UserError } from '../errors';
import { Commands } from '../ids';

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

interface OpenExampleOptions {
  folder?: string | vscode.Uri;
  open?: boolean;
}

type ExampleItem = vscode.QuickPickItem & { example: ExampleInfo };

async function pickExample(): Promise<ExampleInfo> {
  const items: ExampleItem[] = EXAMPLES.map((example) => ({
    label: example.name,
    description: example.use,
    detail: example.description,
    example,
  }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Open Example', placeHolder: 'An example app to copy into a folder of yours and open', matchOnDetail: true });
  if (!picked) throw new Cancelled();
  return picked.example;
}

async function pickParentFolder(example: ExampleInfo): Promise<string> {
  const parent = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: 'Copy Example Here',
    title: `Where should Lambkin put a copy of the ${example.name} example?`,
  });
  if (!parent?.[0]) throw new Cancelled();
  return parent[0].fsPath;
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

  // Arguments (from the walkthrough's links, other extensions and tests): an example's name skips the picker;
  // `folder` (path or Uri) skips the folder dialog; `open: false` copies without opening. The copy opens in
  // this window, or in a new one when a folder is open already. Returns the copy's path.
  context.registerCommand(Commands.openExample, 'Opening the example', async (name?: string, options?: OpenExampleOptions) => {
    const example = typeof name === 'string' ? findExample(name) : await pickExample();
    if (!example) throw new UserError(`There is no example called "${name}". Examples: ${EXAMPLES.map((entry) => entry.name).join(', ')}.`);
    const examples = path.join(context.extension.extensionPath, 'examples');
    const folder = options?.folder;
    const parent = folder instanceof vscode.Uri ? folder.fsPath : typeof folder === 'string' ? path.resolve(folder) : await pickParentFolder(example);
    let target: string;
    try {
      target = await copyExample(examples, example.name, parent);
    } catch (error) {
      throw new UserError(`Could not copy the ${example.name} example into ${parent}: ${error instanceof Error ? error.message : String(error)}`);
    }
    context.log.info(`Copied the ${example.name} example to ${target}.`);
    if (options?.open !== false) {
      await vscode.commands.executeCommand('vscode.openFolder', vscode.Uri.file(target), {
        forceNewWindow: (vscode.workspace.workspaceFolders?.length ?? 0) > 0,
      });
    }
    return target;
  });

  context.registerCommand(Commands.openTemplateLocation, 'Opening the template', async (location: SourceLocation) => {
    const position = new vscode.Position(Math.max(0, location.line - 1), Math.max(0, location.column - 1));
    await vscode.window.showTextDocument(vscode.Uri.file(location.file), {
      selection: new vscode.Range(position, position),
      preview: true,
    });
  });
}
