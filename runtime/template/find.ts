// Finds SAM / CloudFormation templates in a project folder.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

export const TEMPLATE_FILE_NAMES = ['template.yaml', 'template.yml', 'template.json'];

/** Folders one level down that never hold the project's own template. */
function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules' || name === 'cdk.out' || name === 'dist' || name === 'build';
}

async function templatesIn(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const name of TEMPLATE_FILE_NAMES) {
    const candidate = path.join(dir, name);
    const stats = await fs.stat(candidate).catch(() => undefined);
    if (stats?.isFile()) found.push(candidate);
  }
  return found;
}

/** Templates in `dir` itself, then in its direct subfolders (e.g. `backend/template.yaml`); absolute paths. */
export async function findTemplates(dir: string): Promise<string[]> {
  const root = path.resolve(dir);
  const entries = await fs.readdir(root, { withFileTypes: true }).catch(() => []);
  const subfolders = entries
    .filter((entry) => entry.isDirectory() && !isSkippedFolder(entry.name))
    .map((entry) => entry.name)
    .sort();
  const nested = await Promise.all(subfolders.map((name) => templatesIn(path.join(root, name))));
  return [...(await templatesIn(root)), ...nested.flat()];
}
