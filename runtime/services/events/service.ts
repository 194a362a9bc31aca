// The local EventBridge: its JSON 1.1 API on the endpoint, the template's buses and rules, events other
// services hand to a bus (a rule's target, a schedule's), and the calls of the extension and the CLI.
import type { ScheduleRunner } from '../../schedules/runner';
import { readBody } from '../wire/body';
import { JsonServiceError, parseJsonObject, sendJson, sendJsonError } from '../wire/json';
import type { Delivery, LocalModel, LocalService, ServiceContext, ServiceRequest } from '../service';
import { OPERATIONS } from './api';
import { EventBridge } from './bridge';
import { randomUUID } from 'node:crypto';
import type { EventsCalls } from './calls';
import { eventOfEntry, eventTime, type EventEnvelope } from './envelope';
import { LAMBKIN_OPERATIONS } from './lambkin-operations';

const PROTOCOL = { contentType: 'application/x-amz-json-1.1' };
/** Far above PutEvents' 256 KB of entries: the limit is checked on the entries, with EventBridge's message. */
const BODY_LIMIT = 4 * 1024 * 1024;

export class EventsService implements LocalService {
  readonly id = 'events' as const;
  readonly bridge: EventBridge;

  constructor(private readonly ctx: ServiceContext, private readonly runner: ScheduleRunner) {
    this.bridge = new EventBridge(ctx, runner, ctx.dataFolder('events'));
  }

  async handle(request: ServiceRequest): Promise<void> {
    const { req, res, requestId } = request;
    try {
      const body = await readBody(req, BODY_LIMIT);
      if (body === 'too-large') throw new JsonServiceError('ValidationException', 'Total size of the entries in the request is over the limit.', 413);
      const params = parseJsonObject(body, 'SerializationException');
      const name = request.operation ?? '';
      const lambkin = LAMBKIN_OPERATIONS[name];
      const operation = OPERATIONS[name];
      if (!operation && !lambkin) throw new JsonServiceError('UnknownOperationException', `Lambkin's local EventBridge does not serve ${name || 'requests without an X-Amz-Target operation'}.`);
      const result = lambkin ? await lambkin(this.runner, params) : await operation(this.bridge, params, request);
      sendJson(res, PROTOCOL, requestId, result);
    } catch (error) {
      if (error instanceof JsonServiceError) return sendJsonError(res, PROTOCOL, requestId, error);
      this.ctx.log('error', `EventBridge ${request.operation ?? ''} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      sendJsonError(res, PROTOCOL, requestId, new JsonServiceError('InternalException', `Lambkin's local EventBridge failed: ${error instanceof Error ? error.message : String(error)}`, 500));
    }
  }

  async sync(model: LocalModel): Promise<void> {
    this.bridge.syncTemplate(model.resources);
  }

  /** An event for one of the buses (a rule's or a schedule's target): routed as PutEvents routes it. */
  async accept(targetArn: string, delivery: Delivery): Promise<void> {
    const name = /:event-bus\/(.+)$/.exec(targetArn)?.[1];
    if (!name || !this.bridge.hasBus(name)) throw new Error(`there is no event bus ${name ?? targetArn}`);
    let event: unknown;
    try {
      event = JSON.parse(delivery.body);
    } catch {
      event = undefined;
    }
    const envelope = isEnvelope(event) ? event : wrap(delivery, this.ctx);
    this.bridge.route(name, envelope, delivery.chain);
  }

  /** Put Event… from the extension: one PutEvents entry, answered with the event id and the rules it matched. */
  async call(call: string, params: unknown): Promise<unknown> {
    if (call !== 'putEvent') throw new Error(`The local EventBridge has no call ${call}.`);
    const entry = params as EventsCalls['putEvent']['params'];
    const result = eventOfEntry({ EventBusName: entry.busName, Source: entry.source, DetailType: entry.detailType, Detail: entry.detail }, this.ctx.scope, Date.now());
    if (!result.ok) throw new Error(`${result.ErrorCode}: ${result.ErrorMessage}`);
    if (!this.bridge.hasBus(result.busName)) throw new Error(`Event bus ${result.busName} does not exist.`);
    const matched = this.bridge.route(result.busName, result.event, undefined);
    return { eventId: result.event.id, matchedRules: matched.map((rule) => rule.name) } satisfies EventsCalls['putEvent']['result'];
  }

  /** Forgets the rules and buses the API made, and the schedules' run history and pause. */
  async reset(): Promise<void> {
    this.runner.forget();
    this.bridge.clear();
    await this.bridge.save();
  }

  async close(): Promise<void> {
    await this.bridge.flushed();
  }
}

function isEnvelope(value: unknown): value is EventEnvelope {
  return typeof value === 'object' && value !== null && (value as EventEnvelope).version === '0' && typeof (value as EventEnvelope)['detail-type'] === 'string' && typeof (value as EventEnvelope).source === 'string';
}

/** A message that is not an event (a schedule's Input sent to a bus) becomes the detail of one. */
function wrap(delivery: Delivery, ctx: ServiceContext): EventEnvelope {
  let detail: unknown;
  try {
    detail = JSON.parse(delivery.body);
  } catch {
    detail = { message: delivery.body };
  }
  return {
    version: '0', id: randomUUID(), 'detail-type': delivery.subject ?? 'Event', source: delivery.sourceArn ?? 'lambkin',
    account: ctx.scope.accountId, time: eventTime(Date.now()), region: ctx.scope.region, resources: delivery.sourceArn ? [delivery.sourceArn] : [], detail,
  };
}
