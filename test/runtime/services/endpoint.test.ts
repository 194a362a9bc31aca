// The local AWS endpoint as clients see it: Lambda's API through the SDK, functions that reach it with no
// endpoint or credentials in their code, the template's names and ARNs, and bad requests that never crash it.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import net from 'node:net';
import { LOCAL_CREDENTIALS } from '../../../runtime/environments/variables';
import { startServicesRuntime, type ServicesRuntime } from './support';

function invokeJson(client: LambdaClient, name: string, payload: unknown): Promise<unknown> {
  return client.send(new InvokeCommand({ FunctionName: name, Payload: JSON.stringify(payload) })).then((answer) => {
    assert.equal(answer.FunctionError, undefined, Buffer.from(answer.Payload ?? []).toString('utf8'));
    return JSON.parse(Buffer.from(answer.Payload ?? []).toString('utf8'));
  });
}

function request(endpoint: string, options: http.RequestOptions, body?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(endpoint), options, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('local AWS endpoint', function () {
  this.timeout(30_000);
  let services: ServicesRuntime;
  let lambda: LambdaClient;

  before(async () => {
    services = await startServicesRuntime({ host: { PATH: process.env.PATH, AWS_ACCESS_KEY_ID: 'AKIASHELLREALKEY', AWS_SECRET_ACCESS_KEY: 'shell-secret', AWS_PROFILE: 'production', AWS_SESSION_TOKEN: 'shell-token' } });
    lambda = new LambdaClient(services.clientConfig);
  });
  after(async () => {
    lambda.destroy();
    await services.close();
  });

  it('serves Lambda\'s Invoke API to the SDK, so one AWS_ENDPOINT_URL reaches functions too', async () => {
    const env = await invokeJson(lambda, 'Env', { names: ['AWS_REGION'] });
    assert.deepEqual(env, { AWS_REGION: 'us-east-1' });
  });

  it('gives functions AWS_ENDPOINT_URL and the local credential pair, never the shell\'s credentials or profile', async () => {
    const env = await invokeJson(lambda, 'Env', { names: ['AWS_ENDPOINT_URL', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE'] });
    assert.deepEqual(env, {
      AWS_ENDPOINT_URL: services.endpoint,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.AWS_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.AWS_SECRET_ACCESS_KEY,
      AWS_SESSION_TOKEN: LOCAL_CREDENTIALS.AWS_SESSION_TOKEN,
      AWS_PROFILE: null,
    });
    assert.match(services.endpoint, /^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('lets a handler call another function through the SDK with nothing but its environment', async () => {
    const answer = await invokeJson(lambda, 'Caller', { target: 'Env', payload: { names: ['AWS_LAMBDA_FUNCTION_NAME'] } });
    assert.deepEqual(answer, { statusCode: 200, payload: { AWS_LAMBDA_FUNCTION_NAME: 'Env' } });
  });

  it('resolves !Ref and !GetAtt of the template\'s resources to local names, URLs and ARNs', async () => {
    const names = ['BUCKET', 'BUCKET_ARN', 'BUCKET_DOMAIN', 'NAMED_BUCKET', 'TABLE', 'TABLE_STREAM', 'QUEUE_URL', 'QUEUE_ARN', 'FIFO_URL', 'TOPIC', 'BUS_ARN', 'RULE_ARN'];
    const env = await invokeJson(lambda, 'Env', { names });
    const port = new URL(services.endpoint).port;
    assert.deepEqual(env, {
      BUCKET: 'uploadsbucket',
      BUCKET_ARN: 'arn:aws:s3:::uploadsbucket',
      BUCKET_DOMAIN: `uploadsbucket.localhost:${port}`,
      NAMED_BUCKET: 'reports-us-east-1',
      TABLE: 'OrdersTable',
      TABLE_STREAM: 'arn:aws:dynamodb:us-east-1:123456789012:table/OrdersTable/stream/2000-01-01T00:00:00.000',
      QUEUE_URL: `${services.endpoint}/123456789012/WorkQueue`,
      QUEUE_ARN: 'arn:aws:sqs:us-east-1:123456789012:WorkQueue',
      FIFO_URL: `${services.endpoint}/123456789012/OrderedQueue.fifo`,
      TOPIC: 'arn:aws:sns:us-east-1:123456789012:AlertsTopic',
      BUS_ARN: 'arn:aws:events:us-east-1:123456789012:event-bus/app-bus',
      RULE_ARN: 'arn:aws:events:us-east-1:123456789012:rule/app-bus/OrderRule',
    });
    assert.deepEqual(services.runtime.resources.map((resource) => [resource.kind, resource.name]), [
      ['bucket', 'uploadsbucket'], ['bucket', 'reports-us-east-1'], ['table', 'OrdersTable'], ['queue', 'WorkQueue'],
      ['queue', 'OrderedQueue.fifo'], ['topic', 'AlertsTopic'], ['eventBus', 'app-bus'], ['rule', 'OrderRule'],
    ]);
  });

  it('answers a service it does not serve with a clear error, and stays up', async () => {
    const kinesis = await request(services.endpoint, { method: 'POST', path: '/', headers: { 'X-Amz-Target': 'Kinesis_20131202.PutRecord', 'Content-Type': 'application/x-amz-json-1.1' } }, '{}');
    assert.equal(kinesis.status, 400);
    assert.equal(JSON.parse(kinesis.body).__type, 'UnknownOperationException');
    assert.match(JSON.parse(kinesis.body).message, /does not serve Kinesis_20131202/);
    const signedForKms = await request(services.endpoint, { method: 'POST', path: '/', headers: { Authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/kms/aws4_request, SignedHeaders=host, Signature=abc', 'Content-Type': 'application/x-www-form-urlencoded' } }, 'Action=Encrypt');
    assert.equal(signedForKms.status, 400);
    assert.match(signedForKms.body, /<Code>InvalidAction<\/Code>/);
    assert.match(signedForKms.body, /does not serve kms/);
    await invokeJson(lambda, 'Env', { names: [] });
  });

  it('refuses a WebSocket upgrade and survives garbage on the socket', async () => {
    const upgrade = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(Number(new URL(services.endpoint).port), '127.0.0.1', () => {
        socket.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n');
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    assert.match(upgrade, /^HTTP\/1\.1 400 /);
    await new Promise<void>((resolve) => {
      const socket = net.connect(Number(new URL(services.endpoint).port), '127.0.0.1', () => socket.end('\x00\x01 not http at all\r\n\r\n'));
      socket.resume();
      socket.on('close', () => resolve());
      socket.on('error', () => resolve());
    });
    await invokeJson(lambda, 'Env', { names: [] });
  });
});
