// The Resources view as the suites read it: rows of the tree (node and tree item), and one resource by group
// and name.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { LambkinApi } from '../../../../src/api';
import type { ResourcesTreeNode } from '../../../../src/resources/nodes';
import { label } from './lambkin';

export interface Row {
  node: ResourcesTreeNode;
  item: vscode.TreeItem;
}

export async function rows(api: LambkinApi, node?: ResourcesTreeNode): Promise<Row[]> {
  return (await api.resourcesTree.getChildren(node)).map((child) => ({ node: child, item: api.resourcesTree.getTreeItem(child) }));
}

export async function resource(api: LambkinApi, group: string, name: string): Promise<Row> {
  const groups = await rows(api);
  const parent = groups.find((row) => label(row.item) === group);
  assert.ok(parent, `no group ${group} in ${groups.map((row) => label(row.item)).join(', ')}`);
  const found = (await rows(api, parent.node)).find((row) => label(row.item) === name);
  assert.ok(found, `no ${name} under ${group}`);
  return found;
}
