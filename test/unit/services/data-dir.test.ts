// The local services' data folder: ignored by git, one folder per service, reset without losing the lock,
// and held by one runtime at a time.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataDir, DataDirInUseError } from '../../../runtime/services/data-dir';

describe('local data folder', () => {
  let tmp: string;
  beforeEach(() => { tmp = mkdtempSync(path.join(os.tmpdir(), 'lambkin-datadir-')); });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  it('lives in .lambkin/data/ beside the template and ignores itself in git', () => {
    const dir = DataDir.forTemplate(path.join(tmp, 'template.yaml'));
    assert.equal(dir.root, path.join(tmp, '.lambkin', 'data'));
    assert.equal(readFileSync(path.join(dir.root, '.gitignore'), 'utf8'), '*\n');
    assert.equal(dir.service('s3'), path.join(dir.root, 's3'));
    assert.ok(existsSync(path.join(dir.root, 's3')));
  });

  it('resets one part or everything, keeping .gitignore and the lock', () => {
    const dir = DataDir.at(path.join(tmp, 'data'));
    dir.lock('http://127.0.0.1:4566');
    mkdirSync(path.join(dir.service('s3'), 'photos'), { recursive: true });
    writeFileSync(path.join(dir.service('s3'), 'photos', 'a.jpg'), 'x');
    writeFileSync(path.join(dir.service('sqs'), 'queue.json'), '{}');
    dir.reset('s3/photos');
    assert.ok(!existsSync(path.join(dir.root, 's3', 'photos')));
    assert.ok(existsSync(path.join(dir.root, 'sqs', 'queue.json')));
    dir.reset();
    assert.ok(!existsSync(path.join(dir.root, 'sqs')));
    assert.ok(existsSync(path.join(dir.root, '.gitignore')));
    assert.ok(existsSync(path.join(dir.root, 'lambkin.lock')));
    dir.dispose();
    assert.ok(!existsSync(path.join(dir.root, 'lambkin.lock')));
  });

  it('refuses a folder a live runtime holds, and takes over one whose holder is gone', async () => {
    const folder = path.join(tmp, 'data');
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' });
    writeFileSync(path.join(DataDir.at(folder).root, 'lambkin.lock'), JSON.stringify({ pid: holder.pid, awsEndpoint: 'http://127.0.0.1:4567' }));
    try {
      assert.throws(() => DataDir.at(folder).lock('http://127.0.0.1:4566'), (error: unknown) => error instanceof DataDirInUseError && /pid \d+, AWS endpoint http:\/\/127\.0\.0\.1:4567\).*--data-dir DIR or --ephemeral/.test(error.message));
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    const dir = DataDir.at(folder);
    dir.lock('http://127.0.0.1:4566');
    assert.equal(JSON.parse(readFileSync(path.join(folder, 'lambkin.lock'), 'utf8')).pid, process.pid);
    dir.dispose();
  });

  it('removes an ephemeral folder when disposed', () => {
    const dir = DataDir.ephemeral();
    writeFileSync(path.join(dir.service('s3'), 'x'), 'x');
    dir.dispose();
    assert.ok(!existsSync(dir.root));
  });
});
