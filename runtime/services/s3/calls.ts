// The extension's calls to the local S3 (over the control channel's serviceCall): browse a bucket, upload a
// file, download, delete. Uploads and deletes notify exactly as the same change through the API would.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { contentTypeOf } from './content-types';
import type { ChangeSource, S3Engine } from './engine';
import { hostId } from './errors';
import { keyProblem } from './keys';
import { compareKeys } from './keys';
import { md5OfFile } from './store-files';
import { copyObjectFile } from './store-files';

export interface S3ObjectSummary {
  key: string;
  size: number;
  lastModified: string;
  etag: string;
  contentType: string;
}

export interface S3CallsApi {
  listBuckets: { params: Record<string, never>; result: { buckets: Array<{ name: string; creationDate: string }> } };
  /** One level of a bucket: the objects directly under `prefix` and its sub-folders (keys up to the next `/`). */
  listObjects: { params: { bucket: string; prefix?: string; maxKeys?: number }; result: { objects: S3ObjectSummary[]; folders: string[]; truncated: boolean } };
  putObject: { params: { bucket: string; key: string; file: string }; result: S3ObjectSummary };
  getObject: { params: { bucket: string; key: string; file: string }; result: S3ObjectSummary };
  deleteObject: { params: { bucket: string; key: string }; result: { deleted: boolean } };
}

declare module '../../protocol/service-calls' {
  interface ServiceCalls {
    s3: S3CallsApi;
  }
}

export class S3Calls {
  constructor(private readonly engine: S3Engine) {}

  async answer(call: string, params: unknown): Promise<unknown> {
    switch (call) {
      case 'listBuckets': return this.listBuckets();
      case 'listObjects': return this.listObjects(params as S3CallsApi['listObjects']['params']);
      case 'putObject': return this.putObject(params as S3CallsApi['putObject']['params']);
      case 'getObject': return this.getObject(params as S3CallsApi['getObject']['params']);
      case 'deleteObject': return this.deleteObject(params as S3CallsApi['deleteObject']['params']);
      default: throw new Error(`The local S3 has no call ${call}.`);
    }
  }

  private async listBuckets(): Promise<S3CallsApi['listBuckets']['result']> {
    const buckets: Array<{ name: string; creationDate: string }> = [];
    for (const name of await this.engine.store.bucketNames()) {
      const config = await this.engine.store.bucketConfig(name);
      if (config) buckets.push({ name, creationDate: config.creationDate });
    }
    return { buckets };
  }

  private async listObjects({ bucket, prefix = '', maxKeys = 1000 }: S3CallsApi['listObjects']['params']): Promise<S3CallsApi['listObjects']['result']> {
    await this.engine.requireBucket(bucket).catch(() => {
      throw new Error(`There is no bucket ${bucket}.`);
    });
    const folders = new Set<string>();
    const keys: string[] = [];
    for (const key of await this.engine.store.keys(bucket, prefix)) {
      const slash = key.indexOf('/', prefix.length);
      if (slash === -1) keys.push(key);
      else folders.add(key.slice(0, slash + 1));
    }
    const objects: S3ObjectSummary[] = [];
    for (const key of keys.sort(compareKeys).slice(0, maxKeys)) {
      const object = await this.engine.store.head(bucket, key);
      if (object) objects.push({ key, size: object.size, lastModified: object.lastModified.toISOString(), etag: object.etag, contentType: object.contentType });
    }
    return { objects, folders: [...folders].sort(compareKeys), truncated: keys.length > maxKeys };
  }

  private async putObject({ bucket, key, file }: S3CallsApi['putObject']['params']): Promise<S3ObjectSummary> {
    await this.engine.requireBucket(bucket).catch(() => {
      throw new Error(`There is no bucket ${bucket}.`);
    });
    const problem = keyProblem(key);
    if (problem) throw new Error(`${key}: ${problem}`);
    const temp = await this.engine.store.tempFile();
    await fs.copyFile(path.resolve(file), temp);
    const etag = await md5OfFile(temp);
    const object = await this.engine.store.commit(bucket, key, temp, { contentType: contentTypeOf(key), headers: {}, userMetadata: {}, etag });
    await this.engine.notify(bucket, 'ObjectCreated:Put', { key, size: object.size, etag }, this.source());
    return { key, size: object.size, lastModified: object.lastModified.toISOString(), etag, contentType: object.contentType };
  }

  private async getObject({ bucket, key, file }: S3CallsApi['getObject']['params']): Promise<S3ObjectSummary> {
    const object = await this.engine.store.head(bucket, key);
    if (!object) throw new Error(`There is no object ${key} in bucket ${bucket}.`);
    await fs.mkdir(path.dirname(path.resolve(file)), { recursive: true });
    await copyObjectFile(object.file, path.resolve(file));
    return { key, size: object.size, lastModified: object.lastModified.toISOString(), etag: object.etag, contentType: object.contentType };
  }

  private async deleteObject({ bucket, key }: S3CallsApi['deleteObject']['params']): Promise<{ deleted: boolean }> {
    const deleted = await this.engine.store.delete(bucket, key);
    if (deleted) await this.engine.notify(bucket, 'ObjectRemoved:Delete', { key }, this.source());
    return { deleted };
  }

  /** A change made from VS Code: no request, so a fresh id, from this machine. */
  private source(): ChangeSource {
    const requestId = randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase();
    return { requestId, hostId: hostId(requestId), sourceIp: '127.0.0.1', principal: 'AWS:lambkin' };
  }
}
