// Picks the S3 operation of a request: by method, whether it names a bucket and a key, and its
// subresource (`?uploads`, `?uploadId`, `?delete`, `?tagging`, `?notification`, `?list-type=2`, …).
import { bucketCors } from './cors';
import { errors } from './errors';
import { bucketLocation, bucketNotification, bucketVersioning, createBucket, deleteBucket, headBucket, listBuckets } from './buckets';
import { listObjects } from './list';
import { abortMultipartUpload, completeMultipartUpload, createMultipartUpload, listMultipartUploads, listParts, uploadPart } from './multipart';
import { deleteObject, deleteObjects, getObject, objectTagging, putObject } from './objects';
import type { S3Call } from './wire';

type Operation = (call: S3Call) => Promise<void>;

/** Bucket subresources Lambkin does not keep; asking for them is S3's NotImplemented, not a listing. */
const UNSUPPORTED_BUCKET = ['acl', 'policy', 'lifecycle', 'website', 'replication', 'encryption', 'logging', 'ownershipControls', 'publicAccessBlock', 'accelerate', 'requestPayment', 'object-lock', 'analytics', 'metrics', 'inventory', 'intelligent-tiering', 'versions', 'tagging'];
const UNSUPPORTED_OBJECT = ['acl', 'retention', 'legal-hold', 'restore', 'select', 'attributes', 'torrent'];

export function operationOf(call: S3Call): Operation {
  const method = call.req.method ?? 'GET';
  const q = call.query;
  if (!call.bucket) {
    if (method === 'GET') return listBuckets;
    throw errors.notImplemented(`${method} on the service root`);
  }
  if (call.key === undefined) {
    const unsupported = UNSUPPORTED_BUCKET.find((name) => q.has(name));
    if (unsupported) throw errors.notImplemented(`the bucket's ${unsupported} configuration`);
    if (q.has('notification')) return bucketNotification;
    if (q.has('cors')) return bucketCors;
    if (q.has('versioning')) return bucketVersioning;
    if (q.has('location') && method === 'GET') return bucketLocation;
    if (q.has('uploads') && method === 'GET') return listMultipartUploads;
    if (q.has('delete') && method === 'POST') return deleteObjects;
    switch (method) {
      case 'PUT': return createBucket;
      case 'HEAD': return headBucket;
      case 'DELETE': return deleteBucket;
      case 'GET': return listObjects;
      default: throw errors.notImplemented(`${method} on a bucket`);
    }
  }
  const unsupported = UNSUPPORTED_OBJECT.find((name) => q.has(name));
  if (unsupported) throw errors.notImplemented(`the object's ${unsupported}`);
  if (q.has('tagging')) return objectTagging;
  if (q.has('uploads') && method === 'POST') return createMultipartUpload;
  if (q.has('uploadId')) {
    switch (method) {
      case 'PUT':
        if (call.req.headers['x-amz-copy-source'] !== undefined) throw errors.notImplemented('UploadPartCopy');
        return uploadPart;
      case 'GET': return listParts;
      case 'POST': return completeMultipartUpload;
      case 'DELETE': return abortMultipartUpload;
      default: break;
    }
  }
  switch (method) {
    case 'PUT': return putObject;
    case 'GET':
    case 'HEAD': return getObject;
    case 'DELETE': return deleteObject;
    default: throw errors.notImplemented(`${method} on an object (browser POST uploads among them)`);
  }
}
