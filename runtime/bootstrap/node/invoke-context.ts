// The handler's `context` object, built from the invocation's headers and the function's environment.
import type { IncomingHttpHeaders } from 'node:http';

export interface InvocationHeaders {
  requestId: string;
  deadlineMs: number;
  invokedFunctionArn: string | undefined;
  traceId: string | undefined;
  clientContext: string | undefined;
  cognitoIdentity: string | undefined;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (Array.isArray(value)) return value[0];
  return value === '' ? undefined : value;
}

export function readInvocationHeaders(headers: IncomingHttpHeaders): InvocationHeaders {
  const requestId = header(headers, 'lambda-runtime-aws-request-id');
  if (!requestId) throw new Error('invocation id is missing or invalid');
  return {
    requestId,
    deadlineMs: Number.parseInt(header(headers, 'lambda-runtime-deadline-ms') ?? '', 10),
    invokedFunctionArn: header(headers, 'lambda-runtime-invoked-function-arn'),
    traceId: header(headers, 'lambda-runtime-trace-id'),
    clientContext: header(headers, 'lambda-runtime-client-context'),
    cognitoIdentity: header(headers, 'lambda-runtime-cognito-identity'),
  };
}

function parseJsonHeader(value: string | undefined, name: string): unknown {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(value);
  } catch (error) {
    throw new Error(`Cannot parse ${name} as json: ${String(error)}`, { cause: error });
  }
}

/** Fields every runtime version puts on `context` (callback members are added by the invoke loop). */
export interface BaseContext {
  functionName: string | undefined;
  functionVersion: string | undefined;
  /** A string, as in Lambda (`"128"`). */
  memoryLimitInMB: string | undefined;
  logGroupName: string | undefined;
  logStreamName: string | undefined;
  invokedFunctionArn: string | undefined;
  awsRequestId: string;
  identity: unknown;
  clientContext: unknown;
  getRemainingTimeInMillis(): number;
}

/**
 * Copies the invocation data onto `target` (so getters/setters already on it survive) and forwards the
 * trace header to `_X_AMZN_TRACE_ID`, which Lambda sets per invoke. nodejs24.x also exposes `xRayTraceId`.
 */
export function attachInvocationData<T extends object>(
  target: T,
  invocation: InvocationHeaders,
  env: NodeJS.ProcessEnv,
  options: { modern: boolean },
): T & BaseContext {
  if (invocation.traceId) env._X_AMZN_TRACE_ID = invocation.traceId;
  else delete env._X_AMZN_TRACE_ID;
  const deadline = invocation.deadlineMs;
  const data: BaseContext & { xRayTraceId?: string } = {
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    clientContext: parseJsonHeader(invocation.clientContext, 'ClientContext'),
    identity: parseJsonHeader(invocation.cognitoIdentity, 'CognitoIdentity'),
    invokedFunctionArn: invocation.invokedFunctionArn,
    awsRequestId: invocation.requestId,
    getRemainingTimeInMillis: () => deadline - Date.now(),
  };
  if (options.modern) data.xRayTraceId = invocation.traceId;
  return Object.assign(target, data);
}
