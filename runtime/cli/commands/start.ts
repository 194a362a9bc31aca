// `lambkin start`: serve the template's functions (Invoke API, and the control channel for the extension)
// until Ctrl-C, printing each invocation's log lines as they would appear in CloudWatch.
import { randomBytes } from 'node:crypto';
import { ControlHandlers } from '../../control/handlers';
import { ControlServer } from '../../control/server';
import { HttpGateway } from '../../gateway';
import type { DynamoDbCalls } from '../../services/dynamodb/calls';
import { InvokeApiServer } from '../../services/lambda/invoke-api';
import { DevLoop } from '../../dev-loop/dev-loop';
import { LambkinRuntime } from '../../lambkin-runtime';
import { CONTROL_PROTOCOL_VERSION, CONTROL_TOKEN_ENV, type ReadyLine } from '../../protocol/control';
import { printProblems } from '../problems';
import { AWS_HELP, AWS_OPTIONS, awsCredentialsFrom, COMMON_HELP, COMMON_OPTIONS, dataDirFrom, integer, parse, runtimeOptions, templatesFrom } from '../options';

/** However a stop goes, the process and every environment are gone by then (a user's Ctrl-C, VS Code's Stop). */
const STOP_DEADLINE_MS = 1500;
/** The exit code of a process ended by a second Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_INTERRUPTED = 130;

export const START_HELP = `Usage: lambkin start [options]

Runs the functions of a SAM template locally until Ctrl-C: the Lambda Invoke API on 127.0.0.1
(use it with the AWS SDK or CLI: --endpoint-url http://127.0.0.1:3001), execution environments
started on demand, kept warm and reaped when idle.

Options:
${COMMON_HELP}
  -p, --port N                Invoke API port (default 3001, as sam local start-lambda; 0 = any free port)
      --api-port N            HTTP/WebSocket gateway port for the template's APIs and function URLs
                              (default 3000, as sam local start-api; 0 = any free port)
${AWS_HELP}
      --idle-timeout SECONDS  Stop environments idle for this long (default 300)
      --account-concurrency N Account concurrency limit (default 1000)
      --control-port N        Also serve the extension's control channel (WebSocket) on this port (0 = any)
      --ready-json            Print one JSON line when ready (for programs that start lambkin)
      --prune                 Drop the DynamoDB tables an earlier run of the template made that it no longer
                              declares (without it they are kept, with their items, and listed)
      --no-watch              Do not apply saved changes: by default a change to a function's code folder
                              restarts its environments and a template change reloads the template
      --quiet                 Do not print invocation logs
      --exit-with-stdin       Stop when standard input closes (for programs that start lambkin)`;

export async function startCommand(argv: string[]): Promise<number> {
  const { values } = parse(argv, {
    ...COMMON_OPTIONS,
    ...AWS_OPTIONS,
    port: { type: 'string', short: 'p' },
    'api-port': { type: 'string' },
    'idle-timeout': { type: 'string' },
    'account-concurrency': { type: 'string' },
    'control-port': { type: 'string' },
    'ready-json': { type: 'boolean' },
    quiet: { type: 'boolean' },
    prune: { type: 'boolean' },
    'no-watch': { type: 'boolean' },
    'exit-with-stdin': { type: 'boolean' },
  });
  if (values.help) {
    console.log(START_HELP);
    return 0;
  }
  const port = integer(values.port, 'port', 3001);
  const templates = await templatesFrom(values.template);
  const awsPort = integer(values['aws-port'], 'aws-port', 4566);
  const awsCredentials = awsCredentialsFrom(values['aws-credentials']);
  const dataDir = dataDirFrom(values, templates);
  const say = (line: string) => (values['ready-json'] ? process.stderr : process.stdout).write(line + '\n');
  let runtime: LambkinRuntime;
  try {
    runtime = await LambkinRuntime.create(runtimeOptions(values, templates, {
      // Listening from the start: provisioned environments run their INIT before the runtime is ready.
      onEvent: (event) => {
        // Installing the handlers' SDK is worth a line even in quiet mode: the first cold start waits for it.
        if (event.event === 'progress' && values.quiet) say(`lambkin: ${event.data.message}`);
        if (values.quiet) return;
        if (event.event === 'invocation.finished') for (const line of event.data.logs) say(`${event.data.functionName}  ${line}`);
        if (event.event === 'environment.started' && event.data.logs) for (const line of event.data.logs) say(`${event.data.functionName}  ${line}`);
        if (event.event === 'runtime.log') say(`lambkin: ${event.data.message}`);
      },
      idleTimeoutMs: integer(values['idle-timeout'], 'idle-timeout', 300, 1) * 1000,
      accountConcurrency: integer(values['account-concurrency'], 'account-concurrency', 1000, 1),
      aws: { port: awsPort, dataDir },
      awsCredentials,
      handlerSdk: values['no-sdk'] ? 'off' : 'install',
    }));
  } catch (error) {
    dataDir.dispose();
    throw error;
  }
  printProblems(runtime.problems);
  if (runtime.functions.length === 0 && runtime.problems.some((problem) => problem.severity === 'error')) {
    // As sam local does: nothing to serve is a failed start, not a runtime that answers 404 forever.
    process.stderr.write('lambkin: the template has errors and no function to serve; fix the problems above and start again.\n');
    await runtime.close();
    return 1;
  }
  if (values.prune) await pruneTables(runtime);

  let api: InvokeApiServer;
  let gateway: HttpGateway;
  try {
    api = await InvokeApiServer.start(runtime, port);
  } catch (error) {
    await runtime.close();
    throw error;
  }
  try {
    gateway = await HttpGateway.start(runtime, { port: integer(values['api-port'], 'api-port', 3000) });
  } catch (error) {
    await api.close();
    await runtime.close();
    throw error instanceof Error ? new Error(error.message.replace('--port', '--api-port')) : error;
  }
  for (const warning of gateway.warnings()) say(`lambkin: ${warning}`);
  // Printed in quiet mode too: the extension shows these lines in its log.
  const devLoop = values['no-watch'] ? undefined : new DevLoop(runtime, (_level, message) => say(`lambkin: ${message}`));
  let control: ControlServer | undefined;
  let stopping: Promise<void> | undefined;
  const exitNow = (code: number) => {
    runtime.killEnvironments();
    process.exit(code);
  };
  const stop = () => {
    stopping ??= (async () => {
      // Servers wait for nothing (their connections are cut) and environments are killed, but a stop must
      // never depend on that: past the deadline the environments are killed and the process exits anyway.
      setTimeout(() => {
        say(`lambkin: stopping took over ${STOP_DEADLINE_MS} ms; killed the environments and exited.`);
        exitNow(0);
      }, STOP_DEADLINE_MS).unref();
      devLoop?.dispose();
      await Promise.all([api.close(), gateway.close(), control?.close()]);
      await runtime.close();
    })();
    return stopping;
  };
  const finished = new Promise<void>((resolve) => {
    const onStop = () => void stop().then(resolve);
    // SIGINT/SIGTERM start an orderly stop; a second one (Ctrl-C again) ends everything at once.
    const onSignal = () => (stopping ? exitNow(EXIT_INTERRUPTED) : onStop());
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    if (values['exit-with-stdin']) {
      process.stdin.once('end', onStop).once('close', onStop).resume();
    }
    if (values['control-port'] !== undefined) {
      const token = process.env[CONTROL_TOKEN_ENV] || randomBytes(32).toString('hex');
      const handlers = new ControlHandlers(runtime, () => api.endpoint, onStop);
      void ControlServer.start(runtime, { port: integer(values['control-port'], 'control-port', 0), token, handlers }).then((server) => {
        control = server;
        announce(runtime, api, gateway, control, values['ready-json'] === true, token !== process.env[CONTROL_TOKEN_ENV] ? token : undefined, say);
      }, (error: Error) => {
        say(`lambkin: the control channel could not start: ${error.message}`);
        onStop();
      });
    } else {
      announce(runtime, api, gateway, undefined, values['ready-json'] === true, undefined, say);
    }
  });
  await finished;
  return 0;
}

function announce(runtime: LambkinRuntime, api: InvokeApiServer, gateway: HttpGateway, control: ControlServer | undefined, json: boolean, shownToken: string | undefined, say: (line: string) => void): void {
  if (json) {
    const ready: ReadyLine = { type: 'lambkin.ready', protocolVersion: CONTROL_PROTOCOL_VERSION, pid: process.pid, invokeEndpoint: api.endpoint, controlEndpoint: control?.endpoint ?? '', gatewayEndpoint: gateway.endpoint, awsEndpoint: runtime.awsEndpoint };
    process.stdout.write(JSON.stringify(ready) + '\n');
  }
  say(`Lambkin is serving ${runtime.functions.length} function(s) (Ctrl-C to stop)`);
  say(`  Invoke API  ${api.endpoint}  (aws lambda invoke --endpoint-url ${api.endpoint} --function-name NAME out.json)`);
  say(`  API gateway ${gateway.endpoint}`);
  const aws = runtime.services;
  if (aws) say(`AWS endpoint ${aws.endpoint.url}  (S3, DynamoDB, SQS, SNS, EventBridge, Lambda; AWS_ENDPOINT_URL=${aws.endpoint.url}; data in ${aws.dataDir.ephemeral ? 'a temporary folder' : aws.dataDir.root})`);
  if (control) say(`  Control     ${control.endpoint}${shownToken ? `?token=${shownToken}` : ''}`);
  for (const fn of runtime.functions) {
    say(`  ${fn.name.padEnd(28)} ${fn.runtime.padEnd(16)} ${String(fn.memorySize).padStart(5)} MB  ${api.endpoint}/2015-03-31/functions/${fn.name}/invocations`);
  }
  for (const route of gateway.routes()) say(`  ${route.method.padEnd(7)} ${gateway.endpoint}${route.url}  → ${route.functionName} (${route.kind})`);
  for (const socket of gateway.webSocketApis()) say(`  WS      ws://127.0.0.1:${gateway.port}${socket.path}  → ${socket.routes.map((route) => `${route.routeKey}: ${route.functionName}`).join(', ')}`);
}

/** `--prune`: drops the tables the template no longer declares (the DynamoDB service keeps them otherwise). */
async function pruneTables(runtime: LambkinRuntime): Promise<void> {
  const aws = runtime.services;
  if (!aws?.service('dynamodb')) return;
  const { tables } = (await aws.call('dynamodb', 'removedTables', {})) as DynamoDbCalls['removedTables']['result'];
  for (const table of tables) {
    await aws.call('dynamodb', 'dropTable', { table });
    process.stdout.write(`lambkin: dropped DynamoDB table ${table} (no longer in the template).\n`);
  }
}
