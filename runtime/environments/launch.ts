// How an execution environment's process is started, by runtime family: Lambkin's Node bootstrap for
// nodejs*, the function's own `bootstrap` executable for provided.* (any program that speaks the Runtime API).
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { nodeLaunchSpec } from '../bootstrap/node/launch';
import type { EsbuildLoader } from '../bootstrap/node/typescript-build';
import { EsbuildUnavailableError } from '../esbuild/provision';
import { permissionFlags, type IsolationMode } from '../bootstrap/node/permission';
import type { FunctionNodes, NodeBinary } from '../node-versions/function-nodes';
import { RUNTIME_PIPE_ENV, RUNTIME_PIPE_FD } from '../runtime-api/pipe-frames';
import type { FunctionConfig } from '../template/model';
import type { LaunchSpec } from './environment';
import type { DebugOptions } from './inspector';
import { createPrivateTmp, removePrivateTmp, watchTmpSize } from './private-tmp';
import { provisionedInitTimeoutMs } from './provisioned';
import { lambdaEnvironment } from './variables';

export interface LaunchSettings {
  region: string;
  /** The Node each nodejs* Runtime runs on (see node-versions/). */
  nodes: FunctionNodes;
  /** `lambda`: the code and everything outside /tmp read-only, through Node's permission model; `off`: no limits. */
  isolation: IsolationMode;
  /** Says something about the environments once per runtime (the same message again is dropped). */
  noteOnce(message: string): void;
  bootstrapPath: string;
  /** Where compiled TypeScript handlers are written. */
  buildDir: string;
  host: NodeJS.ProcessEnv;
  /** The local AWS endpoint functions reach through `AWS_ENDPOINT_URL`, when served. */
  awsEndpoint?: string;
  /** The credentials functions get (see variables.ts). */
  awsCredentials: 'local' | 'passthrough';
  /** The provided AWS SDK's node_modules, once installed (undefined: handlers bring their own). */
  handlerSdk?: () => Promise<string | undefined>;
  /** esbuild for TypeScript handlers, its binary fetched on first use (see esbuild/provision.ts). */
  esbuild?: EsbuildLoader;
}

/** A launch failure Lambda would report with this error type. */
export class LaunchError extends Error {
  constructor(readonly errorType: string, message: string) {
    super(message);
  }
}

export const SUPPORTED_RUNTIMES = ['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x', 'provided.al2023', 'provided.al2'];

/** `provisioned`: started ahead of traffic by provisioned concurrency (its variables and INIT limit say so). */
export async function launchEnvironment(fn: FunctionConfig, runtimeApi: string, settings: LaunchSettings, debug?: DebugOptions, provisioned = false): Promise<LaunchSpec> {
  if (!SUPPORTED_RUNTIMES.includes(fn.runtime)) {
    throw new LaunchError('Runtime.InvalidEntrypoint', `Runtime ${fn.runtime} of ${fn.name} is not supported by Lambkin (supported: ${SUPPORTED_RUNTIMES.join(', ')}).`);
  }
  let node: NodeBinary | undefined;
  if (fn.runtime.startsWith('nodejs')) {
    try {
      node = await settings.nodes.forRuntime(fn.runtime);
    } catch (error) {
      throw new LaunchError('Runtime.InvalidEntrypoint', error instanceof Error ? error.message : String(error));
    }
  }
  // The environment's own /tmp (TMPDIR), removed when its process is gone.
  const tmpDir = createPrivateTmp();
  const stopWatch = watchTmpSize(tmpDir, fn.ephemeralStorage * 1024 * 1024, (bytes) => settings.noteOnce(
    `${fn.name} holds ${Math.round(bytes / 1024 / 1024)} MB in its /tmp, more than its EphemeralStorage of ${fn.ephemeralStorage} MB: on Lambda, writing past that fails with ENOSPC (no space left on device). Raise EphemeralStorage.Size or write less.`,
  ));
  const cleanup = () => {
    stopWatch();
    removePrivateTmp(tmpDir);
  };
  try {
    const base = lambdaEnvironment({
      fn, region: settings.region, runtimeApi, runtimeDir: path.dirname(settings.bootstrapPath), host: settings.host,
      awsEndpoint: settings.awsEndpoint, awsCredentials: settings.awsCredentials, tmpDir,
      initializationType: provisioned ? 'provisioned-concurrency' : 'on-demand',
      // provided.* bootstraps written as `#!/usr/bin/env node` find the Node running Lambkin (Lambda's
      // provided runtimes have none; a bootstrap there is a compiled binary or brings its own).
      nodeDir: path.dirname(node ? node.path : process.execPath),
    });
    const initTimeoutMs = provisioned ? { initTimeoutMs: provisionedInitTimeoutMs(fn.timeout) } : {};
    if (node) return { ...(await nodeEnvironment(fn, node, base, tmpDir, settings, debug)), ...initTimeoutMs, onExit: cleanup };
    return { ...providedEnvironment(fn, base), ...initTimeoutMs, onExit: cleanup };
  } catch (error) {
    cleanup();
    throw error;
  }
}

async function nodeEnvironment(fn: FunctionConfig, node: NodeBinary, base: Record<string, string>, tmpDir: string, settings: LaunchSettings, debug?: DebugOptions): Promise<LaunchSpec> {
  const permission = permissionFlags(node, writableFolders(tmpDir), { isolation: settings.isolation, debugging: debug !== undefined });
  if (permission.notApplied) settings.noteOnce(permission.notApplied);
  let spec;
  try {
    const sdkModules = await settings.handlerSdk?.();
    spec = await nodeLaunchSpec(fn, {
      sdkModules,
      nodePath: node.path,
      bootstrapPath: settings.bootstrapPath,
      buildDir: settings.buildDir,
      esbuild: settings.esbuild,
      extraFlags: permission.flags,
      // Port 0: Node picks a free port and says which on stderr (see inspector.ts).
      ...(debug ? { inspect: { port: 0, breakOnStart: debug.breakOnStart } } : {}),
    });
  } catch (error) {
    // No compiler is no fault of the code: Lambda has no such error, so the type says it is Lambkin's.
    if (error instanceof EsbuildUnavailableError) throw new LaunchError('Lambkin.CompilerUnavailable', error.message);
    throw new LaunchError('Runtime.UserCodeSyntaxError', error instanceof Error ? error.message : String(error));
  }
  return {
    command: spec.command, args: spec.args, env: { ...base, ...spec.env, [RUNTIME_PIPE_ENV]: String(RUNTIME_PIPE_FD) },
    runtimeVersion: `nodejs:${node.major}.v${node.version}`, runtimePipe: true,
  };
}

function providedEnvironment(fn: FunctionConfig, base: Record<string, string>): LaunchSpec {
  const bootstrap = path.join(fn.codeRoot, 'bootstrap');
  if (!existsSync(bootstrap)) {
    throw new LaunchError('Runtime.InvalidEntrypoint', `Couldn't find valid bootstrap(s): [${bootstrap}]. Add an executable file named "bootstrap" to ${fn.codeRoot}.`);
  }
  try {
    accessSync(bootstrap, constants.X_OK);
  } catch {
    throw new LaunchError('Runtime.InvalidEntrypoint', `${bootstrap} is not executable: run "chmod +x ${bootstrap}".`);
  }
  return { command: bootstrap, args: [], env: base };
}

/**
 * Where a function may write: its own TMPDIR, and the machine's /tmp itself, so code that writes to a
 * literal `/tmp/...` path works as on Lambda (there the environments share that folder, see README).
 */
function writableFolders(tmpDir: string): string[] {
  const folders = [tmpDir];
  if (process.platform !== 'win32' && existsSync('/tmp')) folders.push('/tmp');
  return folders;
}

/** The bundled Node bootstrap: beside the runtime bundle, or in dist/ when running from sources. */
export function defaultBootstrapPath(): string {
  const candidates = [path.join(__dirname, 'bootstrap-node.js')];
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    candidates.push(path.join(dir, 'dist', 'runtime', 'bootstrap-node.js'));
  }
  const found = candidates.find((candidate) => existsSync(candidate));
  if (!found) throw new Error(`Lambkin's Node bootstrap (bootstrap-node.js) was not found near ${__dirname}: run "npm run build".`);
  return found;
}
