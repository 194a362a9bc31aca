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
  /**
   * Whether each function's handler is TypeScript, looked up once: until esbuild is loaded every invocation asks,
   * and a JavaScript-only project never loads it. (A handler turned into TypeScript without a template change
   * then fetches inside its launch, counted in INIT, once.)
   */
  private readonly typescript = new WeakMap<FunctionConfig, boolean>();

  constructor(
    progress: EsbuildProgress,
    /** How esbuild is had (tests replace it): by default the binary provisioned, then the API pointed at it. */
    private readonly obtain: () => Promise<EsbuildApi> = () => ensureEsbuildBinary({ progress }).then(loadEsbuild),
  ) {}

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
    // The failure was reported as progress; the launch reports it again as the invocation's error.
    if (this.isTypeScript(fn)) await this.start().catch(() => undefined);
  }

  private isTypeScript(fn: FunctionConfig): boolean {
    let typescript = this.typescript.get(fn);
    if (typescript === undefined) {
      try {
        typescript = resolveHandlerModule(fn.codeRoot, fn.handler)?.typescript ?? false;
      } catch {
        // A malformed handler string: the launch reports it as Lambda does.
        typescript = false;
      }
      this.typescript.set(fn, typescript);
    }
    return typescript;
  }

  private start(): Promise<EsbuildApi> {
    this.failed = false;
    const attempt = this.obtain();
    this.pending = attempt;
    attempt.catch(() => {
      if (this.pending === attempt) this.failed = true;
    });
    return attempt;
  }
}
