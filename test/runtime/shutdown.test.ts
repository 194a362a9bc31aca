// Stopping `lambkin start` after a session of faults, as a user does: SIGTERM or Ctrl-C must leave no
// environment behind and end the process within 2 s, whatever is in flight.
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ReadyLine } from '../../runtime/protocol/control';

const BIN = path.resolve(__dirname, '../../bin/lambkin.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/devloop-app');

interface Served {
  child: ChildProcess;
  ready: ReadyLine;
  exited: Promise<number | null>;
}

const stderr: string[] = [];

async function serve(template: string): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'start', '--template', template, '--port', '0', '--api-port', '0', '--aws-port', '0', '--control-port', '0', '--ephemeral', '--no-sdk', '--ready-json', '--quiet'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal ? -1 : null))));
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const ready = await new Promise<ReadyLine>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('{') && resolve(JSON.parse(line) as ReadyLine));
    void exited.then((code) => reject(new Error(`lambkin start exited ${code}`)));
  });
  return { child, ready, exited };
}

const invoke = (served: Served, name: string, event: unknown) =>
  fetch(`${served.ready.invokeEndpoint}/2015-03-31/functions/${name}/invocations`, { method: 'POST', body: JSON.stringify(event) }).then((response) => response.text());

/** Every process below `pid` (the environments and anything they started). */
function descendants(pid: number): number[] {
  const out = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of out.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const visit = (at: number) => (children.get(at) ?? []).forEach((child) => (found.push(child), visit(child)));
  visit(pid);
  return found;
}

/** Running or stopped, but not a zombie (a dead process its new parent has not reaped yet). */
const alive = (pid: number) => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

/** Opens a WebSocket upgrade on a port and leaves the socket open (nobody answers the handshake, or it is refused). */
function upgradeAttempt(port: number): net.Socket {
  const socket = net.connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  socket.write(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
  return socket;
}

async function waitFor(condition: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > limitMs) throw new Error(`waited ${limitMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const portOf = (url: string | undefined) => Number(new URL(url!).port);

describe('stopping lambkin start', function () {
  this.timeout(180_000);
  const scratch = mkdtempSync(path.join(tmpdir(), 'lambkin-shutdown-'));
  cpSync(FIXTURE, scratch, { recursive: true });
  const template = path.join(scratch, 'template.yaml');
  let served: Served | undefined;
  afterEach(() => {
    if (served && served.child.exitCode === null) process.kill(served.child.pid!, 'SIGKILL');
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('SIGTERM after a session of faults: every environment gone and the process exited within 2 s', async () => {
    served = await serve(template);
    const s = served;
    await invoke(s, 'Faulty', { fault: 'spin' });
    await invoke(s, 'Faulty', { fault: 'hog' });
    await invoke(s, 'Faulty', { fault: 'flood' });
    await invoke(s, 'Faulty', { fault: 'throw-after' });
    const mixed = ['exit', 'throw', 'exit-after', 'throw-after', 'stray-rejection', undefined, undefined, undefined];
    await Promise.all(Array.from({ length: 6 }, async (_, worker) => {
      for (let i = 0; i < 6; i++) await invoke(s, 'Faulty', { fault: mixed[(worker + i) % mixed.length] });
    }));
    const sockets = [s.ready.invokeEndpoint, s.ready.gatewayEndpoint, s.ready.awsEndpoint, s.ready.controlEndpoint].map((url) => upgradeAttempt(portOf(url)));
    // In flight when the signal comes: spins (answered with an error) and a warm pool beside them.
    const inFlight = Array.from({ length: 4 }, () => invoke(s, 'Faulty', { fault: 'spin' }).catch(() => 'connection closed'));
    await Promise.all(Array.from({ length: 4 }, () => invoke(s, 'Counter', {})));
    // The spins' environments are starting: wait until they run (4 spins + the Counter environment(s)).
    await waitFor(() => descendants(s.child.pid!).length >= 5, 'the spins\' environments running');
    const environments = descendants(s.child.pid!);

    const signalled = Date.now();
    s.child.kill('SIGTERM');
    const code = await Promise.race([s.exited, new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 10_000))]);
    const tookMs = Date.now() - signalled;
    sockets.forEach((socket) => socket.destroy());
    await Promise.all(inFlight);
    assert.deepEqual({ code, withinTwoSeconds: tookMs <= 2000, left: environments.filter(alive) }, { code: 0, withinTwoSeconds: true, left: [] }, `exited after ${tookMs} ms; stderr: ${stderr.join('').slice(-2000)}`);
  });

});
