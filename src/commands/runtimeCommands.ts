// Start / Stop / Restart Runtime and Show Runtime Log.
import type { LambkinContext } from '../context';
import { requireTrust } from '../errors';
import { Commands } from '../ids';

/** What Start and Restart resolve with: enough to reach the runtime (or to check on its process). */
export interface RuntimeInfo {
  pid: number;
  invokeEndpoint: string;
}

export function register(context: LambkinContext): void {
  const { runtime, log } = context;
  context.registerCommand(Commands.startRuntime, 'Starting the runtime', async (): Promise<RuntimeInfo> => {
    requireTrust('start the runtime');
    const session = await runtime.ensureRunning();
    return { pid: session.process.pid, invokeEndpoint: session.invokeEndpoint };
  });
  context.registerCommand(Commands.stopRuntime, 'Stopping the runtime', () => runtime.stop());
  context.registerCommand(Commands.restartRuntime, 'Restarting the runtime', async (): Promise<RuntimeInfo> => {
    requireTrust('restart the runtime');
    const session = await runtime.restart();
    return { pid: session.process.pid, invokeEndpoint: session.invokeEndpoint };
  });
  context.registerCommand(Commands.showRuntimeLog, 'Showing the runtime log', () => log.show(false));
}
