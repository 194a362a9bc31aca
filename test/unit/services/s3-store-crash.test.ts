// A put killed at any point leaves the key as it was or as the put would have made it, once the store has
// recovered at the next start: never missing, never half-written, its record (ETag, content type, metadata)
// always the one of the bytes on disk. The commit runs in a child process killed with SIGKILL before each
// of its file-system changes in turn.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ObjectStore } from '../../../runtime/services/s3/store';

const CHILD = path.resolve(__dirname, '../../fixtures/s3-crash/commit-and-die.ts');
const md5 = (text: string) => createHash('md5').update(text).digest('hex');

/** Every file under `folder`, relative to it. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name))).sort();
}

describe('local S3 store: a put killed at any step', function () {
  this.timeout(120_000);
  const roots: string[] = [];
  after(() => {
    for (const root of roots) rmSync(root, { recursive: true, force: true });
  });

  it('is, after recovery, the old object or the new one with its own record, and leaves no temporary file', async () => {
    const v1 = 'version one';
    const v2 = 'version two, longer';
    const outcomes: string[] = [];
    for (let limit = 0; limit < 20; limit++) {
      const root = mkdtempSync(path.join(os.tmpdir(), 'lambkin-s3-crash-'));
      roots.push(root);
      const store = new ObjectStore(root);
      await store.createBucket('crash-bucket');
      const temp = await store.tempFile();
      writeFileSync(temp, v1);
      await store.commit('crash-bucket', 'k', temp, { contentType: 'text/v1', headers: {}, userMetadata: { version: '1' }, etag: md5(v1) });

      const child = spawnSync(process.execPath, ['-r', 'tsx/cjs', CHILD, root, String(limit), v2, md5(v2)], { encoding: 'utf8' });
      const killed = child.signal === 'SIGKILL';
      assert.ok(killed || child.status === 0, `the child failed: ${child.stderr}`);

      const restarted = new ObjectStore(root);
      restarted.recover();
      const object = await restarted.head('crash-bucket', 'k');
      assert.ok(object, `killed before change ${limit}: the key is missing`);
      const bytes = readFileSync(object.file, 'utf8');
      const version = bytes === v1 ? '1' : bytes === v2 ? '2' : `neither (${bytes})`;
      assert.deepEqual(
        { etag: object.etag, contentType: object.contentType, userMetadata: object.userMetadata },
        { etag: md5(bytes), contentType: `text/v${version}`, userMetadata: { version } },
        `killed before change ${limit}: the record is not the one of the bytes (version ${version})`,
      );
      const left = filesUnder(path.join(root, 'crash-bucket')).filter((file) => file !== 'k' && file !== path.join('%meta', 'k%.json') && file !== '%bucket.json');
      assert.deepEqual(left, [], `killed before change ${limit}: files left over`);
      assert.deepEqual(filesUnder(root).filter((file) => file.startsWith('%tmp')), [], `killed before change ${limit}: temporary bodies left over`);
      outcomes.push(killed ? `killed before change ${limit}: version ${version}` : `not killed: version ${version}`);
      if (!killed) break;
    }
    // Both sides of the commit point were reached, and the last run got through.
    assert.ok(outcomes.some((outcome) => outcome.endsWith('version 1')) && outcomes.some((outcome) => outcome.startsWith('killed') && outcome.endsWith('version 2')), outcomes.join('\n'));
    assert.match(outcomes.at(-1)!, /^not killed: version 2$/, outcomes.join('\n'));
  });
});
