// The elements of the Resources tree: a group per kind of resource, the resources of the templates, what a
// resource's kind shows beneath it (a bucket's folders and objects, a table's items…), and messages.
import type { LocalResource, ResourceKind } from '../../runtime/template/resources/model';

export interface GroupNode {
  kind: 'group';
  resourceKind: ResourceKind;
}

export interface ResourceNode {
  kind: 'resource';
  resource: LocalResource;
}

/** Something a kind shows under one of its resources; `data` is the kind's own, `key` is stable across refreshes. */
export interface DetailNode {
  kind: 'detail';
  resourceKind: ResourceKind;
  resource: LocalResource;
  key: string;
  data: unknown;
  parent: ResourceNode | DetailNode;
}

/** A line of text where there is nothing to list (runtime stopped, empty bucket, more to load). */
export interface MessageNode {
  kind: 'message';
  text: string;
  tooltip?: string;
  icon?: string;
  /** Run on click. */
  command?: { command: string; title: string; arguments?: unknown[] };
  parent?: ResourceNode | DetailNode;
}

export type ResourcesTreeNode = GroupNode | ResourceNode | DetailNode | MessageNode;
