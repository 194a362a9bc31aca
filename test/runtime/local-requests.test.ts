// Nothing Lambkin serves answers a web page the user happens to open: a foreign Origin or Host gets 403 with a
// one-line reason on every port (the Invoke API, the local AWS endpoint, the control channel, the gateway's
// Host), while plain local clients (no Origin) and Lambkin's own pages are served.
import '../support/fresh-dist'; // runs dist/: built from the sources first
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import WebSocket from 'ws';
import type { ReadyLine } from '../../runtime/protocol/control';
import { RuntimeApiServer } from '../../runtime/runtime-api/server';
import { LocalRequests } from '../../runtime/security/local-requests';

const BIN = path.resolve(__dirname, '../../bin/lambkin.js');
// A scratch copy: the runtime keeps measurements beside the template, and tests write only to temporary folders.
const scratch = mkdtempSync(path.join(os.tmpdir(), 'lambkin-local-requests-'));
cpSync(path.resolve(__dirname, '../fixtures/gateway-app'), scratch, { recursive: true, filter: (source) => !source.includes(`${path.sep}.lambkin`) });
const TEMPLATE = path.join(scratch, 'template.yaml');

function request(url: string, options: { method?: string; headers?: Record<string, string>; body?: string }): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'POST', headers: options.headers }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

describe('requests from web pages and foreign hosts', function () {
  this.timeout(60_000);
  let child: ChildProcess;
  let ready: ReadyLine;

  before(async () => {
    child = spawn(process.execPath, [BIN, 'start', '--template', TEMPLATE, '--port', '0', '--api-port', '0', '--aws-port', '0', '--ephemeral', '--no-sdk', '--control-port', '0', '--ready-json', '--quiet'], {
      env: { ...process.env, LAMBKIN_CONTROL_TOKEN: 'b'.repeat(64) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    ready = await new Promise<ReadyLine>((resolve, reject) => {
      createInterface({ input: child.stdout! }).on('line', (line) => line.startsWith('{') && resolve(JSON.parse(line) as ReadyLine));
      child.once('exit', (code) => reject(new Error(`lambkin start exited ${code}`)));
    });
  });
  after(() => {
    child.kill('SIGKILL');
    rmSync(scratch, { recursive: true, force: true });
  });

  it('refuses a cross-site POST and a foreign Host on the Invoke API, and serves a plain client', async () => {
    const invoke = `${ready.invokeEndpoint}/2015-03-31/functions/GetItem/invocations`;
    const crossSite = await request(invoke, { headers: { Origin: 'http://evil.example', 'Content-Type': 'text/plain' }, body: '{}' });
    assert.equal(crossSite.status, 403);
    assert.match(crossSite.body, /^Lambkin refuses this request: it comes from the web page http:\/\/evil\.example, and only Lambkin's own pages may call this port\.\n$/);
    const rebound = await request(invoke, { headers: { Host: `evil.example:${new URL(ready.invokeEndpoint).port}` }, body: '{}' });
    assert.equal(rebound.status, 403);
    assert.match(rebound.body, /its Host "evil\.example:\d+" is not 127\.0\.0\.1, localhost or \[::1\]/);
    const plain = await request(invoke, { body: '{}' });
    assert.notEqual(plain.status, 403);
    const ownPage = await request(invoke, { headers: { Origin: ready.gatewayEndpoint, Host: `localhost:${new URL(ready.invokeEndpoint).port}` }, body: '{}' });
    assert.notEqual(ownPage.status, 403, ownPage.body);
  });

  it('refuses them on the local AWS endpoint too, except S3, which browsers reach by its CORS rules', async () => {
    const endpoint = ready.awsEndpoint!;
    const lambda = await request(`${endpoint}/2015-03-31/functions/GetItem/invocations`, { headers: { Origin: 'http://evil.example' }, body: '{}' });
    assert.equal(lambda.status, 403);
    const queue = await request(endpoint, { headers: { Origin: 'https://evil.example', 'X-Amz-Target': 'AmazonSQS.ListQueues', 'Content-Type': 'application/x-amz-json-1.0' }, body: '{}' });
    assert.equal(queue.status, 403);
    const s3 = await request(`${endpoint}/some-bucket/key`, { method: 'GET', headers: { Origin: 'http://evil.example' } });
    assert.notEqual(s3.status, 403, 'S3 decides by the bucket\'s CORS rules');
    const rebound = await request(`${endpoint}/some-bucket/key`, { method: 'GET', headers: { Host: `attacker.example:${new URL(endpoint).port}` } });
    assert.equal(rebound.status, 403);
    const virtualHosted = await request(`${endpoint}/key`, { method: 'GET', headers: { Host: `some-bucket.localhost:${new URL(endpoint).port}` } });
    assert.notEqual(virtualHosted.status, 403, 'bucket.localhost is S3 in virtual-hosted style');
  });

  it('serves browsers on the user\'s own API, but not under a foreign Host', async () => {
    const api = await request(`${ready.gatewayEndpoint}/items/1`, { method: 'GET', headers: { Origin: 'http://example.com' } });
    assert.notEqual(api.status, 403, api.body);
    const rebound = await request(`${ready.gatewayEndpoint}/items/1`, { method: 'GET', headers: { Host: 'evil.example' } });
    assert.equal(rebound.status, 403);
  });

  it('refuses the control channel to a web page even with the token, and to a foreign Host', async () => {
    const statusOf = (headers: Record<string, string>) => new Promise<number>((resolve) => {
      const socket = new WebSocket(`${ready.controlEndpoint}?token=${'b'.repeat(64)}`, { headers });
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      socket.on('open', () => { socket.close(); resolve(101); });
    });
    assert.equal(await statusOf({ Origin: 'http://evil.example' }), 403);
    assert.equal(await statusOf({ Host: 'evil.example' }), 403);
    assert.equal(await statusOf({}), 101);
  });
});

describe('local request rules', () => {
  it('accepts loopback names with the own port only, and Lambkin\'s own pages as origins', () => {
    const rules = new LocalRequests();
    rules.addPort(3000);
    const at = (headers: Record<string, string>, options = {}) => rules.refusal({ headers }, { port: 3001, ...options });
    assert.equal(at({ host: '127.0.0.1:3001' }), undefined);
    assert.equal(at({ host: 'localhost:3001' }), undefined);
    assert.equal(at({ host: '[::1]:3001' }), undefined);
    assert.equal(at({}), undefined);
    assert.match(at({ host: '127.0.0.1:3002' })!, /Host/);
    assert.match(at({ host: 'localhost' })!, /Host/);
    assert.match(at({ host: 'bucket.localhost:3001' })!, /Host/);
    assert.equal(at({ host: 'bucket.localhost:3001' }, { subdomainsOfLocalhost: true }), undefined);
    assert.equal(at({ host: '127.0.0.1:3001', origin: 'http://127.0.0.1:3000' }), undefined);
    assert.equal(at({ host: '127.0.0.1:3001', origin: 'http://localhost:3000' }), undefined);
    assert.match(at({ host: '127.0.0.1:3001', origin: 'http://127.0.0.1:8080' })!, /web page/);
    assert.match(at({ host: '127.0.0.1:3001', origin: 'null' })!, /web page null/);
    assert.match(at({ host: '127.0.0.1:3001', origin: 'https://127.0.0.1:3000' })!, /web page/);
    assert.equal(at({ host: '127.0.0.1:3001', origin: 'http://evil.example' }, { anyOrigin: true }), undefined);
  });
});

describe('an execution environment\'s Runtime API and web pages', () => {
  let api: RuntimeApiServer;
  beforeEach(async () => (api = await RuntimeApiServer.start()));
  afterEach(() => api.close());

  it('refuses a page asking for the next event, or a foreign Host, and still answers the runtime', async () => {
    const next = `http://${api.address}/2018-06-01/runtime/invocation/next`;
    const page = await request(next, { method: 'GET', headers: { Origin: 'http://evil.example' } });
    assert.equal(page.status, 403);
    assert.match(page.body, /it comes from the web page http:\/\/evil\.example/);
    const rebound = await request(next, { method: 'GET', headers: { Host: `evil.example:${api.address.split(':')[1]}` } });
    assert.equal(rebound.status, 403);
    // The runtime's own request (no Origin, its loopback Host) reaches the API: an unknown path gets its 404.
    const runtime = await request(`http://${api.address}/2018-06-01/runtime/unknown`, { method: 'GET' });
    assert.equal(runtime.status, 404);
  });
});
