// The TextMate grammars of the invocation documents and function logs, run through vscode-textmate as
// VS Code runs them: which scope each part of a line gets decides its colour in every theme (levels use
// the token.*-token scopes VS Code colours in all themes; dimmed parts use `comment`).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Languages } from '../../../src/ids';
import { renderInvocation } from '../../../src/invocations/render';
import { hasScope, scopesAt, tokenize } from './grammarHelper';

const REQUEST = '21e8d397-4a13-4bac-8fce-823ddafb3041';
const TS = '2026-12-02T06:47:47.042Z';

describe('the lambkin-log grammar', () => {
  it('colours text-format lines by level, dims the timestamp and request id, and keeps a message\'s lines together', async () => {
    const log = [
      `${TS}\t${REQUEST}\tINFO\tgreeting world`,
      `${TS}\t${REQUEST}\tWARN\tslow downstream`,
      `${TS}\t${REQUEST}\tERROR\tInvoke Error \t{"errorType":"Error"}`,
      '    at handler (/app/index.js:3:9)',
      '    at Runtime.handleOnceNonStreaming (file:///var/runtime/index.mjs:1173:29)',
      '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)',
      `${TS}\t${REQUEST}\tDEBUG\tcache miss`,
    ].join('\n');
    const tokens = await tokenize('source.lambkin-log', log);
    assert.ok(hasScope(scopesAt(tokens, 'INFO'), 'token.info-token'));
    assert.ok(hasScope(scopesAt(tokens, 'WARN'), 'token.warn-token'));
    assert.ok(hasScope(scopesAt(tokens, 'slow downstream'), 'token.warn-token'));
    assert.ok(hasScope(scopesAt(tokens, 'ERROR'), 'token.error-token'));
    assert.ok(hasScope(scopesAt(tokens, 'Invoke Error'), 'token.error-token'));
    assert.ok(hasScope(scopesAt(tokens, '    at handler'), 'token.error-token'), 'a continuation line belongs to its ERROR entry');
    assert.ok(hasScope(scopesAt(tokens, '    at process'), 'comment'), 'Node\'s internal frames are dimmed');
    assert.ok(hasScope(scopesAt(tokens, '    at Runtime'), 'comment'), 'and so are the runtime\'s');
    assert.ok(hasScope(scopesAt(tokens, 'DEBUG'), 'token.debug-token'));
    assert.ok(hasScope(scopesAt(tokens, 'cache miss'), 'comment'));
    assert.ok(!hasScope(scopesAt(tokens, 'greeting world'), 'comment') && !scopesAt(tokens, 'greeting world').some((scope) => scope.startsWith('token.')), 'an INFO message keeps the text colour');
    for (const line of [0, 1, 2, 6]) {
      assert.ok(hasScope(scopesAt(tokens, TS, line), 'comment'), `timestamp dimmed on line ${line}`);
      assert.ok(hasScope(scopesAt(tokens, REQUEST, line), 'comment'), `request id dimmed on line ${line}`);
    }
  });

  it('styles Lambda\'s platform lines apart and flags a failed REPORT', async () => {
    const log = [
      'INIT_START Runtime Version: nodejs:22.lambkin\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:lambkin-local',
      `START RequestId: ${REQUEST} Version: $LATEST`,
      `${TS} ${REQUEST} Task timed out after 2.00 seconds`,
      `END RequestId: ${REQUEST}`,
      `REPORT RequestId: ${REQUEST}\tDuration: 2000.00 ms\tBilled Duration: 2000 ms\tMemory Size: 128 MB\tMax Memory Used: 50 MB\tInit Duration: 170.38 ms\tStatus: timeout`,
    ].join('\n');
    const tokens = await tokenize('source.lambkin-log', log);
    for (const keyword of ['INIT_START', 'START', 'END', 'REPORT']) assert.ok(hasScope(scopesAt(tokens, keyword), 'markup.heading'), keyword);
    assert.ok(hasScope(scopesAt(tokens, REQUEST, 1), 'comment'));
    assert.ok(hasScope(scopesAt(tokens, 'Task timed out'), 'token.error-token'));
    assert.ok(hasScope(scopesAt(tokens, '2000.00'), 'constant.numeric'));
    assert.ok(hasScope(scopesAt(tokens, '170.38'), 'token.debug-token'), 'INIT in the colour of the time bar\'s INIT');
    assert.ok(hasScope(scopesAt(tokens, 'timeout', 4), 'token.error-token'));
  });

  it('reads JSON-format lines and the Lambkin Functions channel\'s [Function] tag', async () => {
    const log = [
      `[HelloFunction] {"timestamp":"${TS}","level":"ERROR","requestId":"${REQUEST}","message":"boom"}`,
      `[HelloFunction] {"time":"${TS}","type":"platform.report","record":{"requestId":"${REQUEST}","status":"success"}}`,
      `[HelloFunction] ${TS}\t${REQUEST}\tINFO\thello`,
    ].join('\n');
    const tokens = await tokenize('source.lambkin-log', log);
    assert.ok(hasScope(scopesAt(tokens, '[HelloFunction]'), 'entity.name.function'));
    assert.ok(hasScope(scopesAt(tokens, '"ERROR"'), 'token.error-token'));
    assert.ok(hasScope(scopesAt(tokens, `"${TS}"`), 'comment'));
    assert.ok(hasScope(scopesAt(tokens, '"platform.report"'), 'markup.heading'));
    assert.ok(hasScope(scopesAt(tokens, 'INFO'), 'token.info-token'));
    assert.ok(hasScope(scopesAt(tokens, TS, 2), 'comment'));
  });
});

describe('the lambkin-invocation grammar', () => {
  const text = renderInvocation({
    requestId: REQUEST, functionName: 'HelloFunction', invocationType: 'RequestResponse', startedAt: Date.UTC(2026, 11, 2), coldStart: true, environmentId: 'e1',
    status: 'error', functionError: 'Unhandled', errorType: 'Error', event: '{"name":"Ada"}',
    response: JSON.stringify({ errorType: 'Error', errorMessage: 'boom', trace: ['Error: boom', '    at handler (/app/index.js:3:9)', '    at InvokeLoop.handleOnce (/ext/dist/runtime/bootstrap-node.js:2:100)', '    at process.processTicksAndRejections (node:internal/process/task_queues:95:5)'] }),
    durationMs: 28.4, billedDurationMs: 199, memorySizeMb: 128, maxMemoryUsedMb: 50, initDurationMs: 170.38,
    logs: [`START RequestId: ${REQUEST} Version: $LATEST`, `${TS}\t${REQUEST}\tERROR\tInvoke Error \t{}`, `END RequestId: ${REQUEST}`],
  }, { timeoutSeconds: 3 });

  it('colours the header: title, status, cold start, the time bar and its legend', async () => {
    const tokens = await tokenize('source.lambkin-invocation', text);
    assert.ok(hasScope(scopesAt(tokens, 'HelloFunction ·'), 'markup.heading'));
    assert.ok(hasScope(scopesAt(tokens, '✗ error'), 'token.error-token'));
    assert.ok(hasScope(scopesAt(tokens, 'Error: boom', 1), 'token.error-token'));
    assert.ok(hasScope(scopesAt(tokens, '❄ cold start'), 'token.debug-token'));
    assert.ok(hasScope(scopesAt(tokens, '▉'), 'token.debug-token'), 'INIT');
    assert.ok(hasScope(scopesAt(tokens, '█'), 'token.info-token'), 'handler');
    assert.ok(hasScope(scopesAt(tokens, '·····'), 'comment'), 'time left');
    assert.ok(hasScope(scopesAt(tokens, 'INIT 170.38 ms'), 'token.debug-token'));
    assert.ok(hasScope(scopesAt(tokens, 'handler 28.4 ms'), 'token.info-token'));
  });

  it('reads the event and the error as JSON, the stack as a stack and the logs as a log', async () => {
    const tokens = await tokenize('source.lambkin-invocation', text);
    const eventKey = scopesAt(tokens, 'name', text.split('\n').findIndex((line) => line.startsWith('── Event')));
    assert.ok(hasScope(eventKey, 'support.type.property-name.json') && hasScope(eventKey, 'meta.embedded.block.json'), eventKey.join(' '));
    assert.ok(hasScope(scopesAt(tokens, 'errorType'), 'support.type.property-name.json'));
    assert.ok(hasScope(scopesAt(tokens, '── Error'), 'comment'));
    assert.ok(hasScope(scopesAt(tokens, 'Error', text.split('\n').findIndex((line) => line.startsWith('── Error'))), 'token.error-token'));
    const traceLine = text.split('\n').findIndex((line) => line.startsWith('┄┄ trace'));
    assert.ok(hasScope(scopesAt(tokens, 'Error: boom', traceLine), 'token.error-token'));
    // The handler's frame stands out; the runtime's and Node's, which are not the function's code, are dimmed.
    assert.ok(hasScope(scopesAt(tokens, 'at', traceLine + 2), 'keyword') && !hasScope(scopesAt(tokens, 'handler (', traceLine), 'comment'));
    assert.ok(hasScope(scopesAt(tokens, '    at InvokeLoop', traceLine), 'comment'));
    assert.ok(hasScope(scopesAt(tokens, '    at process', traceLine), 'comment'));
    assert.ok(hasScope(scopesAt(tokens, 'START'), 'markup.heading'));
    assert.ok(hasScope(scopesAt(tokens, 'ERROR', traceLine), 'token.error-token'));
  });
});

describe('the languages in package.json', () => {
  const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
  it('contributes each language of Languages with its grammar, wrapped lines, an existing configuration and icon', () => {
    const languages = pkg.contributes.languages as { id: string; configuration: string; icon: { light: string; dark: string } }[];
    const grammars = pkg.contributes.grammars as { language: string; scopeName: string; path: string }[];
    assert.deepEqual(languages.map((language) => language.id).sort(), Object.values(Languages).sort());
    for (const id of Object.values(Languages)) {
      const grammar = grammars.find((candidate) => candidate.language === id);
      assert.ok(grammar, `a grammar for ${id}`);
      assert.equal(JSON.parse(readFileSync(path.resolve(__dirname, '../../..', grammar.path), 'utf8')).scopeName, `source.${id}`);
      readFileSync(path.resolve(__dirname, '../../..', languages.find((language) => language.id === id)!.configuration));
      assert.equal(pkg.contributes.configurationDefaults[`[${id}]`]['editor.wordWrap'], 'on');
      // The tab's icon where the file icon theme has none of its own (the status is the tab's badge).
      const icon = languages.find((language) => language.id === id)!.icon;
      for (const file of [icon.light, icon.dark]) assert.match(readFileSync(path.resolve(__dirname, '../../..', file), 'utf8'), /^<svg /);
    }
  });
});
