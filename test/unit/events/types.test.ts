// Compile-time conformance: each generator's output is assignable to its @types/aws-lambda type.
// `npx tsc --noEmit -p .` fails here if a generator's shape drifts from the typings.

import * as assert from 'node:assert/strict';
import type {
  APIGatewayProxyEvent, APIGatewayProxyEventV2, APIGatewayProxyWebsocketEventV2, DynamoDBStreamEvent, EventBridgeEvent,
  LambdaFunctionURLEvent, S3Event, ScheduledEvent, SNSEvent, SQSEvent,
} from 'aws-lambda';
import {
  generateApiGatewayHttp, generateApiGatewayRest, generateDynamoDbInsert, generateDynamoDbModify, generateDynamoDbRemove,
  generateEventBridge, generateFunctionUrl, generateS3Delete, generateS3Put, generateSchedule, generateSns, generateSqs,
  generateWebSocketMessage, type S3DeleteEvent,
} from '../../../runtime/events';
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
    const sns: SNSEvent = generateSns({}, ctx);
    const bus: EventBridgeEvent<string, unknown> = generateEventBridge({}, ctx);
    const schedule: ScheduledEvent = generateSchedule({}, ctx);
    const message: APIGatewayProxyWebsocketEventV2 = generateWebSocketMessage({}, ctx);
    // Delete notifications lack size and eTag, which S3EventRecord declares required: a distinct type.
    const deleted: S3DeleteEvent = generateS3Delete({}, ctx);
    for (const event of [s3, rest, http, url, inserted, modified, removed, sqs, sns, bus, schedule, message, deleted]) {
      assert.equal(typeof event, 'object');
    }
    assert.equal(sqs.Records.length, 2);
    assert.equal(schedule['detail-type'], 'Scheduled Event');
  });
});
