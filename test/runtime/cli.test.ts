// The `lambkin` command line as a user runs it: real processes, real exit codes, and the control channel
// the extension uses (token-guarded WebSocket).
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import { messagesOfFrame, type ControlFrame, type ControlMessageFromRuntime, type ReadyLine } from '../../runtime/protocol/control';
import { FIXTURE_TEMPLATE } from './support';

const BIN = path.resolve(__dirname, '../../bin/lambkin.js');
// The CLI keeps measurements beside the template: work on a scratch copy so the repository stays clean.
const scratch = mkdtempSync(path.join(tmpdir(), 'lambkin-cli-'));
cpSync(path.dirname(FIXTURE_TEMPLATE), scratch, { recursive: true, filter: (source) => !source.includes(`${path.sep}.lambkin`) });
const TEMPLATE = path.join(scratch, 'template.yaml');
after(() => rmSync(scratch, { recursive: true, force: true }));
const run = (args: string[], input?: string) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, timeout: 30_000 });

describe('lambkin CLI', function () {
  it('prints usage with --help and for each command', () => {
    const top = run(['--help']);
    assert.equal(top.status, 0);
    assert.match(top.stdout, /Usage: lambkin <command>/);
    for (const command of ['start', 'invoke', 'list', 'events', 'cost', 'data', 'sdk', 'schedules']) {
      const help = run([command, '--help']);
      assert.equal(help.status, 0, command);
      assert.match(help.stdout, new RegExp(`Usage: lambkin ${command}`));
    }
  });

  it('says what is wrong with bad usage and exits 2', () => {
    const unknown = run(['frobnicate']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /Unknown command "frobnicate"\. Commands: start, invoke, list, events, cost, data, sdk, examples, schedules, queues, topics\./);
    const missing = run(['list', '--template', 'nowhere/template.yaml']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /Template nowhere\/template\.yaml does not exist/);
  });

  it('lists the functions of a template', () => {
    const list = run(['list', '--template', TEMPLATE]);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^FUNCTION\s+RUNTIME\s+MEMORY/m);
    assert.match(list.stdout, /^Behave\s+nodejs22\.x\s+192 MB\s+1 s\s+x86_64\s+behave\.handler/m);
    assert.match(list.stdout, /^Custom\s+provided\.al2023/m);
  });

  it('invokes a function with an event from stdin and exits 1 on a function error', () => {
    const ok = run(['invoke', 'Echo', '--template', TEMPLATE, '--event', '-'], '{"from":"stdin"}');
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout).event, { from: 'stdin' });
    assert.match(ok.stderr, /REPORT RequestId: /);
    const failed = run(['invoke', 'Behave', '--template', TEMPLATE, '--event', '-'], '{"fail":"nope"}');
    assert.equal(failed.status, 1);
    assert.equal(JSON.parse(failed.stdout).errorMessage, 'nope');
    const unknown = run(['invoke', 'Ghost', '--template', TEMPLATE]);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /No function named Ghost in the template \(functions: Echo, Behave/);
  });
});

describe('lambkin events', function () {
  it('lists the generators and generates one with parameters', () => {
    const list = run(['events']);
    assert.equal(list.status, 0);
    assert.match(list.stdout, /^s3-put\s+/m);
    for (const name of ['kinesis', 'cloudwatch-logs', 'cognito-pre-signup', 'alb', 'stepfunctions-task-token']) assert.match(list.stdout, new RegExp(`^${name}\\s+\\S`, 'm'));
    const kafka = run(['events', 'generate', 'msk', '--set', 'topic=orders', '--set', 'value={"id":7}']);
    assert.equal(kafka.status, 0, kafka.stderr);
    assert.equal(Buffer.from(JSON.parse(kafka.stdout).records['orders-0'][0].value, 'base64').toString(), '{"id":7}');
    const generated = run(['events', 'generate', 's3-put', '--set', 'bucket=photos', '--set', 'key=my photo.jpg']);
    assert.equal(generated.status, 0, generated.stderr);
    const record = JSON.parse(generated.stdout).Records[0];
    assert.equal(record.s3.bucket.name, 'photos');
    assert.equal(record.s3.object.key, 'my+photo.jpg');
  });

  it('explains an unknown generator or parameter', () => {
    const typo = run(['events', 'generate', 's3-putt']);
    assert.equal(typo.status, 2);
    assert.match(typo.stderr, /Did you mean "s3-put"/);
    const badParam = run(['events', 'generate', 's3-put', '--set', 'colour=red']);
    assert.equal(badParam.status, 2);
    assert.match(badParam.stderr, /colour/);
  });

  it('invokes a function with a sample event', () => {
    const out = run(['invoke', 'Echo', '--template', TEMPLATE, '--sample', 'sqs', '--set', 'body=hello']);
    assert.equal(out.status, 0, out.stderr);
    assert.equal(JSON.parse(out.stdout).event.Records[0].body, 'hello');
  });
});

describe('lambkin start and the control channel', function () {
  let child: ChildProcess;
  let ready: ReadyLine;
  const token = 'a'.repeat(64);

  before(async () => {
    child = spawn(process.execPath, [BIN, 'start', '--template', TEMPLATE, '--port', '0', '--api-port', '0', '--aws-port', '0', '--control-port', '0', '--ready-json'], {
      env: { ...process.env, LAMBKIN_CONTROL_TOKEN: token },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    ready = await new Promise<ReadyLine>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('{')) resolve(JSON.parse(line) as ReadyLine);
      });
      child.once('exit', (code) => reject(new Error(`lambkin start exited ${code}`)));
    });
  });
  after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints one ready line with its endpoints', () => {
    assert.equal(ready.type, 'lambkin.ready');
    assert.match(ready.invokeEndpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.match(ready.controlEndpoint, /^ws:\/\/127\.0\.0\.1:\d+$/);
  });

  it('refuses a connection without the session token', async () => {
    const socket = new WebSocket(`${ready.controlEndpoint}?token=wrong`);
    const status = await new Promise<number>((resolve) => socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0)));
    assert.equal(status, 401);
  });

  it('answers hello, invokes, streams events, and shuts down on request', async () => {
    const socket = new WebSocket(`${ready.controlEndpoint}?token=${token}`);
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const messages: ControlMessageFromRuntime[] = [];
    const replies = new Map<number, (value: unknown) => void>();
    socket.on('message', (data) => {
      for (const message of messagesOfFrame(JSON.parse(data.toString()) as ControlFrame)) {
        messages.push(message);
        if ('id' in message) replies.get(message.id)?.(message);
      }
    });
    let id = 0;
    const call = (method: string, params: unknown) => new Promise<Record<string, unknown>>((resolve) => {
      replies.set(++id, resolve as (value: unknown) => void);
      socket.send(JSON.stringify({ id, method, params }));
    });
    const hello = await call('hello', { clientName: 'test' }) as { result: { functions: Array<{ name: string }>; invokeEndpoint: string } };
    assert.equal(hello.result.invokeEndpoint, ready.invokeEndpoint);
    assert.ok(hello.result.functions.some((fn) => fn.name === 'Echo'));
    const invoked = await call('invoke', { functionName: 'Echo', payload: '{"via":"control"}' }) as { result: { statusCode: number; payload: string; result: { logs: string[] } } };
    assert.equal(invoked.result.statusCode, 200);
    assert.deepEqual(JSON.parse(invoked.result.payload).event, { via: 'control' });
    assert.ok(invoked.result.result.logs.some((line) => line.startsWith('REPORT')));
    assert.ok(messages.some((m) => 'event' in m && m.event === 'invocation.finished'));
    const unknown = await call('invoke', { functionName: 'Ghost', payload: '{}' }) as { error: { message: string } };
    assert.match(unknown.error.message, /Function not found: Ghost/);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    await call('shutdown', {});
    assert.equal(await exited, 0);
  });
});

describe('lambkin start --exit-with-stdin', function () {
  it('stops, and stops its environments, when standard input closes', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--template', TEMPLATE, '--port', '0', '--api-port', '0', '--aws-port', '0', '--ready-json', '--quiet', '--exit-with-stdin'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const ready = await new Promise<ReadyLine>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('{') && resolve(JSON.parse(line) as ReadyLine));
    });
    const response = await fetch(`${ready.invokeEndpoint}/2015-03-31/functions/Behave/invocations`, { method: 'POST', body: '{}' });
    const { pid } = (await response.json()) as { pid: number };
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin!.end();
    assert.equal(await exited, 0);
    assert.throws(() => process.kill(pid, 0), 'the environment process is gone too');
  });
});

describe('lambkin cost', function () {
  it('reports what measured invocations would cost, in every format', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lambkin-cost-'));
    cpSync(path.dirname(FIXTURE_TEMPLATE), dir, { recursive: true, filter: (source) => !source.includes(`${path.sep}.lambkin`) });
    const template = path.join(dir, 'template.yaml');
    assert.equal(run(['invoke', 'Echo', '--template', template]).status, 0);
    const table = run(['cost', '--template', template]);
    assert.equal(table.status, 0, table.stderr);
    assert.match(table.stdout, /^Echo\s+x86_64\s+128 MB\s+1\s+100 %/m);
    assert.match(table.stdout, /Not measured yet \(invoke them first\): Behave/);
    const json = JSON.parse(run(['cost', '--template', template, '--format', 'json', '--monthly', '5000']).stdout);
    assert.equal(json.functions[0].monthlyInvocations, 5000);
    assert.match(run(['cost', '--template', template, '--format', 'csv']).stdout, /^Function,Arch/);
    const pricesFile = path.join(dir, 'prices.json');
    writeFileSync(pricesFile, JSON.stringify({ regions: { 'us-east-1': { x86_64: { requestPerMillion: 0 } } } }));
    const negotiated = JSON.parse(run(['cost', '--template', template, '--format', 'json', '--prices', pricesFile]).stdout);
    assert.ok(Math.abs(json.functions[0].costPerMillion - negotiated.functions[0].costPerMillion - 0.2) < 1e-9, 'requests are free at the negotiated price');
    writeFileSync(pricesFile, JSON.stringify({ regions: { 'eu-north-1': { x86_64: { requestPerMillion: 0.2 } } } }));
    const unusable = run(['cost', '--template', template, '--prices', pricesFile]);
    assert.equal(unusable.status, 2);
    assert.match(unusable.stderr, /The prices in .*prices\.json are not usable: .*eu-north-1/);
    assert.equal(run(['cost', '--template', template, '--format', 'pdf']).status, 2);
    assert.equal(run(['cost', '--template', template, '--reset']).status, 0);
    assert.match(run(['cost', '--template', template]).stdout, /No invocation measured yet/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('lambkin start: the local AWS endpoint and its data', function () {
  it('names the AWS endpoint in its banner, keeps data beside the template, and holds it until it stops', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--template', TEMPLATE, '--port', '0', '--api-port', '0', '--aws-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const lines: string[] = [];
    const banner = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        lines.push(line);
        if (line.startsWith('AWS endpoint')) resolve(line);
      });
      child.once('exit', (code) => reject(new Error(`lambkin start exited ${code}: ${lines.join('\n')}`)));
    });
    const dataFolder = path.join(scratch, '.lambkin', 'data');
    assert.match(banner, /^AWS endpoint http:\/\/127\.0\.0\.1:\d+ .*AWS_ENDPOINT_URL=http:\/\/127\.0\.0\.1:\d+/);
    assert.ok(banner.includes(dataFolder), banner);
    const busy = run(['data', 'reset', '--template', TEMPLATE]);
    assert.equal(busy.status, 1);
    assert.match(busy.stderr, /in use by a running Lambkin runtime \(pid \d+\); stop it first/);
    const second = run(['start', '--template', TEMPLATE, '--port', '0', '--api-port', '0', '--aws-port', '0']);
    assert.equal(second.status, 1);
    assert.match(second.stderr, /is in use by another Lambkin runtime \(pid \d+, AWS endpoint http:\/\/127\.0\.0\.1:\d+\): stop that one first, or pass --data-dir DIR or --ephemeral/);
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
    writeFileSync(path.join(dataFolder, 'left-over.txt'), 'x');
    const reset = run(['data', 'reset', '--template', TEMPLATE]);
    assert.equal(reset.status, 0, reset.stderr);
    assert.match(reset.stdout, /Reset all local data in /);
    assert.deepEqual(readdirSync(dataFolder).sort(), ['.gitignore']);
  });

  it('says which port is taken, and refuses --ephemeral with --data-dir', async () => {
    const blocker = http.createServer().listen(0, '127.0.0.1');
    await new Promise((resolve) => blocker.once('listening', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = run(['start', '--template', TEMPLATE, '--port', '0', '--api-port', '0', '--aws-port', String(port), '--ephemeral']);
      assert.equal(taken.status, 1);
      assert.match(taken.stderr, new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use: .*--aws-port`));
    } finally {
      blocker.close();
    }
    const both = run(['start', '--template', TEMPLATE, '--ephemeral', '--data-dir', scratch]);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /--ephemeral and --data-dir exclude each other/);
  });
});
