// The generation context: region, account, clock and ids, with the defaults `sam local generate-event`
// also uses (us-east-1, 123456789012).

import { randomIdSource } from './ids';
import { EventInputError, type EventContext } from './types';

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_ACCOUNT_ID = '123456789012';

const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT_PATTERN = /^\d{12}$/;

export function createEventContext(overrides: Partial<EventContext> = {}): EventContext {
  const ctx: EventContext = {
    region: overrides.region ?? DEFAULT_REGION,
    accountId: overrides.accountId ?? DEFAULT_ACCOUNT_ID,
    now: overrides.now ?? new Date(),
    ids: overrides.ids ?? randomIdSource(),
  };
  if (!REGION_PATTERN.test(ctx.region)) {
    throw new EventInputError(`Region "${ctx.region}" is not an AWS region name; use one like us-east-1 or eu-west-2.`);
  }
  if (!ACCOUNT_PATTERN.test(ctx.accountId)) {
    throw new EventInputError(`Account id "${ctx.accountId}" must be 12 digits, e.g. 123456789012.`);
  }
  if (Number.isNaN(ctx.now.getTime())) {
    throw new EventInputError('The event time is not a valid date.');
  }
  return ctx;
}
