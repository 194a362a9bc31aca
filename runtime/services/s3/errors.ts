// S3's errors as the SDK reads them: `<Error><Code/><Message/>…<RequestId/><HostId/></Error>` with the HTTP
// status of the code, and no body at all for HEAD requests (the SDK then names the error after the status).
import type * as http from 'node:http';
import { toXml, type XmlValue } from '../wire/xml';

export class S3Error extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    /** Fields S3 adds for the code: `Key`, `BucketName`, `UploadId`, `ArgumentName`, … */
    readonly fields: Record<string, XmlValue> = {},
    readonly headers: http.OutgoingHttpHeaders = {},
  ) {
    super(message);
  }
}

export const errors = {
  noSuchBucket: (bucket: string) => new S3Error('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: bucket }),
  noSuchKey: (key: string) => new S3Error('NoSuchKey', 'The specified key does not exist.', 404, { Key: key }),
  noSuchUpload: (uploadId: string) => new S3Error('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404, { UploadId: uploadId }),
  invalidArgument: (message: string, name: string, value: string) => new S3Error('InvalidArgument', message, 400, { ArgumentName: name, ArgumentValue: value }),
  invalidRequest: (message: string) => new S3Error('InvalidRequest', message, 400),
  malformedXml: () => new S3Error('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400),
  badDigest: (message: string) => new S3Error('BadDigest', message, 400),
  notImplemented: (what: string) => new S3Error('NotImplemented', `Lambkin's local S3 does not implement ${what}.`, 501),
};

export function hostId(requestId: string): string {
  return Buffer.from(`lambkin/${requestId}`).toString('base64');
}

export function sendS3Error(req: http.IncomingMessage, res: http.ServerResponse, requestId: string, error: S3Error, resource?: string): void {
  const headers: http.OutgoingHttpHeaders = { 'x-amz-request-id': requestId, 'x-amz-id-2': hostId(requestId), ...error.headers };
  if (req.method === 'HEAD' || error.status === 304) {
    res.writeHead(error.status, headers);
    res.end();
    return;
  }
  const body = toXml('Error', { Code: error.code, Message: error.message, ...error.fields, ...(resource ? { Resource: resource } : {}), RequestId: requestId, HostId: hostId(requestId) });
  res.writeHead(error.status, { ...headers, 'Content-Type': 'application/xml', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}
