// The configuration with which VS Code's JavaScript debugger (js-debug) attaches to an execution
// environment. No vscode here, so the unit tests can check every choice below.
import path from 'node:path';
import type { InspectableEnvironment } from './session';

/** js-debug's Node debugger. */
export const JS_DEBUG_TYPE = 'pwa-node';

/** The attach configuration's own key naming the Lambkin environment, read back by the clock tracker. */
export const ENVIRONMENT_KEY = 'lambkinEnvironmentId';

export interface AttachOptions {
  /** Lambkin's Node bootstrap (dist/runtime/bootstrap-node.js): the user never wants to step through it. */
  bootstrapPath: string;
  /** Where the runtime writes compiled TypeScript handlers (os.tmpdir()/lambkin/build). */
  buildDir: string;
  /** The workspace folder, whose own build output (with its maps) the debugger should know. */
  workspaceFolder?: string;
}

export function attachConfiguration(target: InspectableEnvironment, options: AttachOptions): Record<string, unknown> {
  const compiled = path.join(options.buildDir, '**', '*.(m|c|)js');
  return {
    type: JS_DEBUG_TYPE,
    request: 'attach',
    name: `${target.functionName} (environment ${target.environmentId})`,
    // Straight to the inspector's WebSocket: no /json/list round trip.
    websocketAddress: target.inspectorUrl,
    port: target.port,
    address: '127.0.0.1',
    // The environment waits on --inspect-brk; js-debug lets it run once breakpoints are set, so they bind on the first run.
    continueOnAttach: true,
    // An environment that stops (idle, timeout, reload) is gone for good: do not wait for it to come back.
    restart: false,
    // Auto-attach would put js-debug's bootloader into the function's NODE_OPTIONS, which Lambda would not have.
    autoAttachChildProcesses: false,
    attachExistingChildren: false,
    sourceMaps: true,
    // Lambkin compiles TypeScript handlers outside the workspace; their maps (sources embedded) must be read
    // from there. node_modules stays out, as by default: its maps are many and rarely wanted.
    resolveSourceMapLocations: ['**', '!**/node_modules/**'],
    // Known ahead of time, breakpoints in .ts sources are set before the compiled module loads.
    outFiles: [...(options.workspaceFolder ? [path.join(options.workspaceFolder, '**', '*.(m|c|)js')] : []), compiled, '!**/node_modules/**'],
    skipFiles: ['<node_internals>/**', options.bootstrapPath],
    ...(options.workspaceFolder ? { cwd: options.workspaceFolder } : {}),
    [ENVIRONMENT_KEY]: target.environmentId,
  };
}
