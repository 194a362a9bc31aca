// Helpers the local S3 tests share: the fixture, S3 error assertions, raw requests for what the SDK never sends.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import path from 'node:path';

export const S3_APP_TEMPLATE = path.resolve(__dirname, '../../fixtures/s3-app/template.yaml');

export async function rejectsWith(promise: Promise<unknown>, name: string, status?: number): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  let caught: (Error & { $metadata: { httpStatusCode?: number } }) | undefined;
  await assert.rejects(promise, (error: Error & { $metadata: { httpStatusCode?: number } }) => {
    assert.equal(error.name, name, error.message);
    if (status !== undefined) assert.equal(error.$metadata.httpStatusCode, status);
    caught = error;
    return true;
  });
  return caught!;
}

/** A raw request to the endpoint, for what the SDK never sends (malformed bodies, bare errors). */
export function rawRequest(endpoint: string, method: string, pathAndQuery: string, headers: http.OutgoingHttpHeaders = {}, body?: Buffer | string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${endpoint}${pathAndQuery}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

