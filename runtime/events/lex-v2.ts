// Amazon Lex V2 code hooks, `lex-v2`: the bot, the recognised intent with its slots, the session
// state, and for a dialog code hook with a slot still empty the proposed next step (eliciting it).

import type { LexV2Event, LexV2Intent, LexV2Slots } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { digits, upperAlnum, uuid } from './ids';
import { objectParam, stringMapParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'lex-v2';

/** Lex proposes a next state only to dialog code hooks with a next step (@types/aws-lambda declares it always present). */
export type LexV2Sample = Omit<LexV2Event, 'proposedNextState' | 'interpretations'> & {
  proposedNextState?: LexV2Event['proposedNextState'];
  interpretations: Array<LexV2Event['interpretations'][number] & { interpretationSource: 'Lex' }>;
};

export type LexV2Options = {
  bot: string; intent: string; inputTranscript: string; slots: JsonValue; invocationSource: string;
  localeId: string; sessionAttributes: JsonValue;
};

/** `{"PickUpCity":"Chicago","CarType":null}` → Lex slots; null is a slot not yet filled. */
function slotsParam(value: JsonValue): LexV2Slots {
  const out: LexV2Slots = {};
  for (const [name, item] of Object.entries(objectParam(NAME, 'slots', value, '{"PickUpCity":"Chicago","CarType":null}'))) {
    if (item === null) out[name] = null;
    else if (typeof item === 'string' || typeof item === 'number') {
      const text = String(item);
      out[name] = { shape: 'Scalar', value: { originalValue: text, interpretedValue: text, resolvedValues: [text] } };
    } else throw new EventInputError(`Parameter "slots" of ${NAME}: "${name}" must be a string, a number or null (not yet filled).`);
  }
  return out;
}

export const lexV2Generator = defineEventGenerator<LexV2Options, LexV2Sample>({
  name: NAME,
  description: 'Amazon Lex V2 bot code hook (dialog or fulfillment)',
  kind: 'lex-v2',
  params: {
    bot: { description: 'Bot name', type: 'string', default: 'BookTrip' },
    intent: { description: 'Recognised intent', type: 'string', default: 'BookCar' },
    inputTranscript: { description: 'What the user said or typed', type: 'string', default: 'Book a car' },
    slots: { description: 'Slot values; null for a slot not yet filled', type: 'json', default: { PickUpCity: null, PickUpDate: null, CarType: null } },
    invocationSource: { description: 'DialogCodeHook or FulfillmentCodeHook', type: 'string', default: 'DialogCodeHook' },
    localeId: { description: 'Bot locale', type: 'string', default: 'en_US' },
    sessionAttributes: { description: 'Session attributes, e.g. {"customerId":"42"}', type: 'json', default: {} },
  },
  build(o, ctx) {
    if (o.invocationSource !== 'DialogCodeHook' && o.invocationSource !== 'FulfillmentCodeHook') {
      throw new EventInputError(`Parameter "invocationSource" of ${NAME} must be DialogCodeHook or FulfillmentCodeHook; got ${JSON.stringify(o.invocationSource)}.`);
    }
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(o.intent) || !/^[A-Za-z0-9_-]{1,100}$/.test(o.bot)) {
      throw new EventInputError(`Parameters "bot" and "intent" of ${NAME} must be names of letters, digits, _ and -.`);
    }
    const slots = slotsParam(o.slots);
    const dialog = o.invocationSource === 'DialogCodeHook';
    const intent: LexV2Intent = { slots, confirmationState: 'None', name: o.intent, state: dialog ? 'InProgress' : 'ReadyForFulfillment' };
    const fallback: LexV2Intent = { slots: {}, confirmationState: 'None', name: 'FallbackIntent', state: intent.state };
    const empty = Object.keys(slots).find((name) => slots[name] === null);
    return {
      sessionId: digits(ctx.ids, 15),
      inputTranscript: o.inputTranscript,
      interpretations: [
        { intent, nluConfidence: 1, interpretationSource: 'Lex' },
        { intent: fallback, interpretationSource: 'Lex' },
      ],
      ...(dialog && empty ? { proposedNextState: { intent, dialogAction: { type: 'ElicitSlot', slotToElicit: empty } } } : {}),
      responseContentType: 'text/plain; charset=utf-8',
      sessionState: {
        sessionAttributes: stringMapParam(NAME, 'sessionAttributes', o.sessionAttributes, '{"customerId":"42"}'),
        activeContexts: [],
        intent,
        originatingRequestId: uuid(ctx.ids),
      },
      messageVersion: '1.0',
      invocationSource: o.invocationSource,
      transcriptions: [{ transcription: o.inputTranscript, transcriptionConfidence: 1, resolvedContext: { intent: o.intent }, resolvedSlots: {} }],
      inputMode: 'Text',
      bot: { aliasName: 'TestBotAlias', aliasId: 'TSTALIASID', name: o.bot, version: 'DRAFT', localeId: o.localeId, id: upperAlnum(ctx.ids, 10) },
    };
  },
});

export const generateLexV2 = (options?: Partial<LexV2Options>, ctx?: Partial<EventContext>): LexV2Sample => lexV2Generator.build(options, ctx);
