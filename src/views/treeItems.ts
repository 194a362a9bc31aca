// How each node of the Functions tree looks: labels, descriptions, icons, tooltips, click commands.
import path from 'node:path';
import * as vscode from 'vscode';
import type { SourceLocation } from '../../runtime/template/model';
import { Commands, ViewItems } from '../ids';
import type { FunctionActivity } from '../invocations/store';
import {
  describeTrigger,
  formatTime,
  functionDescription,
  functionTooltip,
  inFlightDescription,
  invocationDescription,
  invocationIcon,
} from './describe';
import { functionKey, isFinished, type FunctionNode, type InvocationNode, type ProblemNode, type SavedEventNode, type TemplateNode, type TriggerNode } from './nodes';

function openLocationCommand(location: SourceLocation, title: string): vscode.Command {
  return { command: Commands.openTemplateLocation, title, arguments: [location] };
}

function relativeTemplatePath(file: string): string {
  return vscode.workspace.asRelativePath(file, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
}

export function templateItem(node: TemplateNode): vscode.TreeItem {
  const { template } = node;
  const item = new vscode.TreeItem(relativeTemplatePath(template.path), vscode.TreeItemCollapsibleState.Expanded);
  item.id = `template:${template.path}`;
  item.contextValue = ViewItems.template;
  item.resourceUri = vscode.Uri.file(template.path);
  const errors = template.problems.filter((problem) => problem.severity === 'error').length;
  const count = `${template.functions.length} function${template.functions.length === 1 ? '' : 's'}`;
  item.description = template.problems.length ? `${count} · ${template.problems.length} problem(s)` : count;
  item.iconPath = errors
    ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
    : new vscode.ThemeIcon('file-code');
  item.tooltip = template.path;
  return item;
}

export function functionItem(node: FunctionNode, activity: FunctionActivity): vscode.TreeItem {
  const { fn } = node;
  const hasChildren = fn.events.length > 0 || activity.recent.length > 0 || activity.inFlight.length > 0;
  const item = new vscode.TreeItem(
    fn.name,
    hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
  );
  item.id = `function:${functionKey(fn)}`;
  item.contextValue = ViewItems.function;
  item.description = functionDescription(fn, activity);
  const tooltip = new vscode.MarkdownString(functionTooltip(fn, activity));
  tooltip.supportThemeIcons = true;
  item.tooltip = tooltip;
  const icon = activity.running > 0 ? 'loading~spin' : 'symbol-function';
  const color = activity.running > 0 || activity.warm > 0 ? new vscode.ThemeColor('charts.green') : undefined;
  item.iconPath = new vscode.ThemeIcon(icon, color);
  item.accessibilityInformation = { label: `Function ${fn.name}, ${item.description}` };
  return item;
}

export function triggerItem(node: TriggerNode): vscode.TreeItem {
  const trigger = describeTrigger(node.event);
  const item = new vscode.TreeItem(trigger.label, vscode.TreeItemCollapsibleState.None);
  item.id = `trigger:${functionKey(node.parent.fn)}:${node.event.name}`;
  item.contextValue = ViewItems.trigger;
  item.description = trigger.description;
  item.iconPath = new vscode.ThemeIcon(trigger.icon);
  item.tooltip = `${node.event.name} (${node.event.type})`;
  if (node.event.location) item.command = openLocationCommand(node.event.location, 'Show in Template');
  return item;
}

export function savedEventItem(node: SavedEventNode): vscode.TreeItem {
  const item = new vscode.TreeItem(path.basename(node.file, '.json'), vscode.TreeItemCollapsibleState.None);
  item.id = `saved-event:${node.file}`;
  item.contextValue = ViewItems.savedEvent;
  item.description = 'saved event';
  item.iconPath = new vscode.ThemeIcon('json');
  item.resourceUri = vscode.Uri.file(node.file);
  item.tooltip = `${vscode.workspace.asRelativePath(node.file)} — click to edit; "Invoke with This Event" runs ${node.parent.fn.name} with it`;
  item.command = { command: 'vscode.open', title: 'Open Saved Event', arguments: [vscode.Uri.file(node.file)] };
  return item;
}

export function invocationItem(node: InvocationNode): vscode.TreeItem {
  const { invocation } = node;
  const item = new vscode.TreeItem(formatTime(invocation.startedAt), vscode.TreeItemCollapsibleState.None);
  item.id = `invocation:${invocation.requestId}`;
  item.contextValue = ViewItems.invocation;
  if (isFinished(invocation)) {
    item.description = invocationDescription(invocation);
    const color = invocation.status === 'success' ? 'testing.iconPassed' : 'testing.iconFailed';
    item.iconPath = new vscode.ThemeIcon(invocationIcon(invocation.status), new vscode.ThemeColor(color));
  } else {
    item.description = inFlightDescription(invocation);
    item.iconPath = new vscode.ThemeIcon(invocationIcon('running'));
  }
  item.tooltip = `Request ${invocation.requestId} (${invocation.invocationType}) — click to see its event, response and logs`;
  item.command = { command: Commands.openInvocation, title: 'Open Invocation', arguments: [node] };
  return item;
}

export function problemItem(node: ProblemNode): vscode.TreeItem {
  const { problem } = node;
  const item = new vscode.TreeItem(problem.message, vscode.TreeItemCollapsibleState.None);
  item.id = `problem:${problem.location.file}:${problem.location.line}:${problem.location.column}:${problem.message}`;
  item.contextValue = ViewItems.problem;
  item.description = `${path.basename(problem.location.file)}:${problem.location.line}`;
  item.iconPath = new vscode.ThemeIcon(
    problem.severity === 'error' ? 'error' : 'warning',
    new vscode.ThemeColor(problem.severity === 'error' ? 'problemsErrorIcon.foreground' : 'problemsWarningIcon.foreground'),
  );
  item.tooltip = `${problem.message}\n${problem.location.file}:${problem.location.line}:${problem.location.column}`;
  item.command = openLocationCommand(problem.location, 'Show Problem');
  return item;
}
