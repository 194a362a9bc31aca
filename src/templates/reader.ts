// The one place that calls the pure template reader (runtime/template), so a file that cannot be read
// still yields a ParsedTemplate with a problem the Problems panel can show.
import { promises as fs } from 'node:fs';
import type { ParsedTemplate } from '../../runtime/template/model';
import { parseTemplate, type TemplateOptions } from '../../runtime/template/index';

export async function readTemplate(file: string, text: string | undefined, options: TemplateOptions): Promise<ParsedTemplate> {
  let source = text;
  if (source === undefined) {
    try {
      source = await fs.readFile(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
      return {
        path: file,
        functions: [],
        resources: [],
        problems: [{ severity: 'error', message: `Cannot read the template: ${reason}.`, location: { file, line: 1, column: 1 } }],
      };
    }
  }
  try {
    return parseTemplate(source, file, options);
  } catch (error) {
    // The reader reports problems rather than throwing; this guards the tree against a reader bug.
    return {
      path: file,
      functions: [],
      resources: [],
      problems: [{ severity: 'error', message: `Lambkin could not read this template: ${(error as Error).message}`, location: { file, line: 1, column: 1 } }],
    };
  }
}
