// The local SNS: the query protocol @aws-sdk/client-sns speaks, the template's topics and subscriptions (with
// the SAM SNS events'), messages other services hand to a topic (EventBridge and schedule targets), and the
// extension's Publish… call.
import { readBody } from '../wire/body';
import { QueryParams, queryError, queryResponse } from '../wire/query';
import type { Delivery, LocalModel, LocalService, ServiceContext, ServiceRequest } from '../service';
import { OPERATIONS, SnsError } from './api';
import type { SnsCalls, TopicSummary } from './calls';
import { SnsTopics } from './topics';

const NAMESPACE = 'http://sns.amazonaws.com/doc/2010-03-31/';
/** Ten 256 KiB messages with their attributes and the protocol's encoding. */
const BODY_LIMIT = 8 * 1024 * 1024;

export class SnsService implements LocalService {
  readonly id = 'sns' as const;
  readonly topics: SnsTopics;

  constructor(private readonly ctx: ServiceContext) {
    this.topics = new SnsTopics(ctx, ctx.dataFolder('sns'));
  }

  async handle(request: ServiceRequest): Promise<void> {
    const { req, res, requestId, url } = request;
    let action = '';
    let status = 200;
    let text: string;
    try {
      const body = await readBody(req, BODY_LIMIT);
      if (body === 'too-large') throw new SnsError('InvalidParameter', 'Invalid parameter: Message too long', 413);
      const params = QueryParams.parse(body, url);
      action = params.action ?? '';
      const operation = OPERATIONS[action];
      if (!operation) throw new SnsError('InvalidAction', `The action ${action || '(none)'} is not valid for this web service.`);
      text = queryResponse(action, NAMESPACE, requestId, operation(this.topics, params, request.chain));
    } catch (error) {
      let snsError: SnsError;
      if (error instanceof SnsError) {
        snsError = error;
      } else {
        this.ctx.log('error', `SNS ${action} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        snsError = new SnsError('InternalError', `Lambkin's local SNS failed: ${error instanceof Error ? error.message : String(error)}`, 500);
      }
      status = snsError.status;
      text = queryError(NAMESPACE, requestId, snsError.code, snsError.message, status >= 500 ? 'Receiver' : 'Sender');
    }
    const bytes = Buffer.from(text);
    res.writeHead(status, { 'Content-Type': 'text/xml', 'x-amzn-RequestId': requestId, 'Content-Length': bytes.length });
    res.end(bytes);
  }

  async sync(model: LocalModel): Promise<void> {
    this.topics.syncTemplate(model.resources, model.functions);
  }

  /** A message for one of the topics (an EventBridge rule's or a schedule's target): published as Publish would. */
  async accept(targetArn: string, delivery: Delivery): Promise<void> {
    const topic = this.topics.topicByArn(targetArn);
    if (!topic) throw new Error(`there is no topic ${targetArn.slice(targetArn.lastIndexOf(':') + 1)}`);
    if (topic.fifo && !delivery.messageGroupId) throw new Error(`topic ${topic.name} is FIFO and the message has no MessageGroupId`);
    const attributes = Object.fromEntries(Object.entries(delivery.attributes ?? {}).map(([name, value]) => [name, { ...value }]));
    this.topics.publish({ topic, message: delivery.body, ...(delivery.subject ? { subject: delivery.subject } : {}), attributes, ...(delivery.messageGroupId ? { groupId: delivery.messageGroupId } : {}), ...(delivery.deduplicationId ? { deduplicationId: delivery.deduplicationId } : {}) }, delivery.chain);
  }

  async call(call: string, params: unknown): Promise<unknown> {
    if (call === 'listTopics') {
      const topics: TopicSummary[] = [...this.topics.topics.values()].sort((a, b) => a.name.localeCompare(b.name)).map((topic) => ({
        name: topic.name, arn: topic.arn, fifo: topic.fifo,
        subscriptions: this.topics.subscriptionsOf(topic.arn).map((subscription) => ({ protocol: subscription.protocol, endpoint: subscription.endpoint, filtered: subscription.filterPolicy !== undefined, raw: subscription.rawMessageDelivery })),
      }));
      return { topics } satisfies SnsCalls['listTopics']['result'];
    }
    if (call === 'publish') {
      const input = params as SnsCalls['publish']['params'];
      const topic = this.topics.topicByArn(input.topic) ?? this.topics.topicByArn(this.topics.arnOf(input.topic));
      if (!topic) throw new Error(`There is no topic ${input.topic}.`);
      if (topic.fifo && !input.groupId) throw new Error(`Topic ${topic.name} is FIFO: give a message group id.`);
      const attributes = Object.fromEntries(Object.entries(input.attributes ?? {}).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));
      const published = this.topics.publish({ topic, message: input.message, ...(input.subject ? { subject: input.subject } : {}), attributes, ...(input.groupId ? { groupId: input.groupId } : {}), ...(topic.fifo && !topic.contentBasedDeduplication ? { deduplicationId: `${Date.now()}-${Math.random()}` } : {}) }, undefined);
      return { messageId: published.messageId, deliveries: this.topics.subscriptionsOf(topic.arn).length } satisfies SnsCalls['publish']['result'];
    }
    throw new Error(`The local SNS has no call ${call}.`);
  }

  async reset(): Promise<void> {
    this.topics.clear();
    await this.topics.save();
  }

  async close(): Promise<void> {
    await this.topics.flushed();
  }
}
