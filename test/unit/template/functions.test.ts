import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadTemplate, parseTemplate, type ParsedTemplate } from '../../../runtime/template/index';
import { assertNoProblems, fixture, functionNamed, parseInline, problemWith } from './helpers';

describe('template reader: functions', () => {
  describe('the problems fixture', () => {
    let parsed: ParsedTemplate;
    before(async () => {
      parsed = await loadTemplate(fixture('problems', 'template.yaml'));
    });

    function at(text: string): [string, number, number] {
      const problem = problemWith(parsed, text);
      return [problem.severity, problem.location.line, problem.location.column];
    }

    it('reports values outside Lambda limits where they are written', () => {
      assert.equal(problemWith(parsed, 'MemorySize 64').message, "template.yaml:9: MemorySize 64 is below Lambda's minimum of 128 MB; set 128–10240.");
      assert.deepEqual(at('MemorySize 64'), ['error', 9, 19]);
      assert.equal(problemWith(parsed, 'Timeout 901').message, "template.yaml:10: Timeout 901 is above Lambda's maximum of 900 seconds; set 1–900.");
      assert.deepEqual(at('Architectures must list exactly one'), ['error', 11, 22]);
      assert.deepEqual(at('EphemeralStorage.Size 100 is below'), ['error', 13, 15]);
      assert.deepEqual(at('ReservedConcurrentExecutions -1 is below'), ['error', 14, 37]);
      assert.deepEqual(at('LogFormat "XML" is not valid; use Text or JSON.'), ['error', 16, 20]);
      assert.deepEqual(at('MemorySize "lots" is not a whole number'), ['error', 23, 19]);
    });

    it('falls back to Lambda defaults for invalid values', () => {
      const fn = functionNamed(parsed, 'TooSmall');
      assert.equal(fn.memorySize, 128);
      assert.equal(fn.timeout, 3);
      assert.equal(fn.architecture, 'x86_64');
      assert.equal(fn.ephemeralStorage, 512);
      assert.equal(fn.reservedConcurrency, undefined);
      assert.equal(fn.loggingConfig.logFormat, 'Text');
    });

    it('warns about an unsupported runtime but still lists the function', () => {
      assert.deepEqual(at('Runtime python3.12 is not supported by Lambkin'), ['warning', 22, 16]);
      assert.match(problemWith(parsed, 'python3.12').message, /nodejs18\.x, nodejs20\.x, nodejs22\.x, nodejs24\.x, provided\.al2023, provided\.al2/);
      assert.equal(functionNamed(parsed, 'WrongRuntime').runtime, 'python3.12');
    });

    it('rejects reserved, malformed and non-string environment variables', () => {
      assert.deepEqual(at('AWS_REGION is set by Lambda itself'), ['error', 26, 11]);
      assert.deepEqual(at('Environment variable name "1BAD" is not valid'), ['error', 27, 11]);
      assert.deepEqual(at('Environment variable LIST must be a string, not a list.'), ['error', 28, 17]);
      assert.deepEqual(functionNamed(parsed, 'WrongRuntime').environment, {});
    });

    it('reports a missing Handler at the resource and leaves the function out', () => {
      assert.deepEqual(at('NoHandler has no Handler'), ['error', 29, 3]);
      assert.ok(!parsed.functions.some((fn) => fn.logicalId === 'NoHandler'));
    });

    it('names the folder it looked for when CodeUri is missing', () => {
      const problem = problemWith(parsed, 'CodeUri "does/not/exist" was not found');
      assert.deepEqual([problem.severity, problem.location.line], ['error', 37]);
      assert.ok(problem.message.includes(fixture('problems', 'does', 'not', 'exist')), problem.message);
      assert.equal(functionNamed(parsed, 'MissingFolder').codeRoot, fixture('problems', 'does', 'not', 'exist'));
    });

    it('warns when the handler file is not in the code root, listing the names it tried', () => {
      const problem = problemWith(parsed, 'Handler "lib/missing.handler"');
      assert.deepEqual([problem.severity, problem.location.line], ['warning', 44]);
      assert.match(problem.message, /missing\.js, missing\.mjs, missing\.cjs, missing\.ts, missing\.mts, missing\.cts/);
      assert.ok(problem.message.includes(fixture('problems', 'src', 'lib')), problem.message);
    });

    it('reports a handler without an export name', () => {
      assert.deepEqual(at('Handler "app" must be <file>.<export>'), ['error', 50, 16]);
    });

    it('refuses remote and inline code', () => {
      assert.deepEqual(at('remote code is not supported locally'), ['error', 56, 9]);
      assert.deepEqual(at('InlineCode is not run locally'), ['warning', 63, 19]);
      assert.ok(!parsed.functions.some((fn) => fn.logicalId === 'RemoteCode' || fn.logicalId === 'Inline'));
    });

    it('reports duplicate function names at the second one', () => {
      const problem = problemWith(parsed, 'Function name shared-name is used by both FirstNamed (line 66) and SecondNamed');
      assert.deepEqual([problem.severity, problem.location.line], ['error', 73]);
    });

    it('reports a resource without a Type', () => {
      assert.deepEqual(at('Resource NoType needs a Type'), ['error', 80, 3]);
    });

    it('has no other problems and keeps them sorted by line', () => {
      assert.equal(parsed.problems.length, 19);
      const lines = parsed.problems.map((problem) => problem.location.line);
      assert.deepEqual(lines, [...lines].sort((a, b) => a - b));
      assert.ok(parsed.problems.every((problem) => problem.location.file === fixture('problems', 'template.yaml')));
    });
  });

  it('reads plain AWS::Lambda::Function resources from JSON', async () => {
    const parsed = await loadTemplate(fixture('cfn-lambda', 'template.json'));
    assert.deepEqual(parsed.functions.map((fn) => fn.logicalId), ['PlainFunction']);
    const fn = functionNamed(parsed, 'PlainFunction');
    assert.deepEqual(fn, {
      logicalId: 'PlainFunction',
      name: 'lambkin-local-plain',
      templatePath: fixture('cfn-lambda', 'template.json'),
      location: { file: fixture('cfn-lambda', 'template.json'), line: 7, column: 5 },
      resourceType: 'AWS::Lambda::Function',
      codeRoot: fixture('cfn-lambda', 'code'),
      handler: 'index.handler',
      runtime: 'nodejs24.x',
      memorySize: 1024,
      timeout: 60,
      architecture: 'arm64',
      ephemeralStorage: 512,
      environment: { TABLE: 'orders-table' },
      reservedConcurrency: 5,
      loggingConfig: { logFormat: 'JSON', applicationLogLevel: 'INFO', systemLogLevel: 'WARN' },
      events: [],
    });
    assert.deepEqual(parsed.problems.map((problem) => [problem.severity, problem.location.line, problem.message]), [
      ['warning', 25, "template.json:25: Code.ZipFile (inline code) is not run locally; move the code to a folder and set Code to that folder's path."],
      ['error', 33, 'template.json:33: Code points at S3 or a container image: remote code is not supported locally; set Code to the local folder that holds the function code.'],
    ]);
  });

  it('applies defaults and uses the template folder when CodeUri is left out', () => {
    const parsed = parseInline('Transform: AWS::Serverless-2016-10-31\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n');
    assertNoProblems(parsed);
    const fn = functionNamed(parsed, 'Fn');
    assert.equal(fn.name, 'Fn');
    assert.equal(fn.codeRoot, fixture('inline'));
    assert.deepEqual(
      [fn.memorySize, fn.timeout, fn.architecture, fn.ephemeralStorage, fn.loggingConfig, fn.environment, fn.events, fn.reservedConcurrency, fn.functionUrl, fn.description],
      [128, 3, 'x86_64', 512, { logFormat: 'Text' }, {}, [], undefined, undefined, undefined],
    );
  });

  it('warns when serverless resources lack the SAM Transform', () => {
    const parsed = parseInline('Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n');
    const problem = problemWith(parsed, 'Transform: AWS::Serverless-2016-10-31');
    assert.deepEqual([problem.severity, problem.location.line], ['warning', 2]);
  });

  it('reports missing Runtime, bad FunctionName, missing FunctionUrl AuthType and Text-only log levels', () => {
    const parsed = parseInline(`Transform: AWS::Serverless-2016-10-31
Resources:
  NoRuntime:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
  Odd:
    Type: AWS::Serverless::Function
    Properties:
      FunctionName: has spaces
      Handler: index.handler
      Runtime: nodejs22.x
      FunctionUrlConfig:
        InvokeMode: BUFFERED
      LoggingConfig:
        ApplicationLogLevel: DEBUG
      PackageType: Zip
`);
    assert.equal(problemWith(parsed, 'NoRuntime has no Runtime').location.line, 3);
    assert.equal(problemWith(parsed, 'FunctionName "has spaces" is not valid').location.line, 10);
    assert.equal(problemWith(parsed, 'FunctionUrlConfig needs an AuthType').location.line, 14);
    const logLevel = problemWith(parsed, 'ApplicationLogLevel only applies with LogFormat: JSON');
    assert.deepEqual([logLevel.severity, logLevel.location.line], ['warning', 16]);
    assert.equal(functionNamed(parsed, 'Odd').name, 'Odd');
  });

  it('refuses container image functions', () => {
    const parsed = parseInline('Transform: AWS::Serverless-2016-10-31\nResources:\n  Img:\n    Type: AWS::Serverless::Function\n    Properties:\n      PackageType: Image\n      ImageUri: repo/img:latest\n');
    assert.equal(problemWith(parsed, 'PackageType Image').location.line, 6);
    assert.equal(parsed.functions.length, 0);
  });

  describe('custom runtimes', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lambkin-template-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const template = 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Custom:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: code\n      Handler: whatever\n      Runtime: provided.al2023\n';

    it('warns when bootstrap is missing or not executable, and accepts an executable one', () => {
      fs.mkdirSync(path.join(dir, 'code'));
      const file = path.join(dir, 'template.yaml');
      assert.equal(problemWith(parseTemplate(template, file), 'needs an executable file named bootstrap').location.line, 7);
      fs.writeFileSync(path.join(dir, 'code', 'bootstrap'), '#!/bin/sh\n', { mode: 0o644 });
      if (process.platform !== 'win32') assert.equal(problemWith(parseTemplate(template, file), 'is not executable; run chmod +x').severity, 'warning');
      fs.chmodSync(path.join(dir, 'code', 'bootstrap'), 0o755);
      assertNoProblems(parseTemplate(template, file));
    });

    it('reports a CodeUri that is a file', () => {
      fs.writeFileSync(path.join(dir, 'code'), 'zip bytes');
      const parsed = parseTemplate(template, path.join(dir, 'template.yaml'));
      assert.equal(problemWith(parsed, 'CodeUri "code" is a file').location.line, 6);
    });
  });

  it('turns an unreadable template into one problem at line 1', async () => {
    const missing = fixture('nowhere', 'template.yaml');
    const parsed = await loadTemplate(missing);
    assert.deepEqual(parsed, {
      path: missing,
      functions: [],
      resources: [],
      problems: [{ severity: 'error', message: `template.yaml:1: Cannot read the template: no file at ${missing}; check the path.`, location: { file: missing, line: 1, column: 1 } }],
    });
    const folder = await loadTemplate(fixture('problems'));
    assert.match(folder.problems[0].message, /is a folder; pass the template file inside it/);
  });
});
