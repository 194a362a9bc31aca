import assert from 'node:assert/strict';
import path from 'node:path';
import { useBootstrap, FIXTURES, within } from './harness';

const CJS = path.join(FIXTURES, 'cjs');
const ISO = '\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z';

describe('node bootstrap: console output', function () {
  const suite = useBootstrap();

  async function runLogs(env: Record<string, string> = {}): Promise<string[]> {
    const environment = await suite.start({ codeRoot: CJS, handler: 'logs.handler', env });
    await within(5000, environment.invoke({}, { requestId: 'req-logs' }), 'logs');
    return environment.lines;
  }

  it('writes Lambda\'s text format, one line per call, with \\n turned into \\r', async () => {
    const lines = await runLogs();
    const expectLine = (level: string, message: string) => {
      const pattern = new RegExp(`^${ISO}\\treq-logs\\t${level}\\t${message}$`);
      assert.ok(lines.some((line) => pattern.test(line)), `no ${level} line matching ${message}:\n${lines.join('\n')}`);
    };
    expectLine('INFO', "multi\\rline \\{ a: 1 \\}");
    expectLine('INFO', 'info');
    expectLine('WARN', 'warn');
    expectLine('ERROR', 'error Error: logged error\\r    at [\\s\\S]*');
    expectLine('DEBUG', 'debug');
    expectLine('TRACE', 'trace');
    expectLine('FATAL', 'fatal');
    expectLine('INFO', '\\{ structured: true \\}');
    assert.equal(lines.filter((line) => line.includes('\treq-logs\t')).length, 8, 'one line per console call');
  });

  it('prints requestId "undefined" for lines logged while the module loads', async () => {
    const environment = await suite.start({ codeRoot: CJS, handler: 'index.handler' });
    await within(5000, environment.invoke({}), 'index');
    assert.ok(environment.lines.some((line) => new RegExp(`^${ISO}\\tundefined\\tINFO\\tinit line\\rsecond part$`).test(line)),
      environment.lines.join('\n'));
  });

  it('writes JSON lines when AWS_LAMBDA_LOG_FORMAT is JSON, filtered by AWS_LAMBDA_LOG_LEVEL', async () => {
    const lines = await runLogs({ AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'WARN' });
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(records.map((record) => record.level), ['WARN', 'ERROR', 'FATAL']);
    for (const record of records) {
      assert.deepEqual(Object.keys(record).slice(0, 4), ['timestamp', 'level', 'requestId', 'message']);
      assert.equal(record.requestId, 'req-logs');
      assert.match(String(record.timestamp), new RegExp(`^${ISO}$`));
    }
    const error = records[1];
    assert.match(String(error.message), /^error Error: logged error\n/);
    assert.equal(error.errorType, 'Error');
    assert.equal(error.errorMessage, 'logged error');
    assert.ok(Array.isArray(error.stackTrace));
  });

  it('keeps a single logged value as JSON in the message field', async () => {
    const lines = await runLogs({ AWS_LAMBDA_LOG_FORMAT: 'JSON', AWS_LAMBDA_LOG_LEVEL: 'INFO' });
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.ok(records.some((record) => JSON.stringify(record.message) === '{"structured":true}'), lines.join('\n'));
    assert.ok(!records.some((record) => record.level === 'DEBUG' || record.level === 'TRACE'));
  });
});
