// The extension's (and CLI's) calls to the local SNS over the control channel's serviceCall.

export interface TopicSummary {
  name: string;
  arn: string;
  fifo: boolean;
  subscriptions: Array<{ protocol: string; endpoint: string; filtered: boolean; raw: boolean }>;
}

export interface SnsCalls {
  listTopics: { params: Record<string, never>; result: { topics: TopicSummary[] } };
  publish: { params: { topic: string; message: string; subject?: string; groupId?: string; attributes?: Record<string, string> }; result: { messageId: string; deliveries: number } };
}

declare module '../../protocol/service-calls' {
  interface ServiceCalls {
    sns: SnsCalls;
  }
}
