// S3 Batch Operations "Invoke AWS Lambda function" tasks, `s3-batch`: invocation schema 1.0 (bucket
// ARN per task) or 2.0 (bucket name per task, the job's user arguments). Keys arrive URL-encoded.

import type { S3BatchEvent, S3BatchEventTask } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { partitionOf } from './format';
import { base64Id, uuid } from './ids';
import { objectParam } from './json-input';
import { encodeS3Key } from './s3';
import { EventInputError, type EventContext, type JsonObject, type JsonValue } from './types';

const NAME = 's3-batch';

/** Schema 2.0 names the bucket instead of its ARN and adds the job's user arguments (not yet in @types/aws-lambda). */
export interface S3BatchV2Event {
  invocationSchemaVersion: '2.0';
  invocationId: string;
  job: { id: string; userArguments: JsonObject };
  tasks: Array<{ taskId: string; s3Bucket: string; s3Key: string; s3VersionId: string | null }>;
}

export type S3BatchOptions = { bucket: string; key: string; versionId: string; schemaVersion: string; userArguments: JsonValue };

export const s3BatchGenerator = defineEventGenerator<S3BatchOptions, S3BatchEvent | S3BatchV2Event>({
  name: NAME,
  description: 'S3 Batch Operations task invoking a function (invocation schema 1.0 or 2.0)',
  kind: 's3-batch',
  params: {
    bucket: { description: 'Bucket of the object', type: 'string', default: 'example-bucket' },
    key: { description: 'Object key, unencoded (the task carries it URL-encoded)', type: 'string', default: 'test/key' },
    versionId: { description: 'Object version id (empty: null, an unversioned object)', type: 'string', default: '' },
    schemaVersion: { description: 'Invocation schema version, 1.0 or 2.0 (the job\'s InvocationSchemaVersion)', type: 'string', default: '1.0' },
    userArguments: { description: 'The job\'s UserArguments (schema 2.0)', type: 'json', default: {} },
  },
  build(o, ctx) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(o.bucket)) {
      throw new EventInputError(`Parameter "bucket" of ${NAME}: "${o.bucket}" is not a valid bucket name (3-63 lower-case letters, digits, dots, hyphens).`);
    }
    if (o.key === '') throw new EventInputError(`Parameter "key" of ${NAME} must not be empty; give the object key, e.g. photos/a.jpg.`);
    const invocationId = base64Id(ctx.ids, 39).replace(/=+$/, '');
    const jobId = uuid(ctx.ids);
    const task = { taskId: base64Id(ctx.ids, 14).replace(/=+$/, ''), s3Key: encodeS3Key(o.key), s3VersionId: o.versionId === '' ? null : o.versionId };
    if (o.schemaVersion === '1.0') {
      if (JSON.stringify(o.userArguments) !== '{}') {
        throw new EventInputError(`Parameter "userArguments" of ${NAME} needs schemaVersion=2.0: schema 1.0 carries no user arguments.`);
      }
      const v1: S3BatchEventTask = { ...task, s3BucketArn: `arn:${partitionOf(ctx.region)}:s3:::${o.bucket}` };
      return { invocationSchemaVersion: '1.0', invocationId, job: { id: jobId }, tasks: [v1] };
    }
    if (o.schemaVersion !== '2.0') throw new EventInputError(`Parameter "schemaVersion" of ${NAME} must be 1.0 or 2.0; got ${JSON.stringify(o.schemaVersion)}.`);
    const userArguments = objectParam(NAME, 'userArguments', o.userArguments, '{"mode":"dry-run"}');
    return {
      invocationSchemaVersion: '2.0',
      invocationId,
      job: { id: jobId, userArguments },
      tasks: [{ taskId: task.taskId, s3Bucket: o.bucket, s3Key: task.s3Key, s3VersionId: task.s3VersionId }],
    };
  },
});

export const generateS3Batch = (options?: Partial<Omit<S3BatchOptions, 'schemaVersion' | 'userArguments'>>, ctx?: Partial<EventContext>): S3BatchEvent =>
  s3BatchGenerator.build({ ...options, schemaVersion: '1.0' }, ctx) as S3BatchEvent;
