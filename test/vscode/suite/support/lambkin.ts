// Shared by the Lambkin suites (*.test.ts beside this folder): activation through the extension's
// public API, waiting for asynchronous UI state, and reading the Functions tree.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { LambkinApi } from '../../../../src/api';
import type { FunctionsTreeNode } from '../../../../src/views/nodes';

export const EXTENSION_ID = 'lambkin.lambkin';
export const EXAMPLE_FUNCTIONS = ['HelloFunction', 'ThumbnailFunction', 'OrdersFunction', 'SlowFunction', 'CustomRuntimeFunction'];

export async function waitFor<T>(probe: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Activates Lambkin and waits for its first reading of the workspace's templates. */
export async function activateLambkin(): Promise<LambkinApi> {
  const extension = vscode.extensions.getExtension<LambkinApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed`);
  const api = await extension.activate();
  await waitFor(() => api.templates.functions().length > 0, 'the example template to be read');
  return api;
}

/** Runs the runtime on a free port, so the suite never collides with a Lambkin running elsewhere. */
export async function useFreeInvokePort(): Promise<void> {
  await vscode.workspace.getConfiguration('lambkin').update('invokePort', 0, vscode.ConfigurationTarget.Workspace);
  await vscode.workspace.getConfiguration('lambkin').update('apiPort', 0, vscode.ConfigurationTarget.Workspace);
  await vscode.workspace.getConfiguration('lambkin').update('awsPort', 0, vscode.ConfigurationTarget.Workspace);
}

export function label(item: vscode.TreeItem): string {
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

export function functionNodes(api: LambkinApi): FunctionsTreeNode[] {
  return api.functionsTree.getChildren().filter((node) => node.kind === 'function');
}

export function functionNode(api: LambkinApi, name: string): FunctionsTreeNode {
  const node = functionNodes(api).find((candidate) => candidate.kind === 'function' && candidate.fn.name === name);
  assert.ok(node, `${name} is not in the Functions view`);
  return node;
}

/**
 * Reveals a function's row in the Functions view. The view loads its rows asynchronously once visible, and
 * reveal fails ("node not found") until then: retried until it succeeds or `waitFor` times out.
 */
export async function revealFunction(api: LambkinApi, name: string, options: { select?: boolean; focus?: boolean; expand?: boolean }): Promise<void> {
  await waitFor(async () => {
    try {
      await api.functionsTree.view.reveal(functionNode(api, name), options);
      return true;
    } catch {
      return false;
    }
  }, `${name} to be revealed in the Functions view`);
}

/** The tree items under a function: its triggers, then its invocations (newest first). */
export function childItems(api: LambkinApi, name: string): { node: FunctionsTreeNode; item: vscode.TreeItem }[] {
  return api.functionsTree.getChildren(functionNode(api, name)).map((node) => ({ node, item: api.functionsTree.getTreeItem(node) }));
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Records the error notifications Lambkin shows until `restore()`. Notifications cannot be read back from
 * the extension host, but the tests and the extension share one `vscode` API object (the suite is bundled
 * inside the extension's folder), so what Lambkin passes to showErrorMessage is what the user reads.
 */
export function recordErrorMessages(): { messages: string[]; restore(): void } {
  const messages: string[] = [];
  const window = vscode.window as { showErrorMessage: unknown };
  const original = window.showErrorMessage;
  window.showErrorMessage = (message: string) => {
    messages.push(message);
    return Promise.resolve(undefined);
  };
  assert.notEqual(window.showErrorMessage, original, 'vscode.window.showErrorMessage can be recorded');
  return { messages, restore: () => { window.showErrorMessage = original; } };
}
