// Sample events fitted to stream, queue, topic, log, Cognito, IoT and Alexa triggers.

import * as assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { fittingEvents, type FittingEvent } from '../../../runtime/events';
import type { EventSourceConfig, FunctionConfig } from '../../../runtime/template/model';
import { fixedContext } from './fixtures';

function fitted(...events: Array<Pick<EventSourceConfig, 'name' | 'type' | 'properties'>>): FittingEvent[] {
  const location = { file: '/app/template.yaml', line: 1, column: 1 };
  const fn: FunctionConfig = {
    logicalId: 'Worker', name: 'Worker', templatePath: location.file, location, resourceType: 'AWS::Serverless::Function',
    codeRoot: '/app', handler: 'app.handler', runtime: 'nodejs22.x', memorySize: 128, timeout: 3, architecture: 'x86_64',
    ephemeralStorage: 512, environment: {}, loggingConfig: { logFormat: 'Text' }, events,
  };
  return fittingEvents(fn, fixedContext()).slice(0, events.length + 5);
}

describe('events: fittingEvents for event-source triggers', () => {
  it('Kinesis: the stream of the trigger', () => {
    const [first] = fitted({ name: 'Stream', type: 'Kinesis', properties: { Stream: '${OrdersStream.Arn}', StartingPosition: 'LATEST' } });
    assert.equal(first?.generator, 'kinesis');
    assert.deepEqual(first?.params, { stream: 'OrdersStream' });
    const record = (first?.event as { Records: Array<{ eventSourceARN: string }> }).Records[0];
    assert.equal(record?.eventSourceARN, 'arn:aws:kinesis:eu-west-2:111122223333:stream/OrdersStream');
  });

  it('MSK and SelfManagedKafka: cluster, brokers and the first topic', () => {
    const [msk, smk] = fitted(
      { name: 'M', type: 'MSK', properties: { Stream: 'arn:aws:kafka:eu-west-2:111122223333:cluster/Sales/abcd-1', Topics: ['orders'] } },
      { name: 'K', type: 'SelfManagedKafka', properties: { KafkaBootstrapServers: ['k1.local:9092', 'k2.local:9092'], Topics: ['clicks'] } },
    );
    assert.equal(msk?.generator, 'msk');
    assert.deepEqual(msk?.params, { cluster: 'Sales', topic: 'orders' });
    assert.deepEqual(Object.keys((msk?.event as { records: object }).records), ['orders-0']);
    assert.equal(smk?.generator, 'self-managed-kafka');
    assert.equal((smk?.event as { bootstrapServers: string }).bootstrapServers, 'k1.local:9092,k2.local:9092');
    assert.deepEqual(Object.keys((smk?.event as { records: object }).records), ['clicks-0']);
  });

  it('SNS with SqsSubscription: SQS records carrying the SNS envelope, from the queue SAM creates', () => {
    const [viaQueue, direct] = fitted(
      { name: 'Alerts', type: 'SNS', properties: { Topic: { Ref: 'AlertsTopic' }, SqsSubscription: true } },
      { name: 'Direct', type: 'SNS', properties: { Topic: 'arn:aws:sns:eu-west-2:111122223333:news' } },
    );
    assert.equal(viaQueue?.generator, 'sns-sqs');
    assert.deepEqual(viaQueue?.params, { topic: 'AlertsTopic', queue: 'WorkerAlertsQueue' });
    const record = (viaQueue?.event as { Records: Array<{ eventSource: string; body: string }> }).Records[0];
    assert.equal(record?.eventSource, 'aws:sqs');
    assert.equal((JSON.parse(record?.body ?? '{}') as { TopicArn: string }).TopicArn, 'arn:aws:sns:eu-west-2:111122223333:AlertsTopic');
    assert.equal(direct?.generator, 'sns');
    const [named] = fitted({ name: 'A', type: 'SNS', properties: { Topic: 'news', SqsSubscription: { QueueArn: 'arn:aws:sqs:eu-west-2:111122223333:inbox' } } });
    assert.equal(named?.params['queue'], 'inbox');
  });

  it('CloudWatchLogs: the log group, and messages that carry the filter pattern terms', () => {
    const [first] = fitted({ name: 'Errors', type: 'CloudWatchLogs', properties: { LogGroupName: '/aws/lambda/orders', FilterPattern: '"disk full" ?ERROR ?WARN' } });
    assert.equal(first?.generator, 'cloudwatch-logs');
    const data = JSON.parse(gunzipSync(Buffer.from((first?.event as { awslogs: { data: string } }).awslogs.data, 'base64')).toString()) as {
      logGroup: string; subscriptionFilters: string[]; logEvents: Array<{ message: string }>;
    };
    assert.equal(data.logGroup, '/aws/lambda/orders');
    assert.deepEqual(data.subscriptionFilters, ['WorkerErrors']);
    for (const { message } of data.logEvents) assert.ok(message.includes('disk full') && message.includes('ERROR'), message);
    const [json] = fitted({ name: 'J', type: 'CloudWatchLogs', properties: { LogGroupName: 'g', FilterPattern: '{ $.level = "error" }' } });
    assert.ok(!('messages' in (json?.params ?? {})), 'JSON patterns keep the default messages');
  });

  it('Cognito: one sample per trigger that has a generator', () => {
    const events = fitted({ name: 'Pool', type: 'Cognito', properties: { UserPool: { Ref: 'Users' }, Trigger: ['PreSignUp', 'PreTokenGeneration', 'UserMigration'] } });
    assert.deepEqual(events.slice(0, 2).map((e) => e.generator), ['cognito-pre-signup', 'cognito-pre-token-generation']);
    assert.match(events[0]?.label ?? '', /PreSignUp on Users/);
    assert.equal((events[1]?.event as { triggerSource: string }).triggerSource, 'TokenGeneration_Authentication');
  });

  it('IoTRule: the message as the rule SQL shapes it; AlexaSkill: the skill id', () => {
    const [iot, alexa] = fitted(
      { name: 'Telemetry', type: 'IoTRule', properties: { Sql: "SELECT *, topic(2) AS device FROM 'devices/+/telemetry'" } },
      { name: 'Skill', type: 'AlexaSkill', properties: { SkillId: 'amzn1.ask.skill.abc' } },
    );
    assert.equal(iot?.generator, 'iot-rule');
    assert.deepEqual(iot?.event, { message: 'Hello from AWS IoT console', device: 'sample' });
    assert.equal(alexa?.generator, 'alexa-skill');
    assert.equal((alexa?.event as { session: { application: { applicationId: string } } }).session.application.applicationId, 'amzn1.ask.skill.abc');
  });

  it('falls back to defaults, saying why, when the template value does not fit', () => {
    const [first] = fitted({ name: 'T', type: 'IoTRule', properties: { Sql: "SELECT upper(name) FROM 'a'" } });
    assert.equal(first?.generator, 'iot-rule');
    assert.deepEqual(first?.params, {});
    assert.match(first?.label ?? '', /defaults used: .*upper\(name\)/);
  });
});
