// What the editor offers in Lambkin's documents beyond colour: folding (sections, decoded parts, JSON
// objects, one request's START … REPORT), an outline of the sections (breadcrumbs, sticky scroll), and
// links from stack traces to the source lines they name.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { LambkinContext } from '../context';
import { Languages } from '../ids';
import { jsonBlocks, requestBlocks, sections, sourceLocations, type Block } from './structure';

const invocationDocuments: vscode.DocumentFilter = { language: Languages.invocation };
const logDocuments: vscode.DocumentFilter = { language: Languages.log };

function foldingRange(block: Block): vscode.FoldingRange {
  return new vscode.FoldingRange(block.startLine, block.endLine, block.kind === 'json' ? undefined : vscode.FoldingRangeKind.Region);
}

const MAX_LINKS = 500;

/** Links to the files stack traces name, at their line and column; only files that exist on this machine. */
function stackLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
  const links: vscode.DocumentLink[] = [];
  const exists = new Map<string, boolean>();
  for (const location of sourceLocations(document.getText())) {
    if (links.length >= MAX_LINKS) break;
    if (!exists.has(location.file)) exists.set(location.file, existsSync(location.file));
    if (!exists.get(location.file)) continue;
    const fragment = `L${location.fileLine}${location.fileColumn === undefined ? '' : `,${location.fileColumn}`}`;
    const link = new vscode.DocumentLink(new vscode.Range(location.line, location.start, location.line, location.end), vscode.Uri.file(location.file).with({ fragment }));
    link.tooltip = `Open ${vscode.workspace.asRelativePath(location.file)} at line ${location.fileLine}`;
    links.push(link);
  }
  return links;
}

function outline(document: vscode.TextDocument): vscode.DocumentSymbol[] {
  const symbols: vscode.DocumentSymbol[] = [];
  for (const block of sections(document.getText())) {
    const range = new vscode.Range(block.startLine, 0, block.endLine, document.lineAt(block.endLine).text.length);
    const selection = document.lineAt(block.startLine).range;
    if (block.kind === 'section' || symbols.length === 0) {
      symbols.push(new vscode.DocumentSymbol(block.name, '', vscode.SymbolKind.Namespace, range, selection));
    } else {
      // A decoded part belongs to the section above it.
      const parent = symbols[symbols.length - 1]!;
      parent.children.push(new vscode.DocumentSymbol(block.name, '', vscode.SymbolKind.Field, range, selection));
      parent.range = parent.range.union(range);
    }
  }
  return symbols;
}

export function registerEditorFeatures(context: LambkinContext): void {
  context.track(
    vscode.languages.registerFoldingRangeProvider(invocationDocuments, {
      provideFoldingRanges: (document) => {
        const text = document.getText();
        return [...sections(text), ...jsonBlocks(text), ...requestBlocks(text)].filter((block) => block.endLine > block.startLine).map(foldingRange);
      },
    }),
  );
  context.track(
    vscode.languages.registerFoldingRangeProvider(logDocuments, {
      provideFoldingRanges: (document) => requestBlocks(document.getText()).map(foldingRange),
    }),
  );
  context.track(vscode.languages.registerDocumentSymbolProvider(invocationDocuments, { provideDocumentSymbols: outline }, { label: 'Invocation' }));
  context.track(vscode.languages.registerDocumentLinkProvider([invocationDocuments, logDocuments], { provideDocumentLinks: stackLinks }));
}
