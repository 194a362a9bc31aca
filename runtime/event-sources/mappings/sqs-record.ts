// The record Lambda's SQS poller hands a function for each message: the message's id, receipt handle and
// body, its system attributes as strings (FIFO's group, deduplication id and sequence number on FIFO queues
// only), its message attributes in Lambda's lower-case shape, the digests, and where it came from.
import type { SQSRecord } from 'aws-lambda';
import type { StoredMessage } from '../../services/sqs/model';

export interface RecordSource {
  queueArn: string;
  region: string;
  fifo: boolean;
}

export function sqsRecordOf(message: StoredMessage, receiptHandle: string, source: RecordSource): SQSRecord {
  const attributes: SQSRecord['attributes'] = {
    ApproximateReceiveCount: String(message.receiveCount),
    SentTimestamp: String(message.sentAt),
    SenderId: message.senderId,
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
    ...(message.traceHeader !== undefined ? { AWSTraceHeader: message.traceHeader } : {}),
    ...(source.fifo ? { SequenceNumber: message.sequenceNumber, MessageGroupId: message.groupId, MessageDeduplicationId: message.deduplicationId } : {}),
  };
  const messageAttributes: SQSRecord['messageAttributes'] = {};
  for (const [name, value] of Object.entries(message.attributes ?? {})) {
    messageAttributes[name] = value.BinaryValue !== undefined
      ? { binaryValue: value.BinaryValue, stringListValues: [], binaryListValues: [], dataType: value.DataType }
      : { stringValue: value.StringValue, stringListValues: [], binaryListValues: [], dataType: value.DataType };
  }
  return {
    messageId: message.id,
    receiptHandle,
    body: message.body,
    attributes,
    messageAttributes,
    ...(message.md5OfAttributes ? { md5OfMessageAttributes: message.md5OfAttributes } : {}),
    md5OfBody: message.md5OfBody,
    eventSource: 'aws:sqs',
    eventSourceARN: source.queueArn,
    awsRegion: source.region,
  } as SQSRecord;
}
