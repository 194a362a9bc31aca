// The example catalog against the examples/ folder, each example's template and README, copying one
// (Open Example… and `lambkin examples copy`), and the CLI. Needs no local AWS service.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { copyExample, EXAMPLES, findExamplesFolder } from '../../../runtime/examples/catalog';
import { loadTemplate } from '../../../runtime/template';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES_FOLDER = path.join(ROOT, 'examples');
const run = promisify(execFile);

describe('example apps: catalog, templates, READMEs, copying and the CLI', () => {
  let scratch: string;
  beforeEach(() => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'lambkin-catalog-'));
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  it('lists exactly the folders of examples/, and finds that folder from the code', () => {
    const folders = readdirSync(EXAMPLES_FOLDER, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    assert.deepEqual(EXAMPLES.map((example) => example.name).sort(), folders);
    assert.equal(findExamplesFolder(path.join(ROOT, 'dist', 'runtime')), EXAMPLES_FOLDER);
  });

  for (const example of EXAMPLES) {
    it(`${example.name}: its template loads without problems and its README tells the story`, async () => {
      const parsed = await loadTemplate(path.join(EXAMPLES_FOLDER, example.name, 'template.yaml'));
      assert.deepEqual(parsed.problems.filter((problem) => problem.severity === 'error').map((problem) => `${problem.location.line}: ${problem.message}`), []);
      assert.ok(parsed.functions.length > 0);
      if (example.name === 'hello-app') return;
      const readme = readFileSync(path.join(EXAMPLES_FOLDER, example.name, 'README.md'), 'utf8');
      for (const heading of ['## Run it', '## Try', '## What it would cost on Lambda', '## Deploy']) assert.ok(readme.includes(heading), `README lacks ${heading}`);
      const manifest = JSON.parse(readFileSync(path.join(EXAMPLES_FOLDER, example.name, 'src', 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
      assert.equal(Object.keys(manifest.dependencies ?? {}).length > 0, example.needsInstall, 'needsInstall says whether it has run-time dependencies');
      assert.ok(existsSync(path.join(EXAMPLES_FOLDER, example.name, 'src', 'package-lock.json')), 'its dependencies are locked');
      for (const fn of parsed.functions) assert.match(fn.runtime, /^nodejs2\d\.x$/);
    });
  }

  it('copies an example without installed packages or local data, and beside an earlier copy as NAME-2', async () => {
    const empty = mkdtempSync(path.join(scratch, 'examples-'));
    const target = path.join(scratch, 'projects');
    const first = await copyExample(EXAMPLES_FOLDER, 'rest-api', target);
    const second = await copyExample(EXAMPLES_FOLDER, 'rest-api', target);
    assert.deepEqual([first, second], [path.join(target, 'rest-api'), path.join(target, 'rest-api-2')]);
    assert.deepEqual(readdirSync(target).sort(), ['rest-api', 'rest-api-2'], 'no temporary folder is left');
    assert.ok(existsSync(path.join(first, 'src', 'items.ts')));
    await assert.rejects(copyExample(EXAMPLES_FOLDER, 'no-such-app', target), /no example called "no-such-app".*rest-api/);
    await assert.rejects(copyExample(empty, 'chatbot', target), /chatbot example is missing/);
  });

  it('leaves node_modules and .lambkin out of a copy', async () => {
    // A copy of the real examples/ folder with packages installed and data written into one example.
    const examples = path.join(scratch, 'examples');
    mkdirSync(examples);
    await copyExample(EXAMPLES_FOLDER, 'chatbot', examples);
    mkdirSync(path.join(examples, 'chatbot', 'src', 'node_modules', 'some-package'), { recursive: true });
    mkdirSync(path.join(examples, 'chatbot', '.lambkin', 'data'), { recursive: true });
    const copied = await copyExample(examples, 'chatbot', path.join(scratch, 'mine'));
    assert.ok(existsSync(path.join(copied, 'src', 'connect.ts')));
    assert.ok(!existsSync(path.join(copied, 'src', 'node_modules')));
    assert.ok(!existsSync(path.join(copied, '.lambkin')));
  });

  it('lambkin examples lists them; lambkin examples copy copies one and says what to run next', async () => {
    const cli = path.join(ROOT, 'bin', 'lambkin.js');
    const listed = await run(process.execPath, [cli, 'examples']);
    assert.deepEqual(listed.stdout.trim().split('\n').map((line) => line.split(/\s+/)[0]), EXAMPLES.map((example) => example.name));
    const copied = await run(process.execPath, [cli, 'examples', 'copy', 'image-thumbnails', scratch], { cwd: scratch });
    assert.ok(existsSync(path.join(scratch, 'image-thumbnails', 'template.yaml')));
    assert.match(copied.stdout, /Next: cd image-thumbnails && npm install --prefix src && lambkin start/);
    await assert.rejects(run(process.execPath, [cli, 'examples', 'copy', 'nope']), (error: { code: number; stderr: string }) => error.code === 2 && /no example called "nope"/.test(error.stderr));
  });
});
