// What a subscriber receives for one publication: Lambda's SNS record (SigningCertUrl/UnsubscribeUrl, Subject
// null when there is none, MessageAttributes always present) and the JSON envelope SNS sends to queues
// (SigningCertURL/UnsubscribeURL, Subject and MessageAttributes left out when absent; SNS's own layout), or with
// raw message delivery the bare message with its attributes as SQS message attributes.
import { createHash } from 'node:crypto';
import type { SNSEventRecord, SNSMessageAttributes } from 'aws-lambda';
import { snsEnvelopeText } from '../../events/sns-sqs';
import type { LocalScope } from '../../template/local-values';
import type { MessageAttributes } from '../sqs/model';
import type { Publication, Subscription } from './model';

/** The message a protocol gets: with MessageStructure json, its own entry or `default`. */
export function messageFor(publication: Publication, protocol: string): string {
  if (!publication.perProtocol) return publication.message;
  return publication.perProtocol[protocol] ?? publication.perProtocol.default ?? '';
}

/**
 * Signature fields in SNS's form. Lambkin does not hold SNS's signing key, so the signature is a digest of the
 * message (stable, not verifiable) and the certificate URL names no real certificate.
 */
function signatureFields(publication: Publication, subscription: Subscription, scope: LocalScope): { signature: string; certUrl: string; unsubscribeUrl: string } {
  const host = `https://sns.${scope.region}.amazonaws.com`;
  const digest = createHash('sha512').update(`${publication.messageId}\n${publication.message}\n${publication.timestamp}`).digest();
  return {
    signature: Buffer.concat([digest, digest, digest, digest]).toString('base64'),
    certUrl: `${host}/SimpleNotificationService-${createHash('md5').update(scope.region).digest('hex')}.pem`,
    unsubscribeUrl: `${host}/?Action=Unsubscribe&SubscriptionArn=${subscription.arn}`,
  };
}

function snsAttributes(publication: Publication): SNSMessageAttributes {
  const attributes: SNSMessageAttributes = {};
  for (const [name, value] of Object.entries(publication.attributes)) {
    attributes[name] = { Type: value.DataType, Value: value.BinaryValue ?? value.StringValue ?? '' };
  }
  return attributes;
}

function timestamp(publication: Publication): string {
  return new Date(publication.timestamp).toISOString();
}

export function lambdaRecord(publication: Publication, subscription: Subscription, scope: LocalScope): SNSEventRecord {
  const signature = signatureFields(publication, subscription, scope);
  return {
    EventSource: 'aws:sns',
    EventVersion: '1.0',
    EventSubscriptionArn: subscription.arn,
    Sns: {
      Type: 'Notification',
      MessageId: publication.messageId,
      TopicArn: publication.topic.arn,
      Subject: (publication.subject ?? null) as string,
      Message: messageFor(publication, 'lambda'),
      Timestamp: timestamp(publication),
      SignatureVersion: '1',
      Signature: signature.signature,
      SigningCertUrl: signature.certUrl,
      UnsubscribeUrl: signature.unsubscribeUrl,
      MessageAttributes: snsAttributes(publication),
    },
  };
}

/** The body and attributes an SQS subscription's queue receives. */
export function queueMessage(publication: Publication, subscription: Subscription, scope: LocalScope): { body: string; attributes?: MessageAttributes } {
  const message = messageFor(publication, 'sqs');
  if (subscription.rawMessageDelivery) {
    const entries = Object.entries(publication.attributes);
    return { body: message, ...(entries.length > 0 ? { attributes: Object.fromEntries(entries.map(([name, value]) => [name, { ...value }])) } : {}) };
  }
  const attributes = snsAttributes(publication);
  const fifo = publication.topic.fifo;
  const signature = signatureFields(publication, subscription, scope);
  const body = snsEnvelopeText([
    ['Type', 'Notification'],
    ['MessageId', publication.messageId],
    ...(fifo && publication.sequenceNumber ? [['SequenceNumber', publication.sequenceNumber] as [string, string]] : []),
    ['TopicArn', publication.topic.arn],
    ['Subject', publication.subject],
    ['Message', message],
    ['Timestamp', timestamp(publication)],
    ...(fifo ? [] : [
      ['SignatureVersion', '1'] as [string, string],
      ['Signature', signature.signature] as [string, string],
      ['SigningCertURL', signature.certUrl] as [string, string],
    ]),
    ['UnsubscribeURL', signature.unsubscribeUrl],
    ['MessageAttributes', Object.keys(attributes).length > 0 ? attributes : undefined],
  ]);
  return { body };
}
