// Shared helpers for the template reader tests.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { parseTemplate, type FunctionConfig, type ParsedTemplate, type TemplateOptions, type TemplateProblem } from '../../../runtime/template/index';

export const FIXTURES = path.resolve(__dirname, '../../fixtures/templates');

export function fixture(...parts: string[]): string {
  return path.join(FIXTURES, ...parts);
}

/** Parses inline template text as if it were `test/fixtures/templates/inline/template.yaml`, without disk checks. */
export function parseInline(text: string, options: TemplateOptions = {}): ParsedTemplate {
  return parseTemplate(text, fixture('inline', 'template.yaml'), { checkCode: false, ...options });
}

export function functionNamed(parsed: ParsedTemplate, logicalId: string): FunctionConfig {
  const fn = parsed.functions.find((candidate) => candidate.logicalId === logicalId);
  assert.ok(fn, `expected a function ${logicalId}; got ${parsed.functions.map((f) => f.logicalId).join(', ') || 'none'}`);
  return fn;
}

/** The one problem whose message contains `text`; fails listing all problems otherwise. */
export function problemWith(parsed: ParsedTemplate, text: string): TemplateProblem {
  const matches = parsed.problems.filter((problem) => problem.message.includes(text));
  assert.equal(matches.length, 1, `expected one problem containing "${text}", got:\n${parsed.problems.map((p) => p.message).join('\n')}`);
  return matches[0];
}

export function assertNoProblems(parsed: ParsedTemplate): void {
  assert.deepEqual(parsed.problems.map((problem) => problem.message), []);
}
