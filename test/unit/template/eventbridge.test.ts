// EventBridge rules and schedules in the template: what SAM would generate from function events, and the
// problems EventBridge would refuse at deploy time, reported at their file:line:column.
import assert from 'node:assert/strict';
import { resourcesOfKind } from '../../../runtime/template/resources/model';
import { assertNoProblems, parseInline, problemWith } from './helpers';

const HEAD = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
`;

describe('template: EventBridge rules and schedules', () => {
  it('generates the rule and schedule SAM makes of Schedule, EventBridgeRule and ScheduleV2 events, and the default bus they use', () => {
    const parsed = parseInline(`${HEAD}      Events:
        Nightly:
          Type: Schedule
          Properties:
            Schedule: cron(0 3 * * ? *)
            Enabled: false
        Orders:
          Type: EventBridgeRule
          Properties:
            Pattern: { source: [shop] }
            Target: { Id: orders-target }
        Tick:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: rate(5 minutes)
            ScheduleExpressionTimezone: Europe/Paris
            Input: '{"a": 1}'
`);
    assertNoProblems(parsed);
    const rules = resourcesOfKind(parsed.resources, 'rule');
    assert.deepEqual(rules.map((rule) => [rule.name, rule.logicalId, rule.rule.state, rule.rule.targets[0].id, rule.rule.targets[0].arn]), [
      ['FnNightly', 'FnNightly', 'DISABLED', 'FnNightlyLambdaTarget', 'arn:aws:lambda:us-east-1:123456789012:function:Fn'],
      ['FnOrders', 'FnOrders', 'ENABLED', 'orders-target', 'arn:aws:lambda:us-east-1:123456789012:function:Fn'],
    ]);
    assert.equal(rules[1].rule.eventPattern, '{"source":["shop"]}');
    const [schedule] = resourcesOfKind(parsed.resources, 'schedule');
    assert.deepEqual([schedule.name, schedule.schedule.timezone, schedule.schedule.target.input, schedule.generatedBy], ['FnTick', 'Europe/Paris', '{"a": 1}', { functionLogicalId: 'Fn', eventName: 'Tick' }]);
    const buses = resourcesOfKind(parsed.resources, 'eventBus');
    assert.deepEqual(buses.map((bus) => [bus.name, bus.implicit]), [['default', true]]);
  });

  it('reports an invalid cron in an AWS::Events::Rule at its line', () => {
    const parsed = parseInline(`${HEAD}  Nightly:
    Type: AWS::Events::Rule
    Properties:
      ScheduleExpression: cron(0 3 * * * *)
      Targets:
        - { Id: fn, Arn: !GetAtt Fn.Arn }
`);
    const problem = problemWith(parsed, 'ScheduleExpression');
    assert.equal(problem.severity, 'error');
    assert.deepEqual([problem.location.line, problem.location.column], [12, 27]);
    assert.match(problem.message, /^template\.yaml:12: Nightly: ScheduleExpression "cron\(0 3 \* \* \* \*\)" is not a valid schedule expression: day-of-month and day-of-week are both set: exactly one of them must be \?/);
    assert.equal(resourcesOfKind(parsed.resources, 'rule').length, 0);
  });

  it('reports a bad rate in a SAM Schedule event, and a bad time zone in a ScheduleV2, at their lines', () => {
    const parsed = parseInline(`${HEAD}      Events:
        Often:
          Type: Schedule
          Properties:
            Schedule: rate(1 minutes)
        Later:
          Type: ScheduleV2
          Properties:
            ScheduleExpression: at(2030-01-01T09:00:00)
            ScheduleExpressionTimezone: Mars/Olympus
`);
    const rate = problemWith(parsed, 'rate(1 minutes)');
    assert.equal(rate.location.line, 13);
    assert.match(rate.message, /Event Often \(Schedule\): ScheduleExpression "rate\(1 minutes\)" is not a valid schedule expression: a value of 1 takes the singular: rate\(1 minute\)/);
    assert.equal(problemWith(parsed, 'Mars/Olympus').location.line, 18);
  });

  it('reports an invalid pattern where it is written inside the pattern, with EventBridge\'s reason', () => {
    const parsed = parseInline(`${HEAD}      Events:
        Orders:
          Type: EventBridgeRule
          Properties:
            Pattern:
              source: [shop]
              detail:
                total: [{ numeric: ['>', 'ten'] }]
`);
    const problem = problemWith(parsed, 'EventPattern is not valid');
    assert.equal(problem.location.line, 16);
    assert.match(problem.message, /numeric/);
  });

  it('reports targets EventBridge would refuse, a schedule on a custom bus, and a rule with neither pattern nor schedule', () => {
    const parsed = parseInline(`${HEAD}  Bus:
    Type: AWS::Events::EventBus
    Properties: { Name: custom }
  OnCustom:
    Type: AWS::Events::Rule
    Properties:
      EventBusName: !Ref Bus
      ScheduleExpression: rate(5 minutes)
  Empty:
    Type: AWS::Events::Rule
    Properties:
      State: ENABLED
  Transforming:
    Type: AWS::Events::Rule
    Properties:
      EventPattern: '{"source": ["x"]}'
      Targets:
        - Id: t
          Arn: !GetAtt Fn.Arn
          InputTransformer:
            InputPathsMap: { a: $.detail.a }
            InputTemplate: '"<a> and <b>"'
        - Id: both
          Arn: !GetAtt Fn.Arn
          Input: '{}'
          InputPath: $.detail
`);
    assert.equal(problemWith(parsed, 'supported only on the default event bus').location.line, 15);
    assert.equal(problemWith(parsed, 'needs an EventPattern or a ScheduleExpression').location.line, 20);
    assert.equal(problemWith(parsed, 'contains invalid placeholder b').location.line, 30);
    assert.equal(problemWith(parsed, 'Only one of Input, InputPath, or InputTransformer').location.line, 34);
  });
});
