// A real runtime serving the local AWS endpoint (port 0, data in a temporary folder), and the client
// configuration the AWS SDK needs to reach it: tests judge the local services with the clients users have.
import '../../support/fresh-dist'; // runs dist/: built from the sources first
import path from 'node:path';
import { LambkinRuntime } from '../../../runtime/lambkin-runtime';
import type { RuntimeOptions } from '../../../runtime/runtime-options';
import type { ControlEvent, InvocationResult } from '../../../runtime/protocol/control';
import { DataDir } from '../../../runtime/services/data-dir';

export const AWS_APP_TEMPLATE = path.resolve(__dirname, '../../fixtures/aws-app/template.yaml');

export interface ServicesRuntime {
  runtime: LambkinRuntime;
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  dataDir: DataDir;
  events: ControlEvent[];
  /** What any `@aws-sdk/client-*` constructor needs to reach the local endpoint. */
  clientConfig: { endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string }; maxAttempts: number };
  /** Resolves with the next `invocation.finished` that matches. */
  nextFinished(match?: (result: InvocationResult) => boolean): Promise<InvocationResult>;
  close(): Promise<void>;
}

export interface ServicesRuntimeOptions extends Partial<RuntimeOptions> {
  /** Keep data here (for restart tests) instead of a fresh temporary folder. */
  dataFolder?: string;
}

export async function startServicesRuntime(options: ServicesRuntimeOptions = {}): Promise<ServicesRuntime> {
  const { dataFolder, ...overrides } = options;
  const dataDir = dataFolder ? DataDir.at(dataFolder) : DataDir.ephemeral();
  const runtime = await LambkinRuntime.create({
    templates: [AWS_APP_TEMPLATE],
    region: 'us-east-1',
    accountId: '123456789012',
    idleTimeoutMs: 60_000,
    accountConcurrency: 1000,
    nodePath: process.execPath,
    host: { PATH: process.env.PATH },
    statsFile: false,
    aws: { port: 0, dataDir },
    ...overrides,
  });
  const endpoint = runtime.awsEndpoint!;
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
    endpoint,
    dataDir,
    events,
    clientConfig: { endpoint, region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, maxAttempts: 1 },
    nextFinished: (match = () => true) => new Promise((resolve) => waiters.push({ match, resolve })),
    close: () => runtime.close(),
  };
}
