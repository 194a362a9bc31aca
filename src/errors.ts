// Errors whose message is written for the user, and how each is shown: always with a way forward
// (Show Log, Open Settings, Manage Workspace Trust).
import * as vscode from 'vscode';
import type { Log } from './log';
import { NodeCheckError } from './runtime/nodeCheck';
import { RuntimeStartError } from './runtime/runtimeProcess';
import { SETTINGS_SECTION, Settings } from './ids';

/** A problem the user can act on; its message is shown as is. */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserError';
  }
}

/** The workspace is not trusted, so Lambkin runs none of its code. */
export class RestrictedModeError extends UserError {
  constructor(action: string) {
    super(`Lambkin cannot ${action} in Restricted Mode: running a function executes this workspace's code. Trust the workspace to run functions.`);
    this.name = 'RestrictedModeError';
  }
}

/** The user dismissed a picker: not an error, nothing to show. */
export class Cancelled extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'Cancelled';
  }
}

const SHOW_LOG = 'Show Log';
const OPEN_SETTINGS = 'Open Settings';
const MANAGE_TRUST = 'Manage Workspace Trust';

/** Logs `error` and shows it as a notification with the action that helps; `doing` says what failed. */
export async function reportError(log: Log, doing: string, error: unknown): Promise<void> {
  if (error instanceof Cancelled) return;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RuntimeStartError && error.output.length) {
    log.error(`${message} Its last output:\n${error.output.join('\n')}`);
  } else if (error instanceof UserError) {
    log.warn(message);
  } else {
    log.error(`${doing} failed`, error);
  }
  if (error instanceof RestrictedModeError) {
    const choice = await vscode.window.showWarningMessage(message, MANAGE_TRUST);
    if (choice === MANAGE_TRUST) await vscode.commands.executeCommand('workbench.trust.manage');
    return;
  }
  if (error instanceof NodeCheckError) {
    const choice = await vscode.window.showErrorMessage(message, OPEN_SETTINGS, SHOW_LOG);
    if (choice === OPEN_SETTINGS) {
      await vscode.commands.executeCommand('workbench.action.openSettings', `${SETTINGS_SECTION}.${Settings.nodePath}`);
    } else if (choice === SHOW_LOG) {
      log.show();
    }
    return;
  }
  const text = error instanceof UserError ? message : `${doing} failed: ${message}`;
  const choice = await vscode.window.showErrorMessage(text, SHOW_LOG);
  if (choice === SHOW_LOG) log.show();
}

/** Throws RestrictedModeError unless the workspace is trusted. */
export function requireTrust(action: string): void {
  if (!vscode.workspace.isTrusted) throw new RestrictedModeError(action);
}
