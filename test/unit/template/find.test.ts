import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findTemplates } from '../../../runtime/template/index';

describe('template reader: findTemplates', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambkin-find-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function touch(...parts: string[]): string {
    const file = path.join(dir, ...parts);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, 'Resources: {}\n');
    return file;
  }

  it('finds templates at the folder, then one level down, skipping build output and dependencies', async () => {
    const root = touch('template.yaml');
    const rootJson = touch('template.json');
    const api = touch('api', 'template.yml');
    const backend = touch('backend', 'template.yaml');
    touch('.aws-sam', 'template.yaml');
    touch('node_modules', 'template.yaml');
    touch('deep', 'er', 'template.yaml');
    touch('other', 'stack.yaml');
    fs.mkdirSync(path.join(dir, 'folder-named', 'template.yaml'), { recursive: true });
    assert.deepEqual(await findTemplates(dir), [root, rootJson, api, backend]);
  });

  it('returns nothing for a folder without templates or that does not exist', async () => {
    assert.deepEqual(await findTemplates(dir), []);
    assert.deepEqual(await findTemplates(path.join(dir, 'missing')), []);
  });
});
