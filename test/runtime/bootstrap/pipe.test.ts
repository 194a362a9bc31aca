import assert from 'node:assert/strict';
import http from 'node:http';
import path from 'node:path';
import { MAX_RESPONSE_BYTES } from '../../../runtime/runtime-api/server';
import { useBootstrap, FIXTURES, parseBody, within } from './harness';

const CJS = path.join(FIXTURES, 'cjs');

/** GET /next over HTTP, as a second runtime in the same environment would: its status and error type. */
function httpNext(address: string): Promise<{ status: number; errorType?: string }> {
  return new Promise((resolve, reject) => {
    http.get(`http://${address}/2018-06-01/runtime/invocation/next`, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, errorType: (JSON.parse(Buffer.concat(chunks).toString() || '{}') as { errorType?: string }).errorType }));
    }).on('error', reject);
  });
}

describe('node bootstrap: the runtime pipe', function () {
  const suite = useBootstrap();

  it('serves invocations over the pipe alone (the HTTP address unreachable) and keeps waiting between them', async () => {
    const env = await suite.start({ codeRoot: CJS, handler: 'index.handler', road: 'pipe', env: { AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9' } });
    await within(10_000, env.ready, 'init');
    assert.deepEqual(parseBody(await within(5000, env.invoke({ n: 1 }), 'first invoke')), { echo: { n: 1 }, invocations: 1 });
    // Nothing of the handler's is pending now: only the wait for the next event keeps the process alive.
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(env.child.exitCode, null, env.stderr);
    assert.deepEqual(parseBody(await within(5000, env.invoke({ n: 2 }), 'second invoke')), { echo: { n: 2 }, invocations: 2 });
  });

  it('hides the pipe from the handler', async () => {
    const env = await suite.start({ codeRoot: CJS, handler: 'pipe.handler', road: 'pipe' });
    assert.deepEqual(parseBody(await within(10_000, env.invoke({}), 'invoke')), { pipeVariable: null, body: '' });
  });

  it('refuses a response over 6 MB as the HTTP road does, and goes on serving', async () => {
    const env = await suite.start({ codeRoot: CJS, handler: 'pipe.handler', road: 'pipe' });
    assert.deepEqual(await within(20_000, env.invoke({ size: MAX_RESPONSE_BYTES }), 'large invoke'), { kind: 'too-large' });
    assert.deepEqual(parseBody(await within(5000, env.invoke({ size: 3 }), 'next invoke')), { pipeVariable: null, body: 'xxx' });
  });

  it('shares one state machine with the HTTP API: a second /next while the pipe waits is refused', async () => {
    const env = await suite.start({ codeRoot: CJS, handler: 'index.handler', road: 'pipe' });
    await within(10_000, env.ready, 'init');
    assert.deepEqual(await httpNext(env.server.address), { status: 403, errorType: 'InvalidStateTransition' });
    assert.deepEqual(parseBody(await within(5000, env.invoke({ n: 1 }), 'invoke')), { echo: { n: 1 }, invocations: 1 });
  });
});
