// The elements of the Functions tree. Function nodes are kept (same object) between refreshes of
// activity, because VS Code finds the item to update by element identity.
import type { InvocationResult, InvocationSummary } from '../../runtime/protocol/control';
import type { EventSourceConfig, FunctionConfig, ParsedTemplate, TemplateProblem } from '../../runtime/template/model';

export interface TemplateNode {
  kind: 'template';
  template: ParsedTemplate;
}

export interface FunctionNode {
  kind: 'function';
  fn: FunctionConfig;
  parent?: TemplateNode;
}

export interface TriggerNode {
  kind: 'trigger';
  event: EventSourceConfig;
  parent: FunctionNode;
}

export interface SavedEventNode {
  kind: 'savedEvent';
  /** Absolute path of the JSON file. */
  file: string;
  parent: FunctionNode;
}

export interface InvocationNode {
  kind: 'invocation';
  invocation: InvocationResult | InvocationSummary;
  parent: FunctionNode;
}

export interface ProblemNode {
  kind: 'problem';
  problem: TemplateProblem;
  parent?: TemplateNode;
}

export type FunctionsTreeNode = TemplateNode | FunctionNode | TriggerNode | SavedEventNode | InvocationNode | ProblemNode;

export function functionKey(fn: FunctionConfig): string {
  return `${fn.templatePath}#${fn.logicalId}`;
}

export function isFinished(invocation: InvocationResult | InvocationSummary): invocation is InvocationResult {
  return 'status' in invocation;
}
