// The function settings that need more than a range check: environment variables, architecture,
// logging, function URL and event sources.
import type { Architecture, EventSourceConfig, FunctionUrlConfig, LoggingConfig, SourceLocation } from './model';
import { intrinsicName, type LocatedNode } from './located';
import { isReservedVariable } from './code-location';
import { checkInteger } from './properties';
import type { PropertyReader } from './properties';
import { isRecord, NO_VALUE, toText } from './resolved';
import { checkEventBridgeEvent } from './sam-events/eventbridge';
import { checkDynamoDbEvent } from './sam-events/dynamodb';

/** Lambda's limit on all variables together (names plus values). */
const ENVIRONMENT_LIMIT_BYTES = 4096;
const VARIABLE_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/;

export function readEnvironment(reader: PropertyReader): Record<string, string> {
  const environment: Record<string, string> = {};
  const variables = reader.nested('Environment')?.nested('Variables');
  if (!variables) return environment;
  for (const entry of variables.properties.entries) {
    if (!VARIABLE_NAME.test(entry.key)) {
      reader.problems.error(entry.keyLoc, `Environment variable name "${entry.key}" is not valid; use letters, digits and _ and start with a letter.`);
      continue;
    }
    if (isReservedVariable(entry.key)) {
      reader.problems.error(entry.keyLoc, `${entry.key} is set by Lambda itself and cannot be overridden; rename this variable.`);
      continue;
    }
    const value = reader.resolver.resolve(entry.value);
    if (value === NO_VALUE) continue;
    if (value !== null && typeof value === 'object') {
      reader.problems.error(entry.value.loc, `Environment variable ${entry.key} must be a string, not a ${Array.isArray(value) ? 'list' : 'map'}.`);
      continue;
    }
    if (value === null) reader.problems.warning(entry.value.loc, `Environment variable ${entry.key} has no value; write "" if an empty string is meant.`);
    environment[entry.key] = toText(value);
  }
  const size = Object.entries(environment).reduce((total, [key, value]) => total + Buffer.byteLength(key) + Buffer.byteLength(value), 0);
  if (size > ENVIRONMENT_LIMIT_BYTES) {
    reader.problems.error(variables.properties.loc, `Environment variables take ${size} bytes, over Lambda's 4 KB limit; move large values to SSM Parameter Store or a file.`);
  }
  return environment;
}

export function readArchitecture(reader: PropertyReader): Architecture {
  const value = reader.value('Architectures');
  if (value === undefined || value === null) return 'x86_64';
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 1 && (list[0] === 'x86_64' || list[0] === 'arm64')) return list[0];
  reader.problems.error(reader.location('Architectures'), `Architectures must list exactly one of x86_64 or arm64, not [${list.map(toText).join(', ')}].`);
  return 'x86_64';
}

const APPLICATION_LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
const SYSTEM_LOG_LEVELS = ['DEBUG', 'INFO', 'WARN'] as const;

export function readLogging(reader: PropertyReader): LoggingConfig {
  const logging = reader.nested('LoggingConfig');
  if (!logging) return { logFormat: 'Text' };
  const logFormat = logging.choice('LogFormat', ['Text', 'JSON'] as const, 'LogFormat') ?? 'Text';
  const applicationLogLevel = logging.choice('ApplicationLogLevel', APPLICATION_LOG_LEVELS);
  const systemLogLevel = logging.choice('SystemLogLevel', SYSTEM_LOG_LEVELS);
  const config: LoggingConfig = { logFormat };
  if (logFormat === 'JSON') {
    // Lambda's defaults once JSON logging is on.
    config.applicationLogLevel = applicationLogLevel ?? 'INFO';
    config.systemLogLevel = systemLogLevel ?? 'INFO';
  } else if (applicationLogLevel || systemLogLevel) {
    const key = applicationLogLevel ? 'ApplicationLogLevel' : 'SystemLogLevel';
    reader.problems.warning(logging.location(key), `${key} only applies with LogFormat: JSON; set LogFormat to JSON or remove it.`);
  }
  const logGroup = logging.string('LogGroup');
  if (logGroup) config.logGroup = logGroup;
  return config;
}

export function readFunctionUrl(reader: PropertyReader): { config: FunctionUrlConfig; event: EventSourceConfig } | undefined {
  const url = reader.nested('FunctionUrlConfig');
  if (!url) return undefined;
  const authType = url.choice('AuthType', ['NONE', 'AWS_IAM'] as const);
  if (!url.entry('AuthType')) reader.problems.error(reader.location('FunctionUrlConfig'), 'FunctionUrlConfig needs an AuthType: NONE (public) or AWS_IAM.');
  const invokeMode = url.choice('InvokeMode', ['BUFFERED', 'RESPONSE_STREAM'] as const) ?? 'BUFFERED';
  const cors = url.map('Cors');
  const config: FunctionUrlConfig = { authType: authType ?? 'NONE', invokeMode };
  if (cors) config.cors = cors;
  const properties: Record<string, unknown> = { AuthType: config.authType, InvokeMode: invokeMode };
  if (cors) properties.Cors = cors;
  return { config, event: { name: 'FunctionUrl', type: 'FunctionUrl', properties, location: reader.entry('FunctionUrlConfig')?.keyLoc } };
}

export function readEvents(reader: PropertyReader): EventSourceConfig[] {
  const entry = reader.entry('Events');
  if (!entry) return [];
  if (entry.value.kind !== 'map' || intrinsicName(entry.value)) {
    reader.problems.error(entry.value.loc, 'Events must be a map of event names to {Type, Properties}.');
    return [];
  }
  const events: EventSourceConfig[] = [];
  for (const event of entry.value.entries) {
    const definition: LocatedNode = event.value;
    const resolved = reader.resolver.resolveValue(definition);
    const type = isRecord(resolved) ? resolved.Type : undefined;
    if (typeof type !== 'string' || !type) {
      reader.problems.error(event.keyLoc, `Event ${event.key} needs a Type (Api, HttpApi, S3, SQS, DynamoDB, Schedule, …).`);
      continue;
    }
    const properties = isRecord(resolved) ? resolved.Properties : undefined;
    if (properties !== undefined && !isRecord(properties)) {
      reader.problems.error(event.keyLoc, `Properties of event ${event.key} must be a map.`);
      continue;
    }
    const config: EventSourceConfig = { name: event.key, type, properties: properties ?? {}, location: event.keyLoc, propertyLocations: propertyLocationsOf(definition) };
    checkEventBridgeEvent(config, definition, reader.problems);
    checkDynamoDbEvent(config, reader.problems);
    events.push(config);
  }
  return events;
}

/** Where each key under an event's `Properties` is written. */
function propertyLocationsOf(definition: LocatedNode): Record<string, SourceLocation> {
  const properties = definition.kind === 'map' ? definition.entries.find((entry) => entry.key === 'Properties')?.value : undefined;
  const locations: Record<string, SourceLocation> = {};
  if (properties?.kind === 'map') for (const entry of properties.entries) locations[entry.key] = entry.value.loc;
  return locations;
}

/** `EphemeralStorage: { Size: n }`, 512–10240 MB. */
export function readEphemeralStorage(reader: PropertyReader): number {
  const storage = reader.nested('EphemeralStorage');
  const size = storage?.value('Size');
  if (!storage || size === undefined || size === null) return 512;
  return checkInteger(size, { min: 512, max: 10240, unit: ' MB' }, 'EphemeralStorage.Size', storage.location('Size'), reader.problems) ?? 512;
}
