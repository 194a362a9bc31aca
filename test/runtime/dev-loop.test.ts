// The dev loop as a user lives it with `lambkin start` (a real process on a scratch copy of a project):
// saved code and template changes take effect at once, invocations already running finish on the old code,
// a burst of saves is one reload, `.lambkin/` is ignored, a broken save keeps the last good functions, and a
// template whose errors leave no function fails the start with its problems.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ReadyLine } from '../../runtime/protocol/control';

const BIN = path.resolve(__dirname, '../../bin/lambkin.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/devloop-app');

/** Rewrites a file in place (as an editor's save does), replacing one text with another. */
function save(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const next = text.replace(from, to);
  assert.notEqual(next, text, `nothing to replace in ${file}`);
  writeFileSync(file, next);
}

describe('the dev loop of lambkin start', function () {
  this.timeout(120_000);
  let scratch: string;
  let child: ChildProcess;
  let ready: ReadyLine;
  /** Lines the runtime printed about changes, in order; `nextChange` consumes them. */
  const notes: string[] = [];
  let wake: (() => void) | undefined;

  async function nextChange(match: RegExp, limitMs = 60_000): Promise<string> {
    const started = Date.now();
    for (;;) {
      const line = notes.shift();
      if (line !== undefined) {
        assert.match(line, match, `the next change the runtime reported`);
        return line;
      }
      if (Date.now() - started > limitMs) throw new Error(`no change reported within ${limitMs} ms (wanted ${match})`);
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 500);
      });
    }
  }

  const invoke = async (name: string, event: unknown = {}) => {
    const response = await fetch(`${ready.invokeEndpoint}/2015-03-31/functions/${name}/invocations`, { method: 'POST', body: JSON.stringify(event) });
    return { error: response.headers.get('x-amz-function-error'), body: JSON.parse(await response.text()) as Record<string, unknown> };
  };

  before(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'lambkin-devloop-'));
    cpSync(FIXTURE, scratch, { recursive: true });
    child = spawn(process.execPath, [BIN, 'start', '--template', path.join(scratch, 'template.yaml'), '--port', '0', '--api-port', '0', '--aws-port', '0', '--ephemeral', '--no-sdk', '--ready-json', '--quiet'], { cwd: scratch, stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: child.stderr! }).on('line', (line) => {
      if (/changed|has errors|: (error|warning): /.test(line)) {
        notes.push(line);
        wake?.();
      }
    });
    ready = await new Promise<ReadyLine>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('{') && resolve(JSON.parse(line) as ReadyLine));
      child.once('exit', (code) => reject(new Error(`lambkin start exited ${code}`)));
    });
  });
  after(() => {
    child.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('runs saved JavaScript at once; the invocation already running finishes on the old code', async () => {
    const first = await invoke('Counter');
    assert.equal(first.body.version, 1);
    const marker = path.join(scratch, 'running.txt');
    const running = invoke('Counter', { sleepMs: 1500, markFile: marker });
    // Save while it runs: the handler writes the marker once it has started.
    while (!existsSync(marker)) await new Promise((resolve) => setTimeout(resolve, 10));
    save(path.join(scratch, 'src/counter.js'), 'const CODE_VERSION = 1;', 'const CODE_VERSION = 2;');
    await nextChange(/counter\.js changed: .*Counter.* start on the new code/);
    const next = await invoke('Counter');
    assert.equal(next.body.version, 2, 'the next invocation runs the saved code');
    assert.notEqual(next.body.pid, first.body.pid);
    assert.equal((await running).body.version, 1, 'the running invocation finished on the old code');
  });

  it('recompiles a saved TypeScript handler', async () => {
    assert.equal((await invoke('Typed')).body.version, 1);
    save(path.join(scratch, 'typed/app.ts'), 'CODE_VERSION: number = 1', 'CODE_VERSION: number = 2');
    await nextChange(/app\.ts changed: Typed start on the new code/);
    assert.equal((await invoke('Typed')).body.version, 2);
  });

  it('rereads a saved template: the next invocation has the new configuration', async () => {
    assert.equal((await invoke('Counter')).body.setting, 'first');
    save(path.join(scratch, 'template.yaml'), 'SETTING: first', 'SETTING: second');
    await nextChange(/template\.yaml changed: 4 function\(s\)/);
    assert.equal((await invoke('Counter')).body.setting, 'second');
  });

  it('makes one reload of a burst of saves, and ignores .lambkin/', async () => {
    // Lambkin's own files change all the time (statistics, data), notes beside the template are no code: with a save, only the save counts.
    mkdirSync(path.join(scratch, 'src/.lambkin'), { recursive: true });
    writeFileSync(path.join(scratch, 'src/.lambkin/state.json'), '{}');
    writeFileSync(path.join(scratch, 'notes.txt'), 'beside the template, but no function\'s code');
    save(path.join(scratch, 'src/counter.js'), 'const CODE_VERSION = 2;', 'const CODE_VERSION = 3;');
    await nextChange(/lambkin: src\/counter\.js changed: Counter, Faulty start/);
    for (let i = 0; i < 20; i++) writeFileSync(path.join(scratch, `src/module-${i}.js`), `exports.n = ${i};\n`);
    mkdirSync(path.join(scratch, 'src/node_modules/left-pad'), { recursive: true });
    writeFileSync(path.join(scratch, 'src/node_modules/left-pad/index.js'), 'module.exports = () => 1;\n');
    // One line for the burst (the next reported change is the one below, not a second part of the burst).
    await nextChange(/2\d files changed: Counter, Faulty start on the new code/);
    save(path.join(scratch, 'src/counter.js'), 'const CODE_VERSION = 3;', 'const CODE_VERSION = 4;');
    await nextChange(/lambkin: src\/counter\.js changed/);
    assert.equal((await invoke('Counter')).body.version, 4);
  });

  it('keeps the last good functions serving through a broken save, and reloads once fixed', async () => {
    const template = path.join(scratch, 'template.yaml');
    const good = readFileSync(template, 'utf8');
    writeFileSync(template, good.replace('Resources:', 'Resources: [oops'));
    await nextChange(/template\.yaml changed: 4 function\(s\)/);
    await nextChange(/template\.yaml:\d+:\d+: error: /);
    while (!/last good version keeps serving/.test(await nextChange(/./)));
    assert.equal((await invoke('Counter')).error, null, 'the functions still serve');
    writeFileSync(template, good.replace('SETTING: second', 'SETTING: third'));
    await nextChange(/template\.yaml changed: 4 function\(s\)/);
    assert.equal((await invoke('Counter')).body.setting, 'third');
  });
});

describe('lambkin start with a template that serves nothing', () => {
  it('exits 1 with the problems at file:line:column, as sam local does', () => {
    const scratch = mkdtempSync(path.join(tmpdir(), 'lambkin-devloop-broken-'));
    try {
      writeFileSync(path.join(scratch, 'template.yaml'), 'Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: [\n');
      const run = spawnSync(process.execPath, [BIN, 'start', '--template', path.join(scratch, 'template.yaml'), '--port', '0', '--api-port', '0', '--aws-port', '0', '--ephemeral', '--no-sdk'], { cwd: scratch, encoding: 'utf8', timeout: 60_000 });
      assert.equal(run.status, 1, run.stdout + run.stderr);
      assert.match(run.stderr, /^template\.yaml:\d+:\d+: error: /m);
      assert.match(run.stderr, /no function to serve/);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
