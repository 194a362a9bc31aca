import * as assert from 'node:assert/strict';
import { loadTemplate } from '../../../runtime/template/index';
import { fixture, functionNamed, parseInline, problemWith } from './helpers';

const HEADER = `Transform: AWS::Serverless-2016-10-31
Parameters:
  Stage:
    Type: String
    Default: dev
    AllowedValues: [dev, prod]
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
`;
// HEADER is 16 lines: the first property appended below it is on line 17.

describe('template reader: intrinsic functions', () => {
  it('resolves the fixture that uses every function', async () => {
    const parsed = await loadTemplate(fixture('intrinsics', 'template.yaml'));
    assert.deepEqual(parsed.problems.map((problem) => [problem.severity, problem.location.line]), [['warning', 10]]);
    assert.match(parsed.problems[0].message, /Parameter Secret has no Default; give it one or pass a parameter override \(Secret=value\)/);
    const fn = functionNamed(parsed, 'EverythingFunction');
    assert.equal(fn.name, 'lambkin-local-dev');
    assert.equal(fn.memorySize, 256);
    assert.equal(fn.timeout, 10);
    assert.deepEqual(fn.environment, {
      REF_PARAM: 'dev',
      REF_BUCKET: 'bucket',
      REF_NAMED: 'http://127.0.0.1:4566/123456789012/jobs',
      REF_SECRET: '${Secret}',
      REGION: 'us-east-1',
      ACCOUNT: '123456789012',
      PARTITION: 'aws',
      STACK: 'lambkin-local',
      SUFFIX: 'amazonaws.com',
      ARN_DOT: 'arn:aws:s3:::bucket',
      ARN_LIST: 'arn:aws:s3:::bucket',
      OWN_ARN: 'arn:aws:lambda:us-east-1:123456789012:function:lambkin-local-dev',
      SUB: 'arn:aws:s3:::bucket/dev/*',
      SUB_ATTR: 'arn:aws:s3:::bucket/x',
      SUB_VARS: 'Hello, dev! ${Literal}',
      JOIN: 'a-dev-c',
      SELECT: 'subnet-b',
      SPLIT_SELECT: 'z',
      IF_DEV: 'dev-value',
      AND: 'yes-and',
      OR: 'no-or',
      BASE64: 'aGVsbG8=',
      AZ: 'us-east-1a',
      CIDR: '10.0.1.0/24',
      IMPORT: '${ImportValue:shared-vpc-id}',
      LONG_SUB: 'us-east-1-long',
      LONG_JOIN: 'dev!',
      NUMBER: '7',
      BOOLEAN: 'false',
    });
    assert.ok(!('REMOVED' in fn.environment), 'AWS::NoValue removes the key');
  });

  it('applies parameter overrides, region and account id', async () => {
    const parsed = await loadTemplate(fixture('intrinsics', 'template.yaml'), {
      region: 'us-west-2',
      accountId: '111122223333',
      parameterOverrides: { Stage: 'prod', Secret: 's3cr3t', Subnets: 'one, two' },
    });
    assert.deepEqual(parsed.problems, []);
    const fn = functionNamed(parsed, 'EverythingFunction');
    assert.equal(fn.name, 'lambkin-local-prod');
    assert.equal(fn.memorySize, 2048);
    assert.equal(fn.timeout, 30);
    assert.equal(fn.environment.REF_SECRET, 's3cr3t');
    assert.equal(fn.environment.SELECT, 'two');
    assert.equal(fn.environment.REGION, 'us-west-2');
    assert.equal(fn.environment.ACCOUNT, '111122223333');
    assert.equal(fn.environment.AZ, 'us-west-2a');
    assert.equal(fn.environment.IF_DEV, 'prod-value');
    assert.equal(fn.environment.OR, 'yes-or');
    assert.equal(fn.environment.AND, 'no-and');
    assert.equal(fn.environment.REMOVED, 'on');
    assert.equal(fn.environment.OWN_ARN, 'arn:aws:lambda:us-west-2:111122223333:function:lambkin-local-prod');
  });

  it('uses the aws-cn partition and URL suffix in China regions', () => {
    const parsed = parseInline(`${HEADER}      Description: !Sub '\${AWS::Partition} \${AWS::URLSuffix}'\n`, { region: 'cn-north-1' });
    assert.equal(functionNamed(parsed, 'Fn').description, 'aws-cn amazonaws.com.cn');
  });

  it('reports an override outside AllowedValues at the parameter', () => {
    const parsed = parseInline(HEADER, { parameterOverrides: { Stage: 'qa' } });
    const problem = problemWith(parsed, 'Parameter Stage is "qa", which is not one of its AllowedValues (dev, prod)');
    assert.equal(problem.location.line, 3);
  });

  it('reports a Ref to something that does not exist, and keeps a placeholder', () => {
    const parsed = parseInline(`${HEADER}      Description: !Ref Nowhere\n`);
    const problem = problemWith(parsed, 'Ref to Nowhere: there is no parameter or resource named Nowhere');
    assert.equal(problem.location.line, 17);
    assert.equal(problem.severity, 'error');
    assert.equal(functionNamed(parsed, 'Fn').description, '${Nowhere}');
  });

  it('reports an unknown pseudo parameter', () => {
    const parsed = parseInline(`${HEADER}      Description: !Ref AWS::Planet\n`);
    assert.equal(problemWith(parsed, 'AWS::Planet is not a pseudo parameter').location.line, 17);
  });

  it('reports Fn::GetAtt on a missing resource', () => {
    const parsed = parseInline(`${HEADER}      Description: !GetAtt Missing.Arn\n`);
    assert.equal(problemWith(parsed, 'Fn::GetAtt Missing.Arn: there is no resource named Missing').location.line, 17);
    assert.equal(functionNamed(parsed, 'Fn').description, '${Missing.Arn}');
  });

  it('reports an unknown Fn::Sub variable and suggests escaping', () => {
    const parsed = parseInline(`${HEADER}      Description: !Sub 'x-\${Unknown}-\${!Kept}'\n`);
    assert.equal(problemWith(parsed, 'Fn::Sub uses ${Unknown}').location.line, 17);
    assert.equal(functionNamed(parsed, 'Fn').description, 'x-${Unknown}-${Kept}');
  });

  it('reports Fn::FindInMap misses and uses DefaultValue when given', () => {
    const parsed = parseInline(`Mappings:\n  M:\n    a:\n      b: found\n${HEADER}      Description: !FindInMap [M, a, nope]\n      FunctionName: !FindInMap [M, x, y, { DefaultValue: fallback-name }]\n`);
    assert.equal(problemWith(parsed, 'Fn::FindInMap found nothing at Mappings.M.a.nope').location.line, 21);
    assert.equal(functionNamed(parsed, 'Fn').name, 'fallback-name');
  });

  it('reports Fn::Select out of range and malformed arguments', () => {
    const parsed = parseInline(`${HEADER}      Description: !Select [3, [a, b]]\n      FunctionName: !Join [only-one]\n`);
    assert.equal(problemWith(parsed, 'Fn::Select index 3 is outside the list of 2 item(s); use 0–1.').location.line, 17);
    assert.equal(problemWith(parsed, 'Fn::Join expects [delimiter, [values]].').location.line, 18);
  });

  it('reports unknown and self-referencing conditions', () => {
    const parsed = parseInline(`Conditions:\n  Loop: !Condition Loop\n${HEADER}      Description: !If [Missing, a, b]\n      FunctionName: !If [Loop, loop-a, loop-b]\n`);
    assert.equal(problemWith(parsed, 'Condition Missing is not declared').location.line, 19);
    assert.equal(problemWith(parsed, 'Condition Loop depends on itself').location.line, 2);
    const fn = functionNamed(parsed, 'Fn');
    assert.equal(fn.description, 'b');
    assert.equal(fn.name, 'loop-b');
  });

  it('skips a resource whose Condition is false', () => {
    const parsed = parseInline(`${HEADER}  ProdOnly:\n    Type: AWS::Serverless::Function\n    Condition: IsProd\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n`);
    assert.deepEqual(parsed.functions.map((fn) => fn.logicalId), ['Fn']);
    const prod = parseInline(`${HEADER}  ProdOnly:\n    Type: AWS::Serverless::Function\n    Condition: IsProd\n    Properties:\n      Handler: index.handler\n      Runtime: nodejs22.x\n`, { parameterOverrides: { Stage: 'prod' } });
    assert.deepEqual(prod.functions.map((fn) => fn.logicalId), ['Fn', 'ProdOnly']);
  });

  it('removes list items and keys that are AWS::NoValue', () => {
    const parsed = parseInline(`${HEADER}      Architectures: [!If [IsProd, x86_64, !Ref AWS::NoValue], arm64]\n      MemorySize: !If [IsProd, 1024, !Ref AWS::NoValue]\n`);
    const fn = functionNamed(parsed, 'Fn');
    assert.equal(fn.architecture, 'arm64');
    assert.equal(fn.memorySize, 128);
  });

  it('checks intrinsics in resources that are not functions', () => {
    const parsed = parseInline(`${HEADER}  Queue:\n    Type: AWS::SQS::Queue\n    Properties:\n      QueueName: !Ref Typo\n`);
    assert.equal(problemWith(parsed, 'Ref to Typo').location.line, 20);
  });

  it('Ref to a function gives its resolved FunctionName', () => {
    const parsed = parseInline(`${HEADER}  Other:\n    Type: AWS::Lambda::Function\n    Properties:\n      FunctionName: !Sub 'other-\${Stage}'\n      Code: .\n      Handler: index.handler\n      Runtime: nodejs22.x\n      Environment:\n        Variables:\n          TARGET: !Ref Fn\n          SELF: !Ref Other\n`);
    assert.deepEqual(functionNamed(parsed, 'Other').environment, { TARGET: 'Fn', SELF: 'other-dev' });
    assert.equal(functionNamed(parsed, 'Other').name, 'other-dev');
  });
});
