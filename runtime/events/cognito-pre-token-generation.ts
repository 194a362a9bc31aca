// Cognito user pool pre token generation trigger, `cognito-pre-token-generation`: the V1_0 event
// (ID token), or V2_0/V3_0 (ID and access tokens, with the requested scopes).

import type { GroupOverrideDetails, PreTokenGenerationTriggerEvent, PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { checkTriggerSource, clientMetadata, cognitoBase, cognitoUserParams, userAttributes, type CognitoUserOptions } from './cognito-common';
import { defineEventGenerator } from './define';
import { EventInputError, type EventContext, type JsonValue } from './types';

const NAME = 'cognito-pre-token-generation';
const SOURCES = [
  'TokenGeneration_HostedAuth', 'TokenGeneration_Authentication', 'TokenGeneration_NewPasswordChallenge',
  'TokenGeneration_AuthenticateDevice', 'TokenGeneration_RefreshTokens',
] as const;

/**
 * Cognito sends the response's override details as null for the function to fill in
 * (@types/aws-lambda declares them as the objects a function returns).
 */
export type PreTokenGenerationV1Sample = Omit<PreTokenGenerationTriggerEvent, 'response' | 'request'> & {
  request: Omit<PreTokenGenerationTriggerEvent['request'], 'groupConfiguration'> & { groupConfiguration: GroupConfiguration };
  response: { claimsOverrideDetails: null };
};
export type PreTokenGenerationV2Sample = Omit<PreTokenGenerationV2TriggerEvent, 'response' | 'request'> & {
  request: Omit<PreTokenGenerationV2TriggerEvent['request'], 'groupConfiguration'> & { groupConfiguration: GroupConfiguration };
  response: { claimsAndScopeOverrideDetails: null };
};
/** `preferredRole` is null, not absent, when the user's groups name none. */
type GroupConfiguration = Omit<GroupOverrideDetails, 'preferredRole'> & { preferredRole: string | null };

export type CognitoPreTokenOptions = CognitoUserOptions & { lambdaVersion: string; groups: JsonValue; scopes: JsonValue };

function stringList(param: string, value: JsonValue, example: string): string[] {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw new EventInputError(`Parameter "${param}" of ${NAME} must be a JSON array of strings, e.g. ${example}.`);
  }
  return value as string[];
}

export const cognitoPreTokenGenerationGenerator = defineEventGenerator<CognitoPreTokenOptions, PreTokenGenerationV1Sample | PreTokenGenerationV2Sample>({
  name: NAME,
  description: 'Cognito user pool pre token generation trigger (event version V1_0, V2_0 or V3_0)',
  kind: 'cognito-user-pool',
  params: {
    triggerSource: { description: `Trigger source (${SOURCES.join('|')})`, type: 'string', default: 'TokenGeneration_Authentication' },
    lambdaVersion: { description: 'The trigger\'s LambdaVersion: V1_0 (ID token), V2_0 or V3_0 (ID and access token)', type: 'string', default: 'V1_0' },
    groups: { description: 'The user\'s groups (JSON array of names)', type: 'json', default: [] },
    scopes: { description: 'Scopes of the request (V2_0 and V3_0)', type: 'json', default: ['aws.cognito.signin.user.admin', 'openid', 'email'] },
    ...cognitoUserParams,
  },
  build(o, ctx) {
    const source = checkTriggerSource(NAME, o.triggerSource, SOURCES);
    const version = { V1_0: '1', V2_0: '2', V3_0: '3' }[o.lambdaVersion];
    if (!version) throw new EventInputError(`Parameter "lambdaVersion" of ${NAME} must be V1_0, V2_0 or V3_0; got ${JSON.stringify(o.lambdaVersion)}.`);
    const groups = stringList('groups', o.groups, '["admins"]');
    const base = cognitoBase(NAME, ctx, source, o, version);
    const request = {
      userAttributes: userAttributes(NAME, ctx, o, { userStatus: 'CONFIRMED', emailVerified: true }),
      groupConfiguration: { groupsToOverride: groups, iamRolesToOverride: [], preferredRole: null },
    };
    if (version === '1') {
      return { ...base, request: { ...request, ...clientMetadata(NAME, o.clientMetadata) }, response: { claimsOverrideDetails: null } };
    }
    const scopes = stringList('scopes', o.scopes, '["openid","email"]');
    return {
      ...base,
      request: { ...request, scopes, ...clientMetadata(NAME, o.clientMetadata) },
      response: { claimsAndScopeOverrideDetails: null },
    };
  },
});

export const generateCognitoPreTokenGeneration = (
  options?: Partial<CognitoPreTokenOptions>, ctx?: Partial<EventContext>,
): PreTokenGenerationV1Sample | PreTokenGenerationV2Sample => cognitoPreTokenGenerationGenerator.build(options, ctx);
