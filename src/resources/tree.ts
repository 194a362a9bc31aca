// The Resources view's data: the resources the templates declare, grouped by kind, and what each kind shows
// beneath them while the runtime runs.
import * as vscode from 'vscode';
import type { LocalResource } from '../../runtime/template/resources/model';
import { Commands, ViewItems } from '../ids';
import type { TemplateCatalog } from '../templates/catalog';
import type { ResourceViewHost } from './kinds';
import { kindView, resourceKinds } from './kinds/index';
import type { DetailNode, GroupNode, ResourceNode, ResourcesTreeNode } from './nodes';

export class ResourcesTreeProvider implements vscode.TreeDataProvider<ResourcesTreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ResourcesTreeNode | undefined>();
  private readonly subscription: vscode.Disposable;
  /** Resource nodes by template and logical id, kept between refreshes so VS Code keeps their expansion. */
  private resourceNodes = new Map<string, ResourceNode>();

  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly templates: TemplateCatalog, private readonly host: () => ResourceViewHost) {
    this.subscription = templates.onDidChange(() => this.refresh());
  }

  refresh(node?: ResourcesTreeNode): void {
    this.changed.fire(node);
  }

  resources(): LocalResource[] {
    return this.templates.templates.flatMap((template) => template.resources);
  }

  getTreeItem(node: ResourcesTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'group': {
        const view = kindView(node.resourceKind);
        const item = new vscode.TreeItem(view.group, vscode.TreeItemCollapsibleState.Expanded);
        item.iconPath = new vscode.ThemeIcon(view.icon);
        item.contextValue = ViewItems.resourceGroup;
        return item;
      }
      case 'resource':
        return this.resourceItem(node);
      case 'detail': {
        const view = kindView(node.resourceKind);
        return view.detailItem ? view.detailItem(node) : new vscode.TreeItem(node.key);
      }
      case 'message': {
        const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
        item.tooltip = node.tooltip;
        if (node.icon) item.iconPath = new vscode.ThemeIcon(node.icon);
        item.command = node.command;
        item.contextValue = ViewItems.resourceMessage;
        return item;
      }
    }
  }

  async getChildren(node?: ResourcesTreeNode): Promise<ResourcesTreeNode[]> {
    if (!node) {
      const present = new Set(this.resources().map((resource) => resource.kind));
      return resourceKinds().filter((view) => present.has(view.kind)).map((view): GroupNode => ({ kind: 'group', resourceKind: view.kind }));
    }
    if (node.kind === 'group') {
      const next = new Map<string, ResourceNode>();
      const nodes = this.resources().filter((resource) => resource.kind === node.resourceKind).map((resource) => {
        const key = `${resource.templatePath}#${resource.logicalId}`;
        const kept = this.resourceNodes.get(key);
        const resourceNode: ResourceNode = kept ?? { kind: 'resource', resource };
        resourceNode.resource = resource;
        next.set(key, resourceNode);
        return resourceNode;
      });
      for (const [key, value] of this.resourceNodes) if (value.resource.kind !== node.resourceKind) next.set(key, value);
      this.resourceNodes = next;
      return nodes;
    }
    if (node.kind === 'resource' || node.kind === 'detail') {
      const view = kindView(node.resource.kind);
      if (!view.children) return [];
      const host = this.host();
      if (!host.awsEndpoint) {
        return [{ kind: 'message', text: 'Start the runtime to browse', icon: 'debug-start', parent: node, command: { command: Commands.startRuntime, title: 'Start Runtime' } }];
      }
      try {
        return await view.children(node, host);
      } catch (error) {
        return [{ kind: 'message', text: `Could not list: ${error instanceof Error ? error.message : String(error)}`, icon: 'error', parent: node }];
      }
    }
    return [];
  }

  getParent(node: ResourcesTreeNode): ResourcesTreeNode | undefined {
    if (node.kind === 'resource') return { kind: 'group', resourceKind: node.resource.kind };
    if (node.kind === 'detail' || node.kind === 'message') return node.parent;
    return undefined;
  }

  private resourceItem(node: ResourceNode): vscode.TreeItem {
    const { resource } = node;
    const view = kindView(resource.kind);
    const expandable = view.children !== undefined && (view.expandable?.(resource) ?? true);
    const item = new vscode.TreeItem(resource.name, expandable ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `resource:${resource.templatePath}#${resource.logicalId}`;
    item.description = view.describe?.(resource, this.host()) ?? (resource.logicalId !== resource.name ? resource.logicalId : undefined);
    item.iconPath = new vscode.ThemeIcon(view.icon);
    item.contextValue = `${ViewItems.resource}.${view.contextValue?.(resource) ?? resource.kind}`;
    const tooltip = new vscode.MarkdownString(`**${resource.name}** · \`${resource.type}\`\n\nLogical id \`${resource.logicalId}\` in ${vscode.workspace.asRelativePath(resource.templatePath)}:${resource.location.line}`);
    item.tooltip = tooltip;
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

export type { DetailNode };
