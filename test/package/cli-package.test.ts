// The CLI as users get it: `npm run package`'s tarball installed with npm into an empty folder (the npm
// registry supplies its dependencies: esbuild with this machine's binary, dynalite with LevelDB's), then
// `npx lambkin` run on a copy of the example app with nothing from the repository: --version, an invoke of
// the TypeScript handler (compiled by the installed esbuild), and `start` answering the AWS SDK (Lambda,
// and DynamoDB on the example's table, kept in LevelDB) and the HTTP gateway.
import { DynamoDBClient, GetItemCommand, ListTablesCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

const ROOT = path.resolve(__dirname, '../..');
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const TARBALL = path.join(ROOT, 'out', 'package', `lambkin-${VERSION}.tgz`);
const NPX = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface ReadyLine {
  invokeEndpoint: string;
  gatewayEndpoint: string;
  awsEndpoint: string;
}

/** The environment without npm's own variables: under `npm test` they would configure the nested npm. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
}

function check(result: SpawnSyncReturns<string>, what: string): string {
  assert.ok(!result.error, `${what}: ${result.error?.message}`);
  assert.equal(result.status, 0, `${what} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`);
  return result.stdout;
}

describe('The CLI npm package (npm pack, installed in an empty folder)', function () {
  this.timeout(240_000);
  let folder: string;
  let app: string;
  const lambkin = (args: string[], cwd = app) => spawnSync(NPX, ['--no', '--', 'lambkin', ...args], { cwd, env: cleanEnv(), encoding: 'utf8', timeout: 120_000 });

  before(() => {
    check(spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs'), '--cli-only'], { cwd: ROOT, encoding: 'utf8' }), 'node scripts/package.mjs --cli-only');
    assert.ok(existsSync(TARBALL), `${TARBALL} was not written`);
    folder = mkdtempSync(path.join(tmpdir(), 'lambkin-npm-'));
    writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ name: 'lambkin-install-check', private: true }));
    check(spawnSync(NPM, ['install', '--no-audit', '--no-fund', TARBALL], { cwd: folder, env: cleanEnv(), encoding: 'utf8' }), `npm install ${TARBALL}`);
    app = path.join(folder, 'app');
    cpSync(path.join(ROOT, 'examples', 'hello-app'), app, { recursive: true, filter: (source) => !/[\\/](\.lambkin|node_modules)$/.test(source) });
  });

  after(() => {
    if (folder) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  });

  it('installs only what runs: the bundles, esbuild for TypeScript handlers, dynalite for DynamoDB', () => {
    const installed = path.join(folder, 'node_modules');
    const manifest = JSON.parse(readFileSync(path.join(installed, 'lambkin', 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    assert.deepEqual(Object.keys(manifest.dependencies).sort(), ['dynalite', 'esbuild']);
    for (const dependency of ['dynalite', 'level', 'classic-level']) assert.ok(existsSync(path.join(installed, dependency, 'package.json')), `${dependency} is installed`);
    assert.ok(existsSync(path.join(installed, 'lambkin', 'dist', 'runtime', 'cli.js')));
    assert.ok(!existsSync(path.join(installed, 'lambkin', 'src')), 'no extension sources');
    assert.ok(!existsSync(path.join(installed, 'lambkin', 'test')), 'no tests');
    assert.ok(!existsSync(path.join(installed, 'lambkin', 'dist', 'runtime', 'cli.js.map')), 'no source maps');
  });

  it('npx lambkin --version prints the package version', () => {
    assert.equal(check(lambkin(['--version'], folder), 'lambkin --version').trim(), VERSION);
  });

  it('npx lambkin invoke runs the TypeScript handler of a project', () => {
    const out = check(lambkin(['invoke', 'HelloFunction', '--event', 'events/hello.json']), 'lambkin invoke');
    const response = JSON.parse(out) as { statusCode: number; body: string };
    assert.equal(response.statusCode, 200);
    assert.match(response.body, /hi, lambkin!/);
  });

  it('npx lambkin start --template serves the Invoke API, DynamoDB and the HTTP gateway until stdin closes', async () => {
    const child: ChildProcess = spawn(NPX, ['--no', '--', 'lambkin', 'start', '--template', path.join(app, 'template.yaml'), '--port', '0', '--api-port', '0', '--aws-port', '0', '--ephemeral', '--ready-json', '--exit-with-stdin'], {
      cwd: folder, env: cleanEnv(), stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    try {
      const ready = await new Promise<ReadyLine>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('{') && resolve(JSON.parse(line) as ReadyLine));
        void exited.then((code) => reject(new Error(`lambkin start exited ${code} before it was ready:\n${stderr}`)));
      });
      const client = new LambdaClient({ endpoint: ready.invokeEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      const invoked = await client.send(new InvokeCommand({ FunctionName: 'HelloFunction', Payload: readFileSync(path.join(app, 'events', 'hello.json')) }));
      assert.equal(invoked.FunctionError, undefined, Buffer.from(invoked.Payload ?? []).toString());
      assert.equal((JSON.parse(Buffer.from(invoked.Payload!).toString()) as { statusCode: number }).statusCode, 200);
      const answer = await fetch(`${ready.gatewayEndpoint}/hello/npm`);
      assert.equal(answer.status, 200);
      assert.match(await answer.text(), /hi, npm!/);

      const dynamodb = new DynamoDBClient({ endpoint: ready.awsEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
      try {
        const table = (await dynamodb.send(new ListTablesCommand({}))).TableNames?.find((name) => /OrdersTable/.test(name));
        assert.ok(table, 'the example\'s OrdersTable');
        await dynamodb.send(new PutItemCommand({ TableName: table, Item: { orderId: { S: 'npm-1' }, total: { N: '12' } } }));
        const read = await dynamodb.send(new GetItemCommand({ TableName: table, Key: { orderId: { S: 'npm-1' } } }));
        assert.deepEqual(read.Item?.total, { N: '12' });
      } finally {
        dynamodb.destroy();
      }
    } finally {
      child.stdin!.end();
      // A runtime that does not stop on its own is killed, so a failure here leaves no process behind.
      const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(deadline);
    }
    assert.equal(child.exitCode, 0, `lambkin start did not exit cleanly when stdin closed:\n${stderr}`);
    assert.doesNotMatch(stderr, /keeps its tables in memory/, 'LevelDB loads from the installed package');
  });
});
