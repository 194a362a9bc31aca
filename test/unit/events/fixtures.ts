// Shared fixtures: a fixed context so every generated event is reproducible.

import { seededIdSource, type EventContext } from '../../../runtime/events';

export const FIXED_NOW = new Date('2015-04-09T12:34:56.789Z');

export function fixedContext(seed = 'lambkin'): EventContext {
  return { region: 'eu-west-2', accountId: '111122223333', now: FIXED_NOW, ids: seededIdSource(seed) };
}
