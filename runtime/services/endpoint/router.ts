// Picks the service a request to the local AWS endpoint is for, and nothing else: the JSON protocols name
// their operation in X-Amz-Target, query-protocol clients (SNS, older SQS) and rest protocols (Lambda,
// Scheduler) by the service of their SigV4 credential scope; everything else (unsigned, presigned, CORS
// preflights, `Host: bucket.localhost`) is S3, as on LocalStack's single endpoint.
import type { IncomingHttpHeaders } from 'node:http';
import type { ServiceId } from '../service';
import type { SignatureReading } from './sigv4';

export type Route = { service: ServiceId; operation?: string } | { service: 'unsupported'; name: string; json: boolean };

const TARGET_PREFIXES: ReadonlyArray<[string, ServiceId]> = [
  ['DynamoDBStreams_20120810.', 'dynamodbstreams'],
  ['DynamoDB_20120810.', 'dynamodb'],
  ['AmazonSQS.', 'sqs'],
  ['AWSEvents.', 'events'],
];

/** Signing names of the services served, as they appear in a credential scope. */
const SCOPE_SERVICES: Readonly<Record<string, ServiceId>> = {
  s3: 's3',
  dynamodb: 'dynamodb',
  sqs: 'sqs',
  sns: 'sns',
  events: 'events',
  scheduler: 'scheduler',
  lambda: 'lambda',
};

/** Lambda's REST paths, reachable unsigned too (curl). */
const LAMBDA_PATH = /^\/20\d\d-\d\d-\d\d\/(functions|event-source-mappings)(\/|$)/;
/** A queue URL's path (`/123456789012/name`), where query-protocol SQS clients post. */
const QUEUE_PATH = /^\/\d{12}\/[A-Za-z0-9_-]{1,80}(\.fifo)?$/;

export function routeRequest(method: string, pathname: string, headers: IncomingHttpHeaders, signature: SignatureReading): Route {
  const target = headerText(headers['x-amz-target']);
  if (target) {
    for (const [prefix, service] of TARGET_PREFIXES) if (target.startsWith(prefix)) return { service, operation: target.slice(prefix.length) };
    return { service: 'unsupported', name: target.split('.')[0], json: true };
  }
  if (isVirtualHostedBucket(headerText(headers.host))) return { service: 's3' };
  if (signature.kind === 'signed') {
    const service = SCOPE_SERVICES[signature.signature.service];
    if (service) return { service };
    return { service: 'unsupported', name: signature.signature.service, json: false };
  }
  if (LAMBDA_PATH.test(pathname)) return { service: 'lambda' };
  if (method === 'POST' && QUEUE_PATH.test(pathname) && isForm(headers)) return { service: 'sqs' };
  return { service: 's3' };
}

/** `bucket.localhost[:port]` (or `bucket.s3.localhost`): an S3 client in virtual-hosted style. */
export function isVirtualHostedBucket(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return name.endsWith('.localhost') && name !== 'localhost';
}

function isForm(headers: IncomingHttpHeaders): boolean {
  return (headerText(headers['content-type']) ?? '').startsWith('application/x-www-form-urlencoded');
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
