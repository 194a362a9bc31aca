// `lambkin invoke FUNCTION`: one invocation in a runtime of its own; the response on stdout, the log on
// stderr, exit code 1 when the function failed (as `sam local invoke` users expect).
import { DataDir } from '../../services/data-dir';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { EventInputError, generateEvent } from '../../events';
import { LambkinRuntime } from '../../lambkin-runtime';
import { setValues } from './events';
import { printProblems } from '../problems';
import { COMMON_HELP, COMMON_OPTIONS, parse, runtimeOptions, templatesFrom, UsageError } from '../options';

export const INVOKE_HELP = `Usage: lambkin invoke FUNCTION [options]

Invokes one function once and prints its response (stdout) and its log (stderr).
Exit code: 0 on success, 1 when the function failed, 2 on bad usage.

Options:
  -e, --event FILE        Event JSON from a file, or - for standard input (default: {})
  -s, --sample NAME       A generated sample event instead (see lambkin events)
      --set KEY=VALUE     A parameter of the sample event (repeatable)
      --no-sdk            Do not provide the AWS SDK for JavaScript v3 to the handler (it brings its own)
${COMMON_HELP}

The function reaches the project's local AWS services (buckets, tables, queues): those of a running
"lambkin start" on the same project, else an endpoint of its own, on a free port, over the same data.`;

export async function invokeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, {
    ...COMMON_OPTIONS,
    event: { type: 'string', short: 'e' },
    sample: { type: 'string', short: 's' },
    set: { type: 'string', multiple: true },
    'no-sdk': { type: 'boolean' },
  }, true);
  if (values.help) {
    console.log(INVOKE_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('lambkin invoke takes one FUNCTION name (see lambkin list).');
  if (values.event !== undefined && values.sample !== undefined) throw new UsageError('Give either --event or --sample, not both.');
  if (values.set && values.sample === undefined) throw new UsageError('--set sets parameters of a --sample event.');
  const payload = values.sample !== undefined ? sampleEvent(values.sample, setValues(values.set), values.region) : readEvent(values.event);
  const templates = await templatesFrom(values.template);
  // The function reaches the project's local AWS services: those of a running `lambkin start` (which holds the
  // data folder), else its own endpoint on a free port over the same data, for this one invocation.
  const dataDir = DataDir.forTemplate(templates[0]);
  const owner = dataDir.owner();
  const runtime = await LambkinRuntime.create(runtimeOptions(values, templates, {
    ...(owner ? { useAwsEndpoint: owner.awsEndpoint } : { aws: { port: 0, dataDir } }),
    handlerSdk: values['no-sdk'] ? 'off' : 'install',
  }));
  // Installing a Runtime's Node or the SDK, and which Node a Runtime falls back to, before the function's log.
  const notes = runtime.onEvent((event) => {
    if (event.event === 'runtime.log') process.stderr.write(`lambkin: ${event.data.message}\n`);
  });
  try {
    printProblems(runtime.problems.filter((problem) => problem.severity === 'error'));
    const name = positionals[0];
    if (!runtime.findFunction(name)) {
      const known = runtime.functions.map((fn) => fn.name).join(', ') || 'none';
      throw new UsageError(`No function named ${name} in the template (functions: ${known}).`);
    }
    const result = await runtime.invoke(name, { payload, invocationType: 'RequestResponse' });
    if (!result || result.kind === 'throttled') throw new UsageError(`${name} is throttled: its ReservedConcurrentExecutions is 0.`);
    const record = await result.record;
    for (const line of record.logs) process.stderr.write(line + '\n');
    process.stdout.write(result.payload.toString('utf8') + '\n');
    return result.functionError ? 1 : 0;
  } finally {
    notes.dispose();
    await runtime.close();
  }
}

function readEvent(source: string | undefined): Buffer {
  if (source === undefined) return Buffer.from('{}');
  let text: Buffer;
  try {
    text = source === '-' ? readFileSync(0) : readFileSync(path.resolve(source));
  } catch (error) {
    throw new UsageError(`Cannot read the event from ${source === '-' ? 'standard input' : source}: ${(error as Error).message}`);
  }
  try {
    JSON.parse(text.toString('utf8'));
  } catch (error) {
    throw new UsageError(`The event in ${source === '-' ? 'standard input' : source} is not valid JSON: ${(error as Error).message}`);
  }
  return text;
}

function sampleEvent(name: string, params: Record<string, string>, region: string | undefined): Buffer {
  try {
    return Buffer.from(JSON.stringify(generateEvent(name, params, region ? { region } : undefined)));
  } catch (error) {
    if (error instanceof EventInputError) throw new UsageError(error.message);
    throw error;
  }
}
