// Lambkin's sample-event catalog: pure, parametrised generators of AWS Lambda event payloads.

export type {
  EventContext, EventGenerator, EventKind, EventParam, EventParamType, EventParamValues, GeneratorKind, IdSource, JsonObject, JsonValue,
} from './types';
export { EventInputError } from './types';
export { createEventContext, DEFAULT_ACCOUNT_ID, DEFAULT_REGION } from './context';
export { randomIdSource, seededIdSource } from './ids';
export { parseParamValue } from './params';
export { generateEvent, getEventGenerator, listEventGenerators, requireEventGenerator } from './registry';
export { fittingEvents, keyForS3Filter, type FittingEvent } from './fitting';
export { detectEventKind } from './detect';
export { EVENT_KINDS, EVENT_SCHEMA_DIR, eventSchemaPath } from './schemas';
export { attributeMapSize, toAttributeMap, toAttributeValue } from './attribute-value';
export type { TypedEventGenerator } from './define';

export { encodeS3Key, generateS3Delete, generateS3Put, s3DeleteGenerator, s3PutGenerator, type S3DeleteEvent } from './s3';
export { apiGatewayRestGenerator, generateApiGatewayRest, type ApiGatewayRestEvent } from './apigateway-rest';
export { apiGatewayHttpGenerator, generateApiGatewayHttp } from './apigateway-http';
export { functionUrlGenerator, generateFunctionUrl } from './function-url';
export {
  dynamoDbInsertGenerator, dynamoDbModifyGenerator, dynamoDbRemoveGenerator,
  generateDynamoDbInsert, generateDynamoDbModify, generateDynamoDbRemove,
} from './dynamodb';
export { generateSqs, md5OfMessageAttributes, sqsGenerator } from './sqs';
export { generateSns, snsGenerator, type SnsSample } from './sns';
export { eventBridgeGenerator, generateEventBridge, generateSchedule, scheduleGenerator, type SampleEventBridgeEvent } from './eventbridge';
export {
  generateWebSocketConnect, generateWebSocketDisconnect, generateWebSocketMessage,
  webSocketConnectGenerator, webSocketDisconnectGenerator, webSocketMessageGenerator,
  type WebSocketConnectEvent, type WebSocketDisconnectEvent, type WebSocketMessageEvent,
} from './websocket';
export { albGenerator, generateAlb } from './alb';
export { generateSqsFifo, sqsFifoGenerator } from './sqs-fifo';
export { generateSnsSqs, snsSqsGenerator } from './sns-sqs';
export { generateKinesis, kinesisGenerator } from './kinesis';
export { generateMsk, mskGenerator } from './msk';
export { generateSelfManagedKafka, selfManagedKafkaGenerator } from './self-managed-kafka';
export { buildLogsData, cloudWatchLogsGenerator, generateCloudWatchLogs } from './cloudwatch-logs';
export { cognitoPreSignUpGenerator, generateCognitoPreSignUp, type PreSignUpSample } from './cognito-pre-signup';
export { cognitoPostConfirmationGenerator, generateCognitoPostConfirmation } from './cognito-post-confirmation';
export { cognitoPreAuthenticationGenerator, generateCognitoPreAuthentication } from './cognito-pre-authentication';
export { cognitoPostAuthenticationGenerator, generateCognitoPostAuthentication } from './cognito-post-authentication';
export {
  cognitoPreTokenGenerationGenerator, generateCognitoPreTokenGeneration, type PreTokenGenerationV1Sample, type PreTokenGenerationV2Sample,
} from './cognito-pre-token-generation';
export { cognitoCustomMessageGenerator, generateCognitoCustomMessage } from './cognito-custom-message';
export { cloudFrontViewerRequestGenerator, generateCloudFrontViewerRequest } from './cloudfront-viewer-request';
export { cloudFrontOriginRequestGenerator, generateCloudFrontOriginRequest } from './cloudfront-origin-request';
export { appSyncResolverGenerator, generateAppSyncResolver, type AppSyncSample } from './appsync-resolver';
export { generateLexV2, lexV2Generator, type LexV2Sample } from './lex-v2';
export { alexaSkillGenerator, generateAlexaSkill, type AlexaSample } from './alexa-skill';
export { generateSesReceipt, sesReceiptGenerator } from './ses-receipt';
export { generateIotRule, iotRuleGenerator } from './iot-rule';
export { generateS3Batch, s3BatchGenerator, type S3BatchV2Event } from './s3-batch';
export { generateSecretsManagerRotation, secretsManagerRotationGenerator, type SecretsManagerRotationSample } from './secretsmanager-rotation';
export { cloudFormationCustomResourceGenerator, generateCloudFormationCustomResource } from './cloudformation-custom-resource';
export { configRuleGenerator, generateConfigRule, type ConfigRuleEvent } from './config-rule';
export { codePipelineJobGenerator, generateCodePipelineJob } from './codepipeline-job';
export { generateStepFunctionsTaskToken, stepFunctionsTaskTokenGenerator } from './stepfunctions-task-token';
