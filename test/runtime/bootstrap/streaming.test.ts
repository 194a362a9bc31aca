import assert from 'node:assert/strict';
import path from 'node:path';
import { useBootstrap, FIXTURES, TestEnvironment, within } from './harness';

const CJS = path.join(FIXTURES, 'cjs');

describe('node bootstrap: response streaming', function () {
  const suite = useBootstrap();

  async function start(handler: string, runtime?: string): Promise<TestEnvironment> {
    return suite.start({ codeRoot: CJS, handler, ...(runtime ? { runtime } : {}) });
  }

  it('streams an HttpResponseStream: JSON prelude, 8 NUL bytes, then the body', async () => {
    const env = await start('streaming.http');
    const chunks: Buffer[] = [];
    let startedWith: string | undefined;
    const outcome = await within(5000, env.invoke({}, {}, {
      onStart: (contentType) => { startedWith = contentType; },
      onChunk: (chunk) => chunks.push(chunk),
    }), 'stream');
    assert.equal(outcome.kind, 'response');
    if (outcome.kind !== 'response') return;
    assert.equal(outcome.streamed, true);
    assert.equal(startedWith, 'application/vnd.awslambda.http-integration-response');
    const payload = outcome.payload;
    const delimiter = payload.indexOf(Buffer.alloc(8));
    assert.ok(delimiter > 0, 'has the NUL delimiter');
    assert.deepEqual(JSON.parse(payload.subarray(0, delimiter).toString()),
      { statusCode: 201, headers: { 'x-fixture': 'yes' }, cookies: ['a=b'] });
    assert.equal(payload.subarray(delimiter + 8).toString(), 'hello world');
    assert.ok(chunks.length >= 2, 'arrived in more than one chunk');
  });

  it('streams plain octet-stream bodies, including end(chunk), and serves the next invoke', async () => {
    const env = await start('streaming.plain');
    for (const attempt of [1, 2]) {
      const outcome = await within(5000, env.invoke({}), `plain ${attempt}`);
      assert.equal(outcome.kind === 'response' && outcome.contentType, 'application/octet-stream');
      assert.equal(outcome.kind === 'response' && outcome.payload.toString(), 'chunk-1,chunk-2');
    }
  });

  it('reports a mid-stream failure through the error trailers', async () => {
    for (const runtime of ['nodejs22.x', 'nodejs24.x']) {
      const env = await start('streaming.failing', runtime);
      const outcome = await within(5000, env.invoke({}), `failing on ${runtime}`);
      assert.equal(outcome.kind, 'error');
      if (outcome.kind !== 'error') return;
      const body = JSON.parse(outcome.payload.toString()) as { errorType: string; errorMessage: string; trace: string[] };
      assert.equal(body.errorType, 'Error');
      assert.equal(body.errorMessage, 'mid-stream failure');
      assert.ok(body.trace.length > 1);
    }
  });
});
