import assert from 'node:assert/strict';
import path from 'node:path';
import { useBootstrap, FIXTURES, parseBody, TestEnvironment, within } from './harness';

const CJS = path.join(FIXTURES, 'cjs');

interface ErrorBody {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

describe('node bootstrap: init errors and crashes', function () {
  const suite = useBootstrap();

  async function start(handler: string, runtime?: string, codeRoot = CJS): Promise<TestEnvironment> {
    return suite.start({ codeRoot, handler, ...(runtime ? { runtime } : {}) });
  }

  async function initFailure(handler: string, runtime?: string): Promise<{ header: string; body: ErrorBody; code: number | null; env: TestEnvironment }> {
    const env = await start(handler, runtime);
    const report = await within(5000, env.initError, `init error for ${handler}`);
    const code = await within(5000, env.exited, 'exit');
    return { header: report.errorType, body: JSON.parse(report.payload.toString()) as ErrorBody, code, env };
  }

  it('reports Runtime.ImportModuleError for a missing module, with Lambda\'s message, and exits non-zero', async () => {
    const { header, body, code, env } = await initFailure('does-not-exist.handler');
    assert.equal(header, 'Runtime.ImportModuleError');
    assert.equal(body.errorType, 'Runtime.ImportModuleError');
    assert.match(body.errorMessage, /^Error: Cannot find module 'does-not-exist'\nRequire stack:/);
    assert.equal(body.trace[0].startsWith('Runtime.ImportModuleError: Error: Cannot find module'), true);
    assert.notEqual(code, 0);
    assert.ok(env.lines.some((line) => /\tundefined\tERROR\tUncaught Exception \t\{"errorType":"Runtime.ImportModuleError"/.test(line)),
      env.lines.join('\n'));
  });

  it('reports a module that requires a missing package as Runtime.ImportModuleError', async () => {
    const { body } = await initFailure('missing-import.handler');
    assert.equal(body.errorType, 'Runtime.ImportModuleError');
    assert.match(body.errorMessage, /Cannot find module 'lambkin-fixture-package-that-is-not-installed'/);
  });

  it('reports Runtime.UserCodeSyntaxError with the file in its trace', async () => {
    const { body } = await initFailure('syntax.handler');
    assert.equal(body.errorType, 'Runtime.UserCodeSyntaxError');
    assert.match(body.errorMessage, /^SyntaxError: /);
    assert.ok(body.trace.some((line) => line.includes('syntax.js')), body.trace.join('\n'));
  });

  it('reports Runtime.HandlerNotFound for a missing export and for a non-function', async () => {
    assert.deepEqual(
      (await initFailure('index.nope')).body.errorMessage, 'index.nope is undefined or not exported');
    assert.deepEqual((await initFailure('not-function.handler')).body.errorMessage, 'not-function.handler is not a function');
  });

  it('reports Runtime.MalformedHandlerName for ".." and for a handler without an export', async () => {
    const parent = await initFailure('../cjs/index.handler');
    assert.equal(parent.body.errorType, 'Runtime.MalformedHandlerName');
    assert.equal(parent.body.errorMessage,
      "'../cjs/index.handler' is not a valid handler name. Use absolute paths when specifying root directories in handler names.");
    const bare = await initFailure('index');
    assert.equal(bare.body.errorType, 'Runtime.MalformedHandlerName');
    assert.equal(bare.body.errorMessage, 'Bad handler');
  });

  it('reports an error thrown by module code at init with the error\'s own type', async () => {
    const { header, body, code } = await initFailure('init-throws.handler');
    assert.equal(body.errorType, 'RangeError');
    assert.equal(body.errorMessage, 'init failed');
    assert.equal(header, 'Runtime.Unknown');
    assert.equal(code, 129);
  });

  it('fails init of a callback-style handler on nodejs24.x with Runtime.CallbackHandlerDeprecated', async () => {
    const { body } = await initFailure('callback.handler', 'nodejs24.x');
    assert.equal(body.errorType, 'Runtime.CallbackHandlerDeprecated');
    assert.match(body.errorMessage, /removed support for callback-based function handlers starting with Node\.js 24/);
    // The same handler is fine on nodejs22.x.
    const env = await start('callback.handler', 'nodejs22.x');
    const outcome = await within(5000, env.invoke({ noWait: true }), 'nodejs22 callback');
    assert.equal(outcome.kind, 'response');
  });

  it('posts an uncaught exception as the invocation error and exits with 129', async () => {
    const env = await start('uncaught.handler');
    const outcome = await within(5000, env.invoke({}), 'uncaught');
    assert.equal(outcome.kind, 'error');
    const body = parseBody(outcome) as ErrorBody;
    assert.equal(body.errorType, 'Error');
    assert.equal(body.errorMessage, 'kaboom');
    assert.equal(await within(5000, env.exited, 'exit'), 129);
    assert.ok(env.lines.some((line) => line.includes('\tERROR\tUncaught Exception \t{"errorType":"Error","errorMessage":"kaboom"')));
  });

  it('posts an unhandled rejection as Runtime.UnhandledPromiseRejection and exits with 128', async () => {
    const env = await start('rejection.handler');
    const outcome = await within(5000, env.invoke({}), 'rejection');
    assert.equal(outcome.kind, 'error');
    const body = parseBody(outcome) as ErrorBody;
    assert.equal(body.errorType, 'Runtime.UnhandledPromiseRejection');
    assert.equal(body.errorMessage, 'Error: nope');
    assert.equal(outcome.kind === 'error' && outcome.errorType, 'Runtime.UnhandledPromiseRejection');
    assert.equal(await within(5000, env.exited, 'exit'), 128);
  });
});
