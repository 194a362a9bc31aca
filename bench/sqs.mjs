// `npm run bench:sqs`: the local SQS against the targets, through its wire protocol (AWS JSON 1.0 over
// keep-alive HTTP, as the SDK sends it):
// - SendMessage latency p50 (target ≤ 2 ms);
// - send-to-invocation latency p50 through an event source mapping without a batching window (target ≤ 50 ms);
// - 10,000 messages through a mapping at MaximumConcurrency 5: none lost, duplicates counted (zero expected).
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const template = path.join(root, 'bench/sqs-app/template.yaml');
const quick = process.argv.includes('--quick');
const SENDS = quick ? 1000 : 5000;
const LATENCY_MESSAGES = quick ? 50 : 200;
const BULK = Number(process.env.LAMBKIN_BENCH_BULK ?? 10_000);

process.env.LAMBKIN_CONTROL_TOKEN = 'bench'.repeat(8);
const child = spawn(process.execPath, ['bin/lambkin.js', 'start', '--template', template, '--port', '0', '--api-port', '0', '--control-port', '0', '--aws-port', '0', '--ephemeral', '--ready-json', '--quiet'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
const ready = await new Promise((resolve, reject) => {
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('{')) resolve(JSON.parse(line));
  });
  child.once('exit', (code) => reject(new Error(`lambkin start exited ${code}`)));
});
const endpoint = new URL(ready.awsEndpoint);
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function sqs(operation, params) {
  const body = Buffer.from(JSON.stringify(params));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: endpoint.hostname, port: endpoint.port, path: '/', method: 'POST', agent, headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': `AmazonSQS.${operation}`, 'Content-Length': body.length } }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))) : reject(new Error(`${operation}: HTTP ${res.statusCode} ${Buffer.concat(chunks)}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const url = (name) => `${ready.awsEndpoint}/123456789012/${name}`;
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

// Every finished invocation's response, from the control channel.
const control = new WebSocket(`${ready.controlEndpoint}?token=${process.env.LAMBKIN_CONTROL_TOKEN}`);
await new Promise((resolve, reject) => control.once('open', resolve).once('error', reject));
const responses = { Latency: [], Bulk: [] };
/** Failed invocations (their batches come back after the visibility timeout, so they are counted, not lost). */
const failures = { Latency: 0, Bulk: 0 };
const waiters = [];
control.on('message', (data) => {
  // One frame holds the events of one turn of the runtime's event loop: one event, or a list of them.
  const parsed = JSON.parse(data.toString());
  for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
    if (message.event !== 'invocation.finished' || !(message.data.functionName in responses)) continue;
    if (message.data.functionError) failures[message.data.functionName]++;
    else responses[message.data.functionName].push(JSON.parse(message.data.response));
  }
  for (const waiter of [...waiters]) waiter();
});
function until(condition, what, timeoutMs) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: not within ${timeoutMs / 1000} s`)), timeoutMs);
    const check = () => {
      if (!condition()) return;
      clearTimeout(timer);
      waiters.splice(waiters.indexOf(check), 1);
      resolve();
    };
    waiters.push(check);
    check();
  });
}

const results = [];
try {
  // SendMessage latency, sequential, after a warm-up.
  for (let i = 0; i < 200; i++) await sqs('SendMessage', { QueueUrl: url('bench-plain'), MessageBody: `warm ${i}` });
  const sends = [];
  for (let i = 0; i < SENDS; i++) {
    const start = process.hrtime.bigint();
    await sqs('SendMessage', { QueueUrl: url('bench-plain'), MessageBody: `message ${i}`, MessageAttributes: { n: { DataType: 'Number', StringValue: String(i) } } });
    sends.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  results.push(['SendMessage p50 (ms)', percentile(sends, 50), '≤ 2']);
  results.push(['SendMessage p99 (ms)', percentile(sends, 99), '']);

  // Send to invocation, one message at a time (the first warms the function's environment).
  const lags = [];
  for (let i = 0; i <= LATENCY_MESSAGES; i++) {
    const before = responses.Latency.length;
    await sqs('SendMessage', { QueueUrl: url('bench-latency'), MessageBody: JSON.stringify({ sentAt: Date.now() }) });
    await until(() => responses.Latency.length > before, 'the latency function', 30_000);
    if (i > 0) lags.push(...responses.Latency.at(-1).lags);
  }
  results.push(['send→invocation p50 (ms)', percentile(lags, 50), '≤ 50']);

  // 10,000 messages through a mapping at concurrency 5.
  const started = Date.now();
  const batches = [];
  for (let i = 0; i < BULK; i += 10) batches.push(Array.from({ length: 10 }, (_, j) => ({ Id: `m${j}`, MessageBody: JSON.stringify({ id: i + j }) })));
  let next = 0;
  await Promise.all(Array.from({ length: 8 }, async () => {
    while (next < batches.length) {
      const answer = await sqs('SendMessageBatch', { QueueUrl: url('bench-bulk'), Entries: batches[next++] });
      if (answer.Failed?.length) throw new Error(`SendMessageBatch failed: ${JSON.stringify(answer.Failed[0])}`);
    }
  }));
  const seen = () => responses.Bulk.reduce((sum, response) => sum + response.ids.length, 0);
  try {
    await until(() => seen() >= BULK, 'all bulk messages delivered', quick ? 120_000 : 300_000);
  } catch (error) {
    const { Attributes } = await sqs('GetQueueAttributes', { QueueUrl: url('bench-bulk'), AttributeNames: ['All'] });
    throw new Error(`${error.message}: ${seen()} delivered, ${failures.Bulk} failed invocations, queue: ${Attributes.ApproximateNumberOfMessages} visible, ${Attributes.ApproximateNumberOfMessagesNotVisible} in flight`, { cause: error });
  }
  const ids = responses.Bulk.flatMap((response) => response.ids);
  const unique = new Set(ids);
  results.push(['10,000 via mapping c=5 (s)', (Date.now() - started) / 1000, '']);
  results.push(['  delivered / lost', `${unique.size} / ${BULK - unique.size}`, 'none lost']);
  results.push(['  duplicates', ids.length - unique.size, '0']);
  results.push(['  failed invocations', failures.Bulk, '']);
} finally {
  control.close();
  child.kill('SIGTERM');
  agent.destroy();
}

console.log(`\nLambkin SQS bench (${quick ? 'quick' : 'full'}), Node ${process.version}, ${new Date().toISOString()}`);
console.log('metric'.padEnd(30) + 'value'.padStart(14) + 'target'.padStart(12));
for (const [name, value, target] of results) console.log(name.padEnd(30) + (typeof value === 'number' && !Number.isInteger(value) ? value.toFixed(3) : String(value)).padStart(14) + String(target).padStart(12));
