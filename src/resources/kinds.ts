// How the Resources view shows one kind of resource. The tree knows groups and resources; what lies beneath a
// resource (a bucket's objects, a table's items, a queue's counts) and how it looks is the kind's business, so
// each kind lives in its own file under kinds/ and registers its own commands.
import type * as vscode from 'vscode';
import type { LocalResource, ResourceKind } from '../../runtime/template/resources/model';
import type { LambkinContext } from '../context';
import type { RuntimeSession } from '../runtime/session';
import type { DetailNode, ResourceNode, ResourcesTreeNode } from './nodes';

export interface ResourceKindView {
  kind: ResourceKind;
  /** The group's label in the tree, e.g. "Buckets". */
  group: string;
  /** A codicon id, e.g. `archive`. */
  icon: string;
  /** Extra text after the resource's name (a table's key schema, a queue's depth); the name is shown anyway. */
  describe?(resource: LocalResource, host: ResourceViewHost): string | undefined;
  /** The end of the item's contextValue when it is not the kind (`rule.scheduled`), for menus of some resources only. */
  contextValue?(resource: LocalResource): string | undefined;
  /** Whether the resource expands (its children come from `children`). */
  expandable?(resource: LocalResource): boolean;
  /** Children of a resource or of one of the kind's own detail nodes (the runtime may be needed: see ResourceViewHost). */
  children?(node: ResourceNode | DetailNode, host: ResourceViewHost): Promise<ResourcesTreeNode[]>;
  /** The tree item of one of the kind's detail nodes. */
  detailItem?(node: DetailNode): vscode.TreeItem;
  /** Registers the kind's commands (upload, send message, run now…). */
  register?(context: LambkinContext, host: ResourceViewHost): void;
}

/** What kinds may ask of the view. */
export interface ResourceViewHost {
  /** The running runtime's endpoint, or undefined when stopped (browsing needs the runtime; listing does not). */
  readonly awsEndpoint: string | undefined;
  /** The running runtime, for the kinds' service calls (a bucket's listing, a table's item count); undefined when stopped. */
  readonly session: RuntimeSession | undefined;
  /** The local services' data folder (`.lambkin/data/` beside the first template), running or not. */
  readonly dataFolder: string | undefined;
  /** Redraws one node (or the whole view) after a change. */
  refresh(node?: ResourcesTreeNode): void;
}
