// The status bar item: runtime state and invocation count; a click shows the runtime log.
import * as vscode from 'vscode';
import type { LambkinContext } from '../context';
import { Commands } from '../ids';

export function register(context: LambkinContext): void {
  const { runtime, invocations } = context;
  const item = context.track(vscode.window.createStatusBarItem('lambkin.runtime', vscode.StatusBarAlignment.Left, 50));
  item.name = 'Lambkin Runtime';
  item.command = Commands.showRuntimeLog;

  const update = () => {
    const count = invocations.totalInvocations;
    const invocationsText = `${count} invocation${count === 1 ? '' : 's'}`;
    item.backgroundColor = undefined;
    switch (runtime.state) {
      case 'starting':
        item.text = '$(loading~spin) Lambkin: starting';
        item.tooltip = 'The Lambkin runtime is starting. Click to show its log.';
        break;
      case 'stopping':
        item.text = '$(loading~spin) Lambkin: stopping';
        item.tooltip = 'The Lambkin runtime is stopping. Click to show its log.';
        break;
      case 'running': {
        const endpoint = runtime.current?.invokeEndpoint ?? '';
        const port = /:(\d+)\/?$/.exec(endpoint)?.[1] ?? '?';
        item.text = `$(zap) Lambkin: port ${port} · ${invocationsText}`;
        item.tooltip = `The Lambkin runtime is running (pid ${runtime.current?.process.pid}): Invoke API at ${endpoint}. ${invocationsText} so far. Click to show its log.`;
        break;
      }
      default:
        item.text = `$(circle-slash) Lambkin: stopped${count ? ` · ${invocationsText}` : ''}`;
        item.tooltip = 'The Lambkin runtime is stopped; it starts when you invoke a function. Click to show its log.';
    }
    item.accessibilityInformation = { label: item.text.replace(/\$\([^)]*\)\s*/g, '') };
  };
  update();
  context.track(runtime.onDidChangeState(update));
  context.track(invocations.onDidChange(update));
  // Shown only where there is something to run.
  const visibility = () => (context.templates.activePaths.length > 0 || runtime.state !== 'stopped' ? item.show() : item.hide());
  visibility();
  context.track(context.templates.onDidChange(visibility));
  context.track(runtime.onDidChangeState(visibility));
}
