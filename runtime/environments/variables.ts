// The environment variables Lambda sets in an execution environment, built for one local environment.
// Lambda starts runtimes with a clean environment; so does Lambkin: nothing of the shell's environment reaches
// a function (PATH and LD_LIBRARY_PATH are Lambda-like, built from the system folders). Where Lambda hands the execution role's temporary credentials, Lambkin hands a fixed
// local pair and the local AWS endpoint, so the SDK inside a handler reaches the local services and never the
// real account with the shell's credentials; `passthrough` hands the shell's credentials instead, on request.
import { randomHex } from '../events/ids';
import path from 'node:path';
import type { FunctionConfig } from '../template/model';

/** The shell's AWS settings, handed on only in `passthrough` mode (where functions talk to the real account). */
const SHELL_CREDENTIALS = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ENDPOINT_URL'];

/**
 * What functions get in `local` mode: shaped like an execution role's temporary credentials (ASIA…, with a
 * session token), obviously not real, accepted by every local service (signatures are read, not verified).
 */
export const LOCAL_CREDENTIALS: Readonly<Record<string, string>> = {
  AWS_ACCESS_KEY_ID: 'ASIALAMBKINLOCAL0000',
  AWS_SECRET_ACCESS_KEY: 'lambkin-local-secret-access-key-not-a-real-one',
  AWS_SESSION_TOKEN: 'lambkin-local-session-token',
};

export interface VariableInputs {
  fn: FunctionConfig;
  region: string;
  runtimeApi: string;
  runtimeDir: string;
  /** The parent process's environment: credentials in passthrough mode, and PATH on Windows only. */
  host: NodeJS.ProcessEnv;
  /** The environment's own temporary folder (TMPDIR). */
  tmpDir?: string;
  /** The folder of the Node executable a nodejs* function runs on (first on PATH, as /var/lang/bin on Lambda). */
  nodeDir?: string;
  /** `AWS_ENDPOINT_URL` of the function: the local AWS endpoint, when served. */
  awsEndpoint?: string;
  awsCredentials?: 'local' | 'passthrough';
  /**
   * `provisioned-concurrency` for an environment started ahead of traffic. Such an environment runs the version
   * the alias points at (version 1 of the one local version, see services/lambda/qualifiers.ts), not $LATEST.
   */
  initializationType?: 'on-demand' | 'provisioned-concurrency';
  now?: Date;
}

export function logStreamName(now: Date, version = '$LATEST'): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[${version}]${randomHex(32)}`;
}

export function lambdaEnvironment(inputs: VariableInputs): Record<string, string> {
  const { fn, region, host } = inputs;
  const env: Record<string, string> = {};
  if (inputs.awsCredentials === 'passthrough') {
    for (const name of SHELL_CREDENTIALS) {
      const value = host[name];
      if (value !== undefined) env[name] = value;
    }
  }
  Object.assign(env, systemVariables(inputs));
  // The function's own variables cannot override the reserved ones below, as in Lambda.
  Object.assign(env, fn.environment);
  const logGroup = fn.loggingConfig.logGroup ?? `/aws/lambda/${fn.name}`;
  const initializationType = inputs.initializationType ?? 'on-demand';
  const version = initializationType === 'provisioned-concurrency' ? '1' : '$LATEST';
  Object.assign(env, {
    _HANDLER: fn.handler,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    AWS_LAMBDA_FUNCTION_VERSION: version,
    AWS_LAMBDA_INITIALIZATION_TYPE: initializationType,
    AWS_LAMBDA_LOG_GROUP_NAME: logGroup,
    AWS_LAMBDA_LOG_STREAM_NAME: logStreamName(inputs.now ?? new Date(), version),
    AWS_LAMBDA_RUNTIME_API: inputs.runtimeApi,
    LAMBDA_TASK_ROOT: fn.codeRoot,
    LAMBDA_RUNTIME_DIR: inputs.runtimeDir,
    TZ: ':UTC',
    LANG: 'en_US.UTF-8',
  });
  // After the function's own variables: the credentials stand in for the execution role's, which a function
  // cannot override on Lambda either; an AWS_ENDPOINT_URL the function sets itself wins (it may mean it).
  // In passthrough mode the function talks to the real account, so the local endpoint is not imposed.
  if (inputs.awsCredentials !== 'passthrough') {
    Object.assign(env, LOCAL_CREDENTIALS);
    if (inputs.awsEndpoint && fn.environment.AWS_ENDPOINT_URL === undefined) env.AWS_ENDPOINT_URL = inputs.awsEndpoint;
  }
  if (fn.runtime.startsWith('nodejs')) {
    env.AWS_EXECUTION_ENV = `AWS_Lambda_${fn.runtime}`;
    env.AWS_NODEJS_CONNECTION_REUSE_ENABLED = '1';
  }
  if (fn.loggingConfig.logFormat === 'JSON') {
    env.AWS_LAMBDA_LOG_FORMAT = 'JSON';
    env.AWS_LAMBDA_LOG_LEVEL = (fn.loggingConfig.applicationLogLevel ?? 'INFO').toUpperCase();
  }
  return env;
}

/**
 * PATH and LD_LIBRARY_PATH as Lambda builds them (`/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin`;
 * `/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib`), with the
 * local folders in their places. On Windows the shell's PATH and SystemRoot stay: nothing starts without them.
 */
function systemVariables(inputs: VariableInputs): Record<string, string> {
  const { fn, host } = inputs;
  const vars: Record<string, string> = {};
  if (process.platform === 'win32') {
    for (const name of ['PATH', 'Path', 'SystemRoot', 'SYSTEMROOT', 'PATHEXT', 'COMSPEC']) {
      if (host[name] !== undefined) vars[name] = host[name]!;
    }
    vars.PATH = [inputs.nodeDir, vars.PATH ?? vars.Path, ...layerFolders(fn, 'bin')].filter(Boolean).join(path.delimiter);
  } else {
    vars.PATH = [...(inputs.nodeDir ? [inputs.nodeDir] : []), '/usr/local/bin', '/usr/bin', '/bin', ...layerFolders(fn, 'bin')].join(':');
    vars.LD_LIBRARY_PATH = ['/lib64', '/usr/lib64', inputs.runtimeDir, fn.codeRoot, path.join(fn.codeRoot, 'lib'), ...layerFolders(fn, 'lib')].join(':');
  }
  if (inputs.tmpDir) {
    vars.TMPDIR = inputs.tmpDir;
    if (process.platform === 'win32') vars.TMP = vars.TEMP = inputs.tmpDir;
  }
  return vars;
}

/** `/opt/bin` or `/opt/lib` of each layer, later layers first (they win in Lambda's merged /opt). */
function layerFolders(fn: FunctionConfig, name: string): string[] {
  return [...(fn.layers ?? [])].reverse().map((layer) => path.join(layer, name));
}

/** A fresh X-Ray trace header, `Root=1-<8 hex epoch s>-<24 hex>;Parent=<16 hex>;Sampled=0`. */
export function newTraceId(now = Date.now()): string {
  const epoch = Math.floor(now / 1000).toString(16).padStart(8, '0');
  const hex = randomHex(40);
  return `Root=1-${epoch}-${hex.slice(0, 24)};Parent=${hex.slice(24, 40)};Sampled=0`;
}

export function functionArn(fn: FunctionConfig, region: string, accountId: string): string {
  return `arn:aws:lambda:${region}:${accountId}:function:${fn.name}`;
}
