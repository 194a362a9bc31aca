import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkNode, NodeCheckError, parseNodeMajor } from '../../../src/runtime/nodeCheck';

describe('checking lambkin.nodePath', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'lambkin-node-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  function fakeNode(name: string, output: string): string {
    const file = path.join(dir, name);
    writeFileSync(file, `#!/bin/sh\necho '${output}'\n`);
    chmodSync(file, 0o755);
    return file;
  }

  async function problemOf(nodePath: string): Promise<[string, string]> {
    try {
      await checkNode(nodePath);
    } catch (error) {
      assert.ok(error instanceof NodeCheckError);
      return [error.problem, error.message];
    }
    throw new Error('expected a NodeCheckError');
  }

  it('parses version output', () => {
    assert.equal(parseNodeMajor('v20.11.1\n'), 20);
    assert.equal(parseNodeMajor('22.3.0'), 22);
    assert.equal(parseNodeMajor('Python 3.12.1'), undefined);
  });

  it('accepts the Node.js running the tests', async () => {
    assert.equal(await checkNode(process.execPath), process.version);
  });

  it('says when the executable is missing', async () => {
    const [problem, message] = await problemOf(path.join(dir, 'nope'));
    assert.equal(problem, 'missing');
    assert.match(message, /Node\.js was not found at ".*nope"\. Install Node\.js 20 or later, or set "lambkin\.nodePath"/);
  });

  it('says when Node.js is too old', async () => {
    const [problem, message] = await problemOf(fakeNode('old-node', 'v18.19.0'));
    assert.equal(problem, 'too-old');
    assert.match(message, /needs Node\.js 20 or later, but ".*old-node" is v18\.19\.0/);
  });

  it('says when the executable is not Node.js', async () => {
    assert.equal((await problemOf(fakeNode('python', 'Python 3.12.1')))[0], 'unusable');
  });
});
