// `lambkin sdk`: the AWS SDK for JavaScript v3 Lambkin provides to handlers (as Lambda's Node.js runtimes do).
import { existsSync } from 'node:fs';
import { cachedEsbuildLocation, esbuildApi, esbuildPlatformPackage, EsbuildUnavailableError, ensureEsbuildBinary, installedEsbuildBinary } from '../../esbuild/provision';
import { ensureNode } from '../../node-versions/provision';
import { ensureHandlerSdk, handlerSdkInfo } from '../../sdk/provision';
import { parse, UsageError } from '../options';

export const SDK_HELP = `Usage: lambkin sdk <info|install> [--node MAJOR,…]

  info      Which version handlers get, where it is installed, and whether it is installed yet
  install   Install it now (otherwise the first cold start of a nodejs function does), and esbuild's binary
            for TypeScript handlers when this installation lacks it (a .vsix ships none; otherwise the first
            TypeScript build fetches it): useful before going offline, and in CI jobs
  --node    With install: also install the Node.js majors given (e.g. 18,22,24) that nodejsNN.x functions
            run on, which the first cold start of such a function would otherwise install

Handlers can require or import @aws-sdk/* clients (and lib-dynamodb, lib-storage, s3-request-presigner)
without installing them; a copy in the function's own node_modules wins, as on Lambda. The set is pinned in
Lambkin (runtime/sdk/handler-sdk/) and installed once per machine from the npm registry into the user's
cache folder (LAMBKIN_CACHE_DIR overrides it).`;

export async function sdkCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { help: { type: 'boolean', short: 'h' }, node: { type: 'string' } }, true);
  if (values.help || positionals.length === 0) {
    console.log(SDK_HELP);
    return values.help ? 0 : 2;
  }
  const info = handlerSdkInfo();
  if (!info) throw new UsageError('This Lambkin installation lacks its pinned SDK manifest (runtime/sdk/handler-sdk): reinstall Lambkin.');
  const [action] = positionals;
  if (action === 'info') {
    console.log(`AWS SDK for JavaScript v3 ${info.version}`);
    console.log(`  folder     ${info.folder}`);
    console.log(`  installed  ${existsSync(info.modules) ? 'yes' : 'no (installs at the first cold start, or with lambkin sdk install)'}`);
    console.log(esbuildStatus());
    return 0;
  }
  if (action !== 'install') throw new UsageError(`Unknown action "${action}": use info or install.`);
  const majors = (values.node ?? '').split(',').filter((part) => part.trim() !== '').map((part) => {
    const major = Number(part.trim());
    if (!Number.isInteger(major) || major < 18) throw new UsageError(`--node ${values.node}: give Node.js majors separated by commas, e.g. --node 22,24.`);
    return major;
  });
  let failed = false;
  const modules = await ensureHandlerSdk((state, message) => {
    if (state === 'failed') failed = true;
    (state === 'failed' ? process.stderr : process.stdout).write(`${message}\n`);
  }, info);
  if (modules && !failed) console.log(`Ready: ${modules}`);
  const esbuildReady = await prefetchEsbuild();
  let nodesReady = true;
  for (const major of majors) {
    const executable = await ensureNode(major, (state, message) => (state === 'failed' ? process.stderr : process.stdout).write(`${message}\n`));
    if (executable) console.log(`Node.js ${major}: ${executable}`);
    else nodesReady = false;
  }
  return modules && nodesReady && esbuildReady ? 0 : 1;
}

function esbuildStatus(): string {
  const api = esbuildApi();
  const installed = installedEsbuildBinary(api.main);
  const platformPackage = esbuildPlatformPackage();
  let where = 'none published for this platform';
  if (installed) where = `${installed} (installed with Lambkin)`;
  else if (platformPackage) {
    const cached = cachedEsbuildLocation(api.version, platformPackage.name, platformPackage.subpath);
    where = existsSync(cached.executable) ? cached.executable : `not yet (fetched into ${cached.folder} by the first TypeScript build, or by lambkin sdk install)`;
  }
  return `esbuild ${api.version}, which compiles TypeScript handlers\n  binary     ${where}`;
}

/** esbuild's binary for TypeScript handlers, fetched into the cache unless npm installed it with Lambkin. */
async function prefetchEsbuild(): Promise<boolean> {
  try {
    const binary = await ensureEsbuildBinary({ progress: (state, message) => (state === 'failed' ? process.stderr : process.stdout).write(`${message}\n`) });
    console.log(`esbuild ${binary.version} (TypeScript handlers): ${binary.source === 'installed' ? `installed with Lambkin, ${binary.path}` : binary.path}`);
    return true;
  } catch (error) {
    // The message was written as progress.
    if (error instanceof EsbuildUnavailableError) return false;
    throw error;
  }
}
