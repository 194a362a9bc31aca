// The `lambkin` command line: the local runtime without VS Code.
import { costCommand, COST_HELP } from './commands/cost';
import { dataCommand, DATA_HELP } from './commands/data';
import { sdkCommand, SDK_HELP } from './commands/sdk';
import { eventsCommand, EVENTS_HELP } from './commands/events';
import { examplesCommand, EXAMPLES_HELP } from './commands/examples';
import { invokeCommand, INVOKE_HELP } from './commands/invoke';
import { listCommand, LIST_HELP } from './commands/list';
import { queuesCommand, QUEUES_HELP, topicsCommand, TOPICS_HELP } from './commands/queues';
import { schedulesCommand, SCHEDULES_HELP } from './commands/schedules';
import { startCommand, START_HELP } from './commands/start';
import { UsageError } from './options';
import { RUNTIME_VERSION } from '../version';

const COMMANDS: Record<string, { run(argv: string[]): Promise<number>; help: string; summary: string }> = {
  start: { run: startCommand, help: START_HELP, summary: 'Serve the functions (Invoke API on 127.0.0.1:3001) until Ctrl-C' },
  invoke: { run: invokeCommand, help: INVOKE_HELP, summary: 'Invoke one function once and print its response' },
  list: { run: listCommand, help: LIST_HELP, summary: 'List the functions of the template' },
  events: { run: eventsCommand, help: EVENTS_HELP, summary: 'List sample events, or generate one' },
  cost: { run: costCommand, help: COST_HELP, summary: 'What the measured invocations would cost on Lambda' },
  data: { run: dataCommand, help: DATA_HELP, summary: 'Where the local AWS services keep their data; reset it' },
  sdk: { run: sdkCommand, help: SDK_HELP, summary: 'The AWS SDK handlers get without installing it: info, install' },
  examples: { run: examplesCommand, help: EXAMPLES_HELP, summary: 'The example apps; copy one to start from' },
  schedules: { run: schedulesCommand, help: SCHEDULES_HELP, summary: 'The schedules with their next runs; run one now; pause them' },
  queues: { run: queuesCommand, help: QUEUES_HELP, summary: 'The queues with their messages; send to one; purge one' },
  topics: { run: topicsCommand, help: TOPICS_HELP, summary: 'The topics; publish to one' },
};

const USAGE = `lambkin ${RUNTIME_VERSION}: AWS Lambda on your machine, no Docker.

Usage: lambkin <command> [options]

Commands:
${Object.entries(COMMANDS).map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`).join('\n')}

Run "lambkin <command> --help" for a command's options.`;

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? COMMANDS[rest[0] ?? ''] : undefined;
    console.log(topic ? topic.help : USAGE);
    return 0;
  }
  if (name === '--version' || name === '-v') {
    console.log(RUNTIME_VERSION);
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`Unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.`);
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`lambkin: ${error.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`lambkin: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    }
  },
);
