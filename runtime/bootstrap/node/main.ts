// Lambkin's Node.js bootstrap: the program each nodejs* execution environment runs. It speaks Lambda's
// Runtime API at AWS_LAMBDA_RUNTIME_API and follows Lambda's Node handler contract.
// Bundled alone (dist/runtime/bootstrap-node.js) and run inside the user's environment: Node built-ins only.
import { existsSync } from 'node:fs';
import * as nodeModule from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { callbackHandlerDeprecatedError, malformedStreamingHandlerError } from './errors';
import { resolveSync } from './esm-resolve-hooks';
import { InvokeLoop } from './invoke-loop';
import { BeforeExitAction, CrashReporter } from './lifecycle';
import { loadHandler } from './loader';
import { parseLogFormat, patchConsole } from './logging';
import { RUNTIME_PIPE_ENV } from '../../runtime-api/pipe-frames';
import { RuntimeApiClient } from './runtime-client';
import { RuntimePipe } from './runtime-pipe';
import { installAwsLambdaGlobal, streamingHighWaterMark, streamingMode } from './streaming';

/** `AWS_Lambda_nodejs24.x` -> 24; falls back to the running Node's major when the variable is absent. */
function runtimeMajor(env: NodeJS.ProcessEnv): number {
  const match = /nodejs(\d+)/.exec(env.AWS_EXECUTION_ENV ?? '');
  return match ? Number(match[1]) : Number(process.versions.node.split('.')[0]);
}

function required(env: NodeJS.ProcessEnv, name: string): string {
  const value = env[name];
  if (!value) {
    process.stderr.write(`lambkin bootstrap: ${name} is not set; this program must be started by the Lambkin runtime.\n`);
    process.exit(1);
  }
  return value;
}

/** `module.registerHooks` (Node 22.15+, 23.5+), missing from the Node types this project builds with. */
type RegisterHooks = (hooks: { resolve: typeof resolveSync }) => unknown;

/** ES module imports search NODE_PATH too (the provided AWS SDK, layers), as on Lambda: see esm-resolve-hooks.ts. */
function registerEsmResolveHooks(env: NodeJS.ProcessEnv): void {
  if (!env.NODE_PATH) return;
  // In-thread hooks where Node has them: module.register starts a hooks thread with every environment.
  const registerHooks = (nodeModule as { registerHooks?: RegisterHooks }).registerHooks;
  if (typeof registerHooks === 'function') {
    registerHooks({ resolve: resolveSync });
    return;
  }
  const hooks = path.join(__dirname, 'esm-resolve-hooks.mjs');
  // module.register arrived in Node 20.6; an older Node simply keeps Node's own ES module resolution.
  if (!existsSync(hooks) || typeof nodeModule.register !== 'function') return;
  nodeModule.register(pathToFileURL(hooks).href);
}

/** The pipe Lambkin's runtime opened for this bootstrap, if any; its variable is not the handler's to see. */
function runtimePipe(env: NodeJS.ProcessEnv): RuntimePipe | undefined {
  const fd = Number.parseInt(env[RUNTIME_PIPE_ENV] ?? '', 10);
  delete env[RUNTIME_PIPE_ENV];
  return Number.isInteger(fd) ? new RuntimePipe(fd) : undefined;
}

async function main(env: NodeJS.ProcessEnv): Promise<void> {
  const runtimeApi = required(env, 'AWS_LAMBDA_RUNTIME_API');
  const handlerString = required(env, '_HANDLER');
  const taskRoot = env.LAMBDA_TASK_ROOT || process.cwd();
  const modern = runtimeMajor(env) >= 24;

  const lambdaConsole = patchConsole(parseLogFormat(env.AWS_LAMBDA_LOG_FORMAT), env.AWS_LAMBDA_LOG_LEVEL);
  const client = new RuntimeApiClient(runtimeApi, runtimePipe(env));
  const beforeExit = new BeforeExitAction();
  const crash = new CrashReporter(client, lambdaConsole);
  process.on('uncaughtException', (error) => crash.uncaughtException(error));
  process.on('unhandledRejection', (reason, promise) => crash.unhandledRejection(reason, promise));
  process.on('beforeExit', () => beforeExit.invoke());
  installAwsLambdaGlobal(env);
  registerEsmResolveHooks(env);

  let loop: InvokeLoop;
  try {
    const handler = await loadHandler({ taskRoot, handler: handlerString, moduleOverride: env.LAMBKIN_HANDLER_MODULE || undefined });
    const mode = streamingMode(handler);
    if (mode === 'malformed') throw malformedStreamingHandlerError();
    if (modern && !mode && handler.length >= 3) throw callbackHandlerDeprecatedError();
    loop = new InvokeLoop({
      client, handler, modern, env, lambdaConsole, beforeExit, crash,
      streaming: mode === 'response',
      highWaterMark: streamingHighWaterMark(handler),
    });
  } catch (error) {
    // nodejs22.x and earlier surface init failures through the uncaught-exception path; nodejs24.x logs "Init Error".
    crash.initError(modern ? 'Init Error' : 'Uncaught Exception', error);
    return;
  }
  loop.scheduleIteration();
}

void main(process.env);
