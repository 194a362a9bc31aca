// S3 event notifications (`s3-put`, `s3-delete`), as S3 delivers them to Lambda.

import type { S3Event, S3EventRecord } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { partitionOf } from './format';
import { base64Id, iamUserId, upperAlnum, upperHex } from './ids';
import { EventInputError, type EventContext } from './types';

type S3Record = S3EventRecord;
type S3Object = S3Record['s3']['object'];

/** Delete notifications carry no size or eTag (@types/aws-lambda declares both required). */
export interface S3DeleteEvent {
  Records: Array<Omit<S3Record, 's3'> & { s3: Omit<S3Record['s3'], 'object'> & { object: Omit<S3Object, 'size' | 'eTag'> } }>;
}

/**
 * S3 sends keys URL-form-encoded with `/` kept: space → `+`, `+` → `%2B`, `=` → `%3D`, `(` → `%28`;
 * letters, digits and `- _ . *` stay as they are (the java.net.URLEncoder set).
 */
export function encodeS3Key(key: string): string {
  let out = '';
  for (const char of key) {
    if (/[A-Za-z0-9\-_.*/]/.test(char)) out += char;
    else if (char === ' ') out += '+';
    else for (const byte of Buffer.from(char, 'utf8')) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function checkInputs(generator: string, bucket: string, key: string, eventName: string, family: string): void {
  if (!BUCKET_PATTERN.test(bucket)) {
    throw new EventInputError(
      `Parameter "bucket" of ${generator}: "${bucket}" is not a valid bucket name (3-63 lower-case letters, digits, dots, hyphens).`,
    );
  }
  if (key === '') throw new EventInputError(`Parameter "key" of ${generator} must not be empty; give the object key, e.g. uploads/photo.jpg.`);
  if (eventName.startsWith('s3:')) {
    throw new EventInputError(
      `Parameter "eventName" of ${generator}: write "${eventName.slice(3)}" without "s3:"; the prefix appears only in notification configurations, never in events.`,
    );
  }
  if (!eventName.startsWith(`${family}:`)) {
    throw new EventInputError(`Parameter "eventName" of ${generator} must be an ${family}:… event, e.g. ${family}:${family === 'ObjectCreated' ? 'Put' : 'Delete'}.`);
  }
}

function s3Record(ctx: EventContext, bucket: string, eventName: string, object: S3Object): S3Record {
  return {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: ctx.region,
    eventTime: ctx.now.toISOString(),
    eventName,
    userIdentity: { principalId: `AWS:${iamUserId(ctx.ids)}` },
    requestParameters: { sourceIPAddress: '127.0.0.1' },
    responseElements: { 'x-amz-request-id': upperHex(ctx.ids, 16), 'x-amz-id-2': base64Id(ctx.ids, 57) },
    s3: {
      s3SchemaVersion: '1.0',
      configurationId: 'lambkin-sample',
      bucket: {
        name: bucket,
        ownerIdentity: { principalId: upperAlnum(ctx.ids, 14) },
        arn: `arn:${partitionOf(ctx.region)}:s3:::${bucket}`,
      },
      object,
    },
  };
}

export type S3PutOptions = { bucket: string; key: string; size: number; etag: string; eventName: string };

export const s3PutGenerator = defineEventGenerator<S3PutOptions, S3Event>({
  name: 's3-put',
  description: 'S3 object-created notification (ObjectCreated:Put by default)',
  kind: 's3',
  params: {
    bucket: { description: 'Bucket name', type: 'string', default: 'example-bucket' },
    key: { description: 'Object key, unencoded (the event carries it URL-form-encoded)', type: 'string', default: 'test/key' },
    size: { description: 'Object size in bytes', type: 'number', default: 1024 },
    etag: { description: 'Object ETag', type: 'string', default: '0123456789abcdef0123456789abcdef' },
    eventName: { description: 'Event name without the s3: prefix (ObjectCreated:Put|Post|Copy|CompleteMultipartUpload)', type: 'string', default: 'ObjectCreated:Put' },
  },
  build(o, ctx) {
    checkInputs('s3-put', o.bucket, o.key, o.eventName, 'ObjectCreated');
    if (!Number.isInteger(o.size) || o.size < 0) {
      throw new EventInputError(`Parameter "size" of s3-put must be a whole number of bytes, 0 or more; got ${o.size}.`);
    }
    const object: S3Object = { key: encodeS3Key(o.key), size: o.size, eTag: o.etag, sequencer: upperHex(ctx.ids, 18) };
    return { Records: [s3Record(ctx, o.bucket, o.eventName, object)] };
  },
});

export type S3DeleteOptions = { bucket: string; key: string; eventName: string };

export const s3DeleteGenerator = defineEventGenerator<S3DeleteOptions, S3DeleteEvent>({
  name: 's3-delete',
  description: 'S3 object-removed notification (ObjectRemoved:Delete by default; no size or eTag)',
  kind: 's3',
  params: {
    bucket: { description: 'Bucket name', type: 'string', default: 'example-bucket' },
    key: { description: 'Object key, unencoded (the event carries it URL-form-encoded)', type: 'string', default: 'test/key' },
    eventName: { description: 'Event name without the s3: prefix (ObjectRemoved:Delete|DeleteMarkerCreated)', type: 'string', default: 'ObjectRemoved:Delete' },
  },
  build(o, ctx) {
    checkInputs('s3-delete', o.bucket, o.key, o.eventName, 'ObjectRemoved');
    // Built as a full record, then without size and eTag: delete notifications do not carry them.
    const { s3, ...rest } = s3Record(ctx, o.bucket, o.eventName, { key: encodeS3Key(o.key), size: 0, eTag: '', sequencer: upperHex(ctx.ids, 18) });
    const { key, sequencer } = s3.object;
    return { Records: [{ ...rest, s3: { ...s3, object: { key, sequencer } } }] };
  },
});

export const generateS3Put = (options?: Partial<S3PutOptions>, ctx?: Partial<EventContext>): S3Event => s3PutGenerator.build(options, ctx);
export const generateS3Delete = (options?: Partial<S3DeleteOptions>, ctx?: Partial<EventContext>): S3DeleteEvent => s3DeleteGenerator.build(options, ctx);
