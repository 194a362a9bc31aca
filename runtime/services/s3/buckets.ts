// Bucket operations: ListBuckets, CreateBucket, HeadBucket, DeleteBucket, GetBucketLocation, and the
// notification configuration (saving one sends s3:TestEvent to its queues and topics, as S3 does).
import { readBody } from '../wire/body';
import { asList, parseXml, XmlSyntaxError, type XmlValue } from '../wire/xml';
import { errors, S3Error } from './errors';
import type { DestinationKind, NotificationRule } from './notifications';
import { OWNER, sendEmpty, sendXml, xmlTime, type S3Call } from './wire';

/** Why a bucket name is not one S3 accepts, or undefined. */
export function bucketNameProblem(name: string): string | undefined {
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)) return 'Bucket names are 3-63 characters of lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.';
  if (name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name)) return 'Bucket names must not contain two adjacent dots or look like an IP address.';
  if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(name)) return 'Bucket names must not start or end with a prefix or suffix S3 reserves.';
  return undefined;
}

export async function listBuckets(call: S3Call): Promise<void> {
  call.req.resume();
  const buckets: XmlValue[] = [];
  const prefix = call.query.get('prefix') ?? '';
  for (const name of await call.engine.store.bucketNames()) {
    if (!name.startsWith(prefix)) continue;
    const config = await call.engine.store.bucketConfig(name);
    if (config) buckets.push({ Name: name, CreationDate: xmlTime(new Date(config.creationDate)), BucketRegion: call.engine.scope.region });
  }
  sendXml(call, 'ListAllMyBucketsResult', { Owner: OWNER, Buckets: { Bucket: buckets }, ...(prefix ? { Prefix: prefix } : {}) });
}

export async function createBucket(call: S3Call): Promise<void> {
  const bucket = call.bucket!;
  await readBody(call.req, 64 * 1024);
  const problem = bucketNameProblem(bucket);
  if (problem) throw new S3Error('InvalidBucketName', `The specified bucket is not valid. ${problem}`, 400, { BucketName: bucket });
  const created = await call.engine.store.createBucket(bucket);
  // Re-creating one's own bucket is 200 in us-east-1 and BucketAlreadyOwnedByYou elsewhere.
  if (!created && call.engine.scope.region !== 'us-east-1') {
    throw new S3Error('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409, { BucketName: bucket });
  }
  sendEmpty(call, 200, { Location: `/${bucket}` });
}

export async function headBucket(call: S3Call): Promise<void> {
  await call.engine.requireBucket(call.bucket!);
  sendEmpty(call, 200, { 'x-amz-bucket-region': call.engine.scope.region });
}

export async function deleteBucket(call: S3Call): Promise<void> {
  const bucket = call.bucket!;
  call.req.resume();
  await call.engine.requireBucket(bucket);
  if (!(await call.engine.store.isEmpty(bucket))) throw new S3Error('BucketNotEmpty', 'The bucket you tried to delete is not empty', 409, { BucketName: bucket });
  await call.engine.store.deleteBucket(bucket);
  sendEmpty(call, 204);
}

export async function bucketLocation(call: S3Call): Promise<void> {
  await call.engine.requireBucket(call.bucket!);
  // us-east-1 answers an empty LocationConstraint.
  const region = call.engine.scope.region;
  sendXml(call, 'LocationConstraint', region === 'us-east-1' ? {} : { '#text': region });
}

export async function bucketVersioning(call: S3Call): Promise<void> {
  call.req.resume();
  await call.engine.requireBucket(call.bucket!);
  if (call.req.method === 'PUT') throw errors.notImplemented('bucket versioning (objects keep one version)');
  sendXml(call, 'VersioningConfiguration', {});
}

// The wire names: S3's XML still calls Lambda configurations CloudFunctionConfiguration / CloudFunction.
const ELEMENTS: ReadonlyArray<[string, string, DestinationKind]> = [
  ['CloudFunctionConfiguration', 'CloudFunction', 'function'],
  ['QueueConfiguration', 'Queue', 'queue'],
  ['TopicConfiguration', 'Topic', 'topic'],
];

export async function bucketNotification(call: S3Call): Promise<void> {
  const bucket = call.bucket!;
  const config = await call.engine.requireBucket(bucket);
  if (call.req.method === 'GET') {
    call.req.resume();
    const content: Record<string, XmlValue> = {};
    for (const [element, field, destination] of ELEMENTS) {
      content[element] = call.engine.rules(bucket, config).filter((rule) => rule.destination === destination).map((rule) => ({
        Id: rule.id, [field]: rule.arn, Event: rule.events,
        ...(rule.prefix !== undefined || rule.suffix !== undefined ? { Filter: { S3Key: { FilterRule: [
          ...(rule.prefix !== undefined ? [{ Name: 'Prefix', Value: rule.prefix }] : []),
          ...(rule.suffix !== undefined ? [{ Name: 'Suffix', Value: rule.suffix }] : []),
        ] } } } : {}),
      }));
    }
    return sendXml(call, 'NotificationConfiguration', content);
  }
  const body = await readBody(call.req, 1024 * 1024);
  if (body === 'too-large') throw errors.malformedXml();
  let parsed: Record<string, unknown>;
  try {
    parsed = (parseXml(body.toString('utf8')).NotificationConfiguration ?? {}) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof XmlSyntaxError) throw errors.malformedXml();
    throw error;
  }
  const rules: NotificationRule[] = [];
  for (const [element, field, destination] of ELEMENTS) {
    // The documentation's names (LambdaFunctionConfiguration / LambdaFunctionArn) are accepted too.
    const entries = destination === 'function' ? [...asList<Record<string, unknown>>(parsed[element]), ...asList<Record<string, unknown>>(parsed.LambdaFunctionConfiguration)] : asList<Record<string, unknown>>(parsed[element]);
    entries.forEach((entry, index) => {
      const named = entry[field] ?? (destination === 'function' ? entry.LambdaFunctionArn : undefined);
      const arn = typeof named === 'string' ? named : '';
      const events = asList<string>(entry.Event).map(String);
      if (!arn || events.length === 0) throw errors.invalidArgument(`A ${element} needs ${field} and at least one Event.`, field, arn);
      const filterRules = asList<{ Name?: unknown; Value?: unknown }>((entry.Filter as { S3Key?: { FilterRule?: unknown } } | undefined)?.S3Key?.FilterRule);
      const value = (name: string) => filterRules.find((rule) => String(rule.Name).toLowerCase() === name)?.Value;
      const prefix = value('prefix');
      const suffix = value('suffix');
      rules.push({
        id: typeof entry.Id === 'string' && entry.Id ? entry.Id : `${destination}-${index + 1}-${call.requestId}`, destination, arn, events,
        ...(prefix !== undefined ? { prefix: String(prefix) } : {}), ...(suffix !== undefined ? { suffix: String(suffix) } : {}), origin: 'api',
      });
    });
  }
  await call.engine.store.saveBucketConfig(bucket, { ...config, notification: rules });
  sendEmpty(call, 200);
  await call.engine.sendTestEvent(bucket, rules, call.source);
}
