import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { functionNamed, fixture, parseInline, problemWith } from './helpers';

const TEMPLATE = `
Transform: AWS::Serverless-2016-10-31
Resources:
  Shared:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/shared
  Plain:
    Type: AWS::Lambda::LayerVersion
    Properties:
      Content: layers/plain
  Remote:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: s3://bucket/layer.zip
  Queue:
    Type: AWS::SQS::Queue
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs22.x
      AutoPublishAlias: live
      Layers:
        - !Ref Shared
        - !Ref Plain
        - !Ref Remote
        - !Ref Queue
        - arn:aws:lambda:us-east-1:123456789012:layer:elsewhere:7
  Bare:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src
      Handler: app.handler
      Runtime: nodejs22.x
`;

describe('template reader: layers and aliases', () => {
  const parsed = parseInline(TEMPLATE);
  const base = path.dirname(fixture('inline', 'template.yaml'));

  it('reads the local folders of the layers a function refers to, in order', () => {
    assert.deepEqual(functionNamed(parsed, 'Fn').layers, [path.join(base, 'layers/shared'), path.join(base, 'layers/plain')]);
    assert.equal(functionNamed(parsed, 'Bare').layers, undefined);
  });

  it('reports layers it cannot provide locally where they are listed', () => {
    assert.equal(problemWith(parsed, 'ContentUri of layer Remote points at S3').severity, 'warning');
    assert.equal(problemWith(parsed, 'Layer arn:aws:lambda:us-east-1:123456789012:layer:elsewhere:7 is not declared in this template').location.line, 30);
    assert.equal(problemWith(parsed, 'Layers lists !Ref Queue, which is an AWS::SQS::Queue, not a layer').severity, 'error');
  });

  it('reads AutoPublishAlias', () => {
    assert.equal(functionNamed(parsed, 'Fn').alias, 'live');
    assert.equal(functionNamed(parsed, 'Bare').alias, undefined);
  });
});
