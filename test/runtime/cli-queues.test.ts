// `lambkin queues` and `lambkin topics` as a user runs them: the queues' depth from the data folder with or
// without a runtime, and send, purge and publish through the runtime serving the project (refused, with what to
// do, when none does).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServicesRuntime, type ServicesRuntime } from './services/support';

const BIN = path.resolve(__dirname, '../../bin/lambkin.js');
const FIXTURE = path.resolve(__dirname, '../fixtures/sqs-app');

describe('lambkin queues and topics', function () {
  this.timeout(90_000);
  let scratch: string;
  let template: string;
  let data: string;
  let services: ServicesRuntime | undefined;
  /** Runs the CLI without blocking this process, which serves the runtime the CLI talks to. */
  const run = (command: string, args: string[]) => new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, command, '--template', template, '--data-dir', data, ...args], { timeout: 40_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
  const row = (name: string) => new RegExp(`^${name.replace('.', '\\.')}\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$`, 'm');
  async function waitForRow(name: string, visible: number): Promise<void> {
    const until = Date.now() + 20_000;
    for (;;) {
      const match = row(name).exec((await run('queues', [])).stdout);
      if (match && Number(match[1]) === visible) return;
      if (Date.now() > until) throw new Error(`${name} never showed ${visible} visible`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  before(() => {
    scratch = mkdtempSync(path.join(tmpdir(), 'lambkin-queues-'));
    cpSync(FIXTURE, scratch, { recursive: true, filter: (source) => !source.includes(`${path.sep}.lambkin`) });
    template = path.join(scratch, 'template.yaml');
    data = path.join(scratch, 'data');
  });
  after(async () => {
    await services?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('lists the template\'s queues and topics without a runtime, and refuses to send with what to do', async () => {
    const list = await run('queues', []);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^QUEUE\s+VISIBLE\s+IN FLIGHT\s+DELAYED$/m);
    assert.match(list.stdout, row('failing-dlq'));
    assert.match(list.stdout, row('orders.fifo'));
    assert.match((await run('topics', [])).stdout, /^alerts\nevents\.fifo$/m);
    const send = await run('queues', ['send', 'plain', 'hello']);
    assert.equal(send.status, 2);
    assert.match(send.stderr, /No runtime serves this project, so nothing would deliver the message: start one \(lambkin start, or Start Runtime in VS Code\), then lambkin queues send again\./);
    assert.equal((await run('queues', ['fly'])).status, 2);
  });

  it('sends, publishes and purges through the runtime serving the project', async () => {
    services = await startServicesRuntime({ templates: [template], dataFolder: data });
    const sent = await run('queues', ['send', 'plain', 'hello']);
    assert.equal(sent.status, 0, sent.stderr);
    assert.match(sent.stdout, /^Sent message [0-9a-f-]{36} to plain\.$/m);
    await waitForRow('plain', 1);
    const published = await run('topics', ['publish', 'alerts', 'to the raw queue', '--subject', 'Hi']);
    assert.equal(published.status, 0, published.stderr);
    await waitForRow('raw', 1);
    assert.equal((await run('queues', ['purge', 'plain'])).status, 0);
    await waitForRow('plain', 0);
    const unknown = await run('topics', ['publish', 'nope', 'x']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /No topic named nope\. Topics: alerts, events\.fifo\./);
  });
});
