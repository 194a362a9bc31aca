// Measurements the benches share.
import { spawn } from 'node:child_process';

/** A bare spawn of `node` that exits at once (`node -e 0`): the baseline of a cold start. */
export function bareSpawnMs(node) {
  return new Promise((resolve) => {
    const start = process.hrtime.bigint();
    spawn(node, ['-e', '0'], { stdio: 'ignore' }).on('exit', () => resolve(Number(process.hrtime.bigint() - start) / 1e6));
  });
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
