// Builds a FunctionConfig from an AWS::Serverless::Function or AWS::Lambda::Function resource.
import * as path from 'node:path';
import type { FunctionConfig, SourceLocation } from './model';
import { asMap, literalString, valueOf, type LocatedEntry, type LocatedMap, type ProblemSink } from './located';
import type { IntrinsicResolver } from './intrinsics';
import { applyFunctionGlobals } from './globals';
import { PropertyReader } from './properties';
import { containsPlaceholder, isRecord } from './resolved';
import { checkCodeRoot, checkHandler, resolveCodeRoot, SUPPORTED_RUNTIMES } from './code-location';
import { SERVERLESS_FUNCTION, type ResourceInfo } from './context';
import { readLayers } from './layers';
import { readProvisionedConcurrency } from './provisioned-concurrency';
import { checkQueueEvent } from './sam-events/queue-events';
import { readArchitecture, readEnvironment, readEphemeralStorage, readEvents, readFunctionUrl, readLogging } from './function-settings';

// The function resource types are named once, in context.ts (which tells functions from other resources).
export { SERVERLESS_FUNCTION };

export interface FunctionReadContext {
  templatePath: string;
  resolver: IntrinsicResolver;
  problems: ProblemSink;
  /** `Globals.Function`, applied to serverless functions only. */
  globals?: LocatedMap;
  checkCode: boolean;
  /** The template's resources, for the LayerVersions `Layers` refers to. */
  resources?: ReadonlyMap<string, ResourceInfo>;
}

const FUNCTION_NAME = /^[a-zA-Z0-9_-]{1,64}$/;

interface CodeSource {
  /** Absolute folder. */
  codeRoot: string;
  /** As written, for messages. */
  written: string;
  property: string;
  loc: SourceLocation;
}

/** `CodeUri` (SAM): a local folder, or the template's own folder when left out, as `sam build` does. */
function serverlessCode(reader: PropertyReader, ctx: FunctionReadContext, resourceLoc: SourceLocation): CodeSource | undefined {
  if (reader.entry('InlineCode')) {
    ctx.problems.warning(reader.location('InlineCode'), 'InlineCode is not run locally; move the code to a file and point CodeUri at its folder.');
    return undefined;
  }
  const value = reader.value('CodeUri');
  if (value === undefined || value === null) {
    return { codeRoot: path.dirname(path.resolve(ctx.templatePath)), written: '.', property: 'CodeUri', loc: resourceLoc };
  }
  if (typeof value === 'string' && !value.startsWith('s3://')) {
    return { codeRoot: resolveCodeRoot(ctx.templatePath, value), written: value, property: 'CodeUri', loc: reader.location('CodeUri') };
  }
  ctx.problems.error(reader.location('CodeUri'), 'CodeUri points at code in S3: remote code is not supported locally; set CodeUri to the local folder that holds the function code.');
  return undefined;
}

/** `Code` (CloudFormation): a local path as `aws cloudformation package` accepts it. */
function lambdaCode(reader: PropertyReader, ctx: FunctionReadContext, resourceLoc: SourceLocation): CodeSource | undefined {
  const value = reader.value('Code');
  if (typeof value === 'string') {
    return { codeRoot: resolveCodeRoot(ctx.templatePath, value), written: value, property: 'Code', loc: reader.location('Code') };
  }
  if (isRecord(value) && 'ZipFile' in value) {
    ctx.problems.warning(reader.location('Code'), 'Code.ZipFile (inline code) is not run locally; move the code to a folder and set Code to that folder\'s path.');
    return undefined;
  }
  if (value === undefined || value === null) {
    ctx.problems.error(resourceLoc, 'AWS::Lambda::Function needs Code; set it to the local folder that holds the function code.');
    return undefined;
  }
  ctx.problems.error(reader.location('Code'), 'Code points at S3 or a container image: remote code is not supported locally; set Code to the local folder that holds the function code.');
  return undefined;
}

function functionName(reader: PropertyReader, logicalId: string): string {
  const name = reader.string('FunctionName');
  if (name === undefined || containsPlaceholder(name)) return logicalId;
  if (FUNCTION_NAME.test(name)) return name;
  reader.problems.error(reader.location('FunctionName'), `FunctionName "${name}" is not valid; use 1–64 letters, digits, - and _. Lambkin uses ${logicalId} meanwhile.`);
  return logicalId;
}

function checkRuntime(runtime: string, reader: PropertyReader): void {
  if ((SUPPORTED_RUNTIMES as readonly string[]).includes(runtime)) return;
  reader.problems.warning(reader.location('Runtime'), `Runtime ${runtime} is not supported by Lambkin; it runs ${SUPPORTED_RUNTIMES.join(', ')}. The function is listed but will not start.`);
}

/** The function this resource declares; undefined when it cannot run locally (problems say why) or its Condition is false. */
export function readFunction(resource: LocatedEntry, type: string, ctx: FunctionReadContext): FunctionConfig | undefined {
  const definition = resource.value as LocatedMap;
  const condition = literalString(valueOf(definition, 'Condition'));
  if (condition !== undefined && !ctx.resolver.conditions.evaluateNamed(condition, definition.loc)) return undefined;
  const propertiesNode = valueOf(definition, 'Properties');
  if (propertiesNode && propertiesNode.kind !== 'map') {
    ctx.problems.error(propertiesNode.loc, `Properties of ${resource.key} must be a map.`);
    return undefined;
  }
  const own = asMap(propertiesNode) ?? { kind: 'map', loc: resource.keyLoc, entries: [] };
  const isServerless = type === SERVERLESS_FUNCTION;
  const reader = new PropertyReader(isServerless ? applyFunctionGlobals(ctx.globals, own) : own, ctx.resolver, ctx.problems);
  if (reader.string('PackageType') === 'Image') {
    ctx.problems.error(reader.location('PackageType'), 'PackageType Image (container image functions) is not supported locally; use a zip function with CodeUri.');
    return undefined;
  }
  const code = isServerless ? serverlessCode(reader, ctx, resource.keyLoc) : lambdaCode(reader, ctx, resource.keyLoc);
  const runtime = reader.string('Runtime');
  const handler = reader.string('Handler');
  if (!runtime) ctx.problems.error(resource.keyLoc, `${resource.key} has no Runtime; set one (e.g. Runtime: nodejs22.x) here or in Globals.Function.`);
  if (!handler) ctx.problems.error(resource.keyLoc, `${resource.key} has no Handler; set one (e.g. Handler: app.handler for app.js exporting handler) here or in Globals.Function.`);
  if (!code || !runtime || !handler) return undefined;
  checkRuntime(runtime, reader);
  const codeExists = !ctx.checkCode || checkCodeRoot(code.property, code.written, code.codeRoot, code.loc, ctx.problems);
  checkHandler(handler, runtime, ctx.checkCode && codeExists ? code.codeRoot : undefined, reader.location('Handler'), ctx.problems);

  const url = readFunctionUrl(reader);
  const config: FunctionConfig = {
    logicalId: resource.key,
    name: functionName(reader, resource.key),
    templatePath: path.resolve(ctx.templatePath),
    location: resource.keyLoc,
    resourceType: type,
    codeRoot: code.codeRoot,
    handler,
    runtime,
    memorySize: reader.integer('MemorySize', { min: 128, max: 10240, unit: ' MB', fallback: 128 }) ?? 128,
    timeout: reader.integer('Timeout', { min: 1, max: 900, unit: ' seconds', fallback: 3 }) ?? 3,
    architecture: readArchitecture(reader),
    ephemeralStorage: readEphemeralStorage(reader),
    environment: readEnvironment(reader),
    loggingConfig: readLogging(reader),
    events: [...readEvents(reader), ...(url ? [url.event] : [])],
  };
  for (const event of config.events) checkQueueEvent(event, config, ctx.problems);
  const reserved = reader.integer('ReservedConcurrentExecutions', { min: 0, unit: '' });
  if (reserved !== undefined) config.reservedConcurrency = reserved;
  if (url) config.functionUrl = url.config;
  const recursiveLoop = reader.choice('RecursiveLoop', ['Terminate', 'Allow'] as const);
  if (recursiveLoop !== undefined) config.recursiveLoop = recursiveLoop;
  const layers = readLayers(reader.entry('Layers')?.value, { ...ctx, resources: ctx.resources ?? new Map() });
  if (layers.length > 0) config.layers = layers;
  const alias = reader.string('AutoPublishAlias');
  if (alias !== undefined && !containsPlaceholder(alias)) config.alias = alias;
  const provisioned = isServerless ? readProvisionedConcurrency(reader, config) : undefined;
  if (provisioned !== undefined) config.provisionedConcurrency = provisioned;
  const description = reader.string('Description');
  if (description !== undefined) config.description = description;
  return config;
}
