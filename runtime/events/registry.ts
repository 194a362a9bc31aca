// The catalog: every generator by name, and generation from CLI strings.

import { albGenerator } from './alb';
import { alexaSkillGenerator } from './alexa-skill';
import { apiGatewayHttpGenerator } from './apigateway-http';
import { apiGatewayRestGenerator } from './apigateway-rest';
import { appSyncResolverGenerator } from './appsync-resolver';
import { cloudFormationCustomResourceGenerator } from './cloudformation-custom-resource';
import { cloudFrontOriginRequestGenerator } from './cloudfront-origin-request';
import { cloudFrontViewerRequestGenerator } from './cloudfront-viewer-request';
import { cloudWatchLogsGenerator } from './cloudwatch-logs';
import { codePipelineJobGenerator } from './codepipeline-job';
import { cognitoCustomMessageGenerator } from './cognito-custom-message';
import { cognitoPostAuthenticationGenerator } from './cognito-post-authentication';
import { cognitoPostConfirmationGenerator } from './cognito-post-confirmation';
import { cognitoPreAuthenticationGenerator } from './cognito-pre-authentication';
import { cognitoPreSignUpGenerator } from './cognito-pre-signup';
import { cognitoPreTokenGenerationGenerator } from './cognito-pre-token-generation';
import { configRuleGenerator } from './config-rule';
import { createEventContext } from './context';
import { dynamoDbInsertGenerator, dynamoDbModifyGenerator, dynamoDbRemoveGenerator } from './dynamodb';
import { eventBridgeGenerator, scheduleGenerator } from './eventbridge';
import { functionUrlGenerator } from './function-url';
import { iotRuleGenerator } from './iot-rule';
import { kinesisGenerator } from './kinesis';
import { lexV2Generator } from './lex-v2';
import { mskGenerator } from './msk';
import { parseParamStrings } from './params';
import { s3DeleteGenerator, s3PutGenerator } from './s3';
import { s3BatchGenerator } from './s3-batch';
import { secretsManagerRotationGenerator } from './secretsmanager-rotation';
import { selfManagedKafkaGenerator } from './self-managed-kafka';
import { sesReceiptGenerator } from './ses-receipt';
import { snsGenerator } from './sns';
import { snsSqsGenerator } from './sns-sqs';
import { sqsGenerator } from './sqs';
import { sqsFifoGenerator } from './sqs-fifo';
import { stepFunctionsTaskTokenGenerator } from './stepfunctions-task-token';
import { closestName } from './suggest';
import { EventInputError, type EventContext, type EventGenerator } from './types';
import { webSocketConnectGenerator, webSocketDisconnectGenerator, webSocketMessageGenerator } from './websocket';

const CATALOG: readonly EventGenerator[] = Object.freeze([
  s3PutGenerator,
  s3DeleteGenerator,
  apiGatewayRestGenerator,
  apiGatewayHttpGenerator,
  functionUrlGenerator,
  dynamoDbInsertGenerator,
  dynamoDbModifyGenerator,
  dynamoDbRemoveGenerator,
  sqsGenerator,
  snsGenerator,
  eventBridgeGenerator,
  scheduleGenerator,
  webSocketConnectGenerator,
  webSocketMessageGenerator,
  webSocketDisconnectGenerator,
  albGenerator,
  sqsFifoGenerator,
  snsSqsGenerator,
  kinesisGenerator,
  mskGenerator,
  selfManagedKafkaGenerator,
  cloudWatchLogsGenerator,
  cognitoPreSignUpGenerator,
  cognitoPostConfirmationGenerator,
  cognitoPreAuthenticationGenerator,
  cognitoPostAuthenticationGenerator,
  cognitoPreTokenGenerationGenerator,
  cognitoCustomMessageGenerator,
  cloudFrontViewerRequestGenerator,
  cloudFrontOriginRequestGenerator,
  appSyncResolverGenerator,
  lexV2Generator,
  alexaSkillGenerator,
  sesReceiptGenerator,
  iotRuleGenerator,
  s3BatchGenerator,
  secretsManagerRotationGenerator,
  cloudFormationCustomResourceGenerator,
  configRuleGenerator,
  codePipelineJobGenerator,
  stepFunctionsTaskTokenGenerator,
]);

export function listEventGenerators(): readonly EventGenerator[] {
  return CATALOG;
}

export function getEventGenerator(name: string): EventGenerator | undefined {
  return CATALOG.find((g) => g.name === name);
}

/** Like getEventGenerator, but an unknown name is an error listing the names, with a "did you mean". */
export function requireEventGenerator(name: string): EventGenerator {
  const generator = getEventGenerator(name);
  if (generator) return generator;
  const names = CATALOG.map((g) => g.name);
  const guess = closestName(name, names);
  throw new EventInputError(
    `Unknown event generator "${name}".${guess ? ` Did you mean "${guess}"?` : ''} Available: ${names.join(', ')}.`,
  );
}

/**
 * Generates an event from CLI-style string parameters (`--set key=value`), parsed to each
 * parameter's declared type. The context defaults to now, us-east-1, account 123456789012, random ids.
 */
export function generateEvent(name: string, params: Record<string, string> = {}, ctx?: Partial<EventContext>): unknown {
  const generator = requireEventGenerator(name);
  return generator.generate(parseParamStrings(generator.name, generator.params, params), createEventContext(ctx));
}
