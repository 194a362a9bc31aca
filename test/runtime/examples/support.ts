// Runs an example app the way its README says: a fresh copy (as "Open Example…" and `lambkin examples copy`
// make it), its own npm dependencies installed from the registry when it has any, and `lambkin start` as a
// separate process on free ports. The tests then drive it from outside with real clients.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { copyExample, findExample } from '../../../runtime/examples/catalog';
import type { ReadyLine } from '../../../runtime/protocol/control';

const ROOT = path.resolve(__dirname, '../../..');
const CLI = path.join(ROOT, 'bin', 'lambkin.js');

export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

export interface RunningExample {
  folder: string;
  ready: ReadyLine;
  /** The AWS endpoint, for SDK clients. */
  aws: string;
  /** The HTTP/WebSocket gateway, e.g. http://127.0.0.1:PORT. */
  gateway: string;
  /** Everything `lambkin start` printed (its invocation logs), so far. */
  output(): string;
  /** Waits until the output matches `pattern` (function logs arrive after the invocation that wrote them). */
  waitForOutput(pattern: RegExp, what: string, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Runs another `lambkin` command in the example's folder; resolves with its exit code and output. */
  cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

function run(command: string, args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A copy of examples/<name> in a temporary folder, with its npm dependencies installed when it needs them. */
export async function copyOfExample(name: string): Promise<{ folder: string; remove(): void }> {
  const example = findExample(name);
  if (!example) throw new Error(`no example ${name}`);
  const parent = mkdtempSync(path.join(os.tmpdir(), 'lambkin-example-'));
  const folder = await copyExample(path.join(ROOT, 'examples'), name, parent);
  if (example.needsInstall) {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const installed = await run(npm, ['ci', '--omit=dev', '--no-audit', '--no-fund'], path.join(folder, 'src'));
    if (installed.code !== 0) throw new Error(`npm ci in ${name}/src failed:\n${installed.stderr}`);
  }
  return { folder, remove: () => rmSync(parent, { recursive: true, force: true }) };
}

export async function startExample(folder: string): Promise<RunningExample> {
  const child: ChildProcess = spawn(process.execPath, [CLI, 'start', '--port', '0', '--api-port', '0', '--aws-port', '0', '--ready-json', '--exit-with-stdin'], {
    cwd: folder,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let logs = '';
  const listeners = new Set<() => void>();
  child.stderr!.on('data', (chunk: Buffer) => {
    logs += chunk.toString();
    for (const listener of listeners) listener();
  });
  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.includes('"lambkin.ready"'));
      if (line) {
        child.stdout!.off('data', onData);
        resolve(JSON.parse(line) as ReadyLine);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`lambkin start exited (${code}) before it was ready:\n${logs}`)));
  });
  if (!ready.awsEndpoint) throw new Error('lambkin start serves no AWS endpoint');
  // An example must load cleanly: a template problem would leave routes or triggers out without failing them.
  const problem = /^\S+:\d+:\d+: error: .*$/m.exec(logs);
  if (problem) {
    child.stdin!.end();
    throw new Error(`lambkin reported a problem in the example's template: ${problem[0]}`);
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    folder,
    ready,
    aws: ready.awsEndpoint,
    gateway: ready.gatewayEndpoint,
    output: () => logs,
    waitForOutput: (pattern, what, timeoutMs = 30_000) => new Promise((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(logs);
        if (!match) return;
        cleanup();
        resolve(match);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; lambkin printed:\n${logs.slice(-4000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      listeners.add(check);
      check();
    }),
    cli: (args) => run(process.execPath, [CLI, ...args], folder),
    stop: async () => {
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `probe` until it gives a value (not undefined/false), for state that other processes change. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
