// The extension's (and CLI's) calls to the local SQS over the control channel's serviceCall.

export interface QueueSummary {
  name: string;
  url: string;
  arn: string;
  fifo: boolean;
  visible: number;
  inFlight: number;
  delayed: number;
  /** The dead-letter queue's name, when the queue has a RedrivePolicy. */
  deadLetterQueue?: string;
  /** Queues that dead-letter into this one. */
  deadLetterSources: string[];
}

export interface SqsCalls {
  listQueues: { params: Record<string, never>; result: { queues: QueueSummary[] } };
  sendMessage: { params: { queue: string; body: string; groupId?: string; deduplicationId?: string; attributes?: Record<string, string> }; result: { messageId: string; sequenceNumber?: string } };
  purgeQueue: { params: { queue: string }; result: { purged: number } };
  redriveDeadLetters: { params: { queue: string }; result: { moved: number } };
}

declare module '../../protocol/service-calls' {
  interface ServiceCalls {
    sqs: SqsCalls;
  }
}
