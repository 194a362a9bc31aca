// The local SQS: both of its protocols on the endpoint (AWS JSON 1.0 as today's SDK speaks it, the query
// protocol as older clients and the AWS CLI v1 do), the template's queues and the API's, messages other
// services hand to a queue (SNS, EventBridge, schedules), the event source mappings that drain queues into
// functions, and the extension's calls.
import type * as http from 'node:http';
import type { MappingStatus } from '../../event-sources/mappings/status';
import { traceHeaderFor } from '../../event-sources/recursion';
import { readBody } from '../wire/body';
import { QueryParams, queryError, queryResponse } from '../wire/query';
import type { Delivery, LocalModel, LocalService, ServiceContext, ServiceRequest } from '../service';
import { OPERATIONS } from './api';
import type { QueueSummary, SqsCalls } from './calls';
import { SqsError } from './errors';
import { SqsMappings } from './mappings';
import { Queues } from './queues';
import { jsonParamsOf, SQS_NAMESPACE, xmlResultOf } from './query';
import type { Queue } from './queue';

const JSON_TYPE = 'application/x-amz-json-1.0';
/** Ten 1 MiB messages and their attributes, with room for the protocol; a batch over 1 MiB is refused by SQS's own check. */
const BODY_LIMIT = 12 * 1024 * 1024;
/** The SenderId SQS records for messages SNS delivers. */
const SNS_SENDER_ID = 'AIDAIT2UOQQY3AUEKVGXU';
const QUEUE_PATH = /^\/\d{12}\/[^/]+$/;

export class SqsService implements LocalService {
  readonly id = 'sqs' as const;
  readonly queues: Queues;
  private readonly mappingSet: SqsMappings;

  constructor(private readonly ctx: ServiceContext) {
    this.queues = new Queues(ctx);
    this.mappingSet = new SqsMappings(ctx, this.queues);
  }

  async handle(request: ServiceRequest): Promise<void> {
    if (request.operation !== undefined) return this.handleJson(request, request.operation);
    return this.handleQuery(request);
  }

  async sync(model: LocalModel): Promise<void> {
    this.queues.syncTemplate(model.resources);
    await this.mappingSet.sync(model.functions);
  }

  /** A message for one of the queues (an SNS subscription, an EventBridge or schedule target). */
  async accept(targetArn: string, delivery: Delivery): Promise<void> {
    const queue = this.queues.byArn(targetArn);
    if (!queue) throw new Error(`there is no queue ${targetArn.slice(targetArn.lastIndexOf(':') + 1)}`);
    const fromSns = delivery.sourceArn?.startsWith('arn:') && delivery.sourceArn.split(':')[2] === 'sns';
    queue.send({
      body: delivery.body,
      attributes: delivery.attributes,
      groupId: delivery.messageGroupId,
      // A FIFO queue without content-based deduplication needs the sender's id (SNS FIFO topics give one), as on AWS.
      deduplicationId: delivery.deduplicationId,
      traceHeader: delivery.chain ? traceHeaderFor(delivery.chain) : undefined,
      senderId: fromSns ? SNS_SENDER_ID : `AIDA${this.ctx.scope.accountId}`,
    });
  }

  async call(call: string, params: unknown): Promise<unknown> {
    switch (call) {
      case 'listQueues':
        return { queues: this.queues.all.map((queue) => this.summary(queue)).sort((a, b) => a.name.localeCompare(b.name)) } satisfies SqsCalls['listQueues']['result'];
      case 'sendMessage': {
        const input = params as SqsCalls['sendMessage']['params'];
        const queue = this.named(input.queue);
        const attributes = Object.fromEntries(Object.entries(input.attributes ?? {}).map(([name, value]) => [name, { DataType: 'String', StringValue: value }]));
        const sent = queue.send({ body: input.body, attributes: Object.keys(attributes).length > 0 ? attributes : undefined, groupId: input.groupId, deduplicationId: input.deduplicationId, senderId: `AIDA${this.ctx.scope.accountId}` });
        return { messageId: sent.messageId, ...(sent.sequenceNumber ? { sequenceNumber: sent.sequenceNumber } : {}) } satisfies SqsCalls['sendMessage']['result'];
      }
      case 'purgeQueue': {
        const queue = this.named((params as SqsCalls['purgeQueue']['params']).queue);
        const purged = queue.messages.size;
        queue.messages.clear();
        this.queues.changed(queue);
        return { purged } satisfies SqsCalls['purgeQueue']['result'];
      }
      case 'redriveDeadLetters':
        return { moved: this.queues.redriveBack(this.named((params as SqsCalls['redriveDeadLetters']['params']).queue)) } satisfies SqsCalls['redriveDeadLetters']['result'];
      default:
        throw new Error(`The local SQS has no call ${call}.`);
    }
  }

  mappings(): MappingStatus[] {
    return this.mappingSet.statuses();
  }

  async reset(resource?: string): Promise<void> {
    this.queues.reset(resource);
    await this.queues.flush();
  }

  async close(): Promise<void> {
    await this.mappingSet.close();
    await this.queues.close();
  }

  private named(name: string): Queue {
    const queue = this.queues.byName(name) ?? this.queues.byUrl(name) ?? this.queues.byArn(name);
    if (!queue) throw new Error(`There is no queue ${name}.`);
    return queue;
  }

  private summary(queue: Queue): QueueSummary {
    const counts = queue.counts();
    const dlq = queue.settings.redrivePolicy ? this.queues.byArn(queue.settings.redrivePolicy.deadLetterTargetArn) : undefined;
    return {
      name: queue.name, url: queue.url, arn: queue.arn, fifo: queue.fifo, ...counts,
      ...(queue.settings.redrivePolicy ? { deadLetterQueue: dlq?.name ?? queue.settings.redrivePolicy.deadLetterTargetArn } : {}),
      deadLetterSources: this.queues.sourcesOf(queue).map((source) => source.name),
    };
  }

  private async run(name: string, params: Record<string, unknown>, request: ServiceRequest): Promise<Record<string, unknown>> {
    const operation = OPERATIONS[name];
    if (!operation) throw new SqsError('InvalidAction', `The action ${name || '(none)'} is not valid for this endpoint.`);
    return (await operation(this.queues, params, request)) as Record<string, unknown>;
  }

  private async handleJson(request: ServiceRequest, name: string): Promise<void> {
    const { req, res, requestId } = request;
    try {
      const body = await readBody(req, BODY_LIMIT);
      if (body === 'too-large') throw new SqsError('BatchRequestTooLong', `Request bodies cannot be longer than ${BODY_LIMIT} bytes.`, 413);
      let params: unknown = {};
      if (body.length > 0) {
        try {
          params = JSON.parse(body.toString('utf8'));
        } catch {
          throw new SqsError('InvalidParameterValueException', 'The request body is not valid JSON.');
        }
      }
      if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new SqsError('InvalidParameterValueException', 'The request body must be a JSON object.');
      const result = await this.run(name, params as Record<string, unknown>, request);
      send(res, 200, JSON_TYPE, requestId, JSON.stringify(result));
    } catch (error) {
      const sqsError = this.asSqsError(error, name);
      send(res, sqsError.status, JSON_TYPE, requestId, JSON.stringify({ __type: `com.amazonaws.sqs#${sqsError.code}`, message: sqsError.message }), { 'x-amzn-query-error': `${sqsError.queryCode};${sqsError.fault}` });
    }
  }

  private async handleQuery(request: ServiceRequest): Promise<void> {
    const { req, res, requestId, url } = request;
    let action = '';
    try {
      const body = await readBody(req, BODY_LIMIT);
      if (body === 'too-large') throw new SqsError('BatchRequestTooLong', `Request bodies cannot be longer than ${BODY_LIMIT} bytes.`, 413);
      const params = QueryParams.parse(body, url);
      action = params.action ?? '';
      const pathQueueUrl = QUEUE_PATH.test(url.pathname) ? `${this.ctx.scope.awsEndpoint}${url.pathname}` : undefined;
      const result = await this.run(action, jsonParamsOf(action, params, pathQueueUrl), request);
      send(res, 200, 'text/xml', requestId, queryResponse(action, SQS_NAMESPACE, requestId, xmlResultOf(action, result)));
    } catch (error) {
      const sqsError = this.asSqsError(error, action);
      send(res, sqsError.status, 'text/xml', requestId, queryError(SQS_NAMESPACE, requestId, sqsError.queryCode, sqsError.message, sqsError.fault));
    }
  }

  private asSqsError(error: unknown, operation: string): SqsError {
    if (error instanceof SqsError) return error;
    this.ctx.log('error', `SQS ${operation} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return new SqsError('InternalError', `Lambkin's local SQS failed: ${error instanceof Error ? error.message : String(error)}`, 500, 'Receiver');
  }
}

function send(res: http.ServerResponse, status: number, contentType: string, requestId: string, text: string, headers: http.OutgoingHttpHeaders = {}): void {
  if (res.headersSent || res.destroyed) return;
  const body = Buffer.from(text);
  res.writeHead(status, { 'Content-Type': contentType, 'x-amzn-RequestId': requestId, 'Content-Length': body.length, ...headers });
  res.end(body);
}
