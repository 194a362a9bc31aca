// Handlers use the AWS SDK for JavaScript v3 without installing it, as on Lambda's Node.js runtimes: CommonJS,
// ES modules and TypeScript, from a folder with no node_modules above it; a copy of their own wins.
import '../support/fresh-dist'; // runs dist/: built from the sources first
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LambkinRuntime } from '../../runtime/lambkin-runtime';
import type { ControlEvent } from '../../runtime/protocol/control';
import { DataDir } from '../../runtime/services/data-dir';

const CALL_ECHO = `
  const lambda = new LambdaClient({});
  const answer = await lambda.send(new InvokeCommand({ FunctionName: 'Echo', Payload: JSON.stringify({ from: event.from }) }));
  return JSON.parse(Buffer.from(answer.Payload).toString('utf8'));`;

const FILES: Record<string, string> = {
  'template.yaml': `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Timeout: 20
Resources:
  Echo:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: echo/, Handler: index.handler }
  CjsCaller:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: cjs/, Handler: index.handler }
  EsmCaller:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: esm/, Handler: index.handler }
  TsCaller:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: ts/, Handler: app.handler }
  OwnCopy:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: own/, Handler: index.handler }
`,
  'echo/index.js': 'exports.handler = async (event) => ({ echoed: event.from });\n',
  'cjs/index.js': `const { LambdaClient, InvokeCommand } = require('@aws-sdk/client-lambda');
exports.handler = async (event) => {${CALL_ECHO}
};
exports.version = () => require('@aws-sdk/client-s3/package.json').version;
`,
  'esm/index.mjs': `import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
export const handler = async (event) => {
  if (typeof DynamoDBDocumentClient.from !== 'function') throw new Error('lib-dynamodb missing');${CALL_ECHO}
};
`,
  'ts/app.ts': `import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
export const handler = async (event: { from: string }): Promise<unknown> => {${CALL_ECHO}
};
`,
  'own/index.js': "exports.handler = async () => ({ marker: require('@aws-sdk/client-lambda').marker });\n",
  'own/node_modules/@aws-sdk/client-lambda/package.json': '{"name":"@aws-sdk/client-lambda","version":"0.0.1","main":"index.js"}\n',
  'own/node_modules/@aws-sdk/client-lambda/index.js': "exports.marker = 'the function\\'s own copy';\n",
};

describe('the AWS SDK handlers get without installing it', function () {
  // The first run on a machine installs the pinned SDK from the npm registry (about 70 MB).
  this.timeout(240_000);
  let app: string;
  let runtime: LambkinRuntime;
  const events: ControlEvent[] = [];

  before(async () => {
    // os.tmpdir(): no node_modules in any folder above the functions.
    app = mkdtempSync(path.join(os.tmpdir(), 'lambkin-sdk-app-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
      writeFileSync(path.join(app, file), text);
    }
    runtime = await LambkinRuntime.create({
      templates: [path.join(app, 'template.yaml')], region: 'us-east-1', accountId: '123456789012', idleTimeoutMs: 60_000,
      accountConcurrency: 100, nodePath: process.execPath, host: { PATH: process.env.PATH }, statsFile: false,
      aws: { port: 0, dataDir: DataDir.ephemeral() }, handlerSdk: 'install',
    });
    runtime.onEvent((event) => events.push(event));
  });
  after(async () => {
    await runtime.close();
    rmSync(app, { recursive: true, force: true });
  });

  async function invoke(name: string, event: unknown): Promise<unknown> {
    const result = await runtime.invoke(name, { payload: Buffer.from(JSON.stringify(event)), invocationType: 'RequestResponse' });
    assert.ok(result && result.kind === 'completed');
    const text = result.payload.toString('utf8');
    assert.equal(result.functionError, undefined, text);
    return JSON.parse(text);
  }

  it('lets a CommonJS handler require a client and call the local endpoint with nothing in its code', async () => {
    assert.deepEqual(await invoke('CjsCaller', { from: 'cjs' }), { echoed: 'cjs' });
  });

  it('lets an ES module handler import clients and lib-dynamodb', async () => {
    assert.deepEqual(await invoke('EsmCaller', { from: 'esm' }), { echoed: 'esm' });
  });

  it('lets a TypeScript handler import a client', async () => {
    assert.deepEqual(await invoke('TsCaller', { from: 'ts' }), { echoed: 'ts' });
  });

  it('prefers the function\'s own copy, as Lambda does', async () => {
    assert.deepEqual(await invoke('OwnCopy', {}), { marker: 'the function\'s own copy' });
  });

  it('provides the pinned version, and said so while installing', () => {
    const pinned = JSON.parse(readFileSync(path.resolve(__dirname, '../../runtime/sdk/handler-sdk/package.json'), 'utf8')).dependencies['@aws-sdk/client-s3'];
    const progress = events.filter((event) => event.event === 'progress');
    // Installed by an earlier run on this machine: nothing to say. Installed now: started, then finished.
    if (progress.length > 0) assert.deepEqual(progress.map((event) => event.event === 'progress' && event.data.state), ['started', 'finished']);
    assert.match(pinned, /^3\.\d+\.\d+$/);
  });
});
