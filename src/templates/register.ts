// Keeps the template catalog current: watchers for the template globs, editor edits (debounced),
// workspace folder and setting changes; publishes problems and the context keys of the welcome view.
import * as vscode from 'vscode';
import type { LambkinContext } from '../context';
import { ContextKeys, Settings } from '../ids';
import { affects, readSettings } from '../settings';
import { Debouncer } from '../util/debounce';
import { publishProblems } from './diagnostics';

export const TEMPLATE_REFRESH_DELAY_MS = 300;

export function register(context: LambkinContext): void {
  const { templates, log } = context;
  const diagnostics = context.track(vscode.languages.createDiagnosticCollection('lambkin'));

  context.track(
    templates.onDidChange(() => {
      publishProblems(diagnostics, templates.templates);
      void vscode.commands.executeCommand('setContext', ContextKeys.templatesScanned, templates.scanned);
      void vscode.commands.executeCommand('setContext', ContextKeys.hasTemplates, templates.activePaths.length > 0);
    }),
  );

  const rescan = context.track(new Debouncer(TEMPLATE_REFRESH_DELAY_MS, () => void scan()));
  const scan = () => templates.scan().catch((error: unknown) => log.error('Scanning the workspace for templates failed', error));

  // One debouncer per template; a pending disk change wins over editor text (the file is the truth then).
  const pending = new Map<string, { debouncer: Debouncer; reason: 'disk' | 'editor' }>();
  context.track({ dispose: () => pending.forEach(({ debouncer }) => debouncer.dispose()) });
  const reparseSoon = (file: string, reason: 'disk' | 'editor') => {
    if (!templates.isActive(file)) return;
    let entry = pending.get(file);
    if (!entry) {
      const created: { debouncer: Debouncer; reason: 'disk' | 'editor' } = {
        reason,
        debouncer: new Debouncer(TEMPLATE_REFRESH_DELAY_MS, () => {
          pending.delete(file);
          const open = vscode.workspace.textDocuments.find((doc) => doc.uri.scheme === 'file' && doc.uri.fsPath === file);
          const text = created.reason === 'editor' ? open?.getText() : undefined;
          templates.reparse(file, created.reason, text).catch((error: unknown) => log.error(`Reading ${file} failed`, error));
        }),
      };
      entry = created;
      pending.set(file, entry);
    } else if (reason === 'disk') {
      entry.reason = 'disk';
    }
    entry.debouncer.trigger();
  };

  let watchers: vscode.Disposable[] = [];
  const watch = () => {
    watchers.forEach((watcher) => watcher.dispose());
    const globs = new Set((vscode.workspace.workspaceFolders ?? []).flatMap((folder) => readSettings(folder).templates));
    watchers = [...globs].map((glob) => {
      const watcher = vscode.workspace.createFileSystemWatcher(glob);
      watcher.onDidCreate(() => rescan.trigger());
      watcher.onDidDelete(() => rescan.trigger());
      watcher.onDidChange((uri) => reparseSoon(uri.fsPath, 'disk'));
      return watcher;
    });
  };
  watch();
  context.track({ dispose: () => watchers.forEach((watcher) => watcher.dispose()) });

  context.track(
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.scheme === 'file' && event.contentChanges.length > 0) reparseSoon(event.document.uri.fsPath, 'editor');
    }),
  );
  // A selected template outside the globs has no watcher: saving it still counts as a disk change.
  context.track(
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (document.uri.scheme === 'file') reparseSoon(document.uri.fsPath, 'disk');
    }),
  );
  // Closing an edited template without saving: the file on disk is what counts again.
  context.track(
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === 'file' && document.isDirty) reparseSoon(document.uri.fsPath, 'disk');
    }),
  );
  context.track(vscode.workspace.onDidChangeWorkspaceFolders(() => {
    watch();
    rescan.trigger();
  }));
  context.track(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!affects(event, Settings.templates, Settings.templateExclude)) return;
      watch();
      rescan.trigger();
    }),
  );

  void scan();
}
