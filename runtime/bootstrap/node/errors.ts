// The error types Lambda's Node runtime reports, and the two ways it renders an error:
// the Runtime API body `{errorType, errorMessage, trace}` and the tab-prefixed JSON it logs.
import { types } from 'node:util';

export { MalformedHandlerNameError } from './handler-path';

export interface RuntimeErrorBody {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

class RuntimeError extends Error {
  constructor(name: string, message: string) {
    super(message);
    // Own property, so the name survives bundling and subclassing exactly as `Runtime.X`.
    Object.defineProperty(this, 'name', { value: name, enumerable: false, writable: true, configurable: true });
    // Re-captured after naming, so the stack's first line reads `Runtime.X: message`.
    Error.captureStackTrace(this, RuntimeError);
  }
}

/** `Runtime.ImportModuleError`: the handler's module (or one it requires) cannot be found. */
export function importModuleError(cause: unknown): Error {
  return new RuntimeError('Runtime.ImportModuleError', String(cause));
}

/** `Runtime.UserCodeSyntaxError`: keeps the original stack, whose first lines name file:line. */
export function userCodeSyntaxError(cause: Error): Error {
  const error = new RuntimeError('Runtime.UserCodeSyntaxError', String(cause));
  if (typeof cause.stack === 'string') error.stack = cause.stack;
  return error;
}

export function handlerNotFoundError(message: string): Error {
  return new RuntimeError('Runtime.HandlerNotFound', message);
}

export function callbackHandlerDeprecatedError(): Error {
  return new RuntimeError(
    'Runtime.CallbackHandlerDeprecated',
    'ERROR: AWS Lambda has removed support for callback-based function handlers starting with Node.js 24. ' +
      'You need to modify this function to use a supported handler signature to use Node.js 24 or later. ' +
      'For more information see https://docs.aws.amazon.com/lambda/latest/dg/nodejs-handler.html.',
  );
}

export function malformedStreamingHandlerError(): Error {
  return new RuntimeError('Runtime.MalformedStreamingHandler', 'Only response streaming is supported.');
}

export function invalidStreamingOperationError(message: string): Error {
  return new RuntimeError('Runtime.InvalidStreamingOperation', message);
}

export function nodeJsExitError(): Error {
  return new RuntimeError(
    'Runtime.NodeJsExit',
    'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise ' +
      'that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes',
  );
}

/** nodejs24.x names the serialisation failure; earlier runtimes throw a plain Error with the same message. */
export function jsonStringifyError(named: boolean): Error {
  const message = 'Unable to stringify response body';
  return named ? new RuntimeError('Runtime.JSONStringifyError', message) : new Error(message);
}

/** `Runtime.UnhandledPromiseRejection`; message is the reason as a string, `reason`/`promise` kept for the log. */
export function unhandledPromiseRejection(reason: unknown, promise: Promise<unknown>): Error {
  const error = new RuntimeError('Runtime.UnhandledPromiseRejection', reason === undefined ? '' : safeString(reason));
  Object.assign(error, { reason, promise });
  return error;
}

function safeString(value: unknown): string {
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function isErrorLike(value: unknown): value is Error {
  if (types.isNativeError(value)) return true;
  const candidate = value as { name?: unknown; message?: unknown; stack?: unknown } | null;
  return typeof candidate === 'object' && candidate !== null
    && typeof candidate.name === 'string' && candidate.name !== ''
    && typeof candidate.message === 'string' && candidate.message !== ''
    && typeof candidate.stack === 'string' && candidate.stack !== '';
}

/** The Runtime API error body. Thrown non-Errors become `{errorType: typeof, errorMessage: toString(), trace: []}`. */
export function toErrorBody(error: unknown): RuntimeErrorBody {
  try {
    if (isErrorLike(error)) {
      if (typeof error.stack !== 'string') throw new Error('Error stack is missing.');
      return { errorType: error.name, errorMessage: withLambdaHint(error), trace: error.stack.split('\n') };
    }
    return { errorType: typeof error, errorMessage: (error as { toString(): string }).toString(), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

/**
 * A write the permission model refused (Lambkin's stand-in for Lambda's read-only file system) says so: the
 * local error is Node's ERR_ACCESS_DENIED, where Lambda's would be EROFS.
 */
function withLambdaHint(error: Error): string {
  const denied = error as Error & { code?: unknown; permission?: unknown; resource?: unknown };
  if (denied.code !== 'ERR_ACCESS_DENIED' || denied.permission !== 'FileSystemWrite') return error.message;
  const where = typeof denied.resource === 'string' ? ` ${denied.resource}` : '';
  return `${error.message}: writing${where} fails on Lambda too, where only /tmp is writable (EROFS: read-only file system)`;
}

/** Anything thrown, as an Error (for logging). */
export function intoError(value: unknown): Error {
  return value instanceof Error ? value : new Error(safeString(value));
}

/** The tab-prefixed JSON Lambda appends to `Invoke Error` / `Uncaught Exception` text log lines. */
export function toFormatted(error: unknown): string {
  try {
    return '\t' + JSON.stringify(error, (_key, value: unknown) => withEnumerableProperties(value));
  } catch {
    return '\t' + JSON.stringify(toErrorBody(error));
  }
}

function withEnumerableProperties(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const shown: Record<string, unknown> = {
    errorType: value.name,
    errorMessage: value.message,
    code: (value as { code?: unknown }).code,
    ...value,
  };
  if (typeof value.stack === 'string') shown.stack = value.stack.split('\n');
  return shown;
}
