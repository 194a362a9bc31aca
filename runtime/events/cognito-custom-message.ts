// Cognito user pool custom message trigger, `cognito-custom-message`: the placeholders Cognito replaces
// ({####} for the code, {username} for admin-created users) and a response of nulls to fill in.

import type { CustomMessageTriggerEvent } from 'aws-lambda';
import { checkTriggerSource, clientMetadata, cognitoBase, cognitoUserParams, userAttributes, type CognitoUserOptions } from './cognito-common';
import { defineEventGenerator } from './define';
import type { EventContext } from './types';

const NAME = 'cognito-custom-message';
const SOURCES = [
  'CustomMessage_SignUp', 'CustomMessage_AdminCreateUser', 'CustomMessage_ResendCode', 'CustomMessage_ForgotPassword',
  'CustomMessage_UpdateUserAttribute', 'CustomMessage_VerifyUserAttribute', 'CustomMessage_Authentication',
] as const;

/** The user's status when each message is sent: sign-up codes go to users not yet confirmed. */
function statusOf(source: (typeof SOURCES)[number]): { userStatus: string; emailVerified: boolean } {
  if (source === 'CustomMessage_SignUp' || source === 'CustomMessage_ResendCode') return { userStatus: 'UNCONFIRMED', emailVerified: false };
  if (source === 'CustomMessage_AdminCreateUser') return { userStatus: 'FORCE_CHANGE_PASSWORD', emailVerified: false };
  return { userStatus: 'CONFIRMED', emailVerified: source !== 'CustomMessage_UpdateUserAttribute' && source !== 'CustomMessage_VerifyUserAttribute' };
}

export const cognitoCustomMessageGenerator = defineEventGenerator<CognitoUserOptions, CustomMessageTriggerEvent>({
  name: NAME,
  description: 'Cognito user pool custom message trigger (CustomMessage_SignUp by default)',
  kind: 'cognito-user-pool',
  params: {
    triggerSource: { description: `Trigger source (${SOURCES.join('|')})`, type: 'string', default: 'CustomMessage_SignUp' },
    ...cognitoUserParams,
  },
  build(o, ctx) {
    const source = checkTriggerSource(NAME, o.triggerSource, SOURCES);
    const base = cognitoBase(NAME, ctx, source, o);
    return {
      ...base,
      request: {
        userAttributes: userAttributes(NAME, ctx, o, statusOf(source)),
        codeParameter: '{####}',
        linkParameter: '{##Click Here##}',
        usernameParameter: source === 'CustomMessage_AdminCreateUser' ? '{username}' : null,
        ...clientMetadata(NAME, o.clientMetadata),
      },
      response: { smsMessage: null, emailMessage: null, emailSubject: null },
    };
  },
});

export const generateCognitoCustomMessage = (options?: Partial<CognitoUserOptions>, ctx?: Partial<EventContext>): CustomMessageTriggerEvent =>
  cognitoCustomMessageGenerator.build(options, ctx);
