// Execution environments as on Lambda, through real processes and the real Lambda client: each Runtime on its
// own Node major, only /tmp writable (code and home read-only), a private TMPDIR removed with its environment,
// and nothing of the shell's environment inside a function.
import { InvokeCommand } from '@aws-sdk/client-lambda';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { privateTmpRoot } from '../../runtime/environments/private-tmp';
import { decodeLog, json, startTestRuntime, type TestRuntime } from './support';

const TEMPLATE = path.resolve(__dirname, '../fixtures/environments-app/template.yaml');

/** What a Lambda function's process sees in its environment (reference §2), plus the function's own variable. */
const LAMBDA_VARIABLES = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_EXECUTION_ENV', 'AWS_LAMBDA_FUNCTION_NAME',
  'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION', 'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME',
  'AWS_LAMBDA_LOG_STREAM_NAME', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_LAMBDA_RUNTIME_API',
  'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR', 'TZ', 'LANG', 'NODE_PATH', 'AWS_NODEJS_CONNECTION_REUSE_ENABLED', 'PATH',
  'LD_LIBRARY_PATH', 'TMPDIR', 'OWN_SETTING',
]);

interface Probe {
  node: string;
  execPath: string;
  tmpdir: string;
  env: Record<string, string>;
}

async function invoke(t: TestRuntime, name: string, event: unknown): Promise<{ payload: unknown; log: string; error?: string }> {
  const out = await t.client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)), LogType: 'Tail' }));
  return { payload: json(out.Payload), log: decodeLog(out.LogResult), error: out.FunctionError };
}

describe('execution environments as on Lambda', function () {
  // First use on a machine installs Node 18, 22 and 24 from the npm registry (about a minute each).
  this.timeout(600_000);
  let t: TestRuntime | undefined;
  // The user's real home folder: a folder under /tmp would be writable.
  const home = os.homedir();
  afterEach(async () => {
    await t?.close();
    t = undefined;
  });

  it('runs each function on the Node major its Runtime names, and INIT_START says which', async () => {
    t = await startTestRuntime({ templates: [TEMPLATE], nodeProvision: true });
    for (const [name, major] of [['Node18', 18], ['Node22', 22], ['Node24', 24]] as const) {
      const { payload, log } = await invoke(t, name, {});
      const probe = payload as Probe;
      assert.equal(Number(probe.node.split('.')[0]), major, `${name} runs on Node ${probe.node}`);
      assert.match(log, new RegExp(`INIT_START Runtime Version: nodejs:${major}\\.v${probe.node.replace(/\./g, '\\.')}\\t`));
      // The Node's own folder comes first on PATH, as /var/lang/bin does on Lambda.
      assert.equal(probe.env.PATH.split(':')[0], path.dirname(probe.execPath));
    }
  });

  it('falls back to the configured Node when a Runtime\'s own is not installed, and says so once', async () => {
    t = await startTestRuntime({ templates: [TEMPLATE], nodeProvision: false });
    const { payload } = await invoke(t, 'Node24', {});
    await invoke(t, 'Node24', {});
    assert.equal((payload as Probe).node, process.versions.node);
    const warnings = t.events.filter((event) => event.event === 'runtime.log' && /nodejs24\.x functions run on Node/.test(event.data.message));
    assert.equal(warnings.length, process.versions.node.startsWith('24.') ? 0 : 1);
  });

  it('runs a major on the Node given for it, says when that is not the major, and explains one that does not run', async () => {
    t = await startTestRuntime({ templates: [TEMPLATE], nodeRuntimes: { 22: process.execPath, 24: '/nowhere/node' } });
    assert.equal(((await invoke(t, 'Node22', {})).payload as Probe).node, process.versions.node);
    assert.ok(t.events.some((event) => event.event === 'runtime.log' && event.data.message.startsWith(`nodejs22.x functions run on Node ${process.versions.node} (${process.execPath}), the Node configured for that Runtime, which is not Node 22.`)));
    const broken = await invoke(t, 'Node24', {});
    assert.equal(broken.error, 'Unhandled');
    assert.deepEqual(broken.payload, { errorType: 'Runtime.InvalidEntrypoint', errorMessage: (broken.payload as { errorMessage: string }).errorMessage });
    assert.match((broken.payload as { errorMessage: string }).errorMessage, /Error: the Node configured for nodejs24\.x \(\/nowhere\/node\) does not run: spawn \/nowhere\/node ENOENT$/);
  });

  it('hands a function Lambda\'s variables and its own, none of the shell\'s', async () => {
    t = await startTestRuntime({
      templates: [TEMPLATE],
      nodeProvision: true,
      host: { PATH: '/home/someone/bin:/usr/bin', AWS_SECRET_ACCESS_KEY: 'shell-secret', GITHUB_TOKEN: 'ghp_shell', HOME: home, NODE_OPTIONS: '--inspect' },
    });
    const env = ((await invoke(t, 'Node22', {})).payload as Probe).env;
    const foreign = Object.keys(env).filter((name) => !LAMBDA_VARIABLES.has(name));
    assert.deepEqual(foreign, []);
    assert.doesNotMatch(JSON.stringify(env), /shell-secret|ghp_shell|someone/);
    assert.equal(env.OWN_SETTING, 'from-the-template');
    assert.deepEqual(env.PATH.split(':').slice(1), ['/usr/local/bin', '/usr/bin', '/bin']);
  });

  it('refuses writes to the code and the home folder with an error that says Lambda would too; /tmp stays writable', async () => {
    // The app is copied out of the repository first: a checkout under /tmp (as CI clones may be) is writable,
    // since functions may write anywhere under /tmp as on Lambda.
    const app = mkdtempSync(path.join(home, '.lambkin-test-envs-'));
    cpSync(path.dirname(TEMPLATE), app, { recursive: true });
    try {
      await refusesWritesOutsideTmp(path.join(app, 'template.yaml'), path.join(app, 'src'));
    } finally {
      await t?.close();
      t = undefined;
      rmSync(app, { recursive: true, force: true });
    }
  });

  async function refusesWritesOutsideTmp(template: string, codeRoot: string): Promise<void> {
    t = await startTestRuntime({ templates: [template], nodeProvision: true });
    for (const name of ['Node22', 'Node24']) {
      for (const file of ['CODE', 'HOME_OF_USER']) {
        const refused = (await invoke(t, name, { action: 'write', file, home })).payload as { ok: boolean; code: string };
        assert.deepEqual([refused.ok, refused.code], [false, 'ERR_ACCESS_DENIED'], `${name} writing to ${file}`);
      }
      assert.deepEqual((await invoke(t, name, { action: 'write', file: 'TMPDIR' })).payload, { ok: true });
      assert.deepEqual((await invoke(t, name, { action: 'write', file: `/tmp/lambkin-literal-${name}.txt` })).payload, { ok: true });
    }
    const thrown = await invoke(t, 'Node22', { action: 'throw-write' });
    assert.equal(thrown.error, 'Unhandled');
    assert.match((thrown.payload as { errorMessage: string }).errorMessage, /written\.txt fails on Lambda too, where only \/tmp is writable \(EROFS: read-only file system\)/);
    assert.equal(existsSync(path.join(codeRoot, 'written.txt')), false);
  }

  it('keeps child processes and native addons (sharp) working under the permission model', async () => {
    t = await startTestRuntime({ templates: [TEMPLATE], nodeProvision: true });
    for (const name of ['Node22', 'Node24']) {
      assert.equal((await invoke(t, name, { action: 'child' })).payload, '42');
      assert.deepEqual((await invoke(t, name, { action: 'sharp' })).payload, { width: 2, format: 'png' });
    }
  });

  it('lets functions write anywhere with isolation off', async () => {
    t = await startTestRuntime({ templates: [TEMPLATE], nodeProvision: true, isolation: 'off' });
    assert.deepEqual((await invoke(t, 'Node22', { action: 'write', file: 'CODE' })).payload, { ok: true });
  });

  it('gives each environment its own TMPDIR, removed when the environment ends', async () => {
    t = await startTestRuntime({ templates: [TEMPLATE], nodeProvision: true });
    const [a, b] = await Promise.all([invoke(t, 'Node22', {}), invoke(t, 'Node22', {})]);
    const tmpA = (a.payload as Probe).tmpdir;
    const tmpB = (b.payload as Probe).tmpdir;
    assert.notEqual(tmpA, tmpB);
    for (const folder of [tmpA, tmpB]) {
      assert.equal(path.dirname(folder), privateTmpRoot());
      assert.ok(existsSync(folder));
    }
    await t.close();
    t = undefined;
    assert.equal(existsSync(tmpA), false);
    assert.equal(existsSync(tmpB), false);
  });

  it('resolves packages and programs from the function\'s layers in /opt\'s order, CommonJS and ES modules', async () => {
    t = await startTestRuntime({ templates: [TEMPLATE], nodeProvision: true });
    const { payload } = await invoke(t, 'Layered', {});
    assert.deepEqual(payload, {
      greeting: 'from the override layer (listed later, so it wins)',
      onlyShared: 'only in the shared layer',
      runtimeSpecific: 'from nodejs/node22/node_modules',
      tool: 'layer tool ran',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:Layered',
    });
    assert.deepEqual((await invoke(t, 'LayeredModule', {})).payload, { greeting: 'from the shared layer' });
    const outside = t.runtime.problems.find((problem) => /layer:elsewhere:3 is not declared in this template/.test(problem.message));
    assert.ok(outside, 'a layer ARN from outside the template is reported');
    assert.equal(outside.severity, 'warning');
  });

  it('reaches the function through its AutoPublishAlias and version numbers; other qualifiers get Lambda\'s 404', async () => {
    t = await startTestRuntime({ templates: [TEMPLATE], nodeProvision: true });
    const live = await t.client.send(new InvokeCommand({ FunctionName: 'Layered', Qualifier: 'live', Payload: Buffer.from('{}') }));
    assert.equal((json(live.Payload) as { invokedFunctionArn: string }).invokedFunctionArn, 'arn:aws:lambda:us-east-1:123456789012:function:Layered:live');
    assert.equal(live.ExecutedVersion, '1');
    const byArn = await t.client.send(new InvokeCommand({ FunctionName: 'arn:aws:lambda:us-east-1:123456789012:function:Layered:live', Payload: Buffer.from('{}') }));
    assert.equal(byArn.StatusCode, 200);
    const version = await t.client.send(new InvokeCommand({ FunctionName: 'Layered:1', Payload: Buffer.from('{}') }));
    assert.equal(version.ExecutedVersion, '1');
    await assert.rejects(t.client.send(new InvokeCommand({ FunctionName: 'Layered', Qualifier: 'staging', Payload: Buffer.from('{}') })), (error: Error) => {
      assert.equal(error.name, 'ResourceNotFoundException');
      assert.match(error.message, /function:Layered:staging/);
      return true;
    });
    // A function without AutoPublishAlias has only $LATEST.
    await assert.rejects(t.client.send(new InvokeCommand({ FunctionName: 'Node22', Qualifier: 'live', Payload: Buffer.from('{}') })), { name: 'ResourceNotFoundException' });
  });

  it('starts a provided.* bootstrap with the Node running Lambkin first on PATH, and a private TMPDIR', async () => {
    t = await startTestRuntime({ templates: [TEMPLATE], host: { PATH: '/home/someone/bin' } });
    const { payload } = await invoke(t, 'Custom', {});
    const seen = payload as { path: string; tmpdir: string; execPath: string };
    assert.equal(seen.path.split(':')[0], path.dirname(process.execPath));
    assert.doesNotMatch(seen.path, /someone/);
    assert.equal(path.dirname(seen.tmpdir), privateTmpRoot());
  });
});
