// DynamoDB tables in the Resources view: key schema and stream from the template; while the runtime runs,
// the item count, the stream's records and TTL beneath each table. View Items opens the first items as a
// read-only JSON document; Reset Table Data empties one table (and its stream), keeping the table.
import * as vscode from 'vscode';
import type { DynamoDbCalls, TableSummary } from '../../../../runtime/services/dynamodb/calls';
import type { LocalResource } from '../../../../runtime/template/resources/model';
import type { LambkinContext } from '../../../context';
import { requireTrust } from '../../../errors';
import { Commands } from '../../../ids';
import type { RuntimeSession } from '../../../runtime/session';
import type { ResourceKindView, ResourceViewHost } from '../../kinds';
import type { DetailNode, ResourceNode, ResourcesTreeNode } from '../../nodes';

const ITEMS_SCHEME = 'lambkin-table';
/** How many items View Items shows: a first look, not an export. */
const VIEW_LIMIT = 100;

async function dynamoCall<C extends keyof DynamoDbCalls>(session: RuntimeSession, call: C, params: DynamoDbCalls[C]['params']): Promise<DynamoDbCalls[C]['result']> {
  return (await session.request('serviceCall', { service: 'dynamodb', call, params })) as DynamoDbCalls[C]['result'];
}

/** `pk · sk · stream NEW_AND_OLD_IMAGES`: the keys and stream as the template declares them. */
export function describeTable(resource: LocalResource): string | undefined {
  if (resource.kind !== 'table') return undefined;
  const keys = resource.table.KeySchema.map((key) => key.AttributeName).join(' · ');
  return `${keys}${resource.table.StreamViewType ? ` · stream ${resource.table.StreamViewType}` : ''}`;
}

interface TableDetail {
  text: string;
  icon: string;
  tooltip?: string;
  command?: vscode.Command;
}

function detailsOf(summary: TableSummary, node: ResourceNode): TableDetail[] {
  const details: TableDetail[] = [
    { text: `${summary.itemCount} item${summary.itemCount === 1 ? '' : 's'}`, icon: 'list-flat', tooltip: 'View Items', command: { command: Commands.resourceViewTableItems, title: 'View Items', arguments: [node] } },
    summary.streamViewType
      ? { text: `stream ${summary.streamViewType}: ${summary.streamRecords} record${summary.streamRecords === 1 ? '' : 's'} (24 h)`, icon: 'pulse', tooltip: summary.streamArn }
      : { text: 'no stream', icon: 'circle-slash' },
  ];
  if (summary.ttlAttribute) details.push({ text: `TTL on ${summary.ttlAttribute}`, icon: 'watch' });
  if (summary.indexes.length > 0) details.push({ text: `indexes: ${summary.indexes.join(', ')}`, icon: 'list-tree' });
  return details;
}

export const tableView: ResourceKindView = {
  kind: 'table',
  group: 'Tables',
  icon: 'table',
  describe: (resource) => describeTable(resource),
  children: async (node, host) => tableChildren(node, host),
  detailItem: (node) => {
    const detail = node.data as TableDetail;
    const item = new vscode.TreeItem(detail.text, vscode.TreeItemCollapsibleState.None);
    item.iconPath = new vscode.ThemeIcon(detail.icon);
    item.tooltip = detail.tooltip;
    item.command = detail.command;
    item.contextValue = 'lambkin.tableDetail';
    return item;
  },
  register: registerTableCommands,
};

async function tableChildren(node: ResourceNode | DetailNode, host: ResourceViewHost): Promise<ResourcesTreeNode[]> {
  if (node.kind !== 'resource') return [];
  const session = host.session;
  if (!session) return [];
  const { tables } = await dynamoCall(session, 'listTables', {});
  const summary = tables.find((table) => table.name === node.resource.name);
  if (!summary) return [{ kind: 'message', text: 'not created yet', icon: 'loading~spin', parent: node }];
  return detailsOf(summary, node).map((detail): DetailNode => ({ kind: 'detail', resourceKind: 'table', resource: node.resource, key: detail.text, data: detail, parent: node }));
}

function registerTableCommands(context: LambkinContext, host: ResourceViewHost): void {
  const contents = new Map<string, string>();
  const changed = context.track(new vscode.EventEmitter<vscode.Uri>());
  context.track(vscode.workspace.registerTextDocumentContentProvider(ITEMS_SCHEME, { onDidChange: changed.event, provideTextDocumentContent: (uri) => contents.get(uri.toString()) ?? '' }));

  context.registerCommand(Commands.resourceViewTableItems, 'Reading the table\'s items', async (node?: ResourcesTreeNode) => {
    if (node?.kind !== 'resource' || node.resource.kind !== 'table') return undefined;
    const session = await context.runtime.ensureRunning();
    const { items, truncated } = await dynamoCall(session, 'scanItems', { table: node.resource.name, limit: VIEW_LIMIT });
    const uri = vscode.Uri.from({ scheme: ITEMS_SCHEME, path: `/${node.resource.name}.json` });
    contents.set(uri.toString(), `${JSON.stringify(items, null, 2)}\n`);
    changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'json');
    await vscode.window.showTextDocument(document, { preview: true });
    if (truncated) void vscode.window.showInformationMessage(`${node.resource.name}: showing the first ${VIEW_LIMIT} items.`);
    return { uri: uri.toString(), count: items.length, truncated };
  });

  // Tables an earlier template made and this one no longer declares keep their items until the user says.
  let asking = false;
  const dropRemoved = async (confirmed = false): Promise<string[]> => {
    const session = context.runtime.current;
    if (!session || (asking && !confirmed)) return [];
    const { tables } = await dynamoCall(session, 'removedTables', {});
    if (tables.length === 0) return [];
    asking = !confirmed;
    try {
      const names = tables.join(', ');
      const choice = confirmed ? 'Drop' : await vscode.window.showWarningMessage(
        `DynamoDB table${tables.length === 1 ? '' : 's'} ${names} ${tables.length === 1 ? 'is' : 'are'} no longer in the template. Drop ${tables.length === 1 ? 'it' : 'them'} with the items, or keep ${tables.length === 1 ? 'it' : 'them'}?`,
        'Drop', 'Keep');
      if (choice !== 'Drop') return [];
      for (const table of tables) await dynamoCall(session, 'dropTable', { table });
      context.log.info(`Dropped DynamoDB table${tables.length === 1 ? '' : 's'} ${names} (no longer in the template).`);
      return tables;
    } finally {
      asking = false;
    }
  };
  const ask = () => void dropRemoved().catch((error: unknown) => context.log.warn(`Could not check for tables gone from the template: ${error instanceof Error ? error.message : String(error)}`));
  context.track(context.runtime.onDidChangeState((state) => {
    if (state === 'running') ask();
  }));
  context.track(context.templates.onDidChange(() => {
    if (context.runtime.current) ask();
  }));
  context.registerCommand(Commands.dropRemovedTables, 'Dropping the tables gone from the template', async (confirmed?: boolean) => {
    requireTrust('drop tables');
    await context.runtime.ensureRunning();
    return dropRemoved(confirmed === true);
  });

  context.registerCommand(Commands.resourceResetTable, 'Resetting the table', async (node?: ResourcesTreeNode, confirmed?: boolean) => {
    if (node?.kind !== 'resource' || node.resource.kind !== 'table') return false;
    requireTrust('reset table data');
    const name = node.resource.name;
    const answer = confirmed ? 'Reset' : await vscode.window.showWarningMessage(`Delete every item of ${name} and its stream records? The table stays. This cannot be undone.`, { modal: true }, 'Reset');
    if (answer !== 'Reset') return false;
    const session = await context.runtime.ensureRunning();
    await session.request('resetData', { service: 'dynamodb', resource: name });
    context.log.info(`Reset the items of table ${name}.`);
    host.refresh(node);
    return true;
  });
}
