// The upload page (GET /), a presigned PUT URL for a new upload (POST /uploads), and the thumbnails of an
// upload once they exist (GET /thumbnails?key=…, presigned GET URLs). The browser sends the image straight
// to S3: the function never carries the bytes (API Gateway would cap them at 10 MB anyway).
import { randomUUID } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, NotFound, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { SIZES, thumbnailKey } from './lib/sizes';
import { PAGE } from './lib/page-html';

const s3 = new S3Client({});
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/tiff']);

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const uploads = process.env.UPLOADS_BUCKET;
  const thumbnails = process.env.THUMBNAILS_BUCKET;
  if (!uploads || !thumbnails) throw new Error('UPLOADS_BUCKET and THUMBNAILS_BUCKET must be set: the template passes them.');
  switch (event.routeKey) {
    case 'GET /':
      return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: PAGE };
    case 'POST /uploads':
      return newUpload(event, uploads);
    case 'GET /thumbnails':
      return listThumbnails(event.queryStringParameters?.key, thumbnails);
    default:
      return json(404, { message: `No route ${event.routeKey}.` });
  }
}

async function newUpload(event: APIGatewayProxyEventV2, bucket: string): Promise<APIGatewayProxyStructuredResultV2> {
  let request: { fileName?: unknown; contentType?: unknown };
  try {
    request = JSON.parse(event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString('utf8') : (event.body ?? '')) as typeof request;
  } catch {
    return json(400, { message: 'Send JSON: {"fileName": "cat.png", "contentType": "image/png"}.' });
  }
  const { fileName, contentType } = request;
  if (typeof fileName !== 'string' || fileName.length === 0 || fileName.length > 200) return json(400, { message: 'fileName must be 1 to 200 characters.' });
  if (typeof contentType !== 'string' || !IMAGE_TYPES.has(contentType)) return json(400, { message: `contentType must be one of ${[...IMAGE_TYPES].join(', ')}.` });
  const key = `uploads/${randomUUID()}/${fileName.replace(/[^\w.-]+/g, '_')}`;
  // The signature covers the content type: the browser must PUT with the same Content-Type header.
  const url = await getSignedUrl(s3, new PutObjectCommand({ Bucket: bucket, Key: key, ContentType: contentType }), { expiresIn: 300 });
  return json(201, { key, url, method: 'PUT', headers: { 'content-type': contentType } });
}

async function listThumbnails(key: string | undefined, bucket: string): Promise<APIGatewayProxyStructuredResultV2> {
  if (!key) return json(400, { message: 'Say which upload: ?key=uploads/….' });
  const found = await Promise.all(SIZES.map(async (size) => {
    const thumbnail = thumbnailKey(size, key);
    try {
      const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: thumbnail }));
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: thumbnail }), { expiresIn: 300 });
      return { size, key: thumbnail, url, width: Number(head.Metadata?.width), height: Number(head.Metadata?.height), bytes: head.ContentLength };
    } catch (error) {
      if (error instanceof NotFound) return undefined;
      throw error;
    }
  }));
  const ready = found.filter((entry) => entry !== undefined);
  return json(200, { key, ready: ready.length === SIZES.length, thumbnails: ready });
}

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
}
