// Alexa Skills Kit requests, `alexa-skill`: the request envelope (session, context.System, request)
// for a LaunchRequest, an IntentRequest with slots, or a SessionEndedRequest.

import type { IntentRequest, LaunchRequest, RequestEnvelope, SessionEndedRequest, Slot } from 'ask-sdk-model';
import { defineEventGenerator } from './define';
import { isoSeconds } from './format';
import { base64UrlId, upperAlnum, uuid } from './ids';
import { objectParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'alexa-skill';
const TYPES = ['LaunchRequest', 'IntentRequest', 'SessionEndedRequest'] as const;

/**
 * `dialogState` comes only to skills with a dialog model (ask-sdk-model declares it always present).
 */
export type AlexaSample = Omit<RequestEnvelope, 'request'> & {
  request: LaunchRequest | SessionEndedRequest | (Omit<IntentRequest, 'dialogState'> & Partial<Pick<IntentRequest, 'dialogState'>>);
};

export type AlexaSkillOptions = { requestType: string; intent: string; slots: JsonValue; locale: string; skillId: string; sessionAttributes: JsonValue };

/** Alexa's API endpoint follows the device's marketplace: Europe and India, the Far East, else North America. */
function apiEndpointFor(locale: string): string {
  if (['ja-JP', 'en-AU'].includes(locale)) return 'https://api.fe.amazonalexa.com';
  if (['en-GB', 'en-IN', 'hi-IN', 'de-DE', 'fr-FR', 'it-IT', 'es-ES'].includes(locale)) return 'https://api.eu.amazonalexa.com';
  return 'https://api.amazonalexa.com';
}

function slotsParam(value: JsonValue): Record<string, Slot> {
  const out: Record<string, Slot> = {};
  for (const [name, item] of Object.entries(objectParam(NAME, 'slots', value, '{"Color":"blue"}'))) {
    if (item !== null && typeof item !== 'string' && typeof item !== 'number') {
      throw new EventInputError(`Parameter "slots" of ${NAME}: "${name}" must be a string, a number or null (not filled).`);
    }
    out[name] = item === null
      ? { name, confirmationStatus: 'NONE' }
      : { name, value: String(item), confirmationStatus: 'NONE', slotValue: { type: 'Simple', value: String(item) } };
  }
  return out;
}

export const alexaSkillGenerator = defineEventGenerator<AlexaSkillOptions, AlexaSample>({
  name: NAME,
  description: 'Alexa skill request (LaunchRequest, IntentRequest or SessionEndedRequest)',
  kind: 'alexa',
  params: {
    requestType: { description: `Request type (${TYPES.join('|')})`, type: 'string', default: 'IntentRequest' },
    intent: { description: 'Intent name (IntentRequest)', type: 'string', default: 'HelloWorldIntent' },
    slots: { description: 'Slot values (IntentRequest), e.g. {"Color":"blue"}; null for an empty slot', type: 'json', default: {} },
    locale: { description: 'Locale of the device', type: 'string', default: 'en-US' },
    skillId: { description: 'Skill id, amzn1.ask.skill.… (empty: a generated one)', type: 'string', default: '' },
    sessionAttributes: { description: 'Session attributes from earlier responses', type: 'json', default: {} },
  },
  build(o, ctx) {
    const type = TYPES.find((t) => t === o.requestType);
    if (!type) throw new EventInputError(`Parameter "requestType" of ${NAME} must be one of ${TYPES.join(', ')}; got ${JSON.stringify(o.requestType)}.`);
    if (o.skillId !== '' && !o.skillId.startsWith('amzn1.ask.skill.')) {
      throw new EventInputError(`Parameter "skillId" of ${NAME}: "${o.skillId}" is not a skill id (amzn1.ask.skill.<uuid>, the SkillId of the AlexaSkill event).`);
    }
    const application = { applicationId: o.skillId === '' ? `amzn1.ask.skill.${uuid(ctx.ids)}` : o.skillId };
    const user = { userId: `amzn1.ask.account.${upperAlnum(ctx.ids, 100)}` };
    const common = { requestId: `amzn1.echo-api.request.${uuid(ctx.ids)}`, timestamp: isoSeconds(ctx.now), locale: o.locale };
    let request: AlexaSample['request'];
    if (type === 'LaunchRequest') request = { type, ...common };
    else if (type === 'SessionEndedRequest') request = { type, ...common, reason: 'USER_INITIATED' };
    else {
      if (!/^[A-Za-z.]+$/.test(o.intent)) throw new EventInputError(`Parameter "intent" of ${NAME}: "${o.intent}" is not an intent name (letters and dots, e.g. AMAZON.HelpIntent).`);
      request = { type, ...common, intent: { name: o.intent, confirmationStatus: 'NONE', slots: slotsParam(o.slots) } };
    }
    return {
      version: '1.0',
      session: {
        // A launch or a one-shot intent opens the session; the end of a session never does.
        new: type !== 'SessionEndedRequest',
        sessionId: `amzn1.echo-api.session.${uuid(ctx.ids)}`,
        application,
        attributes: objectParam(NAME, 'sessionAttributes', o.sessionAttributes, '{"count":1}'),
        user,
      },
      context: {
        System: {
          application,
          user,
          device: { deviceId: `amzn1.ask.device.${upperAlnum(ctx.ids, 100)}`, supportedInterfaces: {} },
          apiEndpoint: apiEndpointFor(o.locale),
          apiAccessToken: `eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.${base64UrlId(ctx.ids, 300).replace(/=+$/, '')}.${base64UrlId(ctx.ids, 256).replace(/=+$/, '')}`,
        },
      },
      request,
    };
  },
});

export const generateAlexaSkill = (options?: Partial<AlexaSkillOptions>, ctx?: Partial<EventContext>): AlexaSample => alexaSkillGenerator.build(options, ctx);
