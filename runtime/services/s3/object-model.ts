// What the local S3 keeps about objects and buckets besides their bytes, shared by the store, the wire and
// the notifications.
import type { ChecksumAlgorithm } from './checksums';

export type ContentHeaders = Partial<Record<'cacheControl' | 'contentDisposition' | 'contentEncoding' | 'contentLanguage' | 'expires', string>>;

/** What an object carries besides its bytes. */
export interface ObjectAttributes {
  contentType: string;
  headers: ContentHeaders;
  userMetadata: Record<string, string>;
  /** Unquoted: hex MD5, or `<hex>-<parts>` for a multipart upload. */
  etag: string;
  checksum?: { algorithm: ChecksumAlgorithm; value: string; type: 'FULL_OBJECT' | 'COMPOSITE' };
  tags?: Record<string, string>;
  /** A multipart upload's part sizes, for GetObject's `partNumber`. */
  partSizes?: number[];
}

export interface StoredMeta extends ObjectAttributes {
  size: number;
  mtimeMs: number;
}

export interface StoredObject extends ObjectAttributes {
  bucket: string;
  key: string;
  file: string;
  size: number;
  lastModified: Date;
}

/** What the store keeps about a bucket itself. */
export interface BucketConfig {
  creationDate: string;
  /** The notification configuration PutBucketNotificationConfiguration set (the template's come on top). */
  notification?: unknown;
  cors?: unknown;
}

/** S3's bucket name rules, in the form that matters for a path: lower-case letters, digits, dots, hyphens. */
export function isBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) && !name.includes('..');
}
