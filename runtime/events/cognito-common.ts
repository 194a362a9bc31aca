// What every Cognito user pool trigger event shares: version, triggerSource, region, userPoolId,
// userName, callerContext; and the parameters the trigger generators have in common.

import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { lowerAlnum, uuid } from './ids';
import { stringMapParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

/** The fields shared by every trigger event (@types/aws-lambda keeps its BaseTriggerEvent private). */
export type CognitoBaseFields<T extends string> = Omit<PostConfirmationTriggerEvent, 'request' | 'response' | 'triggerSource'> & { triggerSource: T };
export type StringMap = Record<string, string>;

export type CognitoUserOptions = { triggerSource: string; userName: string; email: string; attributes: JsonValue; clientMetadata: JsonValue; userPoolId: string };

export const cognitoUserParams = {
  userName: { description: 'User name', type: 'string', default: 'jdoe' },
  email: { description: 'The user\'s email attribute (empty: none)', type: 'string', default: 'jdoe@example.com' },
  attributes: { description: 'More user attributes, e.g. {"name":"Jane Doe","custom:plan":"pro"}', type: 'json', default: {} },
  clientMetadata: { description: 'ClientMetadata the app passed (null: none)', type: 'json', default: null },
  userPoolId: { description: 'User pool id (empty: one in the region, e.g. eu-west-2_AbC123xYz)', type: 'string', default: '' },
} as const;

const MIXED_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function checkTriggerSource<T extends string>(generator: string, value: string, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (!found) throw new EventInputError(`Parameter "triggerSource" of ${generator} must be one of ${allowed.join(', ')}; got ${JSON.stringify(value)}.`);
  return found;
}

/** The fields every trigger event has, in the order Cognito sends them. */
export function cognitoBase<T extends string>(
  generator: string, ctx: EventContext, triggerSource: T, o: CognitoUserOptions, version = '1',
): CognitoBaseFields<T> {
  if (o.userName === '') throw new EventInputError(`Parameter "userName" of ${generator} must not be empty: every trigger event names its user.`);
  let userPoolId = o.userPoolId;
  if (userPoolId === '') {
    const h = ctx.ids.hex(18);
    userPoolId = `${ctx.region}_${Array.from({ length: 9 }, (_, i) => MIXED_ALNUM[parseInt(h.slice(i * 2, i * 2 + 2), 16) % MIXED_ALNUM.length]).join('')}`;
  } else if (!/^[\w-]+_[0-9a-zA-Z]+$/.test(userPoolId)) {
    throw new EventInputError(`Parameter "userPoolId" of ${generator}: "${userPoolId}" is not a user pool id (region_id, e.g. us-east-1_AbC123xYz).`);
  }
  return {
    version,
    triggerSource,
    region: ctx.region,
    userPoolId,
    userName: o.userName,
    // Calls from the hosted UI and most SDK paths report this; the app client id is 26 characters.
    callerContext: { awsSdkVersion: 'aws-sdk-unknown-unknown', clientId: lowerAlnum(ctx.ids, 26) },
  };
}

/** The user's attributes as Cognito sends them (all strings); `status` adds sub and the status fields of an existing user. */
export function userAttributes(
  generator: string, ctx: EventContext, o: CognitoUserOptions, status?: { userStatus: string; emailVerified: boolean },
): StringMap {
  const extra = stringMapParam(generator, 'attributes', o.attributes, '{"name":"Jane Doe"}');
  return {
    ...(status ? { sub: uuid(ctx.ids), ...(o.email === '' ? {} : { email_verified: String(status.emailVerified) }), 'cognito:user_status': status.userStatus } : {}),
    ...(o.email === '' ? {} : { email: o.email }),
    ...extra,
  };
}

/** `clientMetadata` appears only when the app passed ClientMetadata. */
export function clientMetadata(generator: string, value: JsonValue): { clientMetadata?: StringMap } {
  if (value === null) return {};
  return { clientMetadata: stringMapParam(generator, 'clientMetadata', value, '{"source":"web"}') };
}
