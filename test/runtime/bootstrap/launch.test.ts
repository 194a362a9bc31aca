import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { memoryFlags, nodeLaunchSpec, resolveHandlerModule } from '../../../runtime/bootstrap/node/launch';
import type { FunctionConfig } from '../../../runtime/template/model';
import { buildBootstrap, FIXTURES, parseBody, TestEnvironment, within } from './harness';

function functionConfig(codeRoot: string, handler: string, overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    logicalId: 'Fixture', name: 'fixture-fn', templatePath: path.join(codeRoot, 'template.yaml'),
    location: { file: path.join(codeRoot, 'template.yaml'), line: 1, column: 1 },
    resourceType: 'AWS::Serverless::Function', codeRoot, handler, runtime: 'nodejs22.x', memorySize: 512, timeout: 3,
    architecture: 'x86_64', ephemeralStorage: 512, environment: {}, loggingConfig: { logFormat: 'Text' }, events: [],
    ...overrides,
  };
}

/** Copies a fixture to a temp code root and installs a tiny `fixture-dep` package in its node_modules. */
function codeRootFrom(fixture: string, root: string): string {
  const codeRoot = path.join(root, fixture);
  cpSync(path.join(FIXTURES, fixture), codeRoot, { recursive: true });
  const dep = path.join(codeRoot, 'node_modules', 'fixture-dep');
  mkdirSync(dep, { recursive: true });
  writeFileSync(path.join(dep, 'package.json'), JSON.stringify({ name: 'fixture-dep', main: 'index.js' }));
  writeFileSync(path.join(dep, 'index.js'), 'exports.shout = (text) => text.toUpperCase();\n');
  return codeRoot;
}

describe('node bootstrap: launch spec and TypeScript handlers', function () {
  let bootstrap: { file: string; dispose(): void };
  let root: string;
  const environments: TestEnvironment[] = [];

  before(async () => {
    bootstrap = await buildBootstrap();
    root = mkdtempSync(path.join(tmpdir(), 'lambkin-launch-'));
  });
  after(() => {
    bootstrap.dispose();
    rmSync(root, { recursive: true, force: true });
  });
  afterEach(async () => {
    await Promise.all(environments.splice(0).map((env) => env.dispose()));
  });

  const options = () => ({ nodePath: process.execPath, bootstrapPath: bootstrap.file, buildDir: path.join(root, 'build') });

  async function startFromSpec(fn: FunctionConfig): Promise<TestEnvironment> {
    const spec = await nodeLaunchSpec(fn, options());
    assert.equal(spec.args.at(-1), bootstrap.file);
    const env = await TestEnvironment.start({
      bootstrap: bootstrap.file, codeRoot: fn.codeRoot, handler: fn.handler, runtime: fn.runtime,
      args: spec.args.slice(0, -1), env: spec.env,
    });
    environments.push(env);
    return env;
  }

  it('derives heap flags from MemorySize the way Lambda\'s bootstrap does', () => {
    assert.deepEqual(memoryFlags(128), ['--max-semi-space-size=6', '--max-old-space-size=116']);
    assert.deepEqual(memoryFlags(1024), ['--max-semi-space-size=51', '--max-old-space-size=922']);
  });

  it('builds the node command line for a JavaScript handler, with the inspector when asked', async () => {
    const fn = functionConfig(path.join(FIXTURES, 'cjs'), 'index.handler');
    const plain = await nodeLaunchSpec(fn, options());
    assert.equal(plain.command, process.execPath);
    assert.deepEqual(plain.args, [...memoryFlags(512), '--enable-source-maps', bootstrap.file]);
    assert.equal(plain.env.NODE_PATH, fn.codeRoot);
    assert.equal(plain.env.LAMBKIN_HANDLER_MODULE, undefined);

    const debug = await nodeLaunchSpec(fn, { ...options(), inspect: { port: 9231 } });
    assert.ok(debug.args.includes('--inspect=127.0.0.1:9231'));
    const brk = await nodeLaunchSpec(fn, { ...options(), inspect: { port: 9232, breakOnStart: true } });
    assert.ok(brk.args.includes('--inspect-brk=127.0.0.1:9232'));

    const own = await nodeLaunchSpec(functionConfig(fn.codeRoot, fn.handler, { environment: { NODE_PATH: '/custom' } }), options());
    assert.equal(own.env.NODE_PATH, undefined, 'the function\'s own NODE_PATH is left alone');
  });

  it('resolves handler modules by Lambda\'s lookup order, TypeScript included', () => {
    const cjs = path.join(FIXTURES, 'cjs');
    assert.deepEqual(resolveHandlerModule(cjs, 'nested.deep.inner.handler'),
      { file: path.join(cjs, 'nested.js'), exportPath: ['deep', 'inner', 'handler'], loader: 'require', typescript: false });
    assert.equal(resolveHandlerModule(path.join(FIXTURES, 'esm-type-module'), 'lib/app.handler')?.loader, 'import');
    assert.deepEqual(resolveHandlerModule(path.join(FIXTURES, 'typescript'), 'src/app.handler'),
      { file: path.join(FIXTURES, 'typescript/src/app.ts'), exportPath: ['handler'], loader: 'require', typescript: true });
    assert.equal(resolveHandlerModule(cjs, 'missing.handler'), undefined);
    assert.throws(() => resolveHandlerModule(cjs, '../x.handler'), { name: 'Runtime.MalformedHandlerName' });
  });

  it('compiles a CommonJS TypeScript handler: packages resolve, errors point at the .ts line', async () => {
    const codeRoot = codeRootFrom('typescript', root);
    const env = await startFromSpec(functionConfig(codeRoot, 'src/app.handler'));
    assert.equal(parseBody(await within(5000, env.invoke({ name: 'ts' }), 'ts ok')), 'HELLO TS');
    const failure = await within(5000, env.invoke({ fail: true }), 'ts failure');
    assert.equal(failure.kind, 'error');
    const body = parseBody(failure) as { errorMessage: string; trace: string[] };
    assert.equal(body.errorMessage, 'typescript failure');
    assert.ok(body.trace[1].includes(`${path.join(codeRoot, 'src', 'app.ts')}:10:`), body.trace.join('\n'));
  });

  it('reuses the compiled output until an input changes', async () => {
    const codeRoot = codeRootFrom('typescript', path.join(root, 'cache'));
    const fn = functionConfig(codeRoot, 'src/app.handler');
    const first = (await nodeLaunchSpec(fn, options())).env.LAMBKIN_HANDLER_MODULE;
    assert.ok(first?.endsWith('app.cjs'));
    const builtAt = statSync(first).mtimeMs;
    assert.equal((await nodeLaunchSpec(fn, options())).env.LAMBKIN_HANDLER_MODULE, first);
    assert.equal(statSync(first).mtimeMs, builtAt, 'not rebuilt');

    const greeting = path.join(codeRoot, 'src', 'greeting.ts');
    writeFileSync(greeting, "import { shout } from 'fixture-dep';\n\nexport function greet(name: string): string {\n  return shout(`hi ${name}`);\n}\n");
    utimesSync(greeting, new Date(), new Date(Date.now() + 5000));
    await nodeLaunchSpec(fn, options());
    assert.notEqual(statSync(first).mtimeMs, builtAt, 'rebuilt after a change to an imported file');
  });

  it('compiles an ES module TypeScript handler (package.json type module) to .mjs', async () => {
    const codeRoot = codeRootFrom('typescript-esm', root);
    const env = await startFromSpec(functionConfig(codeRoot, 'app.handler', { runtime: 'nodejs24.x' }));
    assert.deepEqual(parseBody(await within(5000, env.invoke({}), 'esm ts')), { value: 'ESM', loadedAt: 'file:' });
  });

  it('rejects code that does not compile with file:line:column and esbuild\'s message', async () => {
    const codeRoot = codeRootFrom('typescript', path.join(root, 'broken'));
    await assert.rejects(nodeLaunchSpec(functionConfig(codeRoot, 'src/broken.handler'), options()),
      (error: Error) => {
        assert.match(error.message, new RegExp(`${path.join(codeRoot, 'src', 'broken.ts').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:2:\\d+: Unterminated string literal`));
        return true;
      });
  });
});
