// Which service a request to the local AWS endpoint goes to, from the request shapes today's SDK v3 clients,
// older query clients, presigned URLs and browsers send.
import assert from 'node:assert/strict';
import { routeRequest } from '../../../runtime/services/endpoint/router';
import { amzDateMs, readSignature } from '../../../runtime/services/endpoint/sigv4';

const auth = (service: string) => `AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260102/us-east-1/${service}/aws4_request, SignedHeaders=host;x-amz-date, Signature=${'a'.repeat(64)}`;

function route(method: string, path: string, headers: Record<string, string>) {
  const url = new URL(path, 'http://127.0.0.1:4566');
  return routeRequest(method, url.pathname, headers, readSignature(headers, url.searchParams));
}

describe('local AWS endpoint: reading SigV4', () => {
  it('reads the credential scope of an Authorization header without verifying it', () => {
    const reading = readSignature({ authorization: auth('sqs'), 'x-amz-date': '20260102T030405Z' }, new URLSearchParams());
    assert.deepEqual(reading, { kind: 'signed', signature: { accessKeyId: 'AKIDEXAMPLE', date: '20260102', region: 'us-east-1', service: 'sqs', signedHeaders: ['host', 'x-amz-date'], presigned: false, amzDate: '20260102T030405Z' } });
  });

  it('reads a presigned URL\'s scope, date and expiry', () => {
    const query = new URLSearchParams({ 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Credential': 'AKID/20260102/eu-west-1/s3/aws4_request', 'X-Amz-Date': '20260102T030405Z', 'X-Amz-Expires': '900', 'X-Amz-SignedHeaders': 'host', 'X-Amz-Signature': 'f'.repeat(64) });
    const reading = readSignature({}, query);
    assert.equal(reading.kind, 'signed');
    assert.deepEqual(reading.kind === 'signed' && [reading.signature.service, reading.signature.region, reading.signature.presigned, reading.signature.expiresSeconds, amzDateMs(reading.signature.amzDate!)], ['s3', 'eu-west-1', true, 900, Date.UTC(2026, 0, 2, 3, 4, 5)]);
  });

  it('calls malformed signatures malformed, with what is wrong', () => {
    const cases: Array<[Record<string, string>, URLSearchParams, RegExp]> = [
      [{ authorization: 'AWS AKID:c2lnbmF0dXJl' }, new URLSearchParams(), /unsupported algorithm/],
      [{ authorization: 'AWS4-HMAC-SHA256 SignedHeaders=host, Signature=abc' }, new URLSearchParams(), /requires a Credential/],
      [{ authorization: 'AWS4-HMAC-SHA256 Credential=AKID/2026/us-east-1/s3, SignedHeaders=host, Signature=abc' }, new URLSearchParams(), /Credential is mal-formed/],
      [{ authorization: 'AWS4-HMAC-SHA256 Credential=AKID/20260102/us-east-1/s3/aws4_request, Signature=abc' }, new URLSearchParams(), /SignedHeaders/],
      [{}, new URLSearchParams({ 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Credential': 'AKID/20260102/us-east-1/s3/aws4_request', 'X-Amz-Date': 'yesterday', 'X-Amz-Signature': 'abc' }), /X-Amz-Date/],
      [{}, new URLSearchParams({ 'X-Amz-Algorithm': 'AWS4-HMAC-SHA256', 'X-Amz-Credential': 'AKID/20260102/us-east-1/s3/aws4_request', 'X-Amz-Date': '20260102T030405Z', 'X-Amz-Expires': 'soon', 'X-Amz-Signature': 'abc' }), /X-Amz-Expires/],
    ];
    for (const [headers, query, reason] of cases) {
      const reading = readSignature(headers, query);
      assert.equal(reading.kind, 'malformed', JSON.stringify(headers));
      assert.match(reading.kind === 'malformed' ? reading.reason : '', reason);
    }
    assert.deepEqual(readSignature({}, new URLSearchParams()), { kind: 'none' });
  });
});

describe('local AWS endpoint: routing', () => {
  it('routes JSON protocols by X-Amz-Target, DynamoDB Streams apart from DynamoDB though both sign as dynamodb', () => {
    assert.deepEqual(route('POST', '/', { authorization: auth('dynamodb'), 'x-amz-target': 'DynamoDB_20120810.PutItem' }), { service: 'dynamodb', operation: 'PutItem' });
    assert.deepEqual(route('POST', '/', { authorization: auth('dynamodb'), 'x-amz-target': 'DynamoDBStreams_20120810.GetRecords' }), { service: 'dynamodbstreams', operation: 'GetRecords' });
    assert.deepEqual(route('POST', '/', { authorization: auth('sqs'), 'x-amz-target': 'AmazonSQS.SendMessage' }), { service: 'sqs', operation: 'SendMessage' });
    assert.deepEqual(route('POST', '/', { authorization: auth('events'), 'x-amz-target': 'AWSEvents.PutEvents' }), { service: 'events', operation: 'PutEvents' });
    assert.deepEqual(route('POST', '/', { 'x-amz-target': 'Kinesis_20131202.PutRecord' }), { service: 'unsupported', name: 'Kinesis_20131202', json: true });
  });

  it('routes query and rest protocols by the credential scope\'s service', () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' };
    assert.deepEqual(route('POST', '/', { ...form, authorization: auth('sns') }), { service: 'sns' });
    assert.deepEqual(route('POST', '/123456789012/jobs', { ...form, authorization: auth('sqs') }), { service: 'sqs' });
    assert.deepEqual(route('POST', '/2015-03-31/functions/f/invocations', { authorization: auth('lambda') }), { service: 'lambda' });
    assert.deepEqual(route('GET', '/schedules/nightly?groupName=default', { authorization: auth('scheduler') }), { service: 'scheduler' });
    assert.deepEqual(route('PUT', '/bucket/key.txt', { authorization: auth('s3') }), { service: 's3' });
    assert.deepEqual(route('POST', '/', { authorization: auth('kms') }), { service: 'unsupported', name: 'kms', json: false });
  });

  it('sends unsigned, presigned, preflight and virtual-hosted requests to S3, and unsigned Lambda paths to Lambda', () => {
    assert.deepEqual(route('GET', '/bucket/key?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20260102%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20260102T030405Z&X-Amz-Expires=60&X-Amz-SignedHeaders=host&X-Amz-Signature=ab', {}), { service: 's3' });
    assert.deepEqual(route('OPTIONS', '/bucket/key', { origin: 'http://127.0.0.1:3000', 'access-control-request-method': 'PUT' }), { service: 's3' });
    assert.deepEqual(route('GET', '/key.txt', { host: 'uploads.localhost:4566', authorization: auth('s3') }), { service: 's3' });
    assert.deepEqual(route('GET', '/', {}), { service: 's3' });
    assert.deepEqual(route('POST', '/2015-03-31/functions/f/invocations', {}), { service: 'lambda' });
    assert.deepEqual(route('POST', '/123456789012/jobs', { 'content-type': 'application/x-www-form-urlencoded' }), { service: 'sqs' });
  });
});
