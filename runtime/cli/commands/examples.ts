// `lambkin examples`: the example apps, and a copy of one to start from (VS Code: "Open Example…").
import path from 'node:path';
import { copyExample, EXAMPLES, findExample, findExamplesFolder } from '../../examples/catalog';
import { parse, UsageError } from '../options';

export const EXAMPLES_HELP = `Usage: lambkin examples [list]
       lambkin examples copy <name> [folder]

  list   The example apps, one line each (the default)
  copy   Copy an example into folder (default: the current folder) as <name>, or <name>-2… when taken,
         and say how to run it

Each example is a SAM template that deploys unchanged to AWS, with TypeScript handlers and a README
(what it shows, how to run it, what to try, what it would cost on Lambda).`;

export async function examplesCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) {
    console.log(EXAMPLES_HELP);
    return 0;
  }
  const [action = 'list', name, folder, ...extra] = positionals;
  if (action === 'list') {
    const width = Math.max(...EXAMPLES.map((example) => example.name.length)) + 2;
    for (const example of EXAMPLES) console.log(`${example.name.padEnd(width)}${example.description}`);
    return 0;
  }
  if (action !== 'copy') throw new UsageError(`Unknown action "${action}": use list or copy.`);
  if (!name) throw new UsageError(`Name the example to copy: ${EXAMPLES.map((example) => example.name).join(', ')}.`);
  if (extra.length > 0) throw new UsageError(`Too many arguments: ${extra.join(' ')}.`);
  const example = findExample(name);
  if (!example) throw new UsageError(`There is no example called "${name}". Examples: ${EXAMPLES.map((entry) => entry.name).join(', ')}.`);
  const examples = findExamplesFolder(__dirname);
  if (!examples) throw new UsageError('This Lambkin installation lacks its examples/ folder: reinstall Lambkin.');
  const target = await copyExample(examples, name, path.resolve(folder ?? '.'));
  const relative = path.relative(process.cwd(), target) || '.';
  console.log(`Copied ${name} to ${target}`);
  console.log(`Next: cd ${relative}${example.needsInstall ? ' && npm install --prefix src' : ''} && lambkin start   (then read README.md)`);
  return 0;
}
