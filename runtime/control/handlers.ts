// What each control-protocol method does, against the runtime.
import type { LambkinRuntime } from '../lambkin-runtime';
import { CONTROL_PROTOCOL_VERSION, type ControlMethod, type ControlMethods } from '../protocol/control';
import { RUNTIME_VERSION } from '../version';

type Handler<M extends ControlMethod> = (params: ControlMethods[M]['params']) => Promise<ControlMethods[M]['result']>;

export class ControlHandlers {
  private readonly table: { [M in ControlMethod]: Handler<M> };

  constructor(runtime: LambkinRuntime, invokeEndpoint: () => string, shutdown: () => void) {
    this.table = {
      hello: async () => ({
        protocolVersion: CONTROL_PROTOCOL_VERSION,
        runtimeVersion: RUNTIME_VERSION,
        invokeEndpoint: invokeEndpoint(),
        functions: runtime.functions,
        problems: runtime.problems,
        environments: runtime.environments(),
        awsEndpoint: runtime.awsEndpoint,
        resources: runtime.resources,
      }),
      serviceCall: async ({ service, call, params }) => {
        if (!runtime.services) throw new Error('This runtime serves no local AWS services.');
        return runtime.services.call(service, call, params);
      },
      resetData: async ({ service, resource }) => {
        await runtime.resetData(service, resource);
        return { ok: true };
      },
      listFunctions: async () => ({ functions: runtime.functions, problems: runtime.problems }),
      reload: async ({ templates }) => {
        await runtime.reload(templates);
        return { functions: runtime.functions, problems: runtime.problems };
      },
      invoke: async ({ functionName, payload, invocationType }) => {
        if (!runtime.findFunction(functionName)) throw new Error(`Function not found: ${functionName}`);
        const body = Buffer.from(payload, 'utf8');
        if (invocationType === 'Event') {
          const requestId = runtime.invokeAsync(functionName, body)!;
          return { statusCode: 202, requestId, payload: '' };
        }
        if (invocationType === 'DryRun') return { statusCode: 204, requestId: '', payload: '' };
        const result = await runtime.invoke(functionName, { payload: body, invocationType: 'RequestResponse' });
        if (!result) throw new Error(`Function not found: ${functionName}`);
        if (result.kind === 'throttled') {
          return { statusCode: 429, requestId: result.requestId, payload: JSON.stringify({ Reason: result.reason, Type: 'User', message: 'Rate Exceeded.' }) };
        }
        const record = await result.record;
        return { statusCode: 200, requestId: result.requestId, payload: result.payload.toString('utf8'), functionError: result.functionError, result: record };
      },
      setDebug: async ({ functionName, debug }) => {
        if (debug?.overrides) checkOverrides(debug.overrides);
        return { retired: runtime.setDebug(functionName, debug ?? undefined) };
      },
      holdClock: async ({ environmentId, held }) => ({ found: runtime.holdClock(environmentId, held) }),
      resetStats: async ({ functionName }) => {
        runtime.stats?.reset(functionName);
        return { ok: true };
      },
      stopEnvironments: async ({ functionName }) => ({ stopped: await runtime.stopEnvironments(functionName) }),
      shutdown: async () => {
        setImmediate(shutdown);
        return { ok: true };
      },
    };
  }

  call<M extends ControlMethod>(method: M, params: ControlMethods[M]['params']): Promise<ControlMethods[M]['result']> {
    const handler = this.table[method] as Handler<M> | undefined;
    if (!handler) return Promise.reject(new Error(`Unknown control method ${String(method)}`));
    return handler(params);
  }
}

/** Overrides outside Lambda's limits would run a function no deployment could. */
function checkOverrides(overrides: { environment?: Record<string, string>; memorySize?: number; timeout?: number }): void {
  const { memorySize, timeout, environment } = overrides;
  if (memorySize !== undefined && !(Number.isInteger(memorySize) && memorySize >= 128 && memorySize <= 10240)) {
    throw new Error(`memorySize ${memorySize} is outside Lambda's 128–10240 MB.`);
  }
  if (timeout !== undefined && !(Number.isInteger(timeout) && timeout >= 1 && timeout <= 900)) {
    throw new Error(`timeout ${timeout} is outside Lambda's 1–900 seconds.`);
  }
  for (const [name, value] of Object.entries(environment ?? {})) {
    if (typeof value !== 'string') throw new Error(`Environment variable ${name} must be a string, got ${typeof value}.`);
  }
}
