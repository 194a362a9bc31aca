// Lambda's console: every console call becomes one line on stdout, in Lambda's text or JSON format,
// filtered by AWS_LAMBDA_LOG_LEVEL. One write per line so the parent process can split lines safely.
import { format } from 'node:util';
import { intoError, toFormatted } from './errors';

export type LogFormat = 'TEXT' | 'JSON';

interface Level {
  name: 'TRACE' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'FATAL';
  priority: number;
}

const LEVELS: Record<Level['name'], Level> = {
  TRACE: { name: 'TRACE', priority: 1 },
  DEBUG: { name: 'DEBUG', priority: 2 },
  INFO: { name: 'INFO', priority: 3 },
  WARN: { name: 'WARN', priority: 4 },
  ERROR: { name: 'ERROR', priority: 5 },
  FATAL: { name: 'FATAL', priority: 6 },
};

// The same global slot Lambda's runtime uses, so tools that read the current request id keep working.
const REQUEST_ID_SYMBOL = Symbol.for('aws.lambda.runtime.requestId');

type GlobalSlots = Record<symbol, unknown>;

/** The request id printed on each log line: `undefined` during init, the invoke's id afterwards. */
export function setCurrentRequestId(requestId: string | undefined): void {
  (globalThis as GlobalSlots)[REQUEST_ID_SYMBOL] = requestId;
}

function currentRequestId(): string | undefined {
  return (globalThis as GlobalSlots)[REQUEST_ID_SYMBOL] as string | undefined;
}

export function parseLogFormat(value: string | undefined): LogFormat {
  return value?.toUpperCase() === 'JSON' ? 'JSON' : 'TEXT';
}

function textLine(level: Level, params: unknown[]): string {
  return `${new Date().toISOString()}\t${currentRequestId()}\t${level.name}\t${format(...params)}`;
}

function serializeError(_key: string, value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  return Object.assign(
    {
      errorType: value.constructor?.name ?? 'UnknownError',
      errorMessage: value.message,
      stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
    },
    value,
  );
}

function jsonLine(level: Level, params: unknown[]): string {
  const record: Record<string, unknown> = {
    timestamp: new Date().toISOString(),
    level: level.name,
    requestId: currentRequestId(),
  };
  if (params.length === 1) {
    // A single argument is kept as a value (objects stay objects, Errors get errorType/stackTrace).
    record.message = params[0];
    try {
      return JSON.stringify(record, serializeError);
    } catch {
      record.message = format(params[0]);
      return JSON.stringify(record);
    }
  }
  record.message = format(...params);
  const error = params.find((param): param is Error => param instanceof Error);
  if (error) {
    record.errorType = error.constructor?.name ?? 'UnknownError';
    record.errorMessage = error.message;
    record.stackTrace = typeof error.stack === 'string' ? error.stack.split('\n') : [];
  }
  return JSON.stringify(record);
}

export interface LambdaConsole {
  /** Logs a failure the way the runtime does (`Invoke Error`, `Uncaught Exception`, …). */
  logError(message: string, error: unknown): void;
}

/**
 * Replaces console.log/info/warn/error/debug/trace (and adds console.fatal, as Lambda does).
 * Returns the runtime's own error logger, which goes through the same patched console.
 */
export function patchConsole(
  formatName: LogFormat,
  levelName: string | undefined,
  write: (line: string) => void = (line) => { process.stdout.write(line); },
): LambdaConsole {
  const minimum = LEVELS[levelName?.toUpperCase() as Level['name']] ?? LEVELS.TRACE;
  const render = formatName === 'JSON' ? jsonLine : textLine;
  const emit = (level: Level) => (...params: unknown[]): void => {
    // Lambda prints `undefined` for a bare console.log(), so the first argument always counts.
    const args = params.length === 0 ? [undefined] : params;
    write(render(level, args).replace(/\n/g, '\r') + '\n');
  };
  const filtered = (level: Level) => (level.priority >= minimum.priority ? emit(level) : () => undefined);

  const target = console as Console & { fatal?: (...params: unknown[]) => void };
  target.trace = filtered(LEVELS.TRACE);
  target.debug = filtered(LEVELS.DEBUG);
  target.info = filtered(LEVELS.INFO);
  target.log = target.info;
  target.warn = filtered(LEVELS.WARN);
  target.error = filtered(LEVELS.ERROR);
  target.fatal = emit(LEVELS.FATAL);

  return {
    logError: formatName === 'JSON'
      ? (_message, error) => { console.error(intoError(error)); }
      : (message, error) => { console.error(message, toFormatted(intoError(error))); },
  };
}
