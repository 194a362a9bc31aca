// Cognito user pool pre authentication trigger, `cognito-pre-authentication`.

import type { PreAuthenticationTriggerEvent } from 'aws-lambda';
import { clientMetadata, cognitoBase, cognitoUserParams, userAttributes, type CognitoUserOptions } from './cognito-common';
import { defineEventGenerator } from './define';
import { stringMapParam } from './json-input';
import type { EventContext, JsonValue } from './types';

const NAME = 'cognito-pre-authentication';

export type CognitoPreAuthenticationOptions = Omit<CognitoUserOptions, 'triggerSource'> & { validationData: JsonValue };

export const cognitoPreAuthenticationGenerator = defineEventGenerator<CognitoPreAuthenticationOptions, PreAuthenticationTriggerEvent>({
  name: NAME,
  description: 'Cognito user pool pre authentication trigger (PreAuthentication_Authentication)',
  kind: 'cognito-user-pool',
  params: {
    ...cognitoUserParams,
    validationData: { description: 'ValidationData the app passed with the sign-in (null: none)', type: 'json', default: null },
  },
  build(o, ctx) {
    const user = { ...o, triggerSource: 'PreAuthentication_Authentication' };
    return {
      ...cognitoBase(NAME, ctx, 'PreAuthentication_Authentication', user),
      request: {
        userAttributes: userAttributes(NAME, ctx, user, { userStatus: 'CONFIRMED', emailVerified: true }),
        ...(o.validationData === null ? {} : { validationData: stringMapParam(NAME, 'validationData', o.validationData, '{"device":"web"}') }),
        ...clientMetadata(NAME, o.clientMetadata),
      },
      response: {},
    };
  },
});

export const generateCognitoPreAuthentication = (options?: Partial<CognitoPreAuthenticationOptions>, ctx?: Partial<EventContext>): PreAuthenticationTriggerEvent =>
  cognitoPreAuthenticationGenerator.build(options, ctx);
