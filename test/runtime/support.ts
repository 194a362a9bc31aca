// Starts a real runtime on the fixture app with an Invoke API on an ephemeral port, and an AWS SDK client
// pointed at it: the tests judge Lambkin with the same client users have.
import '../support/fresh-dist'; // runs dist/: built from the sources first
import { LambdaClient } from '@aws-sdk/client-lambda';
import path from 'node:path';
import { InvokeApiServer } from '../../runtime/services/lambda/invoke-api';
import { LambkinRuntime } from '../../runtime/lambkin-runtime';
import type { RuntimeOptions } from '../../runtime/runtime-options';
import type { ControlEvent, InvocationResult } from '../../runtime/protocol/control';

export const FIXTURE_APP = path.resolve(__dirname, '../fixtures/runtime-app');
export const FIXTURE_TEMPLATE = path.join(FIXTURE_APP, 'template.yaml');

export interface TestRuntime {
  runtime: LambkinRuntime;
  api: InvokeApiServer;
  client: LambdaClient;
  events: ControlEvent[];
  /** Resolves with the next `invocation.finished` that matches. */
  nextFinished(match?: (result: InvocationResult) => boolean): Promise<InvocationResult>;
  close(): Promise<void>;
}

export async function startTestRuntime(overrides: Partial<RuntimeOptions> = {}): Promise<TestRuntime> {
  const runtime = await LambkinRuntime.create({
    templates: [FIXTURE_TEMPLATE],
    region: 'us-east-1',
    accountId: '123456789012',
    idleTimeoutMs: 60_000,
    accountConcurrency: 1000,
    nodePath: process.execPath,
    host: { PATH: process.env.PATH },
    statsFile: false,
    ...overrides,
  });
  const api = await InvokeApiServer.start(runtime, 0);
  const client = new LambdaClient({
    endpoint: api.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const events: ControlEvent[] = [];
  const waiters: Array<{ match: (result: InvocationResult) => boolean; resolve: (result: InvocationResult) => void }> = [];
  runtime.onEvent((event) => {
    events.push(event);
    if (event.event !== 'invocation.finished') return;
    const at = waiters.findIndex((waiter) => waiter.match(event.data));
    if (at !== -1) waiters.splice(at, 1)[0].resolve(event.data);
  });
  return {
    runtime,
    api,
    client,
    events,
    nextFinished: (match = () => true) => new Promise((resolve) => waiters.push({ match, resolve })),
    close: async () => {
      client.destroy();
      await api.close();
      await runtime.close();
    },
  };
}

export function json(payload: Uint8Array | undefined): unknown {
  return JSON.parse(Buffer.from(payload ?? []).toString('utf8'));
}

export function decodeLog(logResult: string | undefined): string {
  return Buffer.from(logResult ?? '', 'base64').toString('utf8');
}

export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
