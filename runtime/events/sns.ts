// SNS notifications delivered to a Lambda subscription, `sns`.

import type { SNSEvent, SNSEventRecord, SNSMessage } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { checkTopicName, snsMessageAttributes, snsNotification } from './sns-message';
import type { EventContext, JsonValue } from './types';

const NAME = 'sns';

export type SnsOptions = { message: string; subject: string; topic: string; attributes: JsonValue };

/** Lambda's SNS records carry `Subject: null` when the publisher gave none (@types/aws-lambda declares it optional). */
export type SnsSample = Omit<SNSEvent, 'Records'> & {
  Records: Array<Omit<SNSEventRecord, 'Sns'> & { Sns: Omit<SNSMessage, 'Subject'> & { Subject: string | null } }>;
};

export const snsGenerator = defineEventGenerator<SnsOptions, SnsSample>({
  name: NAME,
  description: 'SNS notification to a Lambda subscription',
  kind: 'sns',
  params: {
    message: { description: 'Message text', type: 'string', default: 'Hello from SNS!' },
    subject: { description: 'Subject (empty: none, and Subject is null)', type: 'string', default: 'TestInvoke' },
    topic: { description: 'Topic name', type: 'string', default: 'MyTopic' },
    attributes: { description: 'Message attributes, e.g. {"tenant":"acme","priority":2}', type: 'json', default: {} },
  },
  build(o, ctx) {
    checkTopicName(NAME, o.topic);
    const n = snsNotification(ctx, o.topic);
    return {
      Records: [{
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: n.subscriptionArn,
        Sns: {
          Type: 'Notification',
          MessageId: n.messageId,
          TopicArn: n.topicArn,
          Subject: o.subject === '' ? null : o.subject,
          Message: o.message,
          Timestamp: ctx.now.toISOString(),
          SignatureVersion: '1',
          Signature: n.signature,
          SigningCertUrl: n.signingCertUrl,
          UnsubscribeUrl: n.unsubscribeUrl,
          MessageAttributes: snsMessageAttributes(NAME, o.attributes),
        },
      }],
    };
  },
});

export const generateSns = (options?: Partial<SnsOptions>, ctx?: Partial<EventContext>): SnsSample => snsGenerator.build(options, ctx);
