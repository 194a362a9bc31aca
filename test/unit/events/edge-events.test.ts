// ALB, Lambda@Edge (CloudFront) and AppSync resolver events, field by field.

import * as assert from 'node:assert/strict';
import {
  generateAlb, generateAppSyncResolver, generateCloudFrontOriginRequest, generateCloudFrontViewerRequest, generateEvent,
} from '../../../runtime/events';
import { fixedContext } from './fixtures';

describe('events: alb', () => {
  it('carries the request: method, path, lower-cased headers with their values, encoded query, body', () => {
    const e = generateAlb({
      method: 'post', path: '/orders', headers: { 'Content-Type': 'application/json', 'X-Tag': ['a', 'b'] },
      query: { q: 'a b', page: 2 }, body: '{"id":1}',
    }, fixedContext());
    assert.equal(e.httpMethod, 'POST');
    assert.equal(e.path, '/orders');
    assert.equal(e.headers?.['content-type'], 'application/json');
    assert.equal(e.headers?.['x-tag'], 'b', 'the single-value map keeps the last value');
    assert.equal(e.headers?.['content-length'], '8');
    assert.match(e.headers?.['host'] ?? '', /^my-load-balancer-\d{10}\.eu-west-2\.elb\.amazonaws\.com$/);
    assert.equal(e.headers?.['x-forwarded-for'], '127.0.0.1');
    assert.equal(e.headers?.['x-forwarded-proto'], 'http');
    assert.match(e.headers?.['x-amzn-trace-id'] ?? '', /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/);
    for (const name of Object.keys(e.headers ?? {})) assert.equal(name, name.toLowerCase());
    assert.deepEqual(e.queryStringParameters, { q: 'a%20b', page: '2' });
    assert.ok(!('multiValueHeaders' in e) && !('multiValueQueryStringParameters' in e));
    assert.equal(e.body, '{"id":1}');
    assert.equal(e.isBase64Encoded, false);
    assert.match(e.requestContext.elb.targetGroupArn, /^arn:aws:elasticloadbalancing:eu-west-2:111122223333:targetgroup\/my-lambda-targets\/[0-9a-f]{16}$/);
  });

  it('with multi-value headers, sends every value and only the multi-value maps', () => {
    const e = generateAlb({ multiValueHeaders: true, headers: { 'X-Tag': ['a', 'b'], 'x-tag': 'c' }, query: { tag: ['x', 'y'] } }, fixedContext());
    assert.deepEqual(e.multiValueHeaders?.['x-tag'], ['a', 'b', 'c']);
    assert.deepEqual(e.multiValueQueryStringParameters, { tag: ['x', 'y'] });
    assert.deepEqual(e.multiValueHeaders?.['accept'], ['*/*']);
    assert.ok(!('headers' in e) && !('queryStringParameters' in e));
  });

  it('sends an empty body as "" and base64 bodies encoded; rejects a relative path', () => {
    const empty = generateAlb({}, fixedContext());
    assert.equal(empty.body, '');
    assert.deepEqual(empty.queryStringParameters, {});
    assert.equal(generateAlb({ body: 'hi', base64: true }, fixedContext()).body, Buffer.from('hi').toString('base64'));
    assert.throws(() => generateAlb({ path: 'orders' }), /must start with "\/"/);
  });
});

describe('events: cloudfront', () => {
  it('viewer request: config, headers keyed by lower-case name with the original key, raw query', () => {
    const e = generateCloudFrontViewerRequest({ uri: '/index.html', querystring: 'size=large', headers: { 'Accept-Language': 'en' } }, fixedContext());
    const { config, request } = e.Records[0]?.cf ?? { config: undefined, request: undefined };
    assert.ok(config && request);
    assert.equal(config.eventType, 'viewer-request');
    assert.match(config.distributionId, /^E[A-Z0-9]{13}$/);
    assert.match(config.distributionDomainName, /^d[a-z0-9]{13}\.cloudfront\.net$/);
    assert.match(config.requestId, /^[A-Za-z0-9_-]{54}==$/);
    assert.deepEqual(request.headers['host'], [{ key: 'Host', value: config.distributionDomainName }]);
    assert.deepEqual(request.headers['accept-language'], [{ key: 'Accept-Language', value: 'en' }]);
    assert.equal(request.querystring, 'size=large');
    assert.equal(request.uri, '/index.html');
    assert.equal(request.method, 'GET');
    assert.ok(!('origin' in request) && !('body' in request));
    assert.throws(() => generateCloudFrontViewerRequest({ querystring: '?a=1' }), /without the leading "\?"/);
  });

  it('origin request: CloudFront headers, the origin host, the origin object, the body when included', () => {
    const e = generateCloudFrontOriginRequest({ originDomain: 'api.example.com', body: 'x=1', method: 'POST' }, fixedContext());
    const request = e.Records[0]?.cf.request;
    assert.ok(request);
    assert.equal(e.Records[0]?.cf.config.eventType, 'origin-request');
    assert.deepEqual(request.headers['host'], [{ key: 'Host', value: 'api.example.com' }]);
    assert.deepEqual(request.headers['user-agent'], [{ key: 'User-Agent', value: 'Amazon CloudFront' }]);
    assert.match(request.headers['via']?.[0]?.value ?? '', /^2\.0 [0-9a-f]{32}\.cloudfront\.net \(CloudFront\)$/);
    assert.equal(request.origin?.custom?.domainName, 'api.example.com');
    assert.equal(request.origin?.custom?.protocol, 'https');
    assert.deepEqual(request.body, { inputTruncated: false, action: 'read-only', encoding: 'base64', data: Buffer.from('x=1').toString('base64') });
    const s3 = generateCloudFrontOriginRequest({ originType: 's3' }, fixedContext()).Records[0]?.cf.request.origin;
    assert.equal(s3?.s3?.domainName, 'example-bucket.s3.eu-west-2.amazonaws.com');
    assert.throws(() => generateCloudFrontOriginRequest({ originType: 'ftp' }), /custom or s3/);
  });
});

describe('events: appsync-resolver', () => {
  it('carries arguments, the field and its selection set, API-key requests without identity', () => {
    const e = generateAppSyncResolver({ typeName: 'Mutation', fieldName: 'createPost', arguments: { title: 'Hi' }, selectionSet: ['id', 'author/name'] }, fixedContext());
    assert.deepEqual(e.arguments, { title: 'Hi' });
    assert.equal(e.identity, null);
    assert.equal(e.source, null);
    assert.equal(e.prev, null);
    assert.deepEqual(e.stash, {});
    assert.equal(e.info.parentTypeName, 'Mutation');
    assert.equal(e.info.fieldName, 'createPost');
    assert.deepEqual(e.info.selectionSetList, ['id', 'author', 'author/name']);
    assert.equal(e.info.selectionSetGraphQL, '{\n  id\n  author {\n    name\n  }\n}');
    assert.match(e.request.headers['host'] ?? '', /^[a-z0-9]{26}\.appsync-api\.eu-west-2\.amazonaws\.com$/);
    assert.match(e.request.headers['x-api-key'] ?? '', /^da2-[a-z0-9]{26}$/);
  });

  it('gives a Cognito identity with claims for user pool auth, and rejects an unknown mode', () => {
    const e = generateAppSyncResolver({ authMode: 'AMAZON_COGNITO_USER_POOLS' }, fixedContext());
    const identity = e.identity as { sub: string; claims: Record<string, unknown>; issuer: string };
    assert.equal(identity.claims['sub'], identity.sub);
    assert.match(identity.issuer, /^https:\/\/cognito-idp\.eu-west-2\.amazonaws\.com\/eu-west-2_/);
    assert.ok(!('x-api-key' in e.request.headers));
    assert.throws(() => generateEvent('appsync-resolver', { authMode: 'OIDC' }), /API_KEY, AMAZON_COGNITO_USER_POOLS, AWS_IAM/);
  });
});
