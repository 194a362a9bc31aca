// Watches the JavaScript debugger sessions attached to Lambkin environments: when one pauses (breakpoint,
// step, `debugger;`), the environment's Lambda clock is held; when it runs again, released.
import type { DebugProtocol } from '@vscode/debugprotocol';
import * as vscode from 'vscode';
import { ENVIRONMENT_KEY } from './attach';
import type { LambkinDebugSession } from './session';

/** Requests after which the debuggee runs again (the `continued` event does not always follow them). */
const RESUMING = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue', 'restartFrame', 'goto']);

/** The Lambkin environment a js-debug session (or one of its ancestors) attached to. */
function environmentOf(session: vscode.DebugSession | undefined): { environmentId: string; owner: vscode.DebugSession | undefined } | undefined {
  for (let current = session; current; current = current.parentSession) {
    const environmentId = current.configuration[ENVIRONMENT_KEY];
    if (typeof environmentId === 'string') return { environmentId, owner: current.parentSession };
  }
  return undefined;
}

export class ClockTrackerFactory implements vscode.DebugAdapterTrackerFactory {
  constructor(private readonly sessions: ReadonlyMap<string, LambkinDebugSession>) {}

  createDebugAdapterTracker(session: vscode.DebugSession): vscode.DebugAdapterTracker | undefined {
    const found = environmentOf(session);
    const lambkin = found?.owner ? this.sessions.get(found.owner.id) : undefined;
    if (!found || !lambkin) return undefined;
    const paused = (held: boolean) => void lambkin.debuggerPaused(found.environmentId, held);
    return {
      onDidSendMessage: (message: DebugProtocol.ProtocolMessage) => {
        if (message.type !== 'event') return;
        const event = (message as DebugProtocol.Event).event;
        if (event === 'stopped') paused(true);
        else if (event === 'continued') paused(false);
      },
      onWillReceiveMessage: (message: DebugProtocol.ProtocolMessage) => {
        if (message.type === 'request' && RESUMING.has((message as DebugProtocol.Request).command)) paused(false);
      },
      onWillStopSession: () => paused(false),
    };
  }
}
