// Test harness: builds the Node bootstrap once, then runs real bootstrap processes against a real
// RuntimeApiServer with the environment Lambkin gives an execution environment.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import * as esbuild from 'esbuild';
import { RUNTIME_PIPE_ENV, RUNTIME_PIPE_FD } from '../../../runtime/runtime-api/pipe-frames';
import { RuntimeApiServer } from '../../../runtime/runtime-api/server';
import type { InitErrorReport, RuntimeInvocation, RuntimeOutcome, StreamObserver } from '../../../runtime/runtime-api/types';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/handlers');

/** Bundles runtime/bootstrap/node/main.ts like scripts/build.mjs does, into a temp dir. */
export async function buildBootstrap(): Promise<{ file: string; dispose(): void }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lambkin-bootstrap-'));
  const file = path.join(dir, 'bootstrap-node.js');
  await esbuild.build({
    absWorkingDir: REPO_ROOT,
    entryPoints: ['runtime/bootstrap/node/main.ts'],
    outfile: file,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'silent',
  });
  return { file, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The mocha hooks every bootstrap suite needs: the bootstrap built once for the suite, and every environment
 * the suite starts disposed after each test. Call it inside `describe`.
 */
export function useBootstrap(): { start(options: Omit<EnvironmentOptions, 'bootstrap'>): Promise<TestEnvironment> } {
  let bootstrap: { file: string; dispose(): void } | undefined;
  const environments: TestEnvironment[] = [];
  before(async () => {
    bootstrap = await buildBootstrap();
  });
  after(() => bootstrap?.dispose());
  afterEach(async () => {
    await Promise.all(environments.splice(0).map((env) => env.dispose()));
  });
  return {
    async start(options) {
      const env = await TestEnvironment.start({ ...options, bootstrap: bootstrap!.file });
      environments.push(env);
      return env;
    },
  };
}

export interface EnvironmentOptions {
  bootstrap: string;
  codeRoot: string;
  handler: string;
  runtime?: string;
  memorySize?: number;
  env?: Record<string, string>;
  args?: string[];
  /**
   * How the bootstrap reaches its Runtime API: `pipe` (fd 3, what Lambkin's environments use) or `http` only
   * (what it does when started without the pipe). Default: LAMBKIN_TEST_BOOTSTRAP_ROAD, else `pipe`.
   */
  road?: 'pipe' | 'http';
}

/** The road the bootstrap suites run on unless a test names one (`LAMBKIN_TEST_BOOTSTRAP_ROAD=http` runs them all over HTTP). */
export const DEFAULT_ROAD: 'pipe' | 'http' = process.env.LAMBKIN_TEST_BOOTSTRAP_ROAD === 'http' ? 'http' : 'pipe';

/** One running execution environment: a bootstrap process plus its Runtime API server. */
export class TestEnvironment {
  readonly lines: string[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  readonly initError: Promise<InitErrorReport>;
  readonly ready: Promise<void>;
  private pendingLine = '';

  private constructor(readonly server: RuntimeApiServer, readonly child: ChildProcess) {
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.initError = new Promise((resolve) => server.onInitError(resolve));
    this.ready = new Promise((resolve) => server.onNextRequested(() => resolve()));
    child.stdout?.on('data', (chunk: Buffer) => {
      const parts = (this.pendingLine + chunk.toString('utf8')).split('\n');
      this.pendingLine = parts.pop() ?? '';
      this.lines.push(...parts);
    });
    child.stderr?.on('data', (chunk: Buffer) => { this.stderr += chunk.toString('utf8'); });
  }

  static async start(options: EnvironmentOptions): Promise<TestEnvironment> {
    const server = await RuntimeApiServer.start();
    const runtime = options.runtime ?? 'nodejs22.x';
    const memory = String(options.memorySize ?? 256);
    const pipe = (options.road ?? DEFAULT_ROAD) === 'pipe';
    const child = spawn(process.execPath, [...(options.args ?? ['--enable-source-maps']), options.bootstrap], {
      cwd: options.codeRoot,
      stdio: pipe ? ['ignore', 'pipe', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe'],
      env: {
        ...(pipe ? { [RUNTIME_PIPE_ENV]: String(RUNTIME_PIPE_FD) } : {}),
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        _HANDLER: options.handler,
        AWS_LAMBDA_RUNTIME_API: server.address,
        LAMBDA_TASK_ROOT: options.codeRoot,
        AWS_EXECUTION_ENV: `AWS_Lambda_${runtime}`,
        AWS_LAMBDA_FUNCTION_NAME: 'fixture-fn',
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: memory,
        AWS_LAMBDA_LOG_GROUP_NAME: '/aws/lambda/fixture-fn',
        AWS_LAMBDA_LOG_STREAM_NAME: '2026/11/26/[$LATEST]0123456789abcdef0123456789abcdef',
        AWS_REGION: 'us-east-1',
        TZ: ':UTC',
        ...options.env,
      },
    });
    if (pipe) server.attachPipe(child.stdio[3] as Duplex);
    return new TestEnvironment(server, child);
  }

  invoke(payload: unknown, extra: Partial<RuntimeInvocation> = {}, observer?: StreamObserver): Promise<RuntimeOutcome> {
    return this.server.invoke({
      requestId: randomUUID(),
      payload: Buffer.from(JSON.stringify(payload)),
      deadlineMs: Date.now() + 10_000,
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:fixture-fn',
      traceId: 'Root=1-67891233-abcdef012345678912345678;Parent=0123456789abcdef;Sampled=0',
      ...extra,
    }, observer);
  }

  async dispose(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    await this.server.close();
  }
}

export function parseBody(outcome: RuntimeOutcome): unknown {
  if (outcome.kind === 'too-large') throw new Error('unexpected too-large outcome');
  return JSON.parse(outcome.payload.toString('utf8'));
}

/** Resolves with `promise`, or rejects after `ms` so a hung bootstrap fails the test instead of stalling it. */
export async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
