// EventBridge events (`eventbridge`) and scheduled rules (`schedule`). A target `Input` replaces the
// event entirely, so both take an `input` that, when set, is what the function receives.

import type { EventBridgeEvent, ScheduledEvent } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { isoSeconds, regionalArn } from './format';
import { uuid } from './ids';
import { EventInputError, type EventContext, type JsonValue } from './types';

export type EventBridgeOptions = { source: string; detailType: string; detail: JsonValue; resources: JsonValue; input: JsonValue };
export type ScheduleOptions = { rule: string; input: JsonValue };
export type SampleEventBridgeEvent = EventBridgeEvent<string, JsonValue>;

const inputParam = {
  description: "The target's Input: when set, the function receives this JSON instead of the event",
  type: 'json',
  default: null,
} as const;

function envelope<T extends string>(ctx: EventContext, detailType: T, source: string, resources: string[], detail: JsonValue): EventBridgeEvent<T, JsonValue> {
  return {
    version: '0',
    id: uuid(ctx.ids),
    'detail-type': detailType,
    source,
    account: ctx.accountId,
    time: isoSeconds(ctx.now),
    region: ctx.region,
    resources,
    detail,
  };
}

export const eventBridgeGenerator = defineEventGenerator<EventBridgeOptions, SampleEventBridgeEvent | JsonValue>({
  name: 'eventbridge',
  description: 'EventBridge event matched by a rule',
  kind: 'eventbridge',
  params: {
    source: { description: 'Event source, e.g. com.example.orders', type: 'string', default: 'com.example.app' },
    detailType: { description: 'detail-type', type: 'string', default: 'SampleEvent' },
    detail: { description: 'detail object', type: 'json', default: { message: 'Hello from EventBridge!' } },
    resources: { description: 'ARNs of the resources involved (JSON array of strings)', type: 'json', default: [] },
    input: inputParam,
  },
  build(o, ctx) {
    if (o.input !== null) return o.input;
    if (o.source === '' || o.detailType === '') {
      throw new EventInputError('Parameters "source" and "detailType" of eventbridge must not be empty: every EventBridge event has both.');
    }
    if (typeof o.detail !== 'object' || o.detail === null || Array.isArray(o.detail)) {
      throw new EventInputError('Parameter "detail" of eventbridge must be a JSON object, e.g. {"orderId":"42"}.');
    }
    const resources = o.resources;
    if (!Array.isArray(resources) || resources.some((r) => typeof r !== 'string')) {
      throw new EventInputError('Parameter "resources" of eventbridge must be a JSON array of strings, e.g. ["arn:aws:s3:::my-bucket"].');
    }
    return envelope(ctx, o.detailType, o.source, resources as string[], o.detail);
  },
});

export const scheduleGenerator = defineEventGenerator<ScheduleOptions, ScheduledEvent<JsonValue> | JsonValue>({
  name: 'schedule',
  description: 'Scheduled Event from an EventBridge schedule rule',
  kind: 'eventbridge',
  params: {
    rule: { description: 'Rule name', type: 'string', default: 'ExampleRule' },
    input: inputParam,
  },
  build(o, ctx) {
    if (o.input !== null) return o.input;
    if (!/^[A-Za-z0-9_.-]{1,64}$/.test(o.rule)) {
      throw new EventInputError(`Parameter "rule" of schedule: "${o.rule}" is not a rule name (up to 64 letters, digits, . - _).`);
    }
    return envelope(ctx, 'Scheduled Event', 'aws.events', [regionalArn(ctx, 'events', `rule/${o.rule}`)], {});
  },
});

// Without `input` the generators always build the envelope, so the narrower types hold.
export const generateEventBridge = (options?: Partial<Omit<EventBridgeOptions, 'input'>>, ctx?: Partial<EventContext>): SampleEventBridgeEvent =>
  eventBridgeGenerator.build(options, ctx) as SampleEventBridgeEvent;
export const generateSchedule = (options?: Partial<Omit<ScheduleOptions, 'input'>>, ctx?: Partial<EventContext>): ScheduledEvent<JsonValue> =>
  scheduleGenerator.build(options, ctx) as ScheduledEvent<JsonValue>;
