// `lambkin events`: the sample-event catalog from the command line (list, show a generator's parameters,
// generate one event), with the same parameters `lambkin invoke --sample` takes.
import { EventInputError, generateEvent, listEventGenerators, requireEventGenerator } from '../../events';
import { parse, UsageError } from '../options';

export const EVENTS_HELP = `Usage: lambkin events [list]
       lambkin events generate NAME [--set KEY=VALUE ...] [--region REGION]
       lambkin events params NAME

Lists the sample-event generators, prints one generated event (JSON) with parameters set by --set,
or lists a generator's parameters with their defaults.`;

export async function eventsCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { set: { type: 'string', multiple: true }, region: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, true);
  if (values.help) {
    console.log(EVENTS_HELP);
    return 0;
  }
  const [action = 'list', name] = positionals;
  try {
    switch (action) {
      case 'list': {
        const generators = listEventGenerators();
        const width = Math.max(...generators.map((g) => g.name.length)) + 2;
        for (const generator of generators) console.log(`${generator.name.padEnd(width)}${generator.description}`);
        return 0;
      }
      case 'params': {
        if (!name) throw new UsageError('lambkin events params takes a generator NAME (see lambkin events).');
        const generator = requireEventGenerator(name);
        const width = Math.max(16, ...generator.params.map((p) => p.name.length)) + 2;
        for (const param of generator.params) console.log(`${param.name.padEnd(width)}${param.type.padEnd(9)}${JSON.stringify(param.default).padEnd(28)}${param.description}`);
        return 0;
      }
      case 'generate':
        if (!name) throw new UsageError('lambkin events generate takes a generator NAME (see lambkin events).');
        console.log(JSON.stringify(generateEvent(name, setValues(values.set), values.region ? { region: values.region } : undefined), null, 2));
        return 0;
      default:
        throw new UsageError(`Unknown events action "${action}": use list, params or generate.`);
    }
  } catch (error) {
    if (error instanceof EventInputError) throw new UsageError(error.message);
    throw error;
  }
}

/** `--set key=value` pairs as a map; a value may itself contain '='. */
export function setValues(pairs: string[] | undefined): Record<string, string> {
  const values: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new UsageError(`--set expects KEY=VALUE; got "${pair}".`);
    values[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return values;
}
