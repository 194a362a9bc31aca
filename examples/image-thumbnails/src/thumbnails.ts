// S3 ObjectCreated on the uploads bucket → three JPEG thumbnails in the thumbnails bucket, made with sharp.
// A file that is not an image (or is too big to be worth it) is logged and skipped: throwing would make
// Lambda retry the asynchronous S3 event twice, for an answer that cannot change.
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event, S3EventRecord } from 'aws-lambda';
import sharp from 'sharp';
import { SIZES, thumbnailKey } from './lib/sizes';

const s3 = new S3Client({});
/** Uploads bigger than this are not read into memory at all. */
const MAX_BYTES = 25 * 1024 * 1024;

export interface Thumbnail {
  key: string;
  width: number;
  height: number;
  bytes: number;
}

export async function handler(event: S3Event): Promise<{ made: Thumbnail[]; skipped: string[] }> {
  const target = process.env.THUMBNAILS_BUCKET;
  if (!target) throw new Error('THUMBNAILS_BUCKET is not set: the template passes the thumbnails bucket to the function.');
  const made: Thumbnail[] = [];
  const skipped: string[] = [];
  for (const record of event.Records) {
    const key = objectKey(record);
    const result = await thumbnailsOf(record.s3.bucket.name, key, record.s3.object.size, target);
    if (result) made.push(...result);
    else skipped.push(key);
  }
  return { made, skipped };
}

/** S3 event keys are URL-encoded, with "+" for spaces. */
function objectKey(record: S3EventRecord): string {
  return decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
}

async function thumbnailsOf(bucket: string, key: string, size: number, target: string): Promise<Thumbnail[] | undefined> {
  if (size > MAX_BYTES) {
    console.error(JSON.stringify({ level: 'error', message: `Skipped ${key}: ${size} bytes is over the ${MAX_BYTES}-byte limit`, bucket, key }));
    return undefined;
  }
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const input = Buffer.from(await object.Body!.transformToByteArray());
  let original: sharp.Metadata;
  try {
    original = await sharp(input).metadata();
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', message: `Skipped ${key}: it is not an image sharp can read (${(error as Error).message})`, bucket, key }));
    return undefined;
  }
  const made: Thumbnail[] = [];
  for (const box of SIZES) {
    // rotate() applies the EXIF orientation first, so phone photos are the right way up.
    const { data, info } = await sharp(input)
      .rotate()
      .resize({ width: box, height: box, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: 80, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    const thumbnail = thumbnailKey(box, key);
    await s3.send(new PutObjectCommand({
      Bucket: target,
      Key: thumbnail,
      Body: data,
      ContentType: 'image/jpeg',
      Metadata: { source: `${bucket}/${key}`, width: String(info.width), height: String(info.height) },
    }));
    made.push({ key: thumbnail, width: info.width, height: info.height, bytes: data.length });
  }
  console.log(JSON.stringify({ level: 'info', message: `${key} (${original.width}×${original.height} ${original.format}) → ${made.map((t) => `${t.width}×${t.height}`).join(', ')}` }));
  return made;
}
