// Code hook of an Amazon Lex V2 bot with an OrderStatus intent and an OrderNumber slot. Lex calls it while it
// gathers the slot (DialogCodeHook: check the number, ask again if it is wrong) and once the intent is ready
// (FulfillmentCodeHook: answer). Any other intent (e.g. FallbackIntent) gets a polite close.
import type { LexV2Event, LexV2Result } from 'aws-lambda';
import { describeOrder, findOrder, isOrderNumber } from './lib/orders';

const INTENT = 'OrderStatus';
const SLOT = 'OrderNumber';

export async function handler(event: LexV2Event): Promise<LexV2Result> {
  const intent = event.sessionState.intent;
  const sessionAttributes = event.sessionState.sessionAttributes ?? {};
  if (intent.name !== INTENT) {
    return close(event, 'Failed', 'I can only tell you where an order is. Try "Where is order 1002?"');
  }
  const slot = intent.slots[SLOT];
  const value = slot?.value?.interpretedValue ?? slot?.value?.originalValue;

  if (event.invocationSource === 'DialogCodeHook') {
    if (value === undefined) return delegate(event);
    if (!isOrderNumber(value)) return elicit(event, `"${value}" is not an order number: it has four digits, like 1002. Which order?`);
    if (!findOrder(value)) return elicit(event, `I cannot find order ${value}. Could you check the number?`);
    return delegate(event);
  }

  // FulfillmentCodeHook: Lex only gets here with the slot filled, but the event is input like any other.
  const order = value !== undefined ? findOrder(value) : undefined;
  if (!order) return close(event, 'Failed', `I cannot find order ${value ?? '(none given)'}.`);
  sessionAttributes.lastOrder = order.number;
  return close(event, 'Fulfilled', describeOrder(order), sessionAttributes);
}

function close(event: LexV2Event, state: 'Fulfilled' | 'Failed', message: string, sessionAttributes = event.sessionState.sessionAttributes ?? {}): LexV2Result {
  return {
    sessionState: {
      sessionAttributes,
      dialogAction: { type: 'Close' },
      intent: { ...event.sessionState.intent, state },
    },
    messages: [{ contentType: 'PlainText', content: message }],
  };
}

/** Lex goes on as the bot's configuration says (prompting for missing slots, confirming, fulfilling). */
function delegate(event: LexV2Event): LexV2Result {
  return {
    sessionState: {
      sessionAttributes: event.sessionState.sessionAttributes ?? {},
      dialogAction: { type: 'Delegate' },
      intent: { ...event.sessionState.intent, state: 'InProgress' },
    },
  };
}

/** Clears the wrong value and asks for the order number again, saying what was wrong. */
function elicit(event: LexV2Event, message: string): LexV2Result {
  const intent = event.sessionState.intent;
  return {
    sessionState: {
      sessionAttributes: event.sessionState.sessionAttributes ?? {},
      dialogAction: { type: 'ElicitSlot', slotToElicit: SLOT },
      intent: { ...intent, slots: { ...intent.slots, [SLOT]: null }, state: 'InProgress' },
    },
    messages: [{ contentType: 'PlainText', content: message }],
  };
}
