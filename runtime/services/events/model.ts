// EventBridge's resources as the local service holds them: buses, and rules with their targets in the API's
// own shape (what ListTargetsByRule answers). Template resources are rebuilt on every reload; what the API
// creates is kept in the data folder.
import type { CompiledPattern } from '../../event-sources/filtering';
import type { RuleState } from '../../template/resources/model';

export type Origin = 'default' | 'template' | 'api';

export interface Bus {
  name: string;
  arn: string;
  description?: string;
  /** Epoch seconds. */
  creationTime: number;
  lastModifiedTime: number;
  origin: Origin;
}

/** A target as PutTargets takes it and ListTargetsByRule gives it back. */
export interface ApiTarget {
  Id: string;
  Arn: string;
  Input?: string;
  InputPath?: string;
  InputTransformer?: { InputPathsMap?: Record<string, string>; InputTemplate: string };
  SqsParameters?: { MessageGroupId?: string };
  RoleArn?: string;
  [other: string]: unknown;
}

export interface Rule {
  name: string;
  busName: string;
  arn: string;
  eventPattern?: string;
  scheduleExpression?: string;
  state: RuleState;
  description?: string;
  roleArn?: string;
  targets: ApiTarget[];
  origin: Origin;
  /** Where the template declares it (logical id), for messages. */
  logicalId?: string;
}

/** What the data folder keeps: the buses and rules the API created. */
export interface StoredEvents {
  buses: Bus[];
  rules: Rule[];
}

export interface CompiledRule extends Rule {
  compiled?: CompiledPattern;
}

export function isEnabled(rule: Rule): boolean {
  return rule.state !== 'DISABLED';
}
