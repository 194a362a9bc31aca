// AWS::Lambda::Alias resources of a CloudFormation template: their names reach the function as qualifiers, and
// their ProvisionedConcurrencyConfig keeps environments initialised (added up over a function's aliases).
// AWS::Lambda::Version resources: version numbers reach the function they publish.
import * as assert from 'node:assert/strict';
import { acceptsQualifier } from '../../../runtime/services/lambda/qualifiers';
import { functionNamed, parseInline, problemWith } from './helpers';

const TEMPLATE = `
Resources:
  LiveAlias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Orders
      FunctionVersion: !GetAtt OrdersVersion.Version
      Name: live
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 2
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      FunctionName: orders
      Handler: app.handler
      Runtime: nodejs22.x
      Code: src
  OrdersVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Orders
  BetaAlias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !GetAtt Orders.Arn
      FunctionVersion: '1'
      Name: beta
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 1
  Reports:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs22.x
      Code: src
      ReservedConcurrentExecutions: 1
  ReportsAlias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Reports
      FunctionVersion: '1'
      Name: prod
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 3
  ElsewhereAlias:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: arn:aws:lambda:us-east-1:123456789012:function:not-here
      FunctionVersion: '1'
      Name: live
  ReportsCanary:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Reports
      FunctionVersion: '1'
      Name: canary
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 1
  Solo:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs22.x
      Code: src
  SoloVersion:
    Type: AWS::Lambda::Version
    Properties:
      FunctionName: !Ref Solo
  Bare:
    Type: AWS::Lambda::Function
    Properties:
      Handler: app.handler
      Runtime: nodejs22.x
      Code: src
  BadName:
    Type: AWS::Lambda::Alias
    Properties:
      FunctionName: !Ref Reports
      FunctionVersion: '1'
      Name: '42'
`;

describe('template reader: AWS::Lambda::Alias', () => {
  const parsed = parseInline(TEMPLATE, { checkCode: false });

  it('makes each alias a qualifier of its function, by Ref, ARN or name, wherever it is declared', () => {
    const orders = functionNamed(parsed, 'Orders');
    assert.equal(orders.alias, 'live');
    assert.deepEqual(orders.aliases, ['beta']);
    for (const qualifier of ['live', 'beta', '1', '$LATEST', undefined]) assert.ok(acceptsQualifier(orders, qualifier), `${qualifier} is refused`);
    assert.equal(acceptsQualifier(orders, 'prod'), false);
    assert.equal(functionNamed(parsed, 'Reports').alias, 'prod');
  });

  it('lets version numbers reach a function a Version publishes, and no other qualifier', () => {
    const solo = functionNamed(parsed, 'Solo');
    assert.equal(solo.versioned, true);
    assert.ok(acceptsQualifier(solo, '1') && acceptsQualifier(solo, '$LATEST'));
    assert.equal(acceptsQualifier(solo, 'live'), false);
    // Without a version or an alias, only $LATEST exists.
    const bare = functionNamed(parsed, 'Bare');
    assert.equal(acceptsQualifier(bare, '1'), false);
    assert.ok(acceptsQualifier(bare, '$LATEST'));
  });

  it('keeps environments initialised for the aliases\' provisioned concurrency, added up', () => {
    assert.equal(functionNamed(parsed, 'Orders').provisionedConcurrency, 3);
  });

  it('holds provisioned concurrency to the reserved concurrency, as Lambda does', () => {
    assert.equal(functionNamed(parsed, 'Reports').provisionedConcurrency, 1);
    assert.equal(problemWith(parsed, 'ProvisionedConcurrentExecutions (3) cannot exceed ReservedConcurrentExecutions (1)').severity, 'error');
    // Each alias within the limit, together over it.
    assert.equal(problemWith(parsed, 'aliases adds up to 2, more than its ReservedConcurrentExecutions (1)').severity, 'error');
  });

  it('says which aliases it leaves out: another template\'s function, a name Lambda refuses', () => {
    assert.equal(problemWith(parsed, 'not-here is not a function of this template').severity, 'warning');
    assert.equal(problemWith(parsed, 'Alias name "42" is not one Lambda accepts').severity, 'error');
    assert.ok(!parsed.problems.some((problem) => problem.severity === 'error' && /GetAtt|Ref to/.test(problem.message)), parsed.problems.map((problem) => problem.message).join('\n'));
  });
});
