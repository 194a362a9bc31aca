// The status bar item: runtime state, invocation count and the session's simulated Lambda cost; a click
// shows the runtime log.
import * as vscode from 'vscode';
import { formatUsd } from '../../runtime/cost';
import type { LambkinContext } from '../context';
import { SessionCost } from '../cost/sessionCost';
import { Commands } from '../ids';
import { readCostSettings, readSettings } from '../settings';

export function register(context: LambkinContext): void {
  const { runtime, invocations } = context;
  const item = context.track(vscode.window.createStatusBarItem('lambkin.runtime', vscode.StatusBarAlignment.Left, 50));
  item.name = 'Lambkin Runtime';
  item.command = Commands.showRuntimeLog;
  const sessionCost = context.track(new SessionCost({
    invocations,
    onDidChangeState: (listener) => runtime.onDidChangeState(listener),
    pricing: (functionName) => {
      const fn = context.templates.findFunction(functionName);
      return fn && { architecture: fn.architecture, ephemeralStorageMb: fn.ephemeralStorage, region: readSettings().region, prices: readCostSettings().prices };
    },
  }));

  const update = () => {
    const count = invocations.totalInvocations;
    const cost = sessionCost.invocations > 0 ? ` · ${formatUsd(sessionCost.total)}` : '';
    const costTooltip = sessionCost.invocations > 0
      ? ` This session's ${sessionCost.invocations} invocation${sessionCost.invocations === 1 ? '' : 's'} would cost ${formatUsd(sessionCost.total)} on Lambda (billed duration × memory, no free tier).`
      : '';
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
        item.text = `$(zap) Lambkin: port ${port} · ${invocationsText}${cost}`;
        item.tooltip = `The Lambkin runtime is running (pid ${runtime.current?.process.pid}): Invoke API at ${endpoint}. ${invocationsText} so far.${costTooltip} Click to show its log.`;
        break;
      }
      default:
        item.text = `$(circle-slash) Lambkin: stopped${count ? ` · ${invocationsText}${cost}` : ''}`;
        item.tooltip = `The Lambkin runtime is stopped; it starts when you invoke a function.${costTooltip} Click to show its log.`;
    }
    item.accessibilityInformation = { label: item.text.replace(/\$\([^)]*\)\s*/g, '') };
  };
  update();
  context.track(runtime.onDidChangeState(update));
  context.track(invocations.onDidChange(update));
  context.track(sessionCost.onDidChange(update));
  // Shown only where there is something to run.
  const visibility = () => (context.templates.activePaths.length > 0 || runtime.state !== 'stopped' ? item.show() : item.hide());
  visibility();
  context.track(context.templates.onDidChange(visibility));
  context.track(runtime.onDidChangeState(visibility));
}
