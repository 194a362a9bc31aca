// The runtime's templates, read together: their functions (one name, one function), resources and
// problems, and for each file the last read that served. A save that breaks a template (errors, and
// functions lost) keeps the last good read serving while its problems are shown; the fix reloads it.
import type { TemplateOptions } from './context';
import { loadTemplate } from './load';
import type { FunctionConfig, ParsedTemplate, TemplateProblem } from './model';
import type { LocalResource } from './resources/model';

export interface TemplateSetRead {
  functions: Map<string, FunctionConfig>;
  /** The problems of the files as they are now (also of a file whose last good read is kept). */
  problems: TemplateProblem[];
  resources: LocalResource[];
  /** Files whose new read was broken, so their last good read still serves. */
  kept: string[];
}

export class TemplateSet {
  private readonly lastGood = new Map<string, ParsedTemplate>();

  constructor(private readonly options: () => TemplateOptions) {}

  async read(files: string[]): Promise<TemplateSetRead> {
    const parsed = await Promise.all(files.map((file) => loadTemplate(file, this.options())));
    const functions = new Map<string, FunctionConfig>();
    const problems: TemplateProblem[] = [];
    const resources: LocalResource[] = [];
    const kept: string[] = [];
    for (const fresh of parsed) {
      problems.push(...fresh.problems);
      const previous = this.lastGood.get(fresh.path);
      const serving = previous && broke(fresh, previous) ? previous : fresh;
      if (serving === previous && previous !== fresh) kept.push(fresh.path);
      this.lastGood.set(fresh.path, serving);
      resources.push(...serving.resources);
      for (const fn of serving.functions) {
        const first = functions.get(fn.name);
        if (first) {
          problems.push({ severity: 'error', message: `Function name ${fn.name} is declared twice (also in ${first.templatePath}); the first one is used. Give one of them another FunctionName.`, location: fn.location });
          continue;
        }
        functions.set(fn.name, fn);
      }
    }
    for (const file of [...this.lastGood.keys()]) if (!files.includes(file)) this.lastGood.delete(file);
    return { functions, problems, resources, kept };
  }
}

/** A read with errors that serves fewer functions than the last one: a save mid-edit, not a change to apply. */
function broke(fresh: ParsedTemplate, previous: ParsedTemplate): boolean {
  return fresh.problems.some((problem) => problem.severity === 'error') && fresh.functions.length < previous.functions.length;
}
