// Opens Lambkin in a browser-based VS Code (code-server) on this machine: installs code-server
// and Node 24 into .cache/vscode/ on first use, builds the extension, and serves a workbench with
// the extension loaded in development mode on examples/hello-app. Ctrl-C stops everything.
//   node scripts/code-server.mjs [folder]
// LAMBKIN_CODE_SERVER_PORT picks the port (default: a free one). Rebuild with `npm run build`
// (or keep `npm run watch` running) and reload the window to pick up changes.
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildExtension } from '../test/vscode/harness/build.mjs';
import { ensureInstalled, repoRoot } from '../test/vscode/harness/install.mjs';
import { startCodeServer, workbenchUrl } from '../test/vscode/harness/server.mjs';

function resolveFolder() {
  const folder = path.resolve(process.argv[2] ?? path.join(repoRoot, 'examples', 'hello-app'));
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new Error(`folder ${folder} does not exist; pass an existing folder: node scripts/code-server.mjs <folder>`);
  }
  return folder;
}

function resolvePort() {
  const raw = process.env.LAMBKIN_CODE_SERVER_PORT ?? '0';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`LAMBKIN_CODE_SERVER_PORT=${raw} is not a port number (0-65535; 0 picks a free one)`);
  }
  return port;
}

async function main() {
  const folder = resolveFolder();
  const port = resolvePort();
  const tools = await ensureInstalled();
  await buildExtension();
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), 'lambkin-code-server-'));
  const logFile = path.join(scratchDir, 'code-server.log');
  let server;
  try {
    server = await startCodeServer({
      node: tools.node,
      codeServerEntry: tools.codeServerEntry,
      scratchDir,
      logFile,
      port,
    });
  } catch (error) {
    rmSync(scratchDir, { recursive: true, force: true });
    throw error;
  }
  console.log(`code-server is serving Lambkin (development mode) on ${folder}`);
  console.log(`open: ${workbenchUrl(server, { folder, extensionDevelopmentPath: repoRoot })}`);
  console.log(`server log: ${logFile}\npress Ctrl-C to stop`);

  const reason = await new Promise((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.once(signal, () => resolve(signal));
    server.exited.then(({ code, signal }) => resolve(`code-server exited (${signal ?? `code ${code}`}); see ${logFile}`));
  });
  console.log(`stopping: ${reason}`);
  await server.stop();
  rmSync(scratchDir, { recursive: true, force: true, maxRetries: 3 });
  return reason.startsWith('code-server exited') ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[code-server] ${error.message}`);
    process.exit(1);
  },
);
