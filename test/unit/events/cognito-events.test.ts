// Cognito user pool trigger events: the shared envelope and each trigger's request and response.

import * as assert from 'node:assert/strict';
import {
  generateCognitoCustomMessage, generateCognitoPostAuthentication, generateCognitoPostConfirmation, generateCognitoPreAuthentication,
  generateCognitoPreSignUp, generateCognitoPreTokenGeneration, generateEvent, listEventGenerators,
} from '../../../runtime/events';
import { fixedContext } from './fixtures';

describe('events: cognito user pool triggers', () => {
  it('share version, region, a pool id of the region, the user and the caller context', () => {
    for (const generator of listEventGenerators().filter((g) => g.name.startsWith('cognito-'))) {
      const e = generateEvent(generator.name, { userName: 'ada' }, fixedContext()) as Record<string, unknown> & { callerContext: Record<string, string> };
      assert.equal(e['version'], '1', generator.name);
      assert.equal(e['region'], 'eu-west-2');
      assert.match(String(e['userPoolId']), /^eu-west-2_[A-Za-z0-9]{9}$/);
      assert.equal(e['userName'], 'ada');
      assert.equal(e.callerContext['awsSdkVersion'], 'aws-sdk-unknown-unknown');
      assert.match(e.callerContext['clientId'] ?? '', /^[a-z0-9]{26}$/);
    }
  });

  it('pre sign-up: the attributes given, validationData null, a response of falses', () => {
    const e = generateCognitoPreSignUp({ email: 'ada@example.com', attributes: { name: 'Ada', 'custom:age': 36 } }, fixedContext());
    assert.equal(e.triggerSource, 'PreSignUp_SignUp');
    assert.deepEqual(e.request.userAttributes, { email: 'ada@example.com', name: 'Ada', 'custom:age': '36' });
    assert.equal(e.request.validationData, null);
    assert.ok(!('clientMetadata' in e.request));
    assert.deepEqual(e.response, { autoConfirmUser: false, autoVerifyEmail: false, autoVerifyPhone: false });
    const admin = generateCognitoPreSignUp({ triggerSource: 'PreSignUp_AdminCreateUser', validationData: { k: 'v' }, clientMetadata: { app: 'web' } }, fixedContext());
    assert.deepEqual(admin.request.validationData, { k: 'v' });
    assert.deepEqual(admin.request.clientMetadata, { app: 'web' });
    assert.throws(() => generateCognitoPreSignUp({ triggerSource: 'PostConfirmation_ConfirmSignUp' }), /must be one of PreSignUp_SignUp/);
  });

  it('post confirmation: a confirmed user with sub and verified email, an empty response', () => {
    const e = generateCognitoPostConfirmation({}, fixedContext());
    assert.equal(e.triggerSource, 'PostConfirmation_ConfirmSignUp');
    const attributes = e.request.userAttributes;
    assert.match(attributes['sub'] ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(attributes['cognito:user_status'], 'CONFIRMED');
    assert.equal(attributes['email_verified'], 'true');
    assert.deepEqual(e.response, {});
    assert.ok(!('email_verified' in generateCognitoPostConfirmation({ email: '' }, fixedContext()).request.userAttributes));
  });

  it('pre and post authentication', () => {
    const pre = generateCognitoPreAuthentication({ validationData: { device: 'web' } }, fixedContext());
    assert.equal(pre.triggerSource, 'PreAuthentication_Authentication');
    assert.deepEqual(pre.request.validationData, { device: 'web' });
    const post = generateCognitoPostAuthentication({ newDeviceUsed: true }, fixedContext());
    assert.equal(post.triggerSource, 'PostAuthentication_Authentication');
    assert.equal(post.request.newDeviceUsed, true);
  });

  it('pre token generation: V1_0 group configuration and null overrides; V2_0 adds scopes', () => {
    const v1 = generateCognitoPreTokenGeneration({ groups: ['admins'] }, fixedContext());
    assert.equal(v1.version, '1');
    assert.deepEqual(v1.request.groupConfiguration, { groupsToOverride: ['admins'], iamRolesToOverride: [], preferredRole: null });
    assert.deepEqual(v1.response, { claimsOverrideDetails: null });
    assert.ok(!('scopes' in v1.request));
    const v2 = generateCognitoPreTokenGeneration({ lambdaVersion: 'V2_0', scopes: ['openid'] }, fixedContext());
    assert.equal(v2.version, '2');
    assert.deepEqual((v2.request as { scopes?: string[] }).scopes, ['openid']);
    assert.deepEqual(v2.response, { claimsAndScopeOverrideDetails: null });
    assert.throws(() => generateCognitoPreTokenGeneration({ lambdaVersion: 'V4_0' }), /V1_0, V2_0 or V3_0/);
  });

  it('custom message: code and link placeholders, username placeholder for admin-created users, null response', () => {
    const signUp = generateCognitoCustomMessage({}, fixedContext());
    assert.equal(signUp.triggerSource, 'CustomMessage_SignUp');
    assert.equal(signUp.request.codeParameter, '{####}');
    assert.equal(signUp.request.linkParameter, '{##Click Here##}');
    assert.equal(signUp.request.usernameParameter, null);
    assert.equal(signUp.request.userAttributes['cognito:user_status'], 'UNCONFIRMED');
    assert.deepEqual(signUp.response, { smsMessage: null, emailMessage: null, emailSubject: null });
    const admin = generateCognitoCustomMessage({ triggerSource: 'CustomMessage_AdminCreateUser' }, fixedContext());
    assert.equal(admin.request.usernameParameter, '{username}');
    assert.equal(admin.request.userAttributes['cognito:user_status'], 'FORCE_CHANGE_PASSWORD');
  });

  it('rejects bad pool ids, empty user names and non-string metadata', () => {
    assert.throws(() => generateCognitoPostConfirmation({ userPoolId: 'pool' }), /not a user pool id/);
    assert.throws(() => generateCognitoPostConfirmation({ userName: '' }), /must not be empty/);
    assert.throws(() => generateCognitoPostConfirmation({ clientMetadata: { a: { b: 1 } } }), /"a" must be a string/);
    assert.equal(generateCognitoPostConfirmation({ userPoolId: 'us-east-1_AbC123xYz' }, fixedContext()).userPoolId, 'us-east-1_AbC123xYz');
  });
});
