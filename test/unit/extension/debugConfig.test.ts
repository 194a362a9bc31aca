// The pieces of debugging that need neither VS Code nor a runtime: the `lambkin` configuration, where the
// event comes from, how js-debug attaches, what the Debug Console says, which handlers get CodeLens, and
// that package.json contributes the debug type as the code expects it.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FunctionConfig } from '../../../runtime/template/model';
import { functionsOfFile, handlerSites } from '../../../src/codelens/handlerIndex';
import { attachConfiguration, ENVIRONMENT_KEY, JS_DEBUG_TYPE } from '../../../src/debug/attach';
import { checkConfiguration } from '../../../src/debug/configuration';
import { EventSourceError, resolveEvent } from '../../../src/debug/eventSource';
import { describeReply } from '../../../src/debug/report';
import { Commands, DebugTypes } from '../../../src/ids';

const root = path.resolve(__dirname, '../../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

function fn(overrides: Partial<FunctionConfig> = {}): FunctionConfig {
  return {
    logicalId: 'Hello', name: 'Hello', templatePath: '/w/template.yaml', location: { file: '/w/template.yaml', line: 1, column: 1 },
    resourceType: 'AWS::Serverless::Function', codeRoot: '/w/src', handler: 'app.handler', runtime: 'nodejs22.x', memorySize: 256,
    timeout: 10, architecture: 'x86_64', ephemeralStorage: 512, environment: {}, loggingConfig: { logFormat: 'Text' }, events: [],
    ...overrides,
  };
}

describe('lambkin debug configuration', () => {
  it('accepts a function with each kind of event, and serve mode', () => {
    const base = { type: 'lambkin', request: 'launch', name: 'x' };
    assert.deepEqual(checkConfiguration({ ...base, function: 'Hello' }), { ok: true, launch: { serve: false, function: 'Hello' } });
    assert.deepEqual(checkConfiguration({ ...base, function: 'Hello', event: { sample: 's3-put', params: { key: 'a.jpg' } } }), {
      ok: true, launch: { serve: false, function: 'Hello', event: { sample: 's3-put', params: { key: 'a.jpg' } } },
    });
    assert.deepEqual(checkConfiguration({ ...base, function: 'Hello', event: { saved: 'big' } }), { ok: true, launch: { serve: false, function: 'Hello', event: { saved: 'big' } } });
    assert.deepEqual(checkConfiguration({ ...base, function: 'Hello', event: { json: [1] } }), { ok: true, launch: { serve: false, function: 'Hello', event: { json: [1] } } });
    assert.deepEqual(checkConfiguration({ ...base, serve: true }), { ok: true, launch: { serve: true } });
    assert.deepEqual(checkConfiguration({ ...base, function: 'Hello', env: { A: '1' }, memorySize: 512, timeout: 30 }), {
      ok: true, launch: { serve: false, function: 'Hello', overrides: { environment: { A: '1' }, memorySize: 512, timeout: 30 } },
    });
  });

  it('explains what is wrong', () => {
    const base = { type: 'lambkin', request: 'launch', name: 'x' };
    const reason = (config: object) => {
      const check = checkConfiguration({ ...base, ...config });
      assert.equal(check.ok, false);
      return (check as { reason: string }).reason;
    };
    assert.match(reason({}), /Say which function to debug with "function"/);
    assert.match(reason({ request: 'attach', function: 'Hello' }), /"request": "launch"/);
    assert.match(reason({ function: 'Hello', event: { saved: 'a', file: 'b' } }), /got saved and file together/);
    assert.match(reason({ function: 'Hello', event: 'events/a.json' }), /"event" takes one of/);
    assert.match(reason({ function: 'Hello', event: { sample: 'sqs', params: { count: 3 } } }), /"event\.params" maps parameter names to strings/);
    assert.match(reason({ serve: true, event: { json: {} } }), /"event" applies to single invocations/);
    assert.match(reason({ function: 'Hello', memorySize: 64 }), /"memorySize" is a whole number of MB from 128 to 10240 \(got 64\)/);
    assert.match(reason({ function: 'Hello', timeout: 901 }), /"timeout" is a whole number of seconds from 1 to 900/);
    assert.match(reason({ function: 'Hello', env: { A: 1 } }), /"env" maps variable names to string values/);
  });
});

describe('the event of a debug session', () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-debug-events-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('defaults to the first sample fitting the function\'s triggers, else {}', async () => {
    const http = fn({ events: [{ name: 'SayHello', type: 'HttpApi', properties: { Path: '/hello/{name}', Method: 'GET' } }] });
    const fitting = await resolveEvent(http, undefined, [folder]);
    assert.match(fitting.source, /^sample apigateway-http/);
    assert.equal((JSON.parse(fitting.payload) as { routeKey: string }).routeKey, 'GET /hello/{name}');
    assert.deepEqual(await resolveEvent(fn(), undefined, [folder]), { payload: '{}', source: 'the empty event' });
  });

  it('reads saved events and files, and says which are there when one is missing', async () => {
    mkdirSync(path.join(folder, '.lambkin/events/Hello'), { recursive: true });
    writeFileSync(path.join(folder, '.lambkin/events/Hello/big.json'), '{"size": 3}');
    writeFileSync(path.join(folder, 'event.json'), '[1, 2]');
    writeFileSync(path.join(folder, 'broken.json'), '{');
    assert.equal((await resolveEvent(fn(), { saved: 'big' }, [folder])).payload, '{"size": 3}');
    assert.equal((await resolveEvent(fn(), { file: 'event.json' }, [folder])).payload, '[1, 2]');
    await assert.rejects(resolveEvent(fn(), { saved: 'small' }, [folder]), (error: Error) => error instanceof EventSourceError && /no saved event "small".*\(saved: big\)/.test(error.message));
    await assert.rejects(resolveEvent(fn(), { file: 'broken.json' }, [folder]), /broken\.json is not valid JSON/);
    await assert.rejects(resolveEvent(fn(), { file: 'none.json' }, [folder]), /Cannot read "event.file" .*none\.json/);
  });

  it('generates samples with parameters', async () => {
    const put = await resolveEvent(fn(), { sample: 's3-put', params: { bucket: 'photos', key: 'a/b.jpg' } }, [folder]);
    const record = (JSON.parse(put.payload) as { Records: Array<{ s3: { bucket: { name: string }; object: { key: string } } }> }).Records[0]!;
    assert.equal(record.s3.bucket.name, 'photos');
    assert.equal(record.s3.object.key, 'a/b.jpg');
  });
});

describe('attaching js-debug to an environment', () => {
  const target = { environmentId: 'ab12cd34', functionName: 'Hello', pid: 42, startedAt: 0, port: 40123, inspectorUrl: 'ws://127.0.0.1:40123/uuid' };
  const config = attachConfiguration(target, { bootstrapPath: '/ext/dist/runtime/bootstrap-node.js', buildDir: '/tmp/lambkin/build', workspaceFolder: '/w' });

  it('attaches straight to the inspector, lets the waiting environment run, and never reconnects', () => {
    assert.equal(config.type, JS_DEBUG_TYPE);
    assert.equal(config.request, 'attach');
    assert.equal(config.websocketAddress, target.inspectorUrl);
    assert.equal(config.continueOnAttach, true);
    assert.equal(config.restart, false);
    assert.equal(config.autoAttachChildProcesses, false, 'no js-debug bootloader in the function\'s NODE_OPTIONS');
    assert.equal(config[ENVIRONMENT_KEY], 'ab12cd34');
  });

  it('reads the maps of Lambkin\'s TypeScript build and the workspace\'s, and skips the bootstrap and Node internals', () => {
    assert.deepEqual(config.skipFiles, ['<node_internals>/**', '/ext/dist/runtime/bootstrap-node.js']);
    assert.deepEqual(config.resolveSourceMapLocations, ['**', '!**/node_modules/**']);
    assert.deepEqual(config.outFiles, ['/w/**/*.(m|c|)js', '/tmp/lambkin/build/**/*.(m|c|)js', '!**/node_modules/**']);
  });
});

describe('the Debug Console report', () => {
  const result = {
    requestId: 'r1', functionName: 'Hello', invocationType: 'RequestResponse' as const, startedAt: 0, coldStart: true, status: 'success' as const,
    event: '{}', response: '{"ok":true}', durationMs: 12.3, billedDurationMs: 193, memorySizeMb: 256, maxMemoryUsedMb: 61, initDurationMs: 180, logs: [],
  };

  it('shows the response, duration, billed duration and cost', () => {
    const lines = describeReply({ statusCode: 200, requestId: 'r1', payload: '{"ok":true}', result }, fn({ memorySize: 256, architecture: 'x86_64' }), 'us-east-1', false);
    assert.deepEqual(lines.map((line) => line.category), ['important', 'stdout', 'console']);
    assert.equal(lines[0]!.text, 'Hello returned, request r1:');
    assert.equal(lines[1]!.text, '{\n  "ok": true\n}');
    // 0.25 GB × 0.193 s × $0.0000166667 + $0.0000002 per request
    assert.equal(lines[2]!.text, '12.3 ms, billed 193 ms, 256 MB (max used 61 MB), init 180 ms: $0.000001 on Lambda (us-east-1)');
  });

  it('shows failures and timeouts as errors', () => {
    const failed = describeReply({ statusCode: 200, requestId: 'r1', payload: '{"errorType":"Error","errorMessage":"boom"}', functionError: 'Unhandled', result: { ...result, status: 'error', errorType: 'Error' } }, fn(), 'us-east-1', true);
    assert.equal(failed[0]!.text, 'Hello failed (Error), request r1:');
    assert.equal(failed[0]!.category, 'stderr');
    assert.match(failed[2]!.text, /the duration includes the time paused in the debugger/);
    const timedOut = describeReply({ statusCode: 200, requestId: 'r1', payload: '{}', functionError: 'Unhandled', result: { ...result, status: 'timeout' } }, fn(), 'us-east-1', false);
    assert.equal(timedOut[0]!.text, 'Hello timed out, request r1:');
  });
});

describe('handlers that get CodeLens', () => {
  const ts = fn({ name: 'Ts', codeRoot: '/w/src/hello', handler: 'app.handler' });
  const nested = fn({ name: 'Nested', codeRoot: '/w/src', handler: 'lib/orders/index.process' });
  const custom = fn({ name: 'Custom', codeRoot: '/w/src/hello', handler: 'app.handler', runtime: 'provided.al2023' });
  const functions = [ts, nested, custom];

  it('finds every export form of the handler the template names, in .ts and .js, CJS and ESM', () => {
    const forms = [
      'export const handler = async (event) => event;',
      'export async function handler(event) { return event; }',
      'export function handler(event, context, callback) {}',
      'exports.handler = async (event) => event;',
      'module.exports.handler = async (event) => event;',
      'const handler = () => 1;\nexport { handler };',
    ];
    for (const form of forms) {
      for (const file of ['/w/src/hello/app.ts', '/w/src/hello/app.js', '/w/src/hello/app.mjs', '/w/src/hello/app.cjs', '/w/src/hello/app.mts']) {
        const sites = handlerSites(functions, file, `// header\n${form}\n`);
        assert.deepEqual(sites.map((site) => [site.fn.name, site.exportName]), [['Ts', 'handler']], `${form} in ${file}`);
        assert.equal(sites[0]!.line, form.startsWith('const') ? 2 : 1);
      }
    }
    assert.deepEqual(handlerSites(functions, '/w/src/lib/orders/index.mjs', 'export const process = 1;').map((site) => site.fn.name), ['Nested']);
  });

  it('ignores other exports, other files, JSON and custom runtimes', () => {
    assert.deepEqual(handlerSites(functions, '/w/src/hello/app.ts', 'export const other = 1;'), []);
    assert.deepEqual(handlerSites(functions, '/w/src/hello/util.ts', 'export const handler = 1;'), []);
    assert.deepEqual(handlerSites(functions, '/w/src/hello/app.json', 'export const handler = 1;'), []);
    assert.deepEqual(functionsOfFile(functions, '/w/src/hello/app.ts').map((candidate) => candidate.name), ['Ts']);
  });
});

describe('package.json contributes the lambkin debug type', () => {
  const debuggers = pkg.contributes.debuggers as Array<{ type: string; languages: string[]; configurationAttributes: { launch: { properties: Record<string, unknown> } }; initialConfigurations: Array<Record<string, unknown>>; configurationSnippets: Array<{ body: Record<string, unknown> }> }>;
  const lambkin = debuggers.find((candidate) => candidate.type === DebugTypes.lambkin);

  it('declares the launch attributes the configuration check reads, for JavaScript and TypeScript files', () => {
    assert.ok(lambkin);
    assert.deepEqual(Object.keys(lambkin.configurationAttributes.launch.properties).sort(), ['env', 'event', 'function', 'memorySize', 'serve', 'template', 'timeout']);
    assert.deepEqual(lambkin.languages, ['javascript', 'typescript']);
  });

  it('ships initial configurations and snippets that pass the check', () => {
    // A configuration naming no function gets the open handler's from the resolver before the check.
    for (const config of lambkin!.initialConfigurations) assert.equal(checkConfiguration({ function: 'Hello', ...config }).ok, true, JSON.stringify(config));
    assert.ok(lambkin!.initialConfigurations.some((config) => config.function === undefined && config.serve === undefined), 'offers "Debug the open handler"');
    for (const { body } of lambkin!.configurationSnippets) {
      // Snippet placeholders (${1:Function}) stand for what the user types.
      const filled = JSON.parse(JSON.stringify(body).replace(/\$\{\d+:([^}]+)\}/g, '$1').replace(/\^\\"\\\$\{workspaceFolder\}\//g, '').replace(/\\"/g, ''));
      assert.equal(checkConfiguration(filled).ok, true, JSON.stringify(filled));
    }
  });

  it('activates on the debug type, and hides the CodeLens and tree commands from the palette', () => {
    assert.ok(pkg.activationEvents.includes(`onDebugResolve:${DebugTypes.lambkin}`));
    assert.ok(pkg.activationEvents.includes(`onDebugDynamicConfigurations:${DebugTypes.lambkin}`));
    const palette = pkg.contributes.menus.commandPalette as Array<{ command: string; when: string }>;
    for (const command of [Commands.treeDebug, Commands.lensEvents]) assert.ok(palette.some((entry) => entry.command === command && entry.when === 'false'), command);
    const items = pkg.contributes.menus['view/item/context'] as Array<{ command: string; group: string }>;
    assert.ok(items.some((entry) => entry.command === Commands.treeDebug && entry.group.startsWith('inline')));
  });
});
