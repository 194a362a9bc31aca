// The Functions view's data: templates → functions → triggers and recent invocations.
import * as vscode from 'vscode';
import type { SavedEvents } from '../events/savedEvents';
import type { InvocationStore } from '../invocations/store';
import type { TemplateCatalog } from '../templates/catalog';
import { functionKey, type FunctionNode, type FunctionsTreeNode, type TemplateNode } from './nodes';
import { functionItem, invocationItem, problemItem, savedEventItem, templateItem, triggerItem } from './treeItems';

export class FunctionsTreeProvider implements vscode.TreeDataProvider<FunctionsTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<FunctionsTreeNode | undefined>();
  private functionNodes = new Map<string, FunctionNode>();
  private templateNodes = new Map<string, TemplateNode>();
  private readonly subscriptions: vscode.Disposable[];

  readonly onDidChangeTreeData = this.changed.event;

  constructor(
    private readonly templates: TemplateCatalog,
    private readonly invocations: InvocationStore,
    private readonly savedEvents: SavedEvents,
  ) {
    this.subscriptions = [
      templates.onDidChange(() => this.refresh()),
      savedEvents.onDidChange(() => this.changed.fire(undefined)),
      invocations.onDidChange((functionName) => {
        const nodes = functionName === undefined ? [] : [...this.functionNodes.values()].filter((node) => node.fn.name === functionName);
        if (functionName === undefined || nodes.length === 0) this.changed.fire(undefined);
        else nodes.forEach((node) => this.changed.fire(node));
      }),
    ];
  }

  refresh(): void {
    this.functionNodes = new Map();
    this.templateNodes = new Map();
    this.changed.fire(undefined);
  }

  /** The node of a function by its name, as last shown in the tree. */
  findFunction(name: string): FunctionNode | undefined {
    this.rootTemplates().forEach((node) => this.templateChildren(node, this.templates.templates.length === 1 ? undefined : node));
    return [...this.functionNodes.values()].find((node) => node.fn.name === name);
  }

  getTreeItem(node: FunctionsTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'template': return templateItem(node);
      case 'function': return functionItem(node, this.invocations.activity(node.fn.name));
      case 'trigger': return triggerItem(node);
      case 'savedEvent': return savedEventItem(node);
      case 'invocation': return invocationItem(node);
      case 'problem': return problemItem(node);
    }
  }

  getChildren(node?: FunctionsTreeNode): FunctionsTreeNode[] {
    if (!node) {
      const templates = this.rootTemplates();
      return templates.length === 1 ? this.templateChildren(templates[0]!, undefined) : templates;
    }
    switch (node.kind) {
      case 'template':
        return this.templateChildren(node, node);
      case 'function': {
        const activity = this.invocations.activity(node.fn.name);
        return [
          ...node.fn.events.map((event) => ({ kind: 'trigger' as const, event, parent: node })),
          ...this.savedEvents.peek(node.fn.name).map((file) => ({ kind: 'savedEvent' as const, file, parent: node })),
          ...[...activity.inFlight].reverse().map((invocation) => ({ kind: 'invocation' as const, invocation, parent: node })),
          ...activity.recent.map((invocation) => ({ kind: 'invocation' as const, invocation, parent: node })),
        ];
      }
      default:
        return [];
    }
  }

  getParent(node: FunctionsTreeNode): FunctionsTreeNode | undefined {
    return node.kind === 'template' ? undefined : node.parent;
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.changed.dispose();
  }

  private rootTemplates(): TemplateNode[] {
    return this.templates.templates.map((template) => {
      let node = this.templateNodes.get(template.path);
      if (!node) this.templateNodes.set(template.path, (node = { kind: 'template', template }));
      node.template = template;
      return node;
    });
  }

  private templateChildren(node: TemplateNode, parent: TemplateNode | undefined): FunctionsTreeNode[] {
    const problems = node.template.problems.map((problem) => ({ kind: 'problem' as const, problem, parent }));
    const functions = node.template.functions.map((fn) => {
      const key = functionKey(fn);
      let functionNode = this.functionNodes.get(key);
      if (!functionNode) {
        functionNode = { kind: 'function', fn, parent };
        this.functionNodes.set(key, functionNode);
      }
      functionNode.fn = fn;
      functionNode.parent = parent;
      return functionNode;
    });
    return [...problems, ...functions];
  }
}
