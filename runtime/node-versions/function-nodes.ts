// Which Node executable each nodejsNN.x Runtime runs on, and what that Node can do (its version, its
// permission model). Owned by one runtime: every binary is probed once, every major chosen once, and each
// choice that differs from what the Runtime names is reported once.
import { execFile } from 'node:child_process';
import { ensureNode, type NodeProgress } from './provision';

export interface NodeBinary {
  path: string;
  /** `22.3.0`. */
  version: string;
  major: number;
  /** The flag that turns the permission model on (`--permission` from Node 22.13/23.5, experimental before), if any. */
  permissionFlag?: '--permission' | '--experimental-permission';
  /** Which of the permission model's `--allow-*` flags and `--disable-warning` this Node knows. */
  knownFlags: ReadonlySet<string>;
}

export interface FunctionNodeSettings {
  /** The Node used when a Runtime's own major cannot be had, and for every Runtime when `provision` is off. */
  configured: string;
  /** Install each Runtime's Node major from the npm registry into the user cache. */
  provision: boolean;
  /** An executable per major (`{ "22": "/opt/node22/bin/node" }`), winning over everything else. */
  perMajor?: Readonly<Record<string, string>>;
}

export type NodeReport = (level: 'info' | 'warn', message: string) => void;

const PROBED_FLAGS = ['--permission', '--experimental-permission', '--allow-addons', '--allow-wasi', '--allow-worker', '--allow-child-process', '--disable-warning'];

export class FunctionNodes {
  private readonly probes = new Map<string, Promise<NodeBinary>>();
  private readonly choices = new Map<number, Promise<NodeBinary>>();

  constructor(
    private readonly settings: FunctionNodeSettings,
    private readonly report: NodeReport,
    private readonly progress: (state: Parameters<NodeProgress>[0], message: string, major: number) => void = () => undefined,
  ) {}

  /** The Node a function of this Runtime (`nodejs22.x`) runs on. Rejects when the chosen executable does not run. */
  forRuntime(runtime: string): Promise<NodeBinary> {
    const wanted = runtimeMajor(runtime);
    if (wanted === undefined) return this.probe(this.settings.configured, 'the configured Node');
    let choice = this.choices.get(wanted);
    if (!choice) {
      choice = this.choose(runtime, wanted);
      this.choices.set(wanted, choice);
      // A failure (an executable that does not run) is not remembered: the user may fix the setting.
      choice.catch(() => this.choices.delete(wanted));
    }
    return choice;
  }

  private async choose(runtime: string, wanted: number): Promise<NodeBinary> {
    const own = this.settings.perMajor?.[String(wanted)];
    if (own) {
      const binary = await this.probe(own, `the Node configured for nodejs${wanted}.x`);
      if (binary.major !== wanted) this.report('warn', `${runtime} functions run on Node ${binary.version} (${own}), the Node configured for that Runtime, which is not Node ${wanted}.`);
      return binary;
    }
    let reason = 'installing Runtimes\' own Node is off (a Node was given with --node / lambkin.nodePath).';
    if (this.settings.provision) {
      let failure = '';
      const installed = await ensureNode(wanted, (state, message) => {
        if (state === 'failed') failure = message;
        this.progress(state, message, wanted);
      });
      if (installed) return this.probe(installed, `Node ${wanted} from the npm registry`);
      reason = failure;
    }
    const fallback = await this.probe(this.settings.configured, 'the configured Node');
    if (fallback.major !== wanted) {
      this.report('warn', `${runtime} functions run on Node ${fallback.version} (${this.settings.configured}), not Node ${wanted}: ${reason} Set a Node ${wanted} for them with lambkin.nodeRuntimes / --node-runtime ${wanted}=PATH.`);
    }
    return fallback;
  }

  private probe(executable: string, what: string): Promise<NodeBinary> {
    let probe = this.probes.get(executable);
    if (!probe) {
      probe = probeNode(executable, what);
      this.probes.set(executable, probe);
      probe.catch(() => this.probes.delete(executable));
    }
    return probe;
  }
}

/** `nodejs22.x` → 22. */
export function runtimeMajor(runtime: string): number | undefined {
  const match = /^nodejs(\d+)\.x$/.exec(runtime);
  return match ? Number(match[1]) : undefined;
}

/** Runs the executable once to learn its version and which permission-model flags it knows. */
export function probeNode(executable: string, what: string): Promise<NodeBinary> {
  const script = `const f=process.allowedNodeEnvironmentFlags;process.stdout.write(JSON.stringify({v:process.versions.node,f:${JSON.stringify(PROBED_FLAGS)}.filter((x)=>f.has(x))}))`;
  return new Promise((resolve, reject) => {
    execFile(executable, ['-e', script], { timeout: 15_000, windowsHide: true, env: {} }, (error, stdout) => {
      if (error) return reject(new Error(`${what} (${executable}) does not run: ${error.message.split('\n')[0]}`));
      try {
        const answer = JSON.parse(stdout) as { v: string; f: string[] };
        const knownFlags = new Set(answer.f);
        const permissionFlag = knownFlags.has('--permission') ? '--permission' : knownFlags.has('--experimental-permission') ? '--experimental-permission' : undefined;
        resolve({ path: executable, version: answer.v, major: Number(answer.v.split('.')[0]), permissionFlag, knownFlags });
      } catch {
        reject(new Error(`${what} (${executable}) does not look like Node.js: it printed "${stdout.slice(0, 80)}".`));
      }
    });
  });
}
