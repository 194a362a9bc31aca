// Reads a SAM / CloudFormation template into the functions it declares plus the problems found.
// Never throws on bad input: every problem is reported with the file, line and column to fix.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FunctionConfig, ParsedTemplate, SourceLocation } from './model';
import { asMap, intrinsicName, literalString, valueOf, ProblemSink, type LocatedEntry, type LocatedMap } from './located';
import { parseTemplateTree } from './yaml-tree';
import { buildContext, isFunctionType, type TemplateOptions } from './context';
import { IntrinsicResolver } from './intrinsics';
import { applyAliases, applyVersions, LAMBDA_ALIAS, LAMBDA_VERSION } from './aliases';
import { readFunction, SERVERLESS_FUNCTION } from './functions';
import { isLocalResourceType, readResource, type LocalResource } from './resources';
import { eventBridgeResourcesOf } from './sam-events/eventbridge';
import { checkS3Events } from './sam-events/s3';
import { snsQueueResourcesOf } from './sam-events/sns';

const SAM_TRANSFORM = 'AWS::Serverless-2016-10-31';

function sortProblems(problems: ProblemSink): ParsedTemplate['problems'] {
  return [...problems.problems].sort((a, b) => a.location.line - b.location.line || a.location.column - b.location.column);
}

function resourcesOf(root: LocatedMap, problems: ProblemSink, fileStart: SourceLocation): LocatedEntry[] {
  const entry = root.entries.find((candidate) => candidate.key === 'Resources');
  if (!entry) {
    problems.error(fileStart, 'The template has no Resources section; add Resources with at least one AWS::Serverless::Function or AWS::Lambda::Function.');
    return [];
  }
  if (entry.value.kind !== 'map' || intrinsicName(entry.value)) {
    problems.error(entry.value.loc, 'Resources must be a map of logical ids to resources (each with a Type and Properties).');
    return [];
  }
  if (entry.value.entries.length === 0) {
    problems.error(entry.keyLoc, 'Resources is empty; declare at least one AWS::Serverless::Function or AWS::Lambda::Function under it.');
    return [];
  }
  return entry.value.entries;
}

function checkTransform(root: LocatedMap, resources: LocatedEntry[], problems: ProblemSink): void {
  const firstServerless = resources.find((entry) => literalString(asMap(entry.value) && valueOf(entry.value as LocatedMap, 'Type'))?.startsWith('AWS::Serverless::'));
  if (!firstServerless) return;
  const transform = valueOf(root, 'Transform');
  const declared = transform?.kind === 'seq' ? transform.items.map(literalString) : [literalString(transform)];
  if (!declared.includes(SAM_TRANSFORM)) {
    problems.warning(firstServerless.keyLoc, `AWS::Serverless resources need "Transform: ${SAM_TRANSFORM}" at the top of the template to deploy; add it.`);
  }
}

function globalFunctionSettings(root: LocatedMap, problems: ProblemSink): LocatedMap | undefined {
  const globals = valueOf(root, 'Globals');
  if (!globals) return undefined;
  if (globals.kind !== 'map') {
    problems.error(globals.loc, 'Globals must be a map (e.g. Globals: { Function: { Runtime: nodejs22.x } }).');
    return undefined;
  }
  const fn = valueOf(globals, 'Function');
  if (fn && fn.kind !== 'map') problems.error(fn.loc, 'Globals.Function must be a map of function properties.');
  return asMap(fn);
}

function reportDuplicateNames(functions: FunctionConfig[], problems: ProblemSink): void {
  const byName = new Map<string, FunctionConfig>();
  for (const fn of functions) {
    const first = byName.get(fn.name);
    if (first) {
      problems.error(fn.location, `Function name ${fn.name} is used by both ${first.logicalId} (line ${first.location.line}) and ${fn.logicalId}; give each a unique FunctionName.`);
    } else {
      byName.set(fn.name, fn);
    }
  }
}

/** Parses template text (YAML or JSON). Checks code folders on disk unless `options.checkCode` is false. */
export function parseTemplate(text: string, templatePath: string, options: TemplateOptions = {}): ParsedTemplate {
  const file = path.resolve(templatePath);
  const problems = new ProblemSink();
  const fileStart: SourceLocation = { file, line: 1, column: 1 };
  const functions: FunctionConfig[] = [];
  const localResources: LocalResource[] = [];
  const tree = parseTemplateTree(text, file, problems);
  if (tree && tree.kind !== 'map') {
    problems.error(tree.loc, 'A template must be a map with a Resources section at the top level.');
  }
  if (tree?.kind === 'map') {
    const resources = resourcesOf(tree, problems, fileStart);
    checkTransform(tree, resources, problems);
    const globals = globalFunctionSettings(tree, problems);
    const context = buildContext(tree, file, options, problems);
    const resolver = new IntrinsicResolver(context, problems);
    const readContext = { templatePath: file, resolver, problems, globals, checkCode: options.checkCode ?? true, resources: context.resources };
    const aliases: typeof resources = [];
    const versions: typeof resources = [];
    for (const resource of resources) {
      const definition = asMap(resource.value);
      const typeNode = definition && valueOf(definition, 'Type');
      const type = literalString(typeNode);
      if (!definition || !type) {
        problems.error(resource.keyLoc, `Resource ${resource.key} needs a Type, e.g. Type: ${SERVERLESS_FUNCTION}.`);
        continue;
      }
      if (isFunctionType(type)) {
        const fn = readFunction(resource, type, readContext);
        if (fn) functions.push(fn);
        continue;
      }
      if (type === LAMBDA_ALIAS || type === LAMBDA_VERSION) {
        // Read once every function is: an alias or version may come before its function.
        (type === LAMBDA_ALIAS ? aliases : versions).push(resource);
        continue;
      }
      if (isLocalResourceType(type)) {
        const local = readResource(resource, type, readContext);
        if (local) localResources.push(local);
        continue;
      }
      // Other resources are not run, but their intrinsics are checked so typos surface early.
      const properties = valueOf(definition, 'Properties');
      if (properties) resolver.resolve(properties);
    }
    applyVersions(versions, functions, resolver, problems);
    applyAliases(aliases, functions, resolver, problems);
    reportDuplicateNames(functions, problems);
    checkS3Events(functions, localResources, problems);
    localResources.push(...eventBridgeResourcesOf(functions, file, context, localResources));
    localResources.push(...snsQueueResourcesOf(functions, file));
  }
  return { path: file, functions, resources: localResources, problems: sortProblems(problems) };
}

/** Reads and parses a template file; an unreadable file becomes one problem at line 1. */
export async function loadTemplate(templatePath: string, options: TemplateOptions = {}): Promise<ParsedTemplate> {
  const file = path.resolve(templatePath);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? `no file at ${file}; check the path` : code === 'EISDIR' ? `${file} is a folder; pass the template file inside it` : `${(error as Error).message}`;
    const location = { file, line: 1, column: 1 };
    return { path: file, functions: [], resources: [], problems: [{ severity: 'error', message: `${path.basename(file)}:1: Cannot read the template: ${reason}.`, location }] };
  }
  return parseTemplate(text, file, options);
}
