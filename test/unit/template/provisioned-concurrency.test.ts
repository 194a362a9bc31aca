import * as assert from 'node:assert/strict';
import { functionNamed, parseInline, problemWith } from './helpers';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    CodeUri: src
    Handler: app.handler
    Runtime: nodejs22.x
    ProvisionedConcurrencyConfig:
      ProvisionedConcurrentExecutions: 2
Resources:
  FromGlobals:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
  Own:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 5
  NoAlias:
    Type: AWS::Serverless::Function
  OverReserved:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
      ReservedConcurrentExecutions: 1
  Zero:
    Type: AWS::Serverless::Function
    Properties:
      AutoPublishAlias: live
      ProvisionedConcurrencyConfig:
        ProvisionedConcurrentExecutions: 0
`;

describe('template reader: provisioned concurrency', () => {
  const parsed = parseInline(TEMPLATE);

  it('reads ProvisionedConcurrentExecutions, from Globals.Function or the function itself', () => {
    assert.equal(functionNamed(parsed, 'FromGlobals').provisionedConcurrency, 2);
    assert.equal(functionNamed(parsed, 'Own').provisionedConcurrency, 5);
  });

  it('needs AutoPublishAlias, as SAM does', () => {
    assert.equal(functionNamed(parsed, 'NoAlias').provisionedConcurrency, undefined);
    assert.equal(problemWith(parsed, 'ProvisionedConcurrencyConfig needs AutoPublishAlias').severity, 'error');
  });

  it('refuses more than the reserved concurrency and fewer than one', () => {
    assert.equal(functionNamed(parsed, 'OverReserved').provisionedConcurrency, 1);
    assert.equal(problemWith(parsed, 'cannot exceed ReservedConcurrentExecutions (1)').severity, 'error');
    assert.equal(functionNamed(parsed, 'Zero').provisionedConcurrency, undefined);
    problemWith(parsed, 'ProvisionedConcurrentExecutions 0 is below');
  });
});
