// The invocation document's own affordances: the actions above its first line (CodeLens), the time
// breakdown when hovering its time bar, and the status badge and colour of its tab (a file decoration).
import * as vscode from 'vscode';
import type { InvocationResult } from '../../runtime/protocol/control';
import type { LambkinContext } from '../context';
import { Commands, Languages, Schemes } from '../ids';
import { formatDuration } from '../views/describe';
import { isFinished } from '../views/nodes';
import { requestIdOf } from './documents';
import { invocationTitle, StatusGlyphs, timeLines, timingOf, type AnyInvocation } from './render';

function findInvocation(context: LambkinContext, uri: vscode.Uri): AnyInvocation | undefined {
  const requestId = requestIdOf(uri);
  return requestId ? context.invocations.find(requestId) : undefined;
}

export const INVOCATION_ACTIONS: { command: string; title: string; tooltip: string; needsFinished: boolean }[] = [
  { command: Commands.invocationInvokeAgain, title: '$(debug-restart) Invoke Again', tooltip: 'Invoke the function again with this event', needsFinished: true },
  { command: Commands.invocationDebug, title: '$(debug-alt) Debug', tooltip: 'Invoke the function with this event under the debugger', needsFinished: true },
  { command: Commands.invocationSaveEvent, title: '$(save) Save as Event…', tooltip: 'Save this event as .lambkin/events/<function>/<name>.json', needsFinished: true },
  { command: Commands.invocationCopyResponse, title: '$(copy) Copy Response', tooltip: 'Copy the response (or error) as JSON', needsFinished: true },
  { command: Commands.invocationCopyCliCommand, title: '$(terminal) Copy as aws lambda invoke', tooltip: 'Copy an `aws lambda invoke` command that sends this event to the local Invoke API', needsFinished: true },
  { command: Commands.invocationOpenLogs, title: '$(list-flat) Open Logs', tooltip: "Open the function's log at this request", needsFinished: false },
];

/** The breakdown behind the time bar, with what each part means for billing. */
export function timeHover(invocation: InvocationResult, timeoutSeconds: number | undefined): vscode.MarkdownString {
  const timing = timingOf(invocation, timeoutSeconds);
  const rows: [string, string][] = [];
  if (timing.initMs !== undefined) rows.push(['▉ INIT', `${formatDuration(timing.initMs)}: the cold start (module scope, runtime start-up), billed since August 2025`]);
  rows.push(['█ Handler', `${formatDuration(timing.durationMs)}${invocation.status === 'timeout' ? ', stopped by the timeout' : ''}`]);
  if (timing.pausedMs) rows.push(['▒ Paused', `${formatDuration(timing.pausedMs)} held at breakpoints; counted in the duration, not against the timeout`]);
  rows.push(['Billed', `${formatDuration(timing.billedMs)}: ${timing.initMs !== undefined ? 'INIT + handler' : 'the handler'}, rounded up to the millisecond`]);
  if (timing.timeoutMs !== undefined) rows.push(['│ Timeout', `${timing.timeoutMs / 1000} s (the template's \`Timeout\`)`]);
  rows.push(['Memory', `${invocation.maxMemoryUsedMb} MB used of ${invocation.memorySizeMb} MB`]);
  const markdown = new vscode.MarkdownString();
  // In the document's own language, so the bar has the document's colours (the title line opens its header).
  markdown.appendCodeblock([invocationTitle(invocation), ...timeLines(timing)].join('\n'), Languages.invocation);
  markdown.appendMarkdown(['| | |', '|---|---|', ...rows.map(([name, value]) => `| ${name} | ${value} |`)].join('\n'));
  return markdown;
}

const STATUS_COLORS: Record<InvocationResult['status'] | 'running', string> = {
  success: 'testing.iconPassed',
  error: 'testing.iconFailed',
  timeout: 'editorWarning.foreground',
  throttled: 'disabledForeground',
  running: 'descriptionForeground',
};

/** The tab's badge (`✓`, `✗❄`: status, and a snowflake for a cold start), colour and tooltip. */
export function invocationDecoration(invocation: AnyInvocation): vscode.FileDecoration {
  const status = isFinished(invocation) ? invocation.status : 'running';
  const badge = `${StatusGlyphs[status]}${invocation.coldStart ? StatusGlyphs.cold : ''}`;
  const tooltip = [status, ...(invocation.coldStart ? ['cold start'] : []), `request ${invocation.requestId}`].join(' · ');
  return new vscode.FileDecoration(badge, tooltip, new vscode.ThemeColor(STATUS_COLORS[status]));
}

export function registerInvocationLens(context: LambkinContext): void {
  const selector: vscode.DocumentSelector = { language: Languages.invocation };
  const lensesChanged = context.track(new vscode.EventEmitter<void>());
  const decorationsChanged = context.track(new vscode.EventEmitter<vscode.Uri[] | undefined>());
  context.track(context.invocations.onDidChange(() => {
    lensesChanged.fire();
    decorationsChanged.fire(undefined);
  }));

  context.track(
    vscode.languages.registerCodeLensProvider(selector, {
      onDidChangeCodeLenses: lensesChanged.event,
      provideCodeLenses: (document) => {
        const invocation = findInvocation(context, document.uri);
        if (!invocation) return [];
        const top = new vscode.Range(0, 0, 0, 0);
        return INVOCATION_ACTIONS.filter((action) => !action.needsFinished || isFinished(invocation)).map(
          (action) => new vscode.CodeLens(top, { title: action.title, tooltip: action.tooltip, command: action.command, arguments: [document.uri] }),
        );
      },
    }),
  );

  context.track(
    vscode.languages.registerHoverProvider(selector, {
      provideHover: (document, position) => {
        const line = document.lineAt(position.line).text;
        const onTime = line.startsWith('Time ') || (position.line > 0 && document.lineAt(position.line - 1).text.startsWith('Time '));
        const invocation = onTime ? findInvocation(context, document.uri) : undefined;
        if (!invocation || !isFinished(invocation)) return undefined;
        return new vscode.Hover(timeHover(invocation, context.templates.findFunction(invocation.functionName)?.timeout));
      },
    }),
  );

  context.track(
    vscode.window.registerFileDecorationProvider({
      onDidChangeFileDecorations: decorationsChanged.event,
      provideFileDecoration: (uri) => {
        if (uri.scheme !== Schemes.invocation) return undefined;
        const invocation = findInvocation(context, uri);
        return invocation ? invocationDecoration(invocation) : undefined;
      },
    }),
  );
}
