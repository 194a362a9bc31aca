// `lambkin list`: the functions of the template(s), and what is wrong with them.
import { LambkinRuntime } from '../../lambkin-runtime';
import { printProblems } from '../problems';
import { COMMON_HELP, COMMON_OPTIONS, parse, runtimeOptions, templatesFrom } from '../options';

export const LIST_HELP = `Usage: lambkin list [options]

Lists the functions of the template(s) with their runtime, memory, timeout and triggers.
Template problems are printed as file:line:column messages; the exit code is 1 when there are errors.

Options:
      --json              Print the functions as JSON
${COMMON_HELP}`;

export async function listCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, { ...COMMON_OPTIONS, json: { type: 'boolean' } });
  if (values.help) {
    console.log(LIST_HELP);
    return 0;
  }
  const runtime = await LambkinRuntime.create(runtimeOptions(values, await templatesFrom(values.template), { provisionedConcurrency: false }));
  try {
    printProblems(runtime.problems);
    if (values.json) {
      console.log(JSON.stringify({ functions: runtime.functions, problems: runtime.problems }, null, 2));
    } else {
      const rows = runtime.functions.map((fn) => [
        fn.name,
        fn.runtime,
        `${fn.memorySize} MB`,
        `${fn.timeout} s`,
        fn.architecture,
        fn.handler,
        fn.events.map((event) => event.type).join(', ') || '-',
      ]);
      const header = ['FUNCTION', 'RUNTIME', 'MEMORY', 'TIMEOUT', 'ARCH', 'HANDLER', 'TRIGGERS'];
      const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
      for (const row of [header, ...rows]) console.log(row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
    }
    return runtime.problems.some((problem) => problem.severity === 'error') ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
