// Template problems in the Problems panel, at the line and column the template reader points to.
import * as vscode from 'vscode';
import type { ParsedTemplate, TemplateProblem } from '../../runtime/template/model';

export function toDiagnostic(problem: TemplateProblem): vscode.Diagnostic {
  // An empty range makes the editor underline the word at that position.
  const position = new vscode.Position(Math.max(0, problem.location.line - 1), Math.max(0, problem.location.column - 1));
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(position, position),
    problem.message,
    problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.source = 'Lambkin';
  return diagnostic;
}

/** Replaces every diagnostic of the collection with the problems of `templates`, grouped by file. */
export function publishProblems(collection: vscode.DiagnosticCollection, templates: ParsedTemplate[]): void {
  const byFile = new Map<string, vscode.Diagnostic[]>();
  for (const template of templates) {
    for (const problem of template.problems) {
      const file = problem.location.file || template.path;
      byFile.set(file, [...(byFile.get(file) ?? []), toDiagnostic(problem)]);
    }
  }
  collection.clear();
  collection.set([...byFile].map(([file, diagnostics]) => [vscode.Uri.file(file), diagnostics]));
}
