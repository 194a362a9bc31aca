// `npm run bench:cold`: the cold-start goal alone — "with the Node majors cached, a cold start stays ≤ 1.5× a bare
// spawn of the same Node". A nodejs22.x function runs on the Node 22 Lambkin provisions into the user cache
// (~/.cache/lambkin/node/22-…); each round stops its environments, invokes it (a cold start: spawn, bootstrap,
// INIT, the invocation, the answer) and spawns that same Node binary bare (`node -e 0`), interleaved so that a
// noisy moment of a shared machine lands on both. Prints medians, the ratio, the REPORT's Init Duration and the
// load average beside them. `--runs N` (default 25).
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { bareSpawnMs, median } from './measure.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 25;
const token = 'bench'.repeat(8);

function startLambkin() {
  const args = ['bin/lambkin.js', 'start', '--template', path.join(root, 'bench/app/template.yaml'), '--port', '0', '--api-port', '0',
    '--aws-port', '0', '--control-port', '0', '--ready-json', '--quiet', '--no-watch'];
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LAMBKIN_CONTROL_TOKEN: token } });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const ready = JSON.parse(line);
      resolve({ child, port: Number(new URL(ready.invokeEndpoint).port), control: ready.controlEndpoint });
    });
    child.once('exit', (code) => reject(new Error(`lambkin start exited ${code}`)));
  });
}

/** Invokes with `X-Amz-Log-Type: Tail`: the answer and the REPORT line. */
function invoke(port, name, payload) {
  const body = Buffer.from(JSON.stringify(payload));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: `/2015-03-31/functions/${name}/invocations`, method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': body.length, 'X-Amz-Log-Type': 'Tail' } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve({ answer: JSON.parse(Buffer.concat(chunks).toString('utf8')), log: Buffer.from(String(res.headers['x-amz-log-result'] ?? ''), 'base64').toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}


const lambkin = await startLambkin();
const control = new WebSocket(`${lambkin.control}?token=${token}`);
await new Promise((resolve, reject) => control.once('open', resolve).once('error', reject));
let controlId = 0;
function stopEnvironments(functionName) {
  const id = ++controlId;
  return new Promise((resolve) => {
    const onMessage = (data) => {
      const message = JSON.parse(data.toString());
      if (message.id !== id) return;
      control.off('message', onMessage);
      resolve();
    };
    control.on('message', onMessage);
    control.send(JSON.stringify({ id, method: 'stopEnvironments', params: { functionName } }));
  });
}

const colds = [];
const inits = [];
const spawns = [];
const loadBefore = os.loadavg();
try {
  // The first invoke installs the Node major if it is not cached yet; it is not measured.
  const { answer } = await invoke(lambkin.port, 'Cold', { which: true });
  const node = answer.execPath;
  const version = await new Promise((resolve) => {
    const child = spawn(node, ['--version']);
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('exit', () => resolve(out.trim()));
  });
  for (let i = 0; i < RUNS; i++) {
    spawns.push(await bareSpawnMs(node));
    await stopEnvironments('Cold');
    const start = process.hrtime.bigint();
    const { log } = await invoke(lambkin.port, 'Cold', { run: i });
    colds.push(Number(process.hrtime.bigint() - start) / 1e6);
    const init = /Init Duration: ([\d.]+) ms/.exec(log);
    if (init) inits.push(Number(init[1]));
  }
  const loadAfter = os.loadavg();
  const cold = median(colds);
  const bare = median(spawns);
  console.log(`\nLambkin cold start (${RUNS} runs), ${new Date().toISOString()}`);
  console.log(`function Cold: nodejs22.x on ${node} (${version})`);
  console.log(`cold start, invoke to answer, median   ${cold.toFixed(1)} ms (Init Duration median ${median(inits).toFixed(1)} ms)`);
  console.log(`bare spawn of the same Node (-e 0)     ${bare.toFixed(1)} ms`);
  console.log(`ratio                                  ${(cold / bare).toFixed(2)}× (goal: at most 1.5×)`);
  console.log(`load average (1 min) before/after       ${loadBefore[0].toFixed(2)} / ${loadAfter[0].toFixed(2)} on ${os.cpus().length} cores`);
} finally {
  control.close();
  lambkin.child.kill('SIGTERM');
}
