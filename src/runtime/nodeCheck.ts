// The runtime needs Node.js 20 or later; `lambkin.nodePath` may point at anything, so check before spawning.
import { execFile } from 'node:child_process';

export const MINIMUM_NODE_MAJOR = 20;

export type NodeProblem = 'missing' | 'too-old' | 'unusable';

export class NodeCheckError extends Error {
  constructor(
    readonly problem: NodeProblem,
    message: string,
  ) {
    super(message);
    this.name = 'NodeCheckError';
  }
}

/** Parses `node --version` output (`v20.11.1`) into its major version, or undefined. */
export function parseNodeMajor(output: string): number | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(output.trim());
  return match ? Number(match[1]) : undefined;
}

/** Resolves with the version string (`v22.3.0`) when `nodePath` runs and is recent enough. */
export function checkNode(nodePath: string, timeoutMs = 10_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(nodePath, ['--version'], { timeout: timeoutMs, windowsHide: true }, (error, stdout) => {
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT' || code === 'EACCES') {
          reject(new NodeCheckError('missing', `Node.js was not found at "${nodePath}". Install Node.js ${MINIMUM_NODE_MAJOR} or later, or set "lambkin.nodePath" to its executable.`));
        } else {
          reject(new NodeCheckError('unusable', `"${nodePath} --version" failed: ${error.message}`));
        }
        return;
      }
      const version = stdout.trim();
      const major = parseNodeMajor(version);
      if (major === undefined) {
        reject(new NodeCheckError('unusable', `"${nodePath}" does not look like Node.js: "--version" printed "${version.slice(0, 80)}".`));
      } else if (major < MINIMUM_NODE_MAJOR) {
        reject(new NodeCheckError('too-old', `Lambkin needs Node.js ${MINIMUM_NODE_MAJOR} or later, but "${nodePath}" is ${version}. Install a newer Node.js or point "lambkin.nodePath" at one.`));
      } else {
        resolve(version);
      }
    });
  });
}
