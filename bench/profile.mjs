// `node bench/profile.mjs [--seconds N] [--concurrency C] [--sequential] [--gateway]`: CPU profiles of the hot path, to see where a warm
// invoke's time goes. Starts `lambkin start` under `--cpu-prof` on a copy of the bench app whose functions
// preload bench/profile-preload.cjs (so each environment writes its own profile), drives warm invokes at
// concurrency C (after a warm-up; sequentially with --sequential), stops everything, and prints the self time of each profile by
// function and by area. Profiles stay in the printed folder for Chrome DevTools or VS Code.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { summarize } from './profile-summary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
};
const seconds = arg('--seconds', 4);
// --gateway: drive POST /bench of the HTTP gateway (the Api function) instead of the Invoke API.
const gateway = process.argv.includes('--gateway');
const concurrency = arg('--concurrency', 32);
const work = mkdtempSync(path.join(os.tmpdir(), 'lambkin-profile-'));
const app = path.join(work, 'app');
const profiles = path.join(work, 'profiles');
cpSync(path.join(root, 'bench/app/src'), path.join(app, 'src'), { recursive: true });
writeFileSync(path.join(app, 'template.yaml'), `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    CodeUri: src/
    MemorySize: 256
Resources:
  Bench:
    Type: AWS::Serverless::Function
    Properties:
      Handler: echo.handler
      Environment:
        Variables:
          NODE_OPTIONS: --require ${path.join(root, 'bench/profile-preload.cjs')}
          LAMBKIN_PROFILE_DIR: ${profiles}/environments
  Api:
    Type: AWS::Serverless::Function
    Properties:
      Handler: http.handler
      Environment:
        Variables:
          NODE_OPTIONS: --require ${path.join(root, 'bench/profile-preload.cjs')}
          LAMBKIN_PROFILE_DIR: ${profiles}/environments
      Events:
        Bench:
          Type: HttpApi
          Properties:
            Path: /bench
            Method: POST
`);

mkdirSync(path.join(profiles, 'runtime'), { recursive: true });
mkdirSync(path.join(profiles, 'environments'), { recursive: true });
// --isolation off: the permission model would refuse the inspector the profiler needs.
const runtime = spawn(process.execPath, ['--require', path.join(root, 'bench/profile-preload.cjs'), path.join(root, 'dist/runtime/cli.js'), 'start', '--template', path.join(app, 'template.yaml'),
  '--port', '0', '--api-port', '0', '--aws-port', '0', '--ready-json', '--quiet', '--no-watch', '--isolation', 'off', '--account-concurrency', '200'],
  { cwd: app, stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, LAMBKIN_PROFILE_DIR: path.join(profiles, 'runtime') } });
const port = await new Promise((resolve) => createInterface({ input: runtime.stdout }).on('line', (line) => {
  if (line.startsWith('{')) resolve(Number(new URL(JSON.parse(line)[gateway ? 'gatewayEndpoint' : 'invokeEndpoint']).port));
}));

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const body = Buffer.from('{"bench":true}');
const post = () => new Promise((resolve, reject) => {
  const req = http.request({ host: '127.0.0.1', port, path: gateway ? '/bench' : '/2015-03-31/functions/Bench/invocations', method: 'POST', agent, headers: { 'Content-Length': body.length } }, (res) => {
    res.resume();
    res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
  });
  req.on('error', reject);
  req.end(body);
});
async function drive(clients, ms) {
  let done = 0;
  const until = Date.now() + ms;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (Date.now() < until) {
      await post();
      done++;
    }
  }));
  return done / (ms / 1000);
}
/** The runtime and its environments (its child processes), to signal. */
function processes() {
  let children = [];
  try {
    children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(runtime.pid)], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    // ps exits 1 when there are none.
  }
  return [runtime.pid, ...children];
}
const signalAll = (pids) => pids.forEach((pid) => process.kill(pid, 'SIGUSR2'));
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
process.on('exit', () => runtime.kill('SIGKILL'));
// Warm-up: the environments the measured phase needs are started (and JIT-compiled) before profiling.
await Promise.all(Array.from({ length: concurrency }, async () => { for (let i = 0; i < 20; i++) await post(); }));
const profiled = processes();
signalAll(profiled);
await pause(200);
const mode = process.argv.includes('--sequential') ? 1 : concurrency;
console.log(`concurrency ${mode}: ${(await drive(mode, seconds * 1000)).toFixed(0)} req/s (profiled; ${profiled.length - 1} environments)`);
signalAll(profiled);
await pause(1500);
agent.destroy();
runtime.kill('SIGTERM');
await new Promise((resolve) => runtime.once('exit', resolve));

const profileFiles = (folder) => readdirSync(folder).filter((name) => name.endsWith('.cpuprofile')).map((name) => path.join(folder, name));
summarize(profileFiles(path.join(profiles, 'runtime')), 'the runtime process');
summarize(profileFiles(path.join(profiles, 'environments')), gateway ? 'the environments (Api)' : 'the environments (Bench)');
console.log(`\nprofiles: ${profiles}`);
