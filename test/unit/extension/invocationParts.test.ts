// The parts of the invocation documents that hold no vscode: decoded payloads, the time bar, the
// `aws lambda invoke` command, the function log with records merged in, and the structure read back.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import type { InvocationResult } from '../../../runtime/protocol/control';
import { awsInvokeCommand, shellQuote } from '../../../src/invocations/awsCli';
import { FunctionLogBuffer } from '../../../src/invocations/logBuffer';
import { nestedPayloads } from '../../../src/invocations/payloads';
import { renderInvocation } from '../../../src/invocations/render';
import { jsonBlocks, requestBlocks, sections, sourceLocations } from '../../../src/invocations/structure';
import { timeBar, timeLegend } from '../../../src/invocations/timeBar';

describe('payloads nested in events and responses', () => {
  it('decodes an API response body, an SQS body and the SNS Message inside it', () => {
    const sns = { Type: 'Notification', Message: JSON.stringify({ orderId: 42 }) };
    const event = { Records: [{ body: JSON.stringify(sns) }, { Sns: { Message: '{"b":[1]}' } }] };
    assert.deepEqual(nestedPayloads(event).map((part) => [part.path, part.kind, part.encoding]), [
      ['Records[0].body', 'json', 'JSON string'],
      ['Records[0].body → Message', 'json', 'JSON string'],
      ['Records[1].Sns.Message', 'json', 'JSON string'],
    ]);
    const [body] = nestedPayloads({ statusCode: 200, body: '{"message":"hi"}' });
    assert.equal(body!.text, '{\n  "message": "hi"\n}');
  });

  it('leaves plain strings alone, even ones that look like numbers or are broken JSON', () => {
    assert.deepEqual(nestedPayloads({ body: 'hello', n: '42', broken: '{"a":', list: ['x'] }), []);
  });

  it('decodes base64 bodies: text as text or JSON, binary as its size and declared type', () => {
    const html = { isBase64Encoded: true, headers: { 'Content-Type': 'text/html' }, body: Buffer.from('<p>hé</p>').toString('base64') };
    const json = { isBase64Encoded: true, body: Buffer.from('{"a":1}').toString('base64') };
    const png = { isBase64Encoded: true, multiValueHeaders: { 'content-type': ['image/png'] }, body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]).toString('base64') };
    const [text] = nestedPayloads(html);
    assert.deepEqual([text!.kind, text!.text, text!.contentType], ['text', '<p>hé</p>', 'text/html']);
    assert.deepEqual(nestedPayloads(json).map((part) => [part.kind, part.encoding, part.text]), [['json', 'base64', '{\n  "a": 1\n}']]);
    const [binary] = nestedPayloads(png);
    assert.deepEqual([binary!.kind, binary!.bytes, binary!.contentType, binary!.text], ['binary', 8, 'image/png', '']);
    assert.deepEqual(nestedPayloads({ isBase64Encoded: false, body: 'eyJhIjoxfQ==' }), [], 'a body not flagged base64 is a string');
  });

  it('decodes Kinesis data and CloudWatch Logs\' gzipped data', () => {
    const kinesis = { Records: [{ kinesis: { data: Buffer.from('{"temp":21}').toString('base64') } }] };
    assert.deepEqual(nestedPayloads(kinesis).map((part) => [part.path, part.kind]), [['Records[0].kinesis.data', 'json']]);
    const logs = { awslogs: { data: gzipSync(JSON.stringify({ logGroup: '/aws/lambda/x' })).toString('base64') } };
    assert.deepEqual(nestedPayloads(logs).map((part) => [part.path, part.encoding, part.kind]), [['awslogs.data', 'base64 gzip', 'json']]);
  });

  it('shows each decoded payload beneath its section in the document', () => {
    const text = renderInvocation({
      requestId: 'r', functionName: 'Fn', invocationType: 'RequestResponse', startedAt: 0, coldStart: false, status: 'success',
      event: '{}', response: JSON.stringify({ statusCode: 200, body: JSON.stringify({ message: 'hi' }) }), durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 50, logs: [],
    });
    assert.match(text, /── Response ─+\n\{\n {2}"statusCode": 200,\n {2}"body": "\{\\"message\\":\\"hi\\"\}"\n\}\n\n┄┄ body · JSON string, decoded: JSON ┄+\n\{\n {2}"message": "hi"\n\}\n/);
  });
});

describe('the time bar', () => {
  it('draws INIT, the handler and the time left against the timeout, each part at least a character', () => {
    const timing = { initMs: 250, durationMs: 14.9, billedMs: 265, timeoutMs: 3000, timedOut: false };
    assert.equal(timeBar(timing, 20), `▉▉█${'·'.repeat(17)}│`);
    assert.equal(timeLegend(timing), 'INIT 250 ms · handler 14.9 ms · billed 265 ms · 0.5 % of the 3 s timeout');
  });

  it('fills the bar to the marker on a timeout, and scales to the time taken without a known timeout', () => {
    assert.equal(timeBar({ durationMs: 3000, billedMs: 3000, timeoutMs: 3000, timedOut: true }, 10), '██████████│');
    assert.equal(timeBar({ initMs: 100, durationMs: 100, billedMs: 200, timedOut: false }, 10), '▉▉▉▉▉█████');
  });

  it('shows billing\'s rounding only when it is wide enough to see', () => {
    assert.equal(timeBar({ durationMs: 10, billedMs: 10.4, timeoutMs: 1000, timedOut: false }, 10), `█${'·'.repeat(9)}│`);
    assert.equal(timeBar({ durationMs: 10, billedMs: 300, timeoutMs: 1000, timedOut: false }, 10), `█░░░${'·'.repeat(6)}│`);
  });
});

describe('Copy as aws lambda invoke', () => {
  function argv(command: string): string[] {
    // A real POSIX shell reads the command; printf stands in for `aws` and prints each argument it got.
    const out = spawnSync('sh', ['-c', command.replace(/^aws /, "printf '%s\\0' ")], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    return out.stdout.split('\0').slice(0, -1);
  }

  it('sends the event, compact, to the local endpoint, quoted for any content', () => {
    const event = JSON.stringify({ text: "it's $HOME `x` \"q\" \\ ok", nested: { a: [1, 2] } }, null, 2);
    const command = awsInvokeCommand({ functionName: 'HelloFunction', event, invocationType: 'RequestResponse', endpoint: 'http://127.0.0.1:3001', region: 'eu-west-1' });
    assert.deepEqual(argv(command), [
      'lambda', 'invoke', '--endpoint-url', 'http://127.0.0.1:3001', '--region', 'eu-west-1', '--function-name', 'HelloFunction',
      '--cli-binary-format', 'raw-in-base64-out', '--payload', JSON.stringify(JSON.parse(event)), 'response.json',
    ]);
    assert.ok(!command.includes('\n'), 'one line');
  });

  it('keeps the invocation type of an asynchronous invocation and a payload that is not JSON as is', () => {
    const args = argv(awsInvokeCommand({ functionName: 'F', event: 'not json', invocationType: 'Event', endpoint: 'http://127.0.0.1:1', region: 'us-east-1' }));
    assert.deepEqual(args.slice(args.indexOf('--invocation-type'), args.indexOf('--invocation-type') + 2), ['--invocation-type', 'Event']);
    assert.equal(args[args.indexOf('--payload') + 1], 'not json');
    assert.equal(shellQuote('plain-word_1.json'), 'plain-word_1.json');
  });
});

function record(requestId: string, overrides: Partial<InvocationResult> = {}): InvocationResult {
  return {
    requestId, functionName: 'Fn', invocationType: 'RequestResponse', startedAt: 0, coldStart: false, environmentId: 'e1', status: 'success',
    event: '{}', response: '{}', durationMs: 1, billedDurationMs: 1, memorySizeMb: 128, maxMemoryUsedMb: 50,
    logs: [`START RequestId: ${requestId} Version: $LATEST`, `line of ${requestId}`, `END RequestId: ${requestId}`, `REPORT RequestId: ${requestId}\tDuration: 1.00 ms`], ...overrides,
  };
}

describe('the function log', () => {
  it('puts each finished invocation\'s record (START … REPORT) where its live lines were', () => {
    const buffer = new FunctionLogBuffer();
    buffer.append('Fn', 'init line', { environmentId: 'e1' });
    buffer.append('Fn', 'line of r1', { requestId: 'r1', environmentId: 'e1' });
    buffer.append('Fn', 'line of r2', { requestId: 'r2', environmentId: 'e2' });
    buffer.record(record('r1', { coldStart: true, logs: ['INIT_START Runtime Version: nodejs:22.lambkin', 'init line', ...record('r1').logs] }));
    buffer.record(record('r1', { coldStart: true }));
    assert.equal(buffer.render('Fn'), ['INIT_START Runtime Version: nodejs:22.lambkin', 'init line', ...record('r1').logs, 'line of r2', ''].join('\n'));
    assert.deepEqual(buffer.locate('Fn', 'r1'), { startLine: 0, endLine: 5 });
    assert.deepEqual(buffer.locate('Fn', 'r2'), { startLine: 6, endLine: 6 }, 'a running request is found by its live lines');
    buffer.record(record('r3'));
    assert.deepEqual(buffer.locate('Fn', 'r3'), { startLine: 7, endLine: 10 }, 'a request that logged nothing live is appended');
    assert.equal(buffer.locate('Fn', 'gone'), undefined);
  });

  it('shows a multi-line message on its own lines, and keeps the last lines', () => {
    const buffer = new FunctionLogBuffer(2);
    buffer.append('Fn', '2026-01-01T00:00:00.000Z\tr\tERROR\tError: boom\r    at handler (/app/index.js:3:9)', { requestId: 'r' });
    assert.deepEqual(buffer.locate('Fn', 'r'), { startLine: 0, endLine: 1 });
    ['one', 'two', 'three'].forEach((line) => buffer.append('Fn', line));
    assert.equal(buffer.render('Fn'), 'two\nthree\n');
    assert.match(buffer.render('Other'), /No log lines from Other yet/);
  });
});

describe('the structure of the documents', () => {
  const text = renderInvocation(record('r', {
    status: 'error', functionError: 'Unhandled',
    response: JSON.stringify({ errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom', '    at handler (/app/src/app.ts:12:5)', '    at file:///app/src/lib.mjs:3:1'] }),
  }));

  it('finds the sections and parts, and the JSON blocks to fold', () => {
    assert.deepEqual(sections(text).map((block) => [block.kind, block.name]), [
      ['section', 'Event'], ['section', 'Error'], ['part', 'trace · stack trace'], ['section', 'Logs · 4 lines'],
    ]);
    const lines = text.split('\n');
    const folds = jsonBlocks(text).map((block) => [lines[block.startLine]!.trim(), lines[block.endLine]!.trim()]);
    assert.deepEqual(folds, [['"trace": [', ']'], ['{', '}']]);
    const [request] = requestBlocks(text);
    assert.ok(lines[request!.startLine]!.startsWith('START') && lines[request!.endLine]!.startsWith('REPORT'));
  });

  it('finds the source locations of stack traces, in JSON strings too', () => {
    const found = sourceLocations(text).map((location) => `${location.file}:${location.fileLine}:${location.fileColumn}`);
    assert.deepEqual(found, ['/app/src/app.ts:12:5', '/app/src/lib.mjs:3:1', '/app/src/app.ts:12:5', '/app/src/lib.mjs:3:1']);
    assert.deepEqual(sourceLocations('at x (C:\\\\work\\\\app.js:4:2) node:internal/timers:1:2').map((location) => location.file), ['C:\\work\\app.js']);
  });
});
