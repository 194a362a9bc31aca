// Cognito user pool post confirmation trigger, `cognito-post-confirmation`.

import type { PostConfirmationTriggerEvent } from 'aws-lambda';
import { checkTriggerSource, clientMetadata, cognitoBase, cognitoUserParams, userAttributes, type CognitoUserOptions } from './cognito-common';
import { defineEventGenerator } from './define';
import type { EventContext } from './types';

const NAME = 'cognito-post-confirmation';
const SOURCES = ['PostConfirmation_ConfirmSignUp', 'PostConfirmation_ConfirmForgotPassword'] as const;

export const cognitoPostConfirmationGenerator = defineEventGenerator<CognitoUserOptions, PostConfirmationTriggerEvent>({
  name: NAME,
  description: 'Cognito user pool post confirmation trigger (PostConfirmation_ConfirmSignUp by default)',
  kind: 'cognito-user-pool',
  params: {
    triggerSource: { description: `Trigger source (${SOURCES.join('|')})`, type: 'string', default: 'PostConfirmation_ConfirmSignUp' },
    ...cognitoUserParams,
  },
  build(o, ctx) {
    const source = checkTriggerSource(NAME, o.triggerSource, SOURCES);
    const base = cognitoBase(NAME, ctx, source, o);
    return {
      ...base,
      request: {
        userAttributes: userAttributes(NAME, ctx, o, { userStatus: 'CONFIRMED', emailVerified: true }),
        ...clientMetadata(NAME, o.clientMetadata),
      },
      response: {},
    };
  },
});

export const generateCognitoPostConfirmation = (options?: Partial<CognitoUserOptions>, ctx?: Partial<EventContext>): PostConfirmationTriggerEvent =>
  cognitoPostConfirmationGenerator.build(options, ctx);
