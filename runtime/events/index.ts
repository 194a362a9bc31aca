// Lambkin's sample-event catalog: pure, parametrised generators of AWS Lambda event payloads.

export type { EventContext, EventGenerator, EventKind, EventParam, EventParamType, EventParamValues, IdSource, JsonObject, JsonValue } from './types';
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
export { generateSns, snsGenerator } from './sns';
export { eventBridgeGenerator, generateEventBridge, generateSchedule, scheduleGenerator, type SampleEventBridgeEvent } from './eventbridge';
export {
  generateWebSocketConnect, generateWebSocketDisconnect, generateWebSocketMessage,
  webSocketConnectGenerator, webSocketDisconnectGenerator, webSocketMessageGenerator,
  type WebSocketConnectEvent, type WebSocketDisconnectEvent, type WebSocketMessageEvent,
} from './websocket';
