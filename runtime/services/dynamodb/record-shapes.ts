// A stream record as its two readers see it: the DynamoDB Streams API (GetRecords, no eventSourceARN,
// `userIdentity` in the API's casing) and Lambda's event (`eventSourceARN`, `userIdentity` as Lambda writes it).
import type { LocalScope } from '../../template/local-values';
import type { StreamRecord } from './stream-log';

function dynamodbPart(record: StreamRecord): Record<string, unknown> {
  return {
    ApproximateCreationDateTime: Math.floor(record.createdAt / 1000),
    Keys: record.keys,
    ...(record.newImage ? { NewImage: record.newImage } : {}),
    ...(record.oldImage ? { OldImage: record.oldImage } : {}),
    SequenceNumber: record.sequence,
    SizeBytes: record.sizeBytes,
    StreamViewType: record.viewType,
  };
}

export function streamsApiRecord(record: StreamRecord, scope: LocalScope): Record<string, unknown> {
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: scope.region,
    dynamodb: dynamodbPart(record),
    ...(record.byService ? { userIdentity: { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' } } : {}),
  };
}

/** One element of the `Records` a stream-triggered function receives. */
export function lambdaRecord(record: StreamRecord, scope: LocalScope, streamArn: string): Record<string, unknown> {
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: scope.region,
    dynamodb: dynamodbPart(record),
    eventSourceARN: streamArn,
    ...(record.byService ? { userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' } } : {}),
  };
}
