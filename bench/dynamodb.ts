// `npx tsx bench/dynamodb.ts [--quick]`: the local DynamoDB in a runtime of its own (data in a temporary
// folder): PutItem latency through the endpoint (p50/p99) on a table with a stream no function reads (so no
// invocation competes for the cores), write-to-invocation latency of a stream-fed function with no batching
// window, and N writes streamed with none lost or repeated.
import http from 'node:http';
import path from 'node:path';
import { LambkinRuntime } from '../runtime/lambkin-runtime';
import { DataDir } from '../runtime/services/data-dir';

const quick = process.argv.includes('--quick');
const PUTS = quick ? 500 : 3000;
const LATENCY_WRITES = quick ? 30 : 100;
const STREAMED = quick ? 2000 : 10_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

function putItem(endpoint: URL, id: string, table = 'bench'): Promise<void> {
  const body = Buffer.from(JSON.stringify({ TableName: table, Item: { id: { S: id }, n: { N: '1' } } }));
  return new Promise((resolve, reject) => {
    const req = http.request({ host: endpoint.hostname, port: endpoint.port, method: 'POST', path: '/', agent, headers: {
      'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.PutItem', 'Content-Length': body.length,
      Authorization: 'AWS4-HMAC-SHA256 Credential=bench/20240101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=00',
    } }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const dataDir = DataDir.ephemeral();
  const runtime = await LambkinRuntime.create({
    templates: [path.resolve(__dirname, 'app/dynamodb.yaml')], region: 'us-east-1', accountId: '123456789012', idleTimeoutMs: 60_000,
    accountConcurrency: 1000, nodePath: process.execPath, host: { PATH: process.env.PATH }, statsFile: false, aws: { port: 0, dataDir },
  });
  const endpoint = new URL(runtime.awsEndpoint!);
  const arrived = new Map<string, number>();
  let delivered = 0;
  runtime.onEvent((event) => {
    if (event.event !== 'invocation.finished' || event.data.functionName !== 'OnWrite') return;
    const ids = (JSON.parse(event.data.response) as { ids: string[] }).ids;
    for (const id of ids) {
      delivered += 1;
      if (!arrived.has(id)) arrived.set(id, performance.now());
    }
  });
  const until = async (condition: () => boolean, what: string) => {
    const deadline = Date.now() + 120_000;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`${what}: not in time`);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
  try {
    for (let i = 0; i < 200; i++) await putItem(endpoint, `warm-${i}`);
    for (let i = 0; i < 200; i++) await putItem(endpoint, `warm-${i}`, 'quiet');
    await until(() => arrived.has('warm-199'), 'the warm-up writes');
    const puts: number[] = [];
    for (let i = 0; i < PUTS; i++) {
      const start = performance.now();
      await putItem(endpoint, `put-${i}`, 'quiet');
      puts.push(performance.now() - start);
    }
    puts.sort((a, b) => a - b);
    const latencies: number[] = [];
    for (let i = 0; i < LATENCY_WRITES; i++) {
      const id = `lat-${i}`;
      const start = performance.now();
      await putItem(endpoint, id);
      await until(() => arrived.has(id), id);
      latencies.push(arrived.get(id)! - start);
    }
    latencies.sort((a, b) => a - b);
    const before = delivered;
    const ids = Array.from({ length: STREAMED }, (_, i) => `s-${i}`);
    for (let i = 0; i < ids.length; i += 16) await Promise.all(ids.slice(i, i + 16).map((id) => putItem(endpoint, id)));
    await until(() => ids.every((id) => arrived.has(id)), 'every streamed write');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const repeated = delivered - before - STREAMED;
    console.log(`PutItem                        p50 ${percentile(puts, 50).toFixed(2)} ms  p99 ${percentile(puts, 99).toFixed(2)} ms  (${PUTS} sequential)`);
    console.log(`write → invocation             p50 ${percentile(latencies, 50).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms  (${LATENCY_WRITES} writes, no batching window)`);
    console.log(`${STREAMED} writes streamed          lost ${ids.filter((id) => !arrived.has(id)).length}, repeated ${repeated}`);
  } finally {
    await runtime.close();
    dataDir.dispose();
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
