import * as assert from 'node:assert/strict';
import { loadTemplate, type ParsedTemplate } from '../../../runtime/template/index';
import { applyFunctionGlobals } from '../../../runtime/template/globals';
import { asMap, ProblemSink, valueOf, type LocatedMap } from '../../../runtime/template/located';
import { parseTemplateTree } from '../../../runtime/template/yaml-tree';
import { assertNoProblems, fixture, functionNamed, parseInline, problemWith } from './helpers';

function plain(node: LocatedMap): unknown {
  const convert = (value: unknown): unknown => {
    const located = value as { kind: string; value?: unknown; items?: unknown[]; entries?: Array<{ key: string; value: unknown }> };
    if (located.kind === 'scalar') return located.value;
    if (located.kind === 'seq') return located.items?.map(convert);
    return Object.fromEntries((located.entries ?? []).map((entry) => [entry.key, convert(entry.value)]));
  };
  return convert(node);
}

describe('template reader: Globals.Function', () => {
  let parsed: ParsedTemplate;
  before(async () => {
    parsed = await loadTemplate(fixture('sam-globals', 'template.yaml'));
  });

  it('reads the fixture without problems', () => {
    assertNoProblems(parsed);
    assert.deepEqual(parsed.functions.map((fn) => fn.logicalId), ['ApiFunction', 'WorkerFunction', 'CustomFunction']);
  });

  it('inherits scalars the function leaves out and keeps the ones it sets', () => {
    const api = functionNamed(parsed, 'ApiFunction');
    const worker = functionNamed(parsed, 'WorkerFunction');
    assert.deepEqual([api.runtime, api.timeout, api.memorySize], ['nodejs20.x', 5, 256]);
    assert.deepEqual([worker.runtime, worker.timeout, worker.memorySize], ['nodejs20.x', 30, 256]);
  });

  it('merges Environment.Variables with the function winning, values as strings', () => {
    assert.deepEqual(functionNamed(parsed, 'ApiFunction').environment, { SHARED: 'from-globals', OVERRIDDEN: 'function', NUMBER: '42', FLAG: 'true' });
    assert.deepEqual(functionNamed(parsed, 'WorkerFunction').environment, { SHARED: 'from-globals', OVERRIDDEN: 'globals', NUMBER: '42' });
  });

  it('lets the function replace Architectures instead of appending to it', () => {
    assert.equal(functionNamed(parsed, 'ApiFunction').architecture, 'x86_64');
    assert.equal(functionNamed(parsed, 'WorkerFunction').architecture, 'arm64');
  });

  it('reads the remaining function settings', () => {
    const api = functionNamed(parsed, 'ApiFunction');
    assert.equal(api.name, 'my-api');
    assert.equal(api.description, 'The API');
    assert.equal(api.codeRoot, fixture('sam-globals', 'src', 'api'));
    assert.equal(api.handler, 'handlers/get.handler');
    assert.equal(api.ephemeralStorage, 1024);
    assert.equal(api.reservedConcurrency, 0);
    assert.deepEqual(api.loggingConfig, { logFormat: 'JSON', applicationLogLevel: 'DEBUG', systemLogLevel: 'INFO', logGroup: '/custom/api' });
    assert.deepEqual(api.functionUrl, { authType: 'AWS_IAM', invokeMode: 'RESPONSE_STREAM', cors: { AllowOrigins: ['*'] } });
    const file = fixture('sam-globals', 'template.yaml');
    assert.deepEqual(api.events, [
      { name: 'GetItem', type: 'Api', properties: { Path: '/items/{id}', Method: 'get' }, location: { file, line: 45, column: 9 }, propertyLocations: { Path: { file, line: 48, column: 19 }, Method: { file, line: 49, column: 21 } } },
      { name: 'Nightly', type: 'Schedule', properties: { Schedule: 'rate(1 day)' }, location: { file, line: 50, column: 9 }, propertyLocations: { Schedule: { file, line: 53, column: 23 } } },
      { name: 'FunctionUrl', type: 'FunctionUrl', properties: { AuthType: 'AWS_IAM', InvokeMode: 'RESPONSE_STREAM', Cors: { AllowOrigins: ['*'] } }, location: { file, line: 39, column: 7 } },
    ]);
    assert.equal(functionNamed(parsed, 'WorkerFunction').codeRoot, fixture('sam-globals', 'src', 'worker'));
    assert.equal(functionNamed(parsed, 'CustomFunction').runtime, 'provided.al2');
  });

  it('points problems in Globals at the Globals line, once', () => {
    const result = parseInline(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 0
    Handler: index.handler
    Runtime: nodejs22.x
Resources:
  A:
    Type: AWS::Serverless::Function
  B:
    Type: AWS::Serverless::Function
    Properties:
      Timeout: 7
  C:
    Type: AWS::Serverless::Function
`);
    const problem = problemWith(result, 'Timeout 0 is below');
    assert.equal(problem.location.line, 4);
    assert.deepEqual(result.functions.map((fn) => fn.timeout), [3, 7, 3]);
  });

  it('does not apply Globals to plain AWS::Lambda::Function resources', () => {
    const result = parseInline(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 60
Resources:
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Code: .
      Handler: index.handler
      Runtime: nodejs22.x
`);
    assertNoProblems(result);
    assert.equal(functionNamed(result, 'Plain').timeout, 3);
  });

  it('treats an intrinsic in Globals as a value the function replaces', () => {
    const result = parseInline(`Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs22.x
    Handler: index.handler
    Environment: !If [Never, { Variables: { FROM: globals } }, !Ref AWS::NoValue]
Conditions:
  Never: !Equals [a, b]
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Environment:
        Variables:
          OWN: value
`);
    assertNoProblems(result);
    assert.deepEqual(functionNamed(result, 'Fn').environment, { OWN: 'value' });
  });

  it('reports Globals that are not maps', () => {
    const result = parseInline('Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Function: [a]\nResources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n');
    assert.equal(problemWith(result, 'Globals.Function must be a map').location.line, 3);
  });

  it('follows SAM merge rules: maps merge, lists concatenate (Architectures replaces), scalars replace', () => {
    const problems = new ProblemSink();
    const root = parseTemplateTree(`Globals:
  Function:
    Timeout: 10
    Layers: [GlobalLayer]
    Architectures: [arm64]
    VpcConfig:
      SecurityGroupIds: [sg-global]
      SubnetIds: [subnet-1]
    Tags: { team: core, cost: shared }
Own:
  Timeout: 20
  Layers: [OwnLayer]
  Architectures: [x86_64]
  VpcConfig:
    SecurityGroupIds: [sg-own]
  Tags: { cost: mine }
`, fixture('inline', 'template.yaml'), problems);
    assert.deepEqual(problems.problems, []);
    const top = asMap(root);
    assert.ok(top);
    const globals = asMap(valueOf(asMap(valueOf(top, 'Globals'))!, 'Function'));
    const merged = applyFunctionGlobals(globals, asMap(valueOf(top, 'Own'))!);
    assert.deepEqual(plain(merged), {
      Timeout: 20,
      Layers: ['GlobalLayer', 'OwnLayer'],
      Architectures: ['x86_64'],
      VpcConfig: { SecurityGroupIds: ['sg-global', 'sg-own'], SubnetIds: ['subnet-1'] },
      Tags: { team: 'core', cost: 'mine' },
    });
  });
});
