// Cognito user pool post authentication trigger, `cognito-post-authentication`.

import type { PostAuthenticationTriggerEvent } from 'aws-lambda';
import { clientMetadata, cognitoBase, cognitoUserParams, userAttributes, type CognitoUserOptions } from './cognito-common';
import { defineEventGenerator } from './define';
import type { EventContext } from './types';

const NAME = 'cognito-post-authentication';

export type CognitoPostAuthenticationOptions = Omit<CognitoUserOptions, 'triggerSource'> & { newDeviceUsed: boolean };

export const cognitoPostAuthenticationGenerator = defineEventGenerator<CognitoPostAuthenticationOptions, PostAuthenticationTriggerEvent>({
  name: NAME,
  description: 'Cognito user pool post authentication trigger (PostAuthentication_Authentication)',
  kind: 'cognito-user-pool',
  params: {
    ...cognitoUserParams,
    newDeviceUsed: { description: 'Whether the user signed in from a new device', type: 'boolean', default: false },
  },
  build(o, ctx) {
    const user = { ...o, triggerSource: 'PostAuthentication_Authentication' };
    return {
      ...cognitoBase(NAME, ctx, 'PostAuthentication_Authentication', user),
      request: {
        userAttributes: userAttributes(NAME, ctx, user, { userStatus: 'CONFIRMED', emailVerified: true }),
        newDeviceUsed: o.newDeviceUsed,
        ...clientMetadata(NAME, o.clientMetadata),
      },
      response: {},
    };
  },
});

export const generateCognitoPostAuthentication = (options?: Partial<CognitoPostAuthenticationOptions>, ctx?: Partial<EventContext>): PostAuthenticationTriggerEvent =>
  cognitoPostAuthenticationGenerator.build(options, ctx);
