// The runtime as a child process: spawned with a fresh control token, ready once it prints its
// ReadyLine, everything else it prints is log. No vscode here (unit-tested with a fake runtime script).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { CONTROL_TOKEN_ENV, type ReadyLine } from '../../runtime/protocol/control';
import { Emitter } from '../util/emitter';

export interface RuntimeLaunch {
  nodePath: string;
  /** Absolute path of dist/runtime/cli.js. */
  cliPath: string;
  /** Absolute template paths; at least one. */
  templates: string[];
  invokePort: number;
  apiPort: number;
  awsPort: number;
  awsCredentials: 'local' | 'passthrough';
  region: string;
  idleTimeoutSeconds: number;
  accountConcurrency: number;
  /** A Node for every function (`lambkin.nodePath` set by the user); undefined: each Runtime's own major. */
  functionsNode?: string;
  /** `lambkin.nodeRuntimes`: a Node per major. */
  nodeRuntimes?: Record<string, string>;
  isolation?: 'lambda' | 'off';
  cwd: string;
  /** Apply saved code and template changes at once (the runtime watches); false passes --no-watch. */
  watch?: boolean;
}

export type LogStream = 'stdout' | 'stderr';

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class RuntimeStartError extends Error {
  constructor(
    message: string,
    readonly output: string[],
  ) {
    super(message);
    this.name = 'RuntimeStartError';
  }
}

export function runtimeArguments(launch: RuntimeLaunch): string[] {
  return [
    launch.cliPath,
    'start',
    '--ready-json',
    '--control-port', '0',
    '--port', String(launch.invokePort),
    '--api-port', String(launch.apiPort),
    '--aws-port', String(launch.awsPort),
    '--aws-credentials', launch.awsCredentials,
    ...launch.templates.flatMap((template) => ['--template', template]),
    '--region', launch.region,
    '--idle-timeout', String(launch.idleTimeoutSeconds),
    '--account-concurrency', String(launch.accountConcurrency),
    ...(launch.functionsNode ? ['--node', launch.functionsNode] : []),
    ...Object.entries(launch.nodeRuntimes ?? {}).flatMap(([major, node]) => ['--node-runtime', `${major}=${node}`]),
    ...(launch.isolation && launch.isolation !== 'lambda' ? ['--isolation', launch.isolation] : []),
    ...(launch.watch === false ? ['--no-watch'] : []),
    // Function output reaches the extension as `log` events; printed too, it would repeat in the runtime log.
    '--quiet',
    // If the extension host dies without stopping it, the closed pipe ends the runtime: no orphans.
    '--exit-with-stdin',
  ];
}

/** Parses one stdout line as the ReadyLine, or undefined when it is an ordinary log line. */
export function parseReadyLine(line: string): ReadyLine | undefined {
  const text = line.trim();
  if (!text.startsWith('{')) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ReadyLine>;
    if (value.type === 'lambkin.ready' && typeof value.controlEndpoint === 'string') return value as ReadyLine;
  } catch {
    // A log line that happens to start with a brace.
  }
  return undefined;
}

const OUTPUT_KEPT_FOR_ERRORS = 20;

/** What to tell the user about a failed start, from the runtime's last output; undefined when it said nothing useful. */
export function describeStartFailure(error: RuntimeStartError, invokePort: number): string | undefined {
  if (error.output.some((line) => /already in use.*--api-port/.test(line))) {
    const port = /Port (\d+)/.exec(error.output.find((line) => /--api-port/.test(line)) ?? '')?.[1] ?? '3000';
    return `Port ${port} is already in use (another Lambkin window, sam local start-api, or a dev server?). Set "lambkin.apiPort" to a free port, or to 0 for any free port.`;
  }
  if (error.output.some((line) => /already in use.*--aws-port/.test(line))) {
    const port = /Port (\d+)/.exec(error.output.find((line) => /--aws-port/.test(line)) ?? '')?.[1] ?? '4566';
    return `Port ${port} is already in use (another Lambkin window, or LocalStack?). Set "lambkin.awsPort" to a free port, or to 0 for any free port.`;
  }
  const dataInUse = error.output.find((line) => /is in use by another Lambkin runtime/.test(line));
  if (dataInUse) return `${dataInUse.replace(/^lambkin: (Error: )?/, '').replace(/pass --data-dir DIR or --ephemeral/, 'stop the other window\'s runtime')}`;
  if (error.output.some((line) => /already in use|EADDRINUSE/.test(line))) {
    return `Port ${invokePort} is already in use (another Lambkin window, or sam local?). Set "lambkin.invokePort" to a free port, or to 0 for any free port.`;
  }
  const reason = error.output.find((line) => /^lambkin: /.test(line) || /\berror\b/i.test(line));
  return reason ? `${error.message} ${reason.replace(/^lambkin: (Error: )?/, '')}` : undefined;
}

export class RuntimeProcess {
  private readonly exitEmitter = new Emitter<ExitInfo>();
  private exitInfo: ExitInfo | undefined;
  private readonly exited: Promise<ExitInfo>;

  /** Fires once when the process has exited. */
  readonly onExit = this.exitEmitter.event;

  private constructor(
    private readonly child: ChildProcess,
    readonly token: string,
    readonly ready: ReadyLine,
    exited: Promise<ExitInfo>,
  ) {
    this.exited = exited.then((info) => {
      this.exitInfo = info;
      this.exitEmitter.fire(info);
      this.exitEmitter.dispose();
      return info;
    });
  }

  /**
   * Spawns the runtime and resolves once it is ready. `onLog` receives every other output line, before and
   * after readiness. Rejects (and kills the process) when it exits or stays silent past `readyTimeoutMs`.
   */
  static start(
    launch: RuntimeLaunch,
    onLog: (line: string, stream: LogStream) => void,
    readyTimeoutMs = 30_000,
  ): Promise<RuntimeProcess> {
    const token = randomBytes(32).toString('hex');
    const child = spawn(launch.nodePath, runtimeArguments(launch), {
      cwd: launch.cwd,
      env: { ...process.env, [CONTROL_TOKEN_ENV]: token },
      // Its own process group, so stopping it also stops the function environments it started.
      detached: process.platform !== 'win32',
      windowsHide: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const recent: string[] = [];
    const exited = new Promise<ExitInfo>((resolve) => {
      child.once('exit', (code, signal) => resolve({ code, signal }));
      child.once('error', () => resolve({ code: null, signal: null }));
    });

    return new Promise((resolve, reject) => {
      let settled = false;
      const remember = (line: string) => {
        recent.push(line);
        if (recent.length > OUTPUT_KEPT_FOR_ERRORS) recent.shift();
      };
      const fail = (message: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        killGroup(child, 'SIGKILL');
        reject(new RuntimeStartError(message, [...recent]));
      };
      const timer = setTimeout(
        () => fail(`The Lambkin runtime did not report ready within ${Math.round(readyTimeoutMs / 1000)} s.`),
        readyTimeoutMs,
      );

      createInterface({ input: child.stderr! }).on('line', (line) => {
        remember(line);
        onLog(line, 'stderr');
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const ready = settled ? undefined : parseReadyLine(line);
        if (!ready) {
          remember(line);
          onLog(line, 'stdout');
          return;
        }
        settled = true;
        clearTimeout(timer);
        resolve(new RuntimeProcess(child, token, ready, exited));
      });
      child.once('error', (error) => fail(`Could not start the Lambkin runtime with "${launch.nodePath}": ${error.message}`));
      void exited.then(({ code, signal }) =>
        fail(`The Lambkin runtime exited before it was ready (${signal ? `signal ${signal}` : `exit code ${code}`}).`),
      );
    });
  }

  get pid(): number {
    return this.child.pid ?? this.ready.pid;
  }

  get alive(): boolean {
    return this.exitInfo === undefined;
  }

  /** Resolves true if the process exits within `timeoutMs`. */
  waitForExit(timeoutMs: number): Promise<boolean> {
    if (!this.alive) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      void this.exited.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  /** After the runtime exited: stops any process it started that outlived it (same process group). */
  killRemnants(): void {
    if (process.platform === 'win32' || this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // ESRCH: the group is empty, as it should be.
    }
  }

  /** Signals the runtime and every process it started. */
  kill(signal: NodeJS.Signals = 'SIGKILL'): void {
    if (this.alive) killGroup(this.child, signal);
  }
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    // Already gone (ESRCH): nothing left to stop.
    child.kill(signal);
  }
}
