// Where LevelDB's native binding cannot load (no prebuild for Windows on Arm or Alpine arm64, a missing
// library), the runtime still starts and the local DynamoDB answers real clients from an in-memory store,
// saying so in the log. The failure is made real: the runtime process's dlopen refuses classic-level's
// .node file (test/fixtures/no-leveldb/fail-leveldb-binding.cjs); in a process of its own, because a test
// process that already loaded LevelDB would never try again.
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ReadyLine } from '../../../runtime/protocol/control';

const BIN = path.resolve(__dirname, '../../../bin/lambkin.js');
const FAIL_BINDING = path.resolve(__dirname, '../../fixtures/no-leveldb/fail-leveldb-binding.cjs');

describe('DynamoDB where LevelDB cannot load', function () {
  this.timeout(60_000);
  let scratch: string;
  let child: ChildProcess;
  let ready: ReadyLine;
  let output = '';
  let client: DynamoDBClient;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'lambkin-no-leveldb-'));
    cpSync(path.resolve(__dirname, '../../fixtures/dynamodb-app'), scratch, { recursive: true, filter: (source) => !source.includes(`${path.sep}.lambkin`) });
    child = spawn(process.execPath, ['--require', FAIL_BINDING, BIN, 'start', '--template', path.join(scratch, 'template.yaml'), '--port', '0', '--api-port', '0', '--aws-port', '0', '--ephemeral', '--no-sdk', '--ready-json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    ready = await new Promise<ReadyLine>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (line.startsWith('{')) resolve(JSON.parse(line) as ReadyLine);
        else output += `${line}\n`;
      });
      child.once('exit', (code) => reject(new Error(`lambkin start exited ${code} before it was ready:\n${output}`)));
    });
    client = new DynamoDBClient({ endpoint: ready.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });

  after(() => {
    client?.destroy();
    child?.kill('SIGKILL');
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('serves the template\'s tables from memory to the AWS SDK', async () => {
    const tables = await client.send(new ListTablesCommand({}));
    assert.ok(tables.TableNames?.includes('orders'), JSON.stringify(tables.TableNames));
    await client.send(new PutItemCommand({ TableName: 'orders', Item: { pk: { S: 'order-1' }, sk: { N: '1' }, status: { S: 'new' } } }));
    const read = await client.send(new GetItemCommand({ TableName: 'orders', Key: { pk: { S: 'order-1' }, sk: { N: '1' } } }));
    assert.deepEqual(read.Item?.status, { S: 'new' });
  });

  it('warns in the log that items will not survive a restart, and why', async () => {
    const line = await waitForLine(() => output, /keeps its tables in memory/);
    assert.match(line, /LevelDB could not load on this machine \(.*classic-level.*simulated by the test\)/);
    assert.match(line, /will not survive a restart/);
  });
});

async function waitForLine(text: () => string, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const line = text().split('\n').find((candidate) => pattern.test(candidate));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no log line matches ${pattern}:\n${text()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
