// The private /tmp folders of execution environments: created per environment, measured against
// EphemeralStorage, and removed when their Lambkin process is gone.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createPrivateTmp, folderBytes, removeOrphanedPrivateTmps, watchTmpSize } from '../../runtime/environments/private-tmp';

describe('private /tmp of execution environments', () => {
  let root: string;
  beforeEach(() => (root = mkdtempSync(path.join(os.tmpdir(), 'lambkin-private-tmp-'))));
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('measures a folder, subfolders included', async () => {
    const folder = createPrivateTmp(root);
    mkdirSync(path.join(folder, 'a', 'b'), { recursive: true });
    writeFileSync(path.join(folder, 'one'), Buffer.alloc(1000));
    writeFileSync(path.join(folder, 'a', 'b', 'two'), Buffer.alloc(24));
    assert.equal(await folderBytes(folder), 1024);
  });

  it('reports when the folder passes its limit, with what it holds', async () => {
    const folder = createPrivateTmp(root);
    writeFileSync(path.join(folder, 'at-the-limit'), Buffer.alloc(2048));
    writeFileSync(path.join(folder, 'past-it'), Buffer.alloc(10));
    const reported = await new Promise<number>((resolve) => watchTmpSize(folder, 2048, resolve, 20));
    assert.equal(reported, 2058);
  });

  it('removes the folders of Lambkin processes that are gone, and keeps those of live ones', () => {
    const gonePid = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    const gone = path.join(root, `${gonePid}-abc`);
    mkdirSync(gone);
    const mine = createPrivateTmp(root);
    removeOrphanedPrivateTmps(root);
    assert.equal(existsSync(gone), false);
    assert.equal(existsSync(mine), true);
  });
});
