// How a pool's environment lifecycle reaches the control channel: `environment.*` events, the log lines, and
// the one-line warning when an environment dies of the V8 bug that hits paused Node 20/22 processes.
import type { ControlEvent, EnvironmentInfo } from '../protocol/control';
import { PlatformLog } from '../logs/platform';
import type { ExecutionEnvironment } from './environment';
import type { PoolEvents } from './pool';

export function environmentControlEvents(emit: (event: ControlEvent) => void, region: string): PoolEvents {
  return {
    environmentStarted: (env, provisioned) => emit({ event: 'environment.started', data: { ...environmentInfo(env), ...(provisioned ? provisionedStart(env, provisioned, region) : {}) } }),
    environmentStopped: (env, reason) => {
      const debugCrash = env.debugCrash;
      emit({ event: 'environment.stopped', data: { ...environmentInfo(env), reason, ...(debugCrash ? { debugCrash } : {}) } });
      if (debugCrash) emit({ event: 'runtime.log', data: { level: 'warn', message: `Environment ${env.id} of ${env.fn.name} died under the debugger. ${debugCrash}` } });
    },
    line: (env, line, requestId) => emit({ event: 'log', data: { functionName: env.fn.name, requestId, environmentId: env.id, line } }),
    inspectable: (env, inspectorUrl, port) => emit({ event: 'environment.inspectable', data: { ...environmentInfo(env), inspectorUrl, port } }),
  };
}

export function environmentInfo(env: ExecutionEnvironment): EnvironmentInfo {
  return { environmentId: env.id, functionName: env.fn.name, pid: env.pid, startedAt: env.startedAt };
}

/** What a provisioned environment's start adds to `environment.started`: its INIT, as Lambda logs it ahead of traffic. */
function provisionedStart(env: ExecutionEnvironment, init: { initDurationMs: number; lines: string[] }, region: string): Partial<EnvironmentInfo> {
  const log = new PlatformLog(env.fn.loggingConfig.logFormat);
  return {
    provisioned: true,
    initDurationMs: init.initDurationMs,
    logs: [log.initStart(env.fn.runtime, region, env.runtimeVersion, 'provisioned-concurrency'), ...init.lines],
  };
}
