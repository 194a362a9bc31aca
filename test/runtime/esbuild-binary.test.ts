// esbuild's binary fetched on first use, as a .vsix (which ships esbuild's API without it) needs: from the real
// npm registry into a temporary Lambkin cache, checked against the hash pinned from package-lock.json; a wrong
// hash refused; offline, a TypeScript build fails saying what to do while JavaScript handlers run. Each test
// uses an npm cache of its own, so what is checked is the registry's tarball, not a copy npm kept.
import '../support/fresh-dist'; // runs dist/: built from the sources first
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureEsbuildBinary, esbuildApi, esbuildPlatformPackage, EsbuildUnavailableError, type EsbuildPins } from '../../runtime/esbuild/provision';

const ROOT = path.resolve(__dirname, '../..');
// Nothing listens on port 9 (discard): every request to this registry is refused at once, as offline.
const UNREACHABLE_REGISTRY = 'http://127.0.0.1:9/';

/** npm's environment for one test: this process's without an outer npm's settings, with its own npm cache. */
function npmEnv(npmCache: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, npm_config_cache: npmCache, ...extra };
}

function pins(): EsbuildPins {
  return JSON.parse(readFileSync(path.join(ROOT, 'dist', 'runtime', 'esbuild-binaries.json'), 'utf8')) as EsbuildPins;
}

describe('esbuild\'s binary, fetched on first use', function () {
  // A 5 MB download from the npm registry, on a loaded machine.
  this.timeout(180_000);
  const platformPackage = esbuildPlatformPackage();
  let scratch: string;
  let npmCache: string;
  let lambkinCache: string;

  before(function () {
    if (!platformPackage) this.skip();
    scratch = mkdtempSync(path.join(os.tmpdir(), 'lambkin-esbuild-'));
    npmCache = path.join(scratch, 'npm-cache');
    lambkinCache = path.join(scratch, 'lambkin-cache');
  });
  after(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('fetches this platform\'s binary of esbuild\'s exact version from the npm registry into the cache, once', async () => {
    const progress: string[] = [];
    const fetched = await ensureEsbuildBinary({ cacheDir: lambkinCache, npmEnv: npmEnv(npmCache), ignoreInstalled: true, progress: (state, message) => progress.push(`${state}: ${message}`) });
    assert.equal(fetched.source, 'fetched');
    assert.ok(fetched.path.startsWith(lambkinCache), fetched.path);
    assert.equal(fetched.version, esbuildApi().version);
    const version = spawnSync(fetched.path, ['--version'], { encoding: 'utf8' });
    assert.equal(version.stdout.trim(), esbuildApi().version, 'the binary is the version of the esbuild API Lambkin loads');
    assert.equal(progress.length, 2, progress.join('\n'));
    assert.match(progress[0], new RegExp(`^started: Fetching esbuild's binary .*${platformPackage!.name.replace('/', '\\/')}@${esbuildApi().version}`));
    assert.match(progress[1], /^finished: /);

    const again = await ensureEsbuildBinary({ cacheDir: lambkinCache, npmEnv: npmEnv(npmCache, { npm_config_registry: UNREACHABLE_REGISTRY }), ignoreInstalled: true, progress: (state, message) => progress.push(`${state}: ${message}`) });
    assert.deepEqual(again, { ...fetched, source: 'cache' });
    assert.equal(progress.length, 2, 'nothing to fetch the second time');
  });

  it('uses the binary npm installed beside esbuild (a checkout, the CLI package) without fetching', async () => {
    const binary = await ensureEsbuildBinary({ cacheDir: path.join(scratch, 'unused-cache'), npmEnv: npmEnv(npmCache, { npm_config_registry: UNREACHABLE_REGISTRY }) });
    assert.equal(binary.source, 'installed');
    assert.ok(binary.path.startsWith(path.join(ROOT, 'node_modules')), binary.path);
    assert.ok(!existsSync(path.join(scratch, 'unused-cache')));
  });

  it('refuses a tarball whose hash is not the one pinned, and keeps nothing of it', async () => {
    const pinned = pins();
    const hash = pinned.integrity[platformPackage!.name];
    assert.ok(hash, `${platformPackage!.name} is pinned`);
    // One base64 digit changed: the registry's real tarball no longer matches.
    const wrong = `${hash.slice(0, 10)}${hash[10] === 'A' ? 'B' : 'A'}${hash.slice(11)}`;
    const cacheDir = path.join(scratch, 'integrity-cache');
    const failures: string[] = [];
    await assert.rejects(
      ensureEsbuildBinary({ cacheDir, npmEnv: npmEnv(path.join(scratch, 'npm-cache-integrity')), ignoreInstalled: true, pins: { ...pinned, integrity: { ...pinned.integrity, [platformPackage!.name]: wrong } }, progress: (state, message) => state === 'failed' && failures.push(message) }),
      (error: Error) => error instanceof EsbuildUnavailableError && /EINTEGRITY/.test(error.message),
    );
    assert.equal(failures.length, 1);
    assert.deepEqual(readdirSync(path.join(cacheDir, 'esbuild')), [], 'no binary, no staging folder, no lock left behind');
  });

  it('offline, fails within seconds saying what to do', async () => {
    const started = Date.now();
    await assert.rejects(
      ensureEsbuildBinary({ cacheDir: path.join(scratch, 'offline-cache'), npmEnv: npmEnv(path.join(scratch, 'npm-cache-offline'), { npm_config_registry: UNREACHABLE_REGISTRY }), ignoreInstalled: true }),
      (error: Error) => {
        assert.ok(error instanceof EsbuildUnavailableError, String(error));
        assert.match(error.message, /ECONNREFUSED/);
        assert.match(error.message, /Go online once/);
        assert.match(error.message, /lambkin sdk install/);
        assert.match(error.message, /JavaScript handlers are not affected/);
        return true;
      },
    );
    assert.ok(Date.now() - started < 60_000, `${Date.now() - started} ms`);
  });

  describe('in a package that ships esbuild without its binary (as a .vsix)', () => {
    let stage: string;
    let app: string;

    before(() => {
      // dist/ and esbuild's API alone under a folder with no node_modules above it: the .vsix's layout.
      stage = path.join(scratch, 'package');
      cpSync(path.join(ROOT, 'dist'), path.join(stage, 'dist'), { recursive: true });
      for (const entry of ['package.json', 'lib']) cpSync(path.join(ROOT, 'node_modules', 'esbuild', entry), path.join(stage, 'node_modules', 'esbuild', entry), { recursive: true });
      app = path.join(scratch, 'app');
      mkdirSync(path.join(app, 'ts'), { recursive: true });
      mkdirSync(path.join(app, 'js'), { recursive: true });
      writeFileSync(path.join(app, 'template.yaml'), `Transform: AWS::Serverless-2016-10-31
Globals:
  Function: { Runtime: nodejs20.x, Timeout: 30 }
Resources:
  TsFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ts/, Handler: app.handler }
  JsFunction:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: js/, Handler: index.handler }
`);
      writeFileSync(path.join(app, 'ts', 'app.ts'), 'export const handler = async (event: { name: string }): Promise<string> => `typed ${event.name}`;\n');
      writeFileSync(path.join(app, 'js', 'index.js'), 'exports.handler = async (event) => `plain ${event.name}`;\n');
      writeFileSync(path.join(app, 'event.json'), '{"name":"lamb"}\n');
    });

    function invoke(name: string, cacheDir: string, env: NodeJS.ProcessEnv) {
      return spawnSync(process.execPath, [path.join(stage, 'dist', 'runtime', 'cli.js'), 'invoke', name, '--template', path.join(app, 'template.yaml'), '--event', path.join(app, 'event.json'), '--node', process.execPath, '--no-sdk'], {
        cwd: app, encoding: 'utf8', timeout: 120_000, env: { ...env, LAMBKIN_CACHE_DIR: cacheDir },
      });
    }

    it('offline: the TypeScript handler fails with what to do, the JavaScript one runs', () => {
      const cacheDir = path.join(scratch, 'staged-offline-cache');
      const env = npmEnv(path.join(scratch, 'npm-cache-staged-offline'), { npm_config_registry: UNREACHABLE_REGISTRY });
      const ts = invoke('TsFunction', cacheDir, env);
      assert.equal(ts.status, 1, `${ts.stdout}${ts.stderr}`);
      assert.match(`${ts.stdout}${ts.stderr}`, /Lambkin\.CompilerUnavailable/);
      assert.match(`${ts.stdout}${ts.stderr}`, /Go online once .*or run "lambkin sdk install" while online/);
      const js = invoke('JsFunction', cacheDir, env);
      assert.equal(js.status, 0, `${js.stdout}${js.stderr}`);
      assert.equal(JSON.parse(js.stdout), 'plain lamb');
    });

    it('online: the first TypeScript build fetches the binary, saying so, and compiles with it', () => {
      // The npm cache the first test filled holds the registry's tarball: npm checks it against the pin again.
      const ts = invoke('TsFunction', path.join(scratch, 'staged-online-cache'), npmEnv(npmCache));
      assert.equal(ts.status, 0, `${ts.stdout}${ts.stderr}`);
      assert.equal(JSON.parse(ts.stdout), 'typed lamb');
      assert.match(ts.stderr, /lambkin: Fetching esbuild's binary .*first use only/);
      assert.match(ts.stderr, /lambkin: Fetched esbuild's binary/);
    });
  });
});
