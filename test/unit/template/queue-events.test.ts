// SQS and SNS function events in the template: what Lambda and SNS would refuse at deploy time is a problem at
// the property that holds it; SAM's SqsSubscription queue appears as a resource of its own.
import assert from 'node:assert/strict';
import { resourcesOfKind } from '../../../runtime/template/resources/model';
import { assertNoProblems, parseInline, problemWith } from './helpers';

const HEAD = `Transform: AWS::Serverless-2016-10-31
Resources:
  Jobs:
    Type: AWS::SQS::Queue
  Alerts:
    Type: AWS::SNS::Topic
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
`;

describe('template: SQS and SNS events', () => {
  it('reads valid events, and makes the queue SAM makes for an SqsSubscription', () => {
    const parsed = parseInline(`${HEAD}      Events:
        Work:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 100
            MaximumBatchingWindowInSeconds: 5
            ScalingConfig: { MaximumConcurrency: 3 }
            FunctionResponseTypes: [ReportBatchItemFailures]
            FilterCriteria:
              Filters:
                - Pattern: '{"body": {"kind": ["a"]}}'
        Alarm:
          Type: SNS
          Properties:
            Topic: !Ref Alerts
            SqsSubscription: true
            FilterPolicyScope: MessageBody
            FilterPolicy: { kind: [alarm] }
`);
    assertNoProblems(parsed);
    assert.deepEqual(resourcesOfKind(parsed.resources, 'queue').map((queue) => queue.name), ['Jobs', 'FnAlarmQueue']);
  });

  it('reports what Lambda would refuse, at the property', () => {
    const parsed = parseInline(`${HEAD}      Events:
        Big:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            BatchSize: 50
        Scaled:
          Type: SQS
          Properties:
            Queue: !GetAtt Jobs.Arn
            ScalingConfig: { MaximumConcurrency: 1 }
        NoQueue:
          Type: SQS
          Properties:
            BatchSize: 5
        BadPolicy:
          Type: SNS
          Properties:
            Topic: !Ref Alerts
            FilterPolicy: { kind: alarm }
`);
    const big = problemWith(parsed, 'Event Big (SQS): Maximum batch window in seconds must be greater than 0 if maximum batch size is greater than 10');
    assert.equal(big.location.line, 18);
    assert.equal(problemWith(parsed, 'Event Scaled (SQS): ScalingConfig.MaximumConcurrency must be a whole number from 2 to 1000 (got 1).').location.line, 23);
    problemWith(parsed, "Event NoQueue (SQS): Queue must be the queue's ARN");
    assert.equal(problemWith(parsed, 'Event BadPolicy (SNS): FilterPolicy is not valid').location.line, 32);
  });
});
