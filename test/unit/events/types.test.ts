// Compile-time conformance: each generator's output is assignable to its @types/aws-lambda type (Alexa:
// ask-sdk-model's RequestEnvelope). `npx tsc --noEmit -p .` fails here if a generator's shape drifts
// from the typings. Where AWS sends what the typings do not declare, the sample type says so and the
// rest is still checked against the typings.

import * as assert from 'node:assert/strict';
import type {
  ALBEvent, APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyWebsocketEventV2, AppSyncResolverEvent, CloudFormationCustomResourceEvent,
  CloudFrontRequestEvent, CloudWatchLogsEvent, CodePipelineEvent, CustomMessageTriggerEvent, DynamoDBStreamEvent, EventBridgeEvent,
  KinesisStreamEvent, LambdaFunctionURLEvent, LexV2Event, MSKEvent, PostAuthenticationTriggerEvent, PostConfirmationTriggerEvent,
  PreAuthenticationTriggerEvent, PreSignUpTriggerEvent, PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent, S3BatchEvent, S3Event,
  ScheduledEvent, SecretsManagerRotationEvent, SelfManagedKafkaEvent, SESEvent, SNSEvent, SQSEvent,
} from 'aws-lambda';
import type { RequestEnvelope } from 'ask-sdk-model';
import {
  generateAlb, generateAlexaSkill, generateApiGatewayHttp, generateApiGatewayRest, generateAppSyncResolver, generateCloudFormationCustomResource,
  generateCloudFrontOriginRequest, generateCloudFrontViewerRequest, generateCloudWatchLogs, generateCodePipelineJob, generateCognitoCustomMessage,
  generateCognitoPostAuthentication, generateCognitoPostConfirmation, generateCognitoPreAuthentication, generateCognitoPreSignUp,
  generateCognitoPreTokenGeneration, generateDynamoDbInsert, generateDynamoDbModify, generateDynamoDbRemove, generateEventBridge,
  generateFunctionUrl, generateKinesis, generateLexV2, generateMsk, generateS3Batch, generateS3Delete, generateS3Put, generateSchedule,
  generateSecretsManagerRotation, generateSelfManagedKafka, generateSesReceipt, generateSns, generateSnsSqs, generateSqs, generateSqsFifo,
  generateWebSocketMessage, type PreTokenGenerationV1Sample, type PreTokenGenerationV2Sample, type S3DeleteEvent,
} from '../../../runtime/events';
import { detectEventKind } from '../../../runtime/events/detect';
import { fixedContext } from './fixtures';

describe('events: typings of @types/aws-lambda', () => {
  it('every generator output is assignable to its Lambda event type', () => {
    const ctx = fixedContext();
    const s3: S3Event = generateS3Put({ key: 'a b.jpg' }, ctx);
    const rest: APIGatewayProxyEvent = generateApiGatewayRest({ method: 'POST', body: '{}' }, ctx);
    const http: APIGatewayProxyEventV2 = generateApiGatewayHttp({ routeKey: 'GET /items/{id}' }, ctx);
    const url: LambdaFunctionURLEvent = generateFunctionUrl({}, ctx);
    const inserted: DynamoDBStreamEvent = generateDynamoDbInsert({}, ctx);
    const modified: DynamoDBStreamEvent = generateDynamoDbModify({}, ctx);
    const removed: DynamoDBStreamEvent = generateDynamoDbRemove({}, ctx);
    const sqs: SQSEvent = generateSqs({ count: 2 }, ctx);
    // Subject is null without one, which SNSMessage declares optional: the rest is checked.
    const sns: { Records: Array<Omit<SNSEvent['Records'][number], 'Sns'> & { Sns: Omit<SNSEvent['Records'][number]['Sns'], 'Subject'> }> } = generateSns({}, ctx);
    const bus: EventBridgeEvent<string, unknown> = generateEventBridge({}, ctx);
    const schedule: ScheduledEvent = generateSchedule({}, ctx);
    const message: APIGatewayProxyWebsocketEventV2 = generateWebSocketMessage({}, ctx);
    // Delete notifications lack size and eTag, which S3EventRecord declares required: a distinct type.
    const deleted: S3DeleteEvent = generateS3Delete({}, ctx);
    // The typing is checked by tsc; at run time, each is recognised as the event it is typed as.
    const kinds = [s3, rest, http, url, inserted, modified, removed, sqs, sns, bus, schedule, message, deleted].map((event) => detectEventKind(event));
    assert.deepEqual(kinds, ['s3', 'apigateway-rest', 'apigateway-http', 'apigateway-http', 'dynamodb-stream', 'dynamodb-stream', 'dynamodb-stream', 'sqs', 'sns', 'eventbridge', 'eventbridge', 'websocket', 's3']);
    assert.equal(s3.Records[0].s3.object.key, 'a+b.jpg', 'S3 keys arrive URL-form-encoded');
    assert.equal(rest.httpMethod, 'POST');
    assert.equal(http.routeKey, 'GET /items/{id}');
    assert.equal(sqs.Records.length, 2);
    assert.equal(schedule['detail-type'], 'Scheduled Event');
  });

  it('the event-source catalog is assignable to its typings', () => {
    const ctx = fixedContext();
    const events: object[] = [
      generateAlb({}, ctx) satisfies ALBEvent,
      generateSqsFifo({}, ctx) satisfies SQSEvent,
      generateSnsSqs({}, ctx) satisfies SQSEvent,
      generateKinesis({}, ctx) satisfies KinesisStreamEvent,
      generateMsk({}, ctx) satisfies MSKEvent,
      generateSelfManagedKafka({}, ctx) satisfies SelfManagedKafkaEvent,
      generateCloudWatchLogs({}, ctx) satisfies CloudWatchLogsEvent,
      generateCognitoPostConfirmation({}, ctx) satisfies PostConfirmationTriggerEvent,
      generateCognitoPreAuthentication({}, ctx) satisfies PreAuthenticationTriggerEvent,
      generateCognitoPostAuthentication({}, ctx) satisfies PostAuthenticationTriggerEvent,
      generateCognitoCustomMessage({}, ctx) satisfies CustomMessageTriggerEvent,
      generateCloudFrontViewerRequest({}, ctx) satisfies CloudFrontRequestEvent,
      generateCloudFrontOriginRequest({}, ctx) satisfies CloudFrontRequestEvent,
      generateAppSyncResolver({}, ctx) satisfies AppSyncResolverEvent<Record<string, unknown>>,
      generateSesReceipt({}, ctx) satisfies SESEvent,
      generateS3Batch({}, ctx) satisfies S3BatchEvent,
      generateSecretsManagerRotation({}, ctx) satisfies SecretsManagerRotationEvent,
      generateCloudFormationCustomResource({}, ctx) satisfies CloudFormationCustomResourceEvent,
      generateCodePipelineJob({}, ctx) satisfies CodePipelineEvent,
    ];
    // AWS sends nulls and omissions the typings do not declare; everything else is checked against them.
    const preSignUp: Omit<PreSignUpTriggerEvent, 'request'> & { request: Omit<PreSignUpTriggerEvent['request'], 'validationData'> } =
      generateCognitoPreSignUp({}, ctx);
    const token = generateCognitoPreTokenGeneration({}, ctx);
    const tokenV1: Omit<PreTokenGenerationTriggerEvent, 'response' | 'request'> = token as PreTokenGenerationV1Sample;
    const tokenV2: Omit<PreTokenGenerationV2TriggerEvent, 'response' | 'request'> = token as PreTokenGenerationV2Sample;
    const lex: Omit<LexV2Event, 'proposedNextState'> = generateLexV2({}, ctx);
    const alexa: Omit<RequestEnvelope, 'request'> = generateAlexaSkill({}, ctx);
    assert.deepEqual([...events, preSignUp, tokenV1, tokenV2, lex, alexa].map((event) => detectEventKind(event)), [
      'alb', 'sqs', 'sqs', 'kinesis', 'kafka', 'kafka', 'cloudwatch-logs', 'cognito-user-pool', 'cognito-user-pool', 'cognito-user-pool',
      'cognito-user-pool', 'cloudfront', 'cloudfront', 'appsync', 'ses', 's3-batch', 'secretsmanager', 'cloudformation', 'codepipeline',
      'cognito-user-pool', 'cognito-user-pool', 'cognito-user-pool', 'lex-v2', 'alexa',
    ]);
    assert.equal(events.length, 19);
  });
});
