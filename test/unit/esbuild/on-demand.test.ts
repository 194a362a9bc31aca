// When a runtime fetches esbuild's binary: before the first invocation of a TypeScript function (outside its
// INIT), never for JavaScript ones, once; after a failure, builds get that failure until the next invocation
// tries again.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EsbuildOnDemand } from '../../../runtime/esbuild/on-demand';
import { EsbuildUnavailableError } from '../../../runtime/esbuild/provision';
import type { FunctionConfig } from '../../../runtime/template/model';

type EsbuildApi = typeof import('esbuild');

function fn(codeRoot: string, handler: string): FunctionConfig {
  return {
    logicalId: handler, name: handler, templatePath: path.join(codeRoot, 'template.yaml'), location: { file: path.join(codeRoot, 'template.yaml'), line: 1, column: 1 },
    resourceType: 'AWS::Serverless::Function', codeRoot, handler, runtime: 'nodejs22.x', memorySize: 128, timeout: 3,
    architecture: 'x86_64', ephemeralStorage: 512, environment: {}, loggingConfig: { logFormat: 'Text' }, events: [],
  };
}

describe('esbuild on demand', () => {
  let root: string;
  let ts: FunctionConfig;
  let js: FunctionConfig;
  const api = { version: 'stand-in' } as unknown as EsbuildApi;

  before(() => {
    root = mkdtempSync(path.join(os.tmpdir(), 'lambkin-esbuild-on-demand-'));
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, 'src', 'typed.ts'), 'export const handler = async () => 1;\n');
    writeFileSync(path.join(root, 'src', 'plain.js'), 'exports.handler = async () => 1;\n');
    ts = fn(root, 'src/typed.handler');
    js = fn(root, 'src/plain.handler');
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('fetches before the first invocation of a TypeScript function, once, and never for JavaScript ones', async () => {
    let calls = 0;
    const onDemand = new EsbuildOnDemand(() => undefined, async () => {
      calls += 1;
      return api;
    });
    await onDemand.prepare(js);
    await onDemand.prepare(js);
    assert.equal(calls, 0, 'a JavaScript handler needs no compiler');
    await onDemand.prepare(ts);
    assert.equal(calls, 1, 'fetched before the TypeScript function\'s environment starts');
    assert.equal(await onDemand.load(), api, 'the build uses what was fetched');
    await onDemand.prepare(ts);
    assert.equal(calls, 1);
  });

  it('after a failure, builds get it without trying again until the next invocation of a TypeScript function', async () => {
    let calls = 0;
    let online = false;
    const onDemand = new EsbuildOnDemand(() => undefined, async () => {
      calls += 1;
      if (!online) throw new EsbuildUnavailableError('offline');
      return api;
    });
    await onDemand.prepare(ts);
    assert.equal(calls, 1);
    await assert.rejects(onDemand.load(), EsbuildUnavailableError);
    assert.equal(calls, 1, 'the launch reports the failure of the attempt just made, not a second download');
    await onDemand.prepare(js);
    assert.equal(calls, 1);
    online = true;
    await onDemand.prepare(ts);
    assert.equal(calls, 2, 'the next invocation tries again');
    assert.equal(await onDemand.load(), api);
  });

  it('a build that comes first (no invocation before it) fetches too', async () => {
    let calls = 0;
    const onDemand = new EsbuildOnDemand(() => undefined, async () => {
      calls += 1;
      return api;
    });
    assert.equal(await onDemand.load(), api);
    await onDemand.prepare(ts);
    assert.equal(calls, 1);
  });
});
