// Prints template problems the way compilers do (`file:line:column: severity: message`), so terminals
// and editors turn them into links.
import path from 'node:path';
import type { TemplateProblem } from '../template/model';

export function formatProblem(problem: TemplateProblem, cwd = process.cwd()): string {
  const file = path.relative(cwd, problem.location.file) || problem.location.file;
  return `${file}:${problem.location.line}:${problem.location.column}: ${problem.severity}: ${problem.message}`;
}

export function printProblems(problems: TemplateProblem[], write: (line: string) => void = (line) => process.stderr.write(line + '\n')): void {
  for (const problem of problems) write(formatProblem(problem));
}
