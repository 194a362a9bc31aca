// Self time of CPU profiles (.cpuprofile) by area and by function: `node bench/profile-summary.mjs FILE|DIR…`.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Self time by function and by area (GC, idle, Node's http/net, Lambkin, …) of one or more profiles. */
export function summarize(files, title) {
  const byFunction = new Map();
  const byArea = new Map();
  let total = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8'));
    const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
    const self = new Map();
    for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
    for (const [id, us] of self) {
      const { callFrame } = nodes.get(id);
      const where = callFrame.url ? `${path.basename(callFrame.url)}:${callFrame.lineNumber + 1}` : '';
      const key = `${callFrame.functionName || '(anonymous)'} ${where}`;
      byFunction.set(key, (byFunction.get(key) ?? 0) + us);
      const area = areaOf(callFrame);
      byArea.set(area, (byArea.get(area) ?? 0) + us);
      total += us;
    }
  }
  const line = ([name, us]) => `  ${(us / 1000).toFixed(0).padStart(7)} ms ${((100 * us) / total).toFixed(1).padStart(5)} %  ${name}`;
  console.log(`\n== ${title}: ${(total / 1000).toFixed(0)} ms sampled in ${files.length} profile(s)`);
  console.log('by area:');
  for (const entry of [...byArea].sort((a, b) => b[1] - a[1])) console.log(line(entry));
  console.log('top functions (self time):');
  for (const entry of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(line(entry));
}

function areaOf({ functionName, url }) {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collector';
  if (functionName === '(program)') return 'program (V8/libuv outside JS)';
  if (!url) return `native: ${functionName}`;
  if (url.startsWith('node:internal/') || url.startsWith('node:')) {
    const module = url.replace(/^node:(internal\/)?/, '').split('/').slice(0, 2).join('/');
    return `node ${module}`;
  }
  return path.basename(url);
}


if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const files = process.argv.slice(2).flatMap((arg) => (statSync(arg).isDirectory() ? readdirSync(arg).filter((name) => name.endsWith('.cpuprofile')).map((name) => path.join(arg, name)) : [arg]));
  summarize(files, process.argv.slice(2).join(' '));
}
