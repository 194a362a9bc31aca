// The folder the suite opens: a scratch copy, because tests edit the template and the
// repository must stay clean.
import { cpSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './install.mjs';

export const defaultWorkspace = path.join(repoRoot, 'examples', 'hello-app');

/** LAMBKIN_TEST_WORKSPACE (relative to the current directory) or examples/hello-app. */
export function resolveWorkspaceSource() {
  const source = path.resolve(process.env.LAMBKIN_TEST_WORKSPACE ?? defaultWorkspace);
  if (!existsSync(source) || !statSync(source).isDirectory()) {
    throw new Error(`workspace folder ${source} does not exist; create it or point LAMBKIN_TEST_WORKSPACE at a folder`);
  }
  return source;
}

/** Copies `source` to `<scratchDir>/workspace/<name>` and returns the copy's path. */
export function copyWorkspace(source, scratchDir) {
  const copy = path.join(scratchDir, 'workspace', path.basename(source));
  cpSync(source, copy, { recursive: true });
  return copy;
}
