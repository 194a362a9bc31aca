// The Resources view: the template's buckets, tables, queues, topics, buses, rules and schedules, browsed
// through the local AWS services while the runtime runs; and the commands every resource shares.
import * as vscode from 'vscode';
import { DataDir } from '../../runtime/services/data-dir';
import type { LambkinContext } from '../context';
import { Commands, Views } from '../ids';
import type { ResourceViewHost } from './kinds';
import { resourceKinds } from './kinds/index';
import type { ResourcesTreeNode } from './nodes';
import { registerResetData } from './resetData';
import { ResourcesTreeProvider } from './tree';

export interface ResourcesView {
  provider: ResourcesTreeProvider;
  view: vscode.TreeView<ResourcesTreeNode>;
}

export function register(context: LambkinContext): ResourcesView {
  const { runtime, templates } = context;
  // The provider asks for the host lazily (on expansion), after both exist.
  const provider: ResourcesTreeProvider = context.track(new ResourcesTreeProvider(templates, () => host));
  const host: ResourceViewHost = {
    get awsEndpoint() {
      return runtime.current?.hello.awsEndpoint;
    },
    get session() {
      return runtime.current;
    },
    get dataFolder() {
      const first = templates.activePaths[0];
      return first ? DataDir.folderFor(first) : undefined;
    },
    refresh: (node) => provider.refresh(node),
  };
  const view = context.track(vscode.window.createTreeView(Views.resources, { treeDataProvider: provider, showCollapseAll: true }));
  // Browsing depends on the runtime: redraw when it starts or stops.
  context.track(runtime.onDidChangeState(() => provider.refresh()));
  context.registerCommand(Commands.refreshResources, 'Refreshing the resources', () => provider.refresh());
  context.registerCommand(Commands.resourceShowInTemplate, 'Opening the template', async (node?: ResourcesTreeNode) => {
    if (node?.kind !== 'resource') return;
    await vscode.commands.executeCommand(Commands.openTemplateLocation, node.resource.location);
  });
  context.registerCommand(Commands.resourceCopyName, 'Copying the name', async (node?: ResourcesTreeNode) => {
    if (node?.kind !== 'resource') return undefined;
    await vscode.env.clipboard.writeText(node.resource.name);
    return node.resource.name;
  });
  registerResetData(context, () => provider.refresh());
  for (const kind of resourceKinds()) kind.register?.(context, host);
  return { provider, view };
}
