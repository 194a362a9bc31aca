import * as assert from 'node:assert/strict';
import { loadTemplate } from '../../../runtime/template/index';
import { assertNoProblems, fixture, functionNamed, parseInline, problemWith } from './helpers';

const FUNCTION_HEADER = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Runtime: nodejs22.x
`;

describe('template reader: YAML and JSON syntax', () => {
  it('reports a YAML syntax error at the line where it is', async () => {
    const parsed = await loadTemplate(fixture('syntax-error', 'template.yaml'));
    assert.equal(parsed.functions.length, 0);
    assert.equal(parsed.problems.length, 1);
    const [problem] = parsed.problems;
    assert.equal(problem.severity, 'error');
    assert.equal(problem.location.line, 6);
    assert.match(problem.message, /^template\.yaml:6: .*fix the YAML syntax here\.$/);
  });

  it('reports an unclosed flow list at the line where YAML finds it unclosed', () => {
    // The list opens on line 8; the parser can only tell it is unclosed on line 9, and says so there.
    const parsed = parseInline(`${FUNCTION_HEADER}      Architectures: [arm64\n      Timeout: 3\n`);
    assert.deepEqual(parsed.problems.map((problem) => [problem.severity, problem.location.line]), [['error', 9]]);
    assert.match(parsed.problems[0].message, /^template\.yaml:9: Flow sequence .* end with a \]: fix the YAML syntax here\.$/);
  });
});

describe('template reader: tags resolve to the same values as long forms', () => {
  const template = `Mappings:
  M:
    top:
      second: mapped
Conditions:
  Yes: !Equals [a, a]
  No: !Not [!Condition Yes]
  Combined: !And [!Condition Yes, !Or [!Condition No, !Equals [1, '1']]]
${FUNCTION_HEADER}      Environment:
        Variables:
          A: !Ref AWS::Region
          B: !Sub '\${AWS::AccountId}'
          C: !GetAtt Fn.Arn
          D: !GetAtt [Fn, Arn]
          E: !Join [',', [x, y]]
          F: !Select [0, [first, second]]
          G: !Join ['+', !Split ['|', 'a|b']]
          H: !FindInMap [M, top, second]
          I: !If [Yes, 'on', 'off']
          J: !Base64 'hi'
          K: !Join [',', !GetAZs '']
          L: !ImportValue exported
          N: !Join [',', !Cidr ['192.168.0.0/24', 2, 4]]
          O: !If [Combined, 'both', 'not both']
          LA: { Ref: 'AWS::Region' }
          LB: { 'Fn::Sub': '\${AWS::AccountId}' }
          LC: { 'Fn::GetAtt': [Fn, Arn] }
          LE: { 'Fn::Join': [',', [x, y]] }
          LH: { 'Fn::FindInMap': [M, top, second] }
          LI: { 'Fn::If': [No, 'on', 'off'] }
`;

  it('gives the documented values', () => {
    const parsed = parseInline(template);
    assertNoProblems(parsed);
    const env = functionNamed(parsed, 'Fn').environment;
    const arn = 'arn:aws:lambda:us-east-1:123456789012:function:Fn';
    assert.deepEqual(env, {
      A: 'us-east-1', B: '123456789012', C: arn, D: arn, E: 'x,y', F: 'first', G: 'a+b', H: 'mapped', I: 'on',
      J: 'aGk=', K: 'us-east-1a,us-east-1b,us-east-1c', L: '${ImportValue:exported}', N: '192.168.0.0/28,192.168.0.16/28',
      O: 'both', LA: 'us-east-1', LB: '123456789012', LC: arn, LE: 'x,y', LH: 'mapped', LI: 'off',
    });
  });

  it('accepts !Condition, !Transform and nested tags without syntax problems', () => {
    const parsed = parseInline(`${FUNCTION_HEADER}      Description: !Transform { Name: 'AWS::Include', Parameters: { Location: s3://b/k } }\n`);
    const problem = problemWith(parsed, 'Fn::Transform (AWS::Include)');
    assert.equal(problem.severity, 'warning');
    assert.equal(problem.location.line, 8);
    assert.equal(functionNamed(parsed, 'Fn').description, '${Transform:AWS::Include}');
  });

  it('reports an unknown short tag where it is written', () => {
    const parsed = parseInline(`${FUNCTION_HEADER}      Description: !Foo bar\n`);
    const problem = problemWith(parsed, 'Unknown tag !Foo');
    assert.equal(problem.severity, 'error');
    assert.equal(problem.location.line, 8);
    assert.equal(problem.location.column, 20);
  });

  it('reports an unknown long-form intrinsic function', () => {
    const parsed = parseInline(`${FUNCTION_HEADER}      Description:\n        Fn::Frobnicate: [a]\n`);
    const problem = problemWith(parsed, 'Unknown intrinsic function Fn::Frobnicate');
    assert.equal(problem.location.line, 9);
  });
});

describe('template reader: JSON, anchors and structure', () => {
  it('reads a JSON template with positions', async () => {
    const parsed = await loadTemplate(fixture('cfn-lambda', 'template.json'));
    const fn = functionNamed(parsed, 'PlainFunction');
    assert.equal(fn.location.line, 7);
    assert.equal(fn.location.column, 5);
  });

  it('reports a broken JSON template at the right line', () => {
    const parsed = parseInline('{\n  "Resources": {\n    "Fn": { "Type": "AWS::Serverless::Function", }\n    "Other": 1\n  }\n}\n');
    assert.ok(parsed.problems.length >= 1);
    assert.equal(parsed.functions.length, 0);
    assert.ok(parsed.problems.some((problem) => problem.location.line === 4), parsed.problems.map((p) => p.message).join('\n'));
  });

  it('follows aliases and merge keys', () => {
    const parsed = parseInline(`Transform: AWS::Serverless-2016-10-31
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties: &common
      Handler: index.handler
      Runtime: nodejs22.x
      MemorySize: 256
  B:
    Type: AWS::Serverless::Function
    Properties:
      <<: *common
      MemorySize: 1024
`);
    assertNoProblems(parsed);
    assert.equal(functionNamed(parsed, 'A').memorySize, 256);
    assert.equal(functionNamed(parsed, 'B').memorySize, 1024);
    assert.equal(functionNamed(parsed, 'B').handler, 'index.handler');
  });

  it('reports a duplicate key and keeps reading', () => {
    const parsed = parseInline(`${FUNCTION_HEADER}      Timeout: 5\n      Timeout: 6\n`);
    const problem = problemWith(parsed, 'Map keys must be unique');
    assert.equal(problem.location.line, 9);
    assert.equal(functionNamed(parsed, 'Fn').timeout, 5);
  });

  it('reports an empty template, a non-map template and missing or empty Resources', async () => {
    assert.equal(problemWith(parseInline(''), 'The template is empty').location.line, 1);
    assert.equal(problemWith(parseInline('- just\n- a list\n'), 'must be a map').location.line, 1);
    const noResources = await loadTemplate(fixture('no-resources', 'template.yaml'));
    const problem = problemWith(noResources, 'no Resources section');
    assert.equal(problem.location.line, 1);
    assert.equal(problem.message, 'template.yaml:1: The template has no Resources section; add Resources with at least one AWS::Serverless::Function or AWS::Lambda::Function.');
    assert.equal(problemWith(parseInline('Description: x\nResources: {}\n'), 'Resources is empty').location.line, 2);
    assert.equal(problemWith(parseInline('Description: x\n\nResources: !Ref Oops\n'), 'Resources must be a map').location.line, 3);
  });
});
