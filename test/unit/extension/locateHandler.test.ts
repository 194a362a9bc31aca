import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findExport, locateHandler, parseHandler } from '../../../src/handlers/locate';

describe('Open Handler: locating the exported handler', () => {
  it('splits handler strings at the first dot of the basename', () => {
    assert.deepEqual(parseHandler('app.handler'), { modulePath: 'app', exportName: 'handler' });
    assert.deepEqual(parseHandler('src/v1.2/app.handler'), { modulePath: 'src/v1.2/app', exportName: 'handler' });
    assert.deepEqual(parseHandler('index.nested.fn'), { modulePath: 'index', exportName: 'nested' });
    assert.equal(parseHandler('app'), undefined);
    assert.equal(parseHandler('app.'), undefined);
    assert.equal(parseHandler('.handler'), undefined);
  });

  const forms: [string, string, number, number][] = [
    ['export const', 'import x from "y";\n\nexport const handler = async () => {};', 2, 13],
    ['export let', 'export let handler = () => 1;', 0, 11],
    ['export async function', '// hi\nexport async function handler(event) {}', 1, 22],
    ['export function', 'export function handler() {}', 0, 16],
    ['exports.x =', 'const a = 1;\nexports.handler = async function () {};', 1, 8],
    ['module.exports.x =', 'module.exports.handler = (e, c, cb) => cb();', 0, 15],
    ['export { x }', 'const handler = () => 1;\nexport { other, handler };', 1, 16],
    ['export { y as x }', 'const main = () => 1;\nexport { main as handler };', 1, 17],
    ['module.exports = { x }', 'module.exports = { handler };', 0, 19],
    ['export { xs, x }', 'export { handlers, handler };', 0, 19],
  ];
  for (const [form, source, line, column] of forms) {
    it(`finds "${form}"`, () => assert.deepEqual(findExport(source, 'handler'), { line, column }));
  }

  it('does not mistake another export or a longer name for the handler', () => {
    assert.equal(findExport('export const handlerFactory = 1;\nexports.other = 2;\nfoo.exports.handler = 3;', 'handler'), undefined);
    assert.deepEqual(findExport('export const main$ = 1;', 'main$'), { line: 0, column: 13 });
  });

  describe('with files', () => {
    let root: string;
    beforeEach(() => {
      root = mkdtempSync(path.join(os.tmpdir(), 'lambkin-handler-'));
    });
    afterEach(() => rmSync(root, { recursive: true, force: true }));

    it('prefers the TypeScript source over built JavaScript', async () => {
      mkdirSync(path.join(root, 'src'));
      writeFileSync(path.join(root, 'src', 'app.js'), 'exports.handler = () => 1;');
      writeFileSync(path.join(root, 'src', 'app.ts'), '\n\nexport const handler = () => 1;');
      assert.deepEqual(await locateHandler(root, 'src/app.handler'), { file: path.join(root, 'src', 'app.ts'), line: 2, column: 13 });
    });

    it('finds .mjs and .cjs files', async () => {
      writeFileSync(path.join(root, 'index.mjs'), 'export async function handler() {}');
      writeFileSync(path.join(root, 'worker.cjs'), 'module.exports.run = () => 1;');
      assert.equal((await locateHandler(root, 'index.handler'))?.line, 0);
      assert.deepEqual(await locateHandler(root, 'worker.run'), { file: path.join(root, 'worker.cjs'), line: 0, column: 15 });
    });

    it('returns the file without a line when the export is missing, and nothing when the file is', async () => {
      writeFileSync(path.join(root, 'app.js'), 'exports.other = 1;');
      assert.deepEqual(await locateHandler(root, 'app.handler'), { file: path.join(root, 'app.js') });
      assert.equal(await locateHandler(root, 'missing.handler'), undefined);
      assert.equal(await locateHandler(root, 'nodot'), undefined);
    });
  });
});
