// What intrinsic functions can look up locally: parameters, pseudo parameters, resources,
// conditions and mappings, gathered once per template.
import type { SourceLocation } from './model';
import { asMap, literalString, valueOf, type LocatedEntry, type LocatedMap, type LocatedNode, type ProblemSink } from './located';
import { DEFAULT_AWS_ENDPOINT, NAME_PROPERTIES, type LocalScope } from './local-values';

export interface TemplateOptions {
  /** `AWS::Region`; default us-east-1. */
  region?: string;
  /** Values for template Parameters, like `sam deploy --parameter-overrides`. */
  parameterOverrides?: Record<string, string>;
  /** `AWS::AccountId`; default 123456789012. */
  accountId?: string;
  /** Check code folders and handler files on disk (default true). */
  checkCode?: boolean;
  /** The local AWS endpoint that queue URLs and bucket domain names point at (default http://127.0.0.1:4566). */
  awsEndpoint?: string;
}

/** The stack name every local run pretends to be deployed as, so `${AWS::StackName}` stays stable. */
export const LOCAL_STACK_NAME = 'lambkin-local';
export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '123456789012';

export interface ParameterInfo {
  location: SourceLocation;
  /** Undefined when the parameter has neither a Default nor an override. */
  value?: string | string[];
}

export interface ResourceInfo {
  type: string;
  location: SourceLocation;
  /** The property that names the resource (BucketName, TableName, FunctionName, …), when written. */
  nameNode?: LocatedNode;
  /** Its Properties as written, for the few local values that depend on another property (FifoQueue, EventBusName). */
  properties?: LocatedMap;
}

export interface TemplateContext extends LocalScope {
  file: string;
  pseudo: Map<string, string | string[]>;
  parameters: Map<string, ParameterInfo>;
  resources: Map<string, ResourceInfo>;
  conditions: Map<string, LocatedEntry>;
  mappings?: LocatedMap;
}

export const SERVERLESS_FUNCTION = 'AWS::Serverless::Function';
export const LAMBDA_FUNCTION = 'AWS::Lambda::Function';
const FUNCTION_TYPES = new Set([SERVERLESS_FUNCTION, LAMBDA_FUNCTION]);

function parameterValue(node: LocatedMap, override: string | undefined): string | string[] | undefined {
  const defaultNode = valueOf(node, 'Default');
  let text = override;
  if (text === undefined && defaultNode?.kind === 'scalar' && defaultNode.value !== null) text = String(defaultNode.value);
  if (text === undefined && defaultNode?.kind === 'seq') {
    text = defaultNode.items.map((item) => (item.kind === 'scalar' ? String(item.value ?? '') : '')).join(',');
  }
  if (text === undefined) return undefined;
  const type = literalString(valueOf(node, 'Type')) ?? 'String';
  return type === 'CommaDelimitedList' || type.startsWith('List<') ? text.split(',').map((part) => part.trim()) : text;
}

function collectParameters(root: LocatedMap, options: TemplateOptions, problems: ProblemSink): Map<string, ParameterInfo> {
  const parameters = new Map<string, ParameterInfo>();
  const section = valueOf(root, 'Parameters');
  if (!section) return parameters;
  if (section.kind !== 'map') {
    problems.error(section.loc, 'Parameters must be a map of parameter names to their definitions.');
    return parameters;
  }
  for (const entry of section.entries) {
    const definition = asMap(entry.value);
    if (!definition) {
      problems.error(entry.value.loc, `Parameter ${entry.key} must be a map with at least a Type.`);
      continue;
    }
    const value = parameterValue(definition, options.parameterOverrides?.[entry.key]);
    checkAllowedValues(entry, definition, value, problems);
    parameters.set(entry.key, { location: entry.keyLoc, value });
  }
  return parameters;
}

function checkAllowedValues(entry: LocatedEntry, definition: LocatedMap, value: string | string[] | undefined, problems: ProblemSink): void {
  const allowed = valueOf(definition, 'AllowedValues');
  if (allowed?.kind !== 'seq' || typeof value !== 'string') return;
  const choices = allowed.items.map((item) => (item.kind === 'scalar' ? String(item.value) : ''));
  if (!choices.includes(value)) {
    problems.error(entry.keyLoc, `Parameter ${entry.key} is "${value}", which is not one of its AllowedValues (${choices.join(', ')}); pick one of those.`);
  }
}

function collectResources(root: LocatedMap): Map<string, ResourceInfo> {
  const resources = new Map<string, ResourceInfo>();
  const section = asMap(valueOf(root, 'Resources'));
  for (const entry of section?.entries ?? []) {
    const definition = asMap(entry.value);
    const type = literalString(definition && valueOf(definition, 'Type')) ?? '';
    const properties = asMap(definition && valueOf(definition, 'Properties'));
    const nameProperty = NAME_PROPERTIES[type];
    const nameNode = nameProperty && properties ? valueOf(properties, nameProperty) : undefined;
    resources.set(entry.key, { type, location: entry.keyLoc, nameNode, properties });
  }
  return resources;
}

export function buildContext(root: LocatedMap, file: string, options: TemplateOptions, problems: ProblemSink): TemplateContext {
  const region = options.region ?? DEFAULT_REGION;
  const accountId = options.accountId ?? DEFAULT_ACCOUNT_ID;
  const partition = region.startsWith('cn-') ? 'aws-cn' : region.startsWith('us-gov-') ? 'aws-us-gov' : 'aws';
  const pseudo = new Map<string, string | string[]>([
    ['AWS::Region', region],
    ['AWS::AccountId', accountId],
    ['AWS::Partition', partition],
    ['AWS::StackName', LOCAL_STACK_NAME],
    ['AWS::StackId', `arn:${partition}:cloudformation:${region}:${accountId}:stack/${LOCAL_STACK_NAME}/00000000-0000-0000-0000-000000000000`],
    ['AWS::URLSuffix', partition === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'],
    ['AWS::NotificationARNs', []],
  ]);
  const conditions = new Map<string, LocatedEntry>();
  const conditionSection = valueOf(root, 'Conditions');
  if (conditionSection?.kind === 'map') for (const entry of conditionSection.entries) conditions.set(entry.key, entry);
  const mappings = asMap(valueOf(root, 'Mappings'));
  return {
    file,
    region,
    accountId,
    partition,
    awsEndpoint: options.awsEndpoint ?? DEFAULT_AWS_ENDPOINT,
    pseudo,
    parameters: collectParameters(root, options, problems),
    resources: collectResources(root),
    conditions,
    mappings,
  };
}

export function isFunctionType(type: string): boolean {
  return FUNCTION_TYPES.has(type);
}
