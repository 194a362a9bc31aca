// `npm run bench`: Lambkin's Invoke API next to baselines measured in the same run, reported as ratios.
// - warm invoke latency (p50/p99) and throughput at concurrency 1 and 32, vs a bare Node http server;
// - the HTTP gateway (an HttpApi route to a trivial handler) at concurrency 1 and 32, vs the same bare server;
// - cold start (an invoke that starts a new execution environment) vs a bare `node` spawn.
// Then the local services: S3 (bench/s3.mjs) against plain file I/O, SQS (bench/sqs.mjs) and DynamoDB
// (bench/dynamodb.ts) against their goals; each also runs alone.
import { spawn } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { bareSpawnMs, median } from './measure.mjs';
import { printS3Bench } from './s3.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const template = path.join(root, 'bench/app/template.yaml');
const quick = process.argv.includes('--quick');
// `--invoke-only`: the Invoke API, gateway and cold-start figures without the services' benches after them.
const invokeOnly = process.argv.includes('--invoke-only');
const WARM_REQUESTS = quick ? 500 : 3000;
const WARMUP_REQUESTS = quick ? 300 : 1000;
const THROUGHPUT_MS = quick ? 1500 : 4000;
// Each throughput phase first runs at its own concurrency for this long, unmeasured, for every target alike:
// at 32 each environment gets 1/32 of the calls, and a few requests leave its code in V8's baseline tier
// (profiled: the figure then measures JIT warm-up, not the steady state a dev loop lives in).
const THROUGHPUT_WARMUP_MS = quick ? 500 : 2000;
const COLD_RUNS = quick ? 5 : 15;

function startProcess(args, readyTest) {
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const parsed = readyTest(line);
      if (parsed) resolve({ child, ...parsed });
    });
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited ${code}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(port, urlPath, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function latencySamples(port, urlPath, count) {
  const body = Buffer.from('{"bench":true}');
  const samples = [];
  for (let i = 0; i < count; i++) {
    const start = process.hrtime.bigint();
    await post(port, urlPath, body);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return samples;
}

/**
 * Sequential latency of several targets, measured in interleaved rounds after a warm-up of each, so that
 * a noisy moment of the machine (2 shared cores) or JIT warm-up does not land on one target only.
 */
async function latencies(targets, count, rounds = 5) {
  for (const { port, path } of targets) await latencySamples(port, path, WARMUP_REQUESTS);
  const samples = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const [at, { port, path }] of targets.entries()) samples[at].push(...(await latencySamples(port, path, Math.ceil(count / rounds))));
  }
  return samples.map((list) => {
    list.sort((a, b) => a - b);
    return { p50: percentile(list, 50), p99: percentile(list, 99) };
  });
}

/** Throttled (429) answers seen by the throughput phases: counted and reported, not fatal. */
const throttled = new Map();
/** A POST that counts a 429 under `phase` instead of failing (the client goes on, as a load test's would). */
async function postCounting(port, urlPath, body, phase) {
  try {
    await post(port, urlPath, body);
    return true;
  } catch (error) {
    if (!String(error.message).includes('429')) throw error;
    throttled.set(phase, (throttled.get(phase) ?? 0) + 1);
    return false;
  }
}

/** Requests completed by `concurrency` sequential clients in `ms`. */
async function load(port, urlPath, concurrency, ms, phase) {
  const body = Buffer.from('{"bench":true}');
  let done = 0;
  const until = Date.now() + ms;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (Date.now() < until) {
      if (await postCounting(port, urlPath, body, phase)) done++;
    }
  }));
  return done;
}

async function throughput(port, urlPath, concurrency, phase) {
  await load(port, urlPath, concurrency, THROUGHPUT_WARMUP_MS, phase && `${phase} (warm-up)`);
  return (await load(port, urlPath, concurrency, THROUGHPUT_MS, phase)) / (THROUGHPUT_MS / 1000);
}

/** The response body of a POST, parsed. */
function postForJson(port, urlPath, body) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method: 'POST', agent, headers: { 'Content-Type': 'application/json', 'Content-Length': body.length } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const fmt = (n, digits = 3) => n.toFixed(digits);

const bare = await startProcess(['bench/bare-server.mjs'], (line) => (line.startsWith('{') ? { port: JSON.parse(line).port } : undefined));
const relay = await startProcess(['bench/relay-server.mjs'], (line) => (line.startsWith('{') ? JSON.parse(line) : undefined));
const relayWorker = spawn(process.execPath, ['bench/relay-worker.mjs', String(relay.rt)], { cwd: root, stdio: 'ignore' });
relay.port = relay.api;
process.env.LAMBKIN_CONTROL_TOKEN = 'bench'.repeat(8);
const lambkin = await startProcess(['bin/lambkin.js', 'start', '--template', template, '--port', '0', '--api-port', '0', '--control-port', '0', '--aws-port', '0', '--ready-json', '--quiet', '--account-concurrency', '64'], (line) => {
  if (!line.startsWith('{')) return undefined;
  const ready = JSON.parse(line);
  return { port: Number(new URL(ready.invokeEndpoint).port), control: ready.controlEndpoint, gatewayPort: Number(new URL(ready.gatewayEndpoint).port) };
});
// The control channel (used to force cold starts) is opened only for the cold-start phase: its event
// frames would otherwise land in this measuring process, inside the measured latency.
let control;
async function openControl() {
  control = new WebSocket(`${lambkin.control}?token=${process.env.LAMBKIN_CONTROL_TOKEN}`);
  await new Promise((resolve, reject) => control.once('open', resolve).once('error', reject));
}
let controlId = 0;
function stopEnvironments(functionName) {
  const id = ++controlId;
  return new Promise((resolve) => {
    const onMessage = (data) => {
      const message = JSON.parse(data.toString());
      if (message.id === id) {
        control.off('message', onMessage);
        resolve();
      }
    };
    control.on('message', onMessage);
    control.send(JSON.stringify({ id, method: 'stopEnvironments', params: { functionName } }));
  });
}
const invokePath = '/2015-03-31/functions/Bench/invocations';
const results = [];
/** The Node binary the cold-start function ran on (Lambkin's cached Node 22), also the bare-spawn baseline. */
let coldNodeUsed;
try {
  const [bareLatency, relayLatency, lambkinLatency] = await latencies(
    [{ port: bare.port, path: '/' }, { port: relay.port, path: '/' }, { port: lambkin.port, path: invokePath }],
    WARM_REQUESTS,
  );
  results.push(['warm latency p50 (ms)', lambkinLatency.p50, bareLatency.p50]);
  results.push(['warm latency p99 (ms)', lambkinLatency.p99, bareLatency.p99]);
  results.push(['  vs 3-process relay p50', lambkinLatency.p50, relayLatency.p50]);
  for (const concurrency of [1, 32]) {
    const bareRps = await throughput(bare.port, '/', concurrency);
    const lambkinRps = await throughput(lambkin.port, invokePath, concurrency, `invoke c=${concurrency}`);
    results.push([`throughput c=${concurrency} (req/s)`, lambkinRps, bareRps]);
  }
  for (const concurrency of [1, 32]) {
    const bareRps = await throughput(bare.port, '/', concurrency);
    const gatewayRps = await throughput(lambkin.gatewayPort, '/bench', concurrency, `gateway c=${concurrency}`);
    results.push([`HTTP gateway c=${concurrency} (req/s)`, gatewayRps, bareRps]);
  }
  await openControl();
  const coldPath = '/2015-03-31/functions/Cold/invocations';
  const colds = [];
  const spawns = [];
  const { execPath: coldNode } = await postForJson(lambkin.port, coldPath, Buffer.from('{"which":true}'));
  for (let i = 0; i < COLD_RUNS; i++) {
    spawns.push(await bareSpawnMs(coldNode));
    await stopEnvironments('Cold');
    const start = process.hrtime.bigint();
    await post(lambkin.port, `${coldPath}`, Buffer.from(`{"run":${i}}`));
    colds.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  results.push(['cold start nodejs22.x (ms, med)', median(colds), median(spawns)]);
  coldNodeUsed = coldNode;
} finally {
  control?.close();
  relayWorker.kill('SIGTERM');
  relay.child.kill('SIGTERM');
  lambkin.child.kill('SIGTERM');
  bare.child.kill('SIGTERM');
  agent.destroy();
}

console.log(`\nLambkin bench (${quick ? 'quick' : 'full'}), Node ${process.version}, ${new Date().toISOString()}, load average ${os.loadavg().map((load) => load.toFixed(2)).join(' ')} on ${os.cpus().length} cores`);
if (coldNodeUsed) console.log(`cold start: the nodejs22.x function and the bare spawn both run ${coldNodeUsed} (alone: npm run bench:cold)`);
console.log('metric'.padEnd(28) + 'lambkin'.padStart(12) + 'baseline'.padStart(12) + 'ratio'.padStart(9));
for (const [name, value, base] of results) {
  console.log(name.padEnd(28) + fmt(value, value > 100 ? 0 : 3).padStart(12) + fmt(base, base > 100 ? 0 : 3).padStart(12) + fmt(value / base, 2).padStart(9));
}
for (const [phase, count] of throttled) console.log(`${phase}: ${count} request(s) throttled (429), not counted`);
console.log('baselines: bare Node http server (latency, throughput); a minimal 3-process long-poll relay, the floor of');
console.log('any process-per-environment design (latency); bare `node -e 0` spawn of the Node the function runs on (cold start)');
if (invokeOnly) process.exit(process.exitCode ?? 0);
await printS3Bench(quick);

// The queue and table benches run as their own processes (each starts its own runtime on a fixture of its own).
for (const [title, args] of [
  ['SQS', [path.join(root, 'bench', 'sqs.mjs')]],
  ['DynamoDB', [path.join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), path.join(root, 'bench', 'dynamodb.ts')]],
]) {
  console.log(`\n== ${title}`);
  const code = await new Promise((resolve) => {
    spawn(process.execPath, [...args, ...(quick ? ['--quick'] : [])], { cwd: root, stdio: 'inherit' }).on('close', resolve);
  });
  if (code !== 0) {
    console.error(`${title} bench failed (exit ${code})`);
    process.exitCode = 1;
  }
}
