// Cognito user pool pre sign-up trigger, `cognito-pre-signup`.

import type { PreSignUpTriggerEvent } from 'aws-lambda';
import {
  checkTriggerSource, clientMetadata, cognitoBase, cognitoUserParams, userAttributes, type CognitoUserOptions, type StringMap,
} from './cognito-common';
import { defineEventGenerator } from './define';
import { stringMapParam } from './json-input';
import type { EventContext, JsonValue } from './types';

const NAME = 'cognito-pre-signup';
const SOURCES = ['PreSignUp_SignUp', 'PreSignUp_AdminCreateUser', 'PreSignUp_ExternalProvider'] as const;

/** Cognito sends `validationData: null` when the app passed none (@types/aws-lambda declares it optional). */
export type PreSignUpSample = Omit<PreSignUpTriggerEvent, 'request'> & {
  request: Omit<PreSignUpTriggerEvent['request'], 'validationData'> & { validationData: StringMap | null };
};

export type CognitoPreSignUpOptions = CognitoUserOptions & { validationData: JsonValue };

export const cognitoPreSignUpGenerator = defineEventGenerator<CognitoPreSignUpOptions, PreSignUpSample>({
  name: NAME,
  description: 'Cognito user pool pre sign-up trigger (PreSignUp_SignUp by default)',
  kind: 'cognito-user-pool',
  params: {
    triggerSource: { description: `Trigger source (${SOURCES.join('|')})`, type: 'string', default: 'PreSignUp_SignUp' },
    ...cognitoUserParams,
    validationData: { description: 'ValidationData the app passed (null: none)', type: 'json', default: null },
  },
  build(o, ctx) {
    const source = checkTriggerSource(NAME, o.triggerSource, SOURCES);
    const base = cognitoBase(NAME, ctx, source, o);
    return {
      ...base,
      request: {
        userAttributes: userAttributes(NAME, ctx, o),
        validationData: o.validationData === null ? null : stringMapParam(NAME, 'validationData', o.validationData, '{"referral":"abc"}'),
        ...clientMetadata(NAME, o.clientMetadata),
      },
      response: { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false },
    };
  },
});

export const generateCognitoPreSignUp = (options?: Partial<CognitoPreSignUpOptions>, ctx?: Partial<EventContext>): PreSignUpSample =>
  cognitoPreSignUpGenerator.build(options, ctx);
