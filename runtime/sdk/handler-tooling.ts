// What a Node handler needs before its environment starts and that Lambkin installs on first use: the pinned
// AWS SDK (from the moment the runtime starts, when asked for) and esbuild for TypeScript handlers. An
// invocation waits for them before its environment starts, so the wait is neither INIT nor duration; a failed
// install is reported once and functions go on without it.
import { EsbuildOnDemand } from '../esbuild/on-demand';
import type { FunctionConfig } from '../template/model';
import { ensureHandlerSdk, type SdkProgress } from './provision';

export class HandlerTooling {
  readonly esbuild: EsbuildOnDemand;
  private sdkInstall: Promise<string | undefined> | undefined;

  /** `progress(id)` reports a first-use install's progress under `handler-sdk` or `esbuild`. */
  constructor(private readonly sdkMode: 'install' | 'off', private readonly progress: (id: string) => SdkProgress) {
    this.esbuild = new EsbuildOnDemand(progress('esbuild'));
  }

  /** The pinned SDK's node_modules (installed once per machine), or undefined when handlers bring their own. */
  readonly sdk = (): Promise<string | undefined> => {
    if (this.sdkMode !== 'install') return Promise.resolve(undefined);
    this.sdkInstall ??= ensureHandlerSdk(this.progress('handler-sdk'));
    return this.sdkInstall;
  };

  /** Everything the function's next environment needs is in place. */
  async prepare(fn: FunctionConfig): Promise<void> {
    if (!fn.runtime.startsWith('nodejs')) return;
    await this.sdk();
    await this.esbuild.prepare(fn);
  }
}
