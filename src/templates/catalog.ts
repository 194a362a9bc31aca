// The SAM templates of the workspace and what they declare. Discovery follows `lambkin.templates`
// (minus `lambkin.templateExclude`) in every workspace folder, or the one template picked with
// "Select Template…". Unsaved editor text wins over the file on disk, so the tree follows typing.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { FunctionConfig, ParsedTemplate } from '../../runtime/template/model';
import type { Log } from '../log';
import { readSettings } from '../settings';
import { readTemplate } from './reader';

export type TemplateChangeReason = 'scan' | 'disk' | 'editor' | 'selection';

const SELECTED_TEMPLATE_KEY = 'lambkin.selectedTemplate';

function samePath(a: string, b: string): boolean {
  return process.platform === 'win32' ? a.toLowerCase() === b.toLowerCase() : a === b;
}

export class TemplateCatalog implements vscode.Disposable {
  private discovered: string[] = [];
  private readonly parsed = new Map<string, ParsedTemplate>();
  private scanGeneration = 0;
  private readonly changed = new vscode.EventEmitter<TemplateChangeReason>();
  private scannedOnce = false;

  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {}

  get scanned(): boolean {
    return this.scannedOnce;
  }

  /** Every template found by the globs, whether or not it is selected. */
  get discoveredPaths(): string[] {
    return [...this.discovered];
  }

  get selectedTemplate(): string | undefined {
    return this.state.get<string>(SELECTED_TEMPLATE_KEY);
  }

  /** The templates Lambkin works from, in a stable order. */
  get activePaths(): string[] {
    const selected = this.selectedTemplate;
    return selected ? [selected] : [...this.discovered];
  }

  get templates(): ParsedTemplate[] {
    return this.activePaths.map((file) => this.parsed.get(file)).filter((t): t is ParsedTemplate => t !== undefined);
  }

  functions(): FunctionConfig[] {
    return this.templates.flatMap((template) => template.functions);
  }

  findFunction(name: string): FunctionConfig | undefined {
    return this.functions().find((fn) => fn.name === name);
  }

  isActive(file: string): boolean {
    return this.activePaths.some((active) => samePath(active, file));
  }

  /** Pins one template (or, with undefined, goes back to all discovered ones). */
  async select(file: string | undefined): Promise<void> {
    await this.state.update(SELECTED_TEMPLATE_KEY, file);
    await this.scan('selection');
  }

  /** Finds the templates again and re-reads every active one. */
  async scan(reason: TemplateChangeReason = 'scan'): Promise<void> {
    const generation = ++this.scanGeneration;
    const discovered = await this.discover();
    const selected = this.selectedTemplate;
    if (selected && !(await exists(selected))) {
      this.log.warn(`The selected template ${selected} no longer exists; using every template of the workspace again.`);
      await this.state.update(SELECTED_TEMPLATE_KEY, undefined);
    }
    if (generation !== this.scanGeneration) return;
    this.discovered = discovered;
    const results = await Promise.all(this.activePaths.map(async (file) => [file, await this.read(file)] as const));
    if (generation !== this.scanGeneration) return;
    this.parsed.clear();
    for (const [file, template] of results) this.parsed.set(file, template);
    this.scannedOnce = true;
    this.changed.fire(reason);
  }

  /** Re-reads one template, from `text` (editor contents) or from disk. */
  async reparse(file: string, reason: 'disk' | 'editor', text?: string): Promise<void> {
    const active = this.activePaths.find((candidate) => samePath(candidate, file));
    if (!active) return;
    const template = await this.read(active, text);
    this.parsed.set(active, template);
    this.changed.fire(reason);
  }

  dispose(): void {
    this.changed.dispose();
  }

  private async read(file: string, text?: string): Promise<ParsedTemplate> {
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.scheme === 'file' && samePath(doc.uri.fsPath, file));
    const source = text ?? (open?.isDirty ? open.getText() : undefined);
    const template = await readTemplate(file, source, { region: readSettings(vscode.Uri.file(file)).region });
    this.log.trace(`Read ${file}: ${template.functions.length} function(s), ${template.problems.length} problem(s).`);
    return template;
  }

  private async discover(): Promise<string[]> {
    const settingsByFolder = (vscode.workspace.workspaceFolders ?? []).map((folder) => ({ folder, settings: readSettings(folder) }));
    const found = await Promise.all(
      settingsByFolder.flatMap(({ folder, settings }) =>
        settings.templates.map((glob) =>
          vscode.workspace.findFiles(
            new vscode.RelativePattern(folder, glob),
            settings.templateExclude.length ? `{${settings.templateExclude.join(',')}}` : null,
          ),
        ),
      ),
    );
    const unique = new Map<string, string>();
    for (const uri of found.flat()) unique.set(process.platform === 'win32' ? uri.fsPath.toLowerCase() : uri.fsPath, uri.fsPath);
    return [...unique.values()].sort((a, b) => a.split(path.sep).length - b.split(path.sep).length || a.localeCompare(b));
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await fs.stat(file)).isFile();
  } catch {
    return false;
  }
}
