// Lex V2, Alexa, SES, IoT rule, S3 Batch, Secrets Manager, CloudFormation, Config, CodePipeline and
// Step Functions events, field by field.

import * as assert from 'node:assert/strict';
import {
  generateAlexaSkill, generateCloudFormationCustomResource, generateCodePipelineJob, generateConfigRule, generateEvent, generateIotRule,
  generateLexV2, generateS3Batch, generateSecretsManagerRotation, generateSesReceipt, generateStepFunctionsTaskToken,
} from '../../../runtime/events';
import { fixedContext } from './fixtures';

describe('events: lex-v2', () => {
  it('a dialog hook proposes to elicit the first empty slot; filled slots carry their value', () => {
    const e = generateLexV2({ slots: { PickUpCity: 'Chicago', CarType: null } }, fixedContext());
    assert.equal(e.invocationSource, 'DialogCodeHook');
    assert.deepEqual(e.sessionState.intent.slots['PickUpCity'], { shape: 'Scalar', value: { originalValue: 'Chicago', interpretedValue: 'Chicago', resolvedValues: ['Chicago'] } });
    assert.equal(e.sessionState.intent.slots['CarType'], null);
    assert.deepEqual(e.proposedNextState?.dialogAction, { type: 'ElicitSlot', slotToElicit: 'CarType' });
    assert.equal(e.interpretations[0]?.intent.name, 'BookCar');
    assert.equal(e.interpretations[1]?.intent.name, 'FallbackIntent');
    assert.equal(e.bot.localeId, 'en_US');
    assert.match(e.bot.id, /^[A-Z0-9]{10}$/);
  });

  it('a fulfillment hook has the intent ready and no proposed next state', () => {
    const e = generateLexV2({ invocationSource: 'FulfillmentCodeHook', slots: { City: 'Paris' } }, fixedContext());
    assert.equal(e.sessionState.intent.state, 'ReadyForFulfillment');
    assert.ok(!('proposedNextState' in e));
    assert.throws(() => generateLexV2({ invocationSource: 'Other' }), /DialogCodeHook or FulfillmentCodeHook/);
  });
});

describe('events: alexa-skill', () => {
  it('an IntentRequest with slots, in a new session of the given skill', () => {
    const e = generateAlexaSkill({ intent: 'MyColorIsIntent', slots: { Color: 'blue' }, skillId: 'amzn1.ask.skill.1234' }, fixedContext());
    assert.equal(e.version, '1.0');
    assert.equal(e.request.type, 'IntentRequest');
    assert.match(e.request.requestId, /^amzn1\.echo-api\.request\.[0-9a-f-]{36}$/);
    assert.equal(e.request.timestamp, '2015-04-09T12:34:56Z');
    const intent = (e.request as { intent: { name: string; slots: Record<string, { value?: string }> } }).intent;
    assert.equal(intent.name, 'MyColorIsIntent');
    assert.equal(intent.slots['Color']?.value, 'blue');
    assert.equal(e.session?.application.applicationId, 'amzn1.ask.skill.1234');
    assert.equal(e.context.System.application.applicationId, 'amzn1.ask.skill.1234');
    assert.equal(e.session?.user.userId, e.context.System.user.userId);
    assert.equal(e.session?.new, true);
    assert.equal(e.context.System.apiEndpoint, 'https://api.amazonalexa.com');
  });

  it('launch and session-end requests; the endpoint follows the locale', () => {
    assert.equal(generateAlexaSkill({ requestType: 'LaunchRequest' }, fixedContext()).request.type, 'LaunchRequest');
    const ended = generateAlexaSkill({ requestType: 'SessionEndedRequest', locale: 'de-DE' }, fixedContext());
    assert.equal((ended.request as { reason: string }).reason, 'USER_INITIATED');
    assert.equal(ended.session?.new, false);
    assert.equal(ended.context.System.apiEndpoint, 'https://api.eu.amazonalexa.com');
    assert.throws(() => generateAlexaSkill({ skillId: 'my-skill' }), /not a skill id/);
  });
});

describe('events: ses-receipt', () => {
  it('mail headers, common headers and the Lambda action of the receipt', () => {
    const record = generateSesReceipt({ from: 'Ada <ada@example.org>', to: 'a@example.com, b@example.com', subject: 'Hi', spamVerdict: 'FAIL' }, fixedContext()).Records[0];
    assert.ok(record);
    assert.equal(record.eventSource, 'aws:ses');
    const { mail, receipt } = record.ses;
    assert.equal(mail.source, 'ada@example.org');
    assert.deepEqual(mail.destination, ['a@example.com', 'b@example.com']);
    assert.deepEqual(mail.commonHeaders.from, ['Ada <ada@example.org>']);
    assert.equal(mail.commonHeaders.subject, 'Hi');
    assert.equal(mail.commonHeaders.date, 'Thu, 9 Apr 2015 12:34:56 +0000');
    assert.deepEqual(mail.headers.find((h) => h.name === 'Subject'), { name: 'Subject', value: 'Hi' });
    assert.equal(receipt.spamVerdict.status, 'FAIL');
    assert.deepEqual(receipt.action, { type: 'Lambda', functionArn: 'arn:aws:lambda:eu-west-2:111122223333:function:MyFunction', invocationType: 'Event' });
    assert.throws(() => generateSesReceipt({ to: 'nobody' }), /recipient addresses/);
  });
});

describe('events: iot-rule', () => {
  it('applies the SELECT to the message: *, fields, aliases and topic functions', () => {
    const e = generateIotRule({
      sql: "SELECT *, state.temp AS t, topic(2) AS device, topic() AS topic, timestamp() AS ts, 'x' AS tag FROM 'sensors/+/data' WHERE state.temp > 20",
      payload: { state: { temp: 21 }, id: 7 },
      clientId: 'dev-1',
    }, fixedContext());
    assert.deepEqual(e, { state: { temp: 21 }, id: 7, t: 21, device: 'sample', topic: 'sensors/sample/data', ts: Date.parse('2015-04-09T12:34:56.789Z'), tag: 'x' });
  });

  it('picks named fields only, leaves absent ones out, and checks the topic against FROM', () => {
    assert.deepEqual(generateIotRule({ sql: "SELECT color, missing FROM 'a/#'", payload: { color: 'red', size: 2 } }, fixedContext()), { color: 'red' });
    assert.deepEqual(generateIotRule({ sql: "SELECT clientid() AS c FROM 'a/#'", topic: 'a/b/c', clientId: 'dev-1' }, fixedContext()), { c: 'dev-1' });
    assert.throws(() => generateIotRule({ sql: "SELECT * FROM 'a/+'", topic: 'b/c' }), /does not match the rule's FROM 'a\/\+'/);
    assert.throws(() => generateIotRule({ sql: 'DELETE everything' }), /SELECT … FROM/);
    assert.throws(() => generateIotRule({ sql: "SELECT upper(name) AS n FROM 'a'" }), /cannot evaluate "upper\(name\)"/);
  });
});

describe('events: s3-batch', () => {
  it('schema 1.0 names the bucket ARN and URL-encodes the key; 2.0 the bucket and user arguments', () => {
    const v1 = generateS3Batch({ bucket: 'photos', key: 'a b/c.jpg' }, fixedContext());
    assert.equal(v1.invocationSchemaVersion, '1.0');
    assert.deepEqual(v1.tasks.map((t) => [t.s3Key, t.s3BucketArn, t.s3VersionId]), [['a+b/c.jpg', 'arn:aws:s3:::photos', null]]);
    const v2 = generateEvent('s3-batch', { schemaVersion: '2.0', userArguments: '{"mode":"dry"}', versionId: 'v1' }, fixedContext()) as {
      job: { userArguments: unknown }; tasks: Array<Record<string, unknown>>;
    };
    assert.deepEqual(v2.job.userArguments, { mode: 'dry' });
    assert.deepEqual(v2.tasks[0], { taskId: v2.tasks[0]?.['taskId'], s3Bucket: 'example-bucket', s3Key: 'test/key', s3VersionId: 'v1' });
    assert.throws(() => generateEvent('s3-batch', { userArguments: '{"a":1}' }), /needs schemaVersion=2.0/);
  });
});

describe('events: secretsmanager-rotation', () => {
  it('names the step, the secret ARN and the version token', () => {
    const e = generateSecretsManagerRotation({ secret: 'prod/db', step: 'setSecret', clientRequestToken: 'a'.repeat(36) }, fixedContext());
    assert.equal(e.Step, 'setSecret');
    assert.match(e.SecretId, /^arn:aws:secretsmanager:eu-west-2:111122223333:secret:prod\/db-[A-Za-z0-9]{6}$/);
    assert.equal(e.ClientRequestToken, 'a'.repeat(36));
    assert.throws(() => generateSecretsManagerRotation({ step: 'rotate' }), /createSecret, setSecret, testSecret, finishSecret/);
  });
});

describe('events: cloudformation-custom-resource', () => {
  it('passes property values as strings with the ServiceToken added', () => {
    const e = generateCloudFormationCustomResource({ properties: { Count: 3, Flags: [true, 'x'], Nested: { n: 1 } } }, fixedContext());
    assert.equal(e.RequestType, 'Create');
    assert.deepEqual(e.ResourceProperties, {
      ServiceToken: 'arn:aws:lambda:eu-west-2:111122223333:function:MyFunction', Count: '3', Flags: ['true', 'x'], Nested: { n: '1' },
    });
    assert.match(e.StackId, /^arn:aws:cloudformation:eu-west-2:111122223333:stack\/MyStack\/[0-9a-f-]{36}$/);
    assert.match(e.ResponseURL, /^https:\/\/cloudformation-custom-resource-response-euwest2\.s3\.eu-west-2\.amazonaws\.com\//);
    assert.ok(decodeURIComponent(e.ResponseURL).includes(`${e.StackId}|MyCustomResource|${e.RequestId}`));
  });

  it('updates carry the physical id and old properties; deletes the physical id', () => {
    const update = generateCloudFormationCustomResource({ requestType: 'Update', properties: { v: 2 }, oldProperties: { v: 1 }, physicalId: 'res-1' }, fixedContext());
    assert.equal(update.RequestType, 'Update');
    const { PhysicalResourceId, OldResourceProperties } = update as { PhysicalResourceId: string; OldResourceProperties: Record<string, unknown> };
    assert.equal(PhysicalResourceId, 'res-1');
    assert.equal(OldResourceProperties['v'], '1');
    const del = generateCloudFormationCustomResource({ requestType: 'Delete' }, fixedContext());
    assert.match((del as { PhysicalResourceId: string }).PhysicalResourceId, /^MyStack-MyCustomResource-[A-Z0-9]{12}$/);
    assert.throws(() => generateCloudFormationCustomResource({ resourceType: 'AWS::S3::Bucket' }), /not a custom resource type/);
  });
});

describe('events: config-rule', () => {
  it('a change notification carries the configuration item as JSON text', () => {
    const e = generateConfigRule({ resourceType: 'AWS::EC2::SecurityGroup', resourceId: 'sg-1', configuration: { ports: [22] }, ruleParameters: { maxPort: '1024' } }, fixedContext());
    const invoking = JSON.parse(e.invokingEvent) as { messageType: string; configurationItem: Record<string, unknown> };
    assert.equal(invoking.messageType, 'ConfigurationItemChangeNotification');
    assert.equal(invoking.configurationItem['resourceType'], 'AWS::EC2::SecurityGroup');
    assert.equal(invoking.configurationItem['ARN'], 'arn:aws:ec2:eu-west-2:111122223333:security-group/sg-1');
    assert.deepEqual(invoking.configurationItem['configuration'], { ports: [22] });
    assert.equal(e.ruleParameters, '{"maxPort":"1024"}');
    assert.equal(e.configRuleArn, `arn:aws:config:eu-west-2:111122223333:config-rule/${e.configRuleId}`);
    assert.equal(e.eventLeftScope, false);
  });

  it('periodic and oversized notifications; no ruleParameters without parameters', () => {
    const periodic = generateConfigRule({ messageType: 'ScheduledNotification' }, fixedContext());
    assert.deepEqual(JSON.parse(periodic.invokingEvent), {
      awsAccountId: '111122223333', notificationCreationTime: '2015-04-09T12:34:56.789Z', messageType: 'ScheduledNotification', recordVersion: '1.0',
    });
    assert.ok(!('ruleParameters' in periodic));
    const oversized = JSON.parse(generateConfigRule({ messageType: 'OversizedConfigurationItemChangeNotification', resourceType: 'AWS::S3::Bucket', resourceId: 'b' }, fixedContext()).invokingEvent) as {
      configurationItemSummary: Record<string, unknown>;
    };
    assert.equal(oversized.configurationItemSummary['ARN'], 'arn:aws:s3:::b');
    assert.ok(!('configuration' in oversized.configurationItemSummary));
  });
});

describe('events: codepipeline-job', () => {
  it('artifacts in the pipeline bucket under pipeline/artifact/, temporary credentials', () => {
    const job = generateCodePipelineJob({ userParameters: '{"env":"prod"}', pipeline: 'Deploy', outputArtifact: '' }, fixedContext())['CodePipeline.job'];
    assert.equal(job.accountId, '111122223333');
    assert.equal(job.data.actionConfiguration.configuration.UserParameters, '{"env":"prod"}');
    const input = job.data.inputArtifacts[0];
    assert.equal(input?.name, 'SourceArtifact');
    assert.match(input?.revision ?? '', /^[0-9a-f]{40}$/);
    assert.match(input?.location.s3Location.bucketName ?? '', /^codepipeline-eu-west-2-\d{12}$/);
    assert.match(input?.location.s3Location.objectKey ?? '', /^Deploy\/SourceArtifact\/[A-Z0-9]{7}$/);
    assert.deepEqual(job.data.outputArtifacts, []);
    assert.match(job.data.artifactCredentials.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
  });
});

describe('events: stepfunctions-task-token', () => {
  it('is the state\'s payload with the task token in the named field', () => {
    const e = generateStepFunctionsTaskToken({ payload: { orderId: 'o-1' }, tokenField: 'token' }, fixedContext());
    assert.equal(e['orderId'], 'o-1');
    assert.match(String(e['token']), /^AQ[A-Za-z0-9+/]{600,}={0,2}$/);
    assert.throws(() => generateStepFunctionsTaskToken({ payload: { taskToken: 'x' } }), /already has a "taskToken" field/);
  });
});
