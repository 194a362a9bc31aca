// esbuild for one runtime's TypeScript handlers: its binary fetched when a TypeScript function is first
// invoked, before its environment starts, so the download is neither INIT nor duration (as the handlers' SDK
// install). A failure (offline) is reported and stays the answer until the next invocation, which tries again.
import { resolveHandlerModule } from '../bootstrap/node/launch';
import type { FunctionConfig } from '../template/model';
import { ensureEsbuildBinary, loadEsbuild, type EsbuildProgress } from './provision';

type EsbuildApi = typeof import('esbuild');

export class EsbuildOnDemand {
  private pending: Promise<EsbuildApi> | undefined;
  private failed = false;

  constructor(private readonly progress: EsbuildProgress) {}

  /** What a build uses: the attempt under way or made, else a first one. */
  load(): Promise<EsbuildApi> {
    return this.pending ?? this.start();
  }

  /** Before an invocation of `fn`: fetches the binary when its handler is TypeScript and it is not there yet. */
  async prepare(fn: FunctionConfig): Promise<void> {
    if (this.pending && !this.failed) {
      await this.pending.catch(() => undefined);
      return;
    }
    let typescript = false;
    try {
      typescript = resolveHandlerModule(fn.codeRoot, fn.handler)?.typescript ?? false;
    } catch {
      // A malformed handler string: the launch reports it as Lambda does.
    }
    // The failure was reported as progress; the launch reports it again as the invocation's error.
    if (typescript) await this.start().catch(() => undefined);
  }

  private start(): Promise<EsbuildApi> {
    this.failed = false;
    const attempt = ensureEsbuildBinary({ progress: this.progress }).then(loadEsbuild);
    this.pending = attempt;
    attempt.catch(() => {
      if (this.pending === attempt) this.failed = true;
    });
    return attempt;
  }
}
