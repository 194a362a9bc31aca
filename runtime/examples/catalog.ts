// The example apps Lambkin ships (examples/<name>/ in the extension and the npm package), with the one line
// each that "Open Example…" and `lambkin examples` show, and copying one into a folder of the user's.
// Pure data plus node:fs: the extension and the CLI share it.
import { existsSync } from 'node:fs';
import { cp, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

export interface ExampleInfo {
  /** Folder under examples/, and the name the CLI takes. */
  name: string;
  /** What it shows, in one line. */
  description: string;
  /** Which of Lambda's typical uses it is (AWS's own list), for the picker's detail line. */
  use: string;
  /** Whether its functions need `npm install` before they run (packages beyond the AWS SDK). */
  needsInstall: boolean;
}

export const EXAMPLES: readonly ExampleInfo[] = [
  {
    name: 'hello-app',
    description: 'A tour of what Lambkin runs: an HTTP API in TypeScript, S3 and stream triggers, timeouts, a custom runtime',
    use: 'Every kind of function, no dependencies',
    needsInstall: false,
  },
  {
    name: 'image-thumbnails',
    description: 'Images uploaded to a bucket become thumbnails in three sizes (sharp), with an upload page',
    use: 'File processing triggered by uploads',
    needsInstall: true,
  },
  {
    name: 'rest-api',
    description: 'A CRUD HTTP API over a DynamoDB table: validation, pagination, 400/404/409, CORS',
    use: 'APIs and web backends',
    needsInstall: false,
  },
  {
    name: 'scheduled-report',
    description: "A cron schedule turns yesterday's orders into a CSV in a bucket and announces it on an SNS topic",
    use: 'Scheduled automation',
    needsInstall: false,
  },
  {
    name: 'realtime-stream',
    description: 'Orders flow through a DynamoDB stream into per-minute totals, pushed live to a page over a WebSocket',
    use: 'Real-time stream processing',
    needsInstall: false,
  },
  {
    name: 'chatbot',
    description: 'A WebSocket chat with a bot that answers commands, plus an Amazon Lex V2 fulfilment handler',
    use: 'Chatbots',
    needsInstall: false,
  },
];

/** Folders a copy leaves out: installed packages, build output and Lambkin's local data. */
const NOT_COPIED = new Set(['node_modules', '.aws-sam', '.lambkin']);

export function findExample(name: string): ExampleInfo | undefined {
  return EXAMPLES.find((example) => example.name === name);
}

/** The examples/ folder next to the running code: the repository's, the extension's or the npm package's. */
export function findExamplesFolder(from: string): string | undefined {
  for (let dir = path.resolve(from); ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'examples');
    if (existsSync(path.join(candidate, 'hello-app', 'template.yaml'))) return candidate;
    if (dir === path.dirname(dir)) return undefined;
  }
}

/**
 * Copies examples/<name> into `parent` as <name> (or <name>-2, -3… when taken) and returns the new folder.
 * The copy is made under a temporary name and renamed, so a failed copy never leaves half an example.
 */
export async function copyExample(examplesFolder: string, name: string, parent: string): Promise<string> {
  const example = findExample(name);
  if (!example) throw new Error(`There is no example called "${name}". Examples: ${EXAMPLES.map((entry) => entry.name).join(', ')}.`);
  const source = path.join(examplesFolder, name);
  if (!existsSync(path.join(source, 'template.yaml'))) throw new Error(`The ${name} example is missing (${source}): reinstall Lambkin.`);
  await mkdir(parent, { recursive: true });
  for (let index = 1; ; index++) {
    const target = path.join(parent, index === 1 ? name : `${name}-${index}`);
    if (existsSync(target)) continue;
    const temporary = path.join(parent, `.${path.basename(target)}.${process.pid}.tmp`);
    try {
      await cp(source, temporary, { recursive: true, filter: (file) => !NOT_COPIED.has(path.basename(file)) });
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { recursive: true, force: true });
      // Another copy took the name between the check and the rename: try the next one.
      if (existsSync(target)) continue;
      throw error;
    }
    return target;
  }
}
