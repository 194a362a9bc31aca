// examples/image-thumbnails end to end, with sharp installed from npm into the copy as its README says: a
// JPEG and a PNG uploaded with the S3 client become thumbnails of the right sizes; a text file named .jpg is
// logged and skipped; the upload page's API hands out a presigned PUT that a browser-like fetch uses.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { copyOfExample, eventually, LOCAL_CREDENTIALS, startExample, type RunningExample } from './support';

const UPLOADS = 'lambkin-local-123456789012-uploads';
const THUMBNAILS = 'thumbnails';

/** Width and height from a JPEG's start-of-frame marker (the thumbnails are JPEG whatever the upload was). */
function jpegSize(data: Uint8Array): { width: number; height: number } {
  assert.equal(data[0], 0xff, 'not a JPEG');
  assert.equal(data[1], 0xd8, 'not a JPEG');
  for (let at = 2; at < data.length; ) {
    const marker = data[at + 1]!;
    const length = (data[at + 2]! << 8) | data[at + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      return { height: (data[at + 5]! << 8) | data[at + 6]!, width: (data[at + 7]! << 8) | data[at + 8]! };
    }
    at += 2 + length;
  }
  throw new Error('no start-of-frame marker in the JPEG');
}

describe('examples/image-thumbnails end to end', function () {
  this.timeout(300_000);
  let copy: Awaited<ReturnType<typeof copyOfExample>>;
  let app: RunningExample;
  let s3: S3Client;

  const thumbnailSize = async (key: string) => {
    const object = await s3.send(new GetObjectCommand({ Bucket: THUMBNAILS, Key: key }));
    assert.equal(object.ContentType, 'image/jpeg');
    return jpegSize(await object.Body!.transformToByteArray());
  };
  const thumbnailsOf = async (prefix: string) =>
    ((await s3.send(new ListObjectsV2Command({ Bucket: THUMBNAILS }))).Contents ?? []).map((object) => object.Key!).filter((key) => key.includes(prefix)).sort();

  before(async () => {
    copy = await copyOfExample('image-thumbnails');
    app = await startExample(copy.folder);
    s3 = new S3Client({ endpoint: app.aws, region: 'us-east-1', credentials: LOCAL_CREDENTIALS, forcePathStyle: true });
  });

  after(async () => {
    s3?.destroy();
    await app?.stop();
    copy?.remove();
  });

  const upload = (file: string, key: string, contentType: string) =>
    s3.send(new PutObjectCommand({ Bucket: UPLOADS, Key: key, Body: readFileSync(path.join(copy.folder, 'samples', file)), ContentType: contentType }));

  it('makes 100, 300 and 800 pixel thumbnails of a 1600×1200 JPEG', async () => {
    await upload('landscape.jpg', 'photos/landscape.jpg', 'image/jpeg');
    const keys = await eventually(async () => {
      const found = await thumbnailsOf('photos/landscape');
      return found.length === 3 && found;
    }, 'three thumbnails of the JPEG', 120_000);
    assert.deepEqual(keys, ['100/photos/landscape.jpg', '300/photos/landscape.jpg', '800/photos/landscape.jpg']);
    assert.deepEqual(await thumbnailSize('100/photos/landscape.jpg'), { width: 100, height: 75 });
    assert.deepEqual(await thumbnailSize('300/photos/landscape.jpg'), { width: 300, height: 225 });
    assert.deepEqual(await thumbnailSize('800/photos/landscape.jpg'), { width: 800, height: 600 });
  });

  it('never enlarges: a 640×480 PNG keeps 640×480 as its largest, in JPEG, and a key with a space works', async () => {
    await upload('small.png', 'photos/small picture.png', 'image/png');
    const keys = await eventually(async () => {
      const found = await thumbnailsOf('photos/small picture');
      return found.length === 3 && found;
    }, 'three thumbnails of the PNG', 60_000);
    assert.deepEqual(keys, ['100/photos/small picture.jpg', '300/photos/small picture.jpg', '800/photos/small picture.jpg']);
    assert.deepEqual(await thumbnailSize('300/photos/small picture.jpg'), { width: 300, height: 225 });
    assert.deepEqual(await thumbnailSize('800/photos/small picture.jpg'), { width: 640, height: 480 });
  });

  it('logs a clean error for a file that is not an image, and writes nothing', async () => {
    await upload('not-an-image.jpg', 'photos/broken.jpg', 'image/jpeg');
    await app.waitForOutput(/Skipped photos\/broken\.jpg: it is not an image sharp can read/, 'the skip to be logged', 60_000);
    assert.deepEqual(await thumbnailsOf('photos/broken'), []);
    // Logged and answered, not thrown: S3's asynchronous event is not retried for input that cannot change.
    assert.doesNotMatch(app.output(), /"errorType".*\n.*broken\.jpg|Invoke Error.*broken/);
  });

  it('hands the page a presigned PUT that uploads straight to the bucket, then lists the thumbnails', async () => {
    const created = await fetch(`${app.gateway}/uploads`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileName: 'from page.jpg', contentType: 'image/jpeg' }) });
    assert.equal(created.status, 201, await created.clone().text());
    const { key, url, headers } = (await created.json()) as { key: string; url: string; headers: Record<string, string> };
    assert.match(key, /^uploads\/[0-9a-f-]{36}\/from_page\.jpg$/);
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: app.gateway, 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' } });
    assert.equal(preflight.headers.get('access-control-allow-origin') !== null, true, `the bucket's CORS rule answers the page's preflight (status ${preflight.status})`);
    const put = await fetch(url, { method: 'PUT', headers: { ...headers, origin: app.gateway }, body: readFileSync(path.join(copy.folder, 'samples', 'landscape.jpg')) });
    assert.equal(put.status, 200, await put.text());
    const listed = await eventually(async () => {
      const body = (await (await fetch(`${app.gateway}/thumbnails?key=${encodeURIComponent(key)}`)).json()) as { ready: boolean; thumbnails: Array<{ size: number; url: string; width: number; height: number }> };
      return body.ready && body.thumbnails;
    }, 'the page API to list three thumbnails', 120_000);
    assert.deepEqual(listed.map((thumbnail) => [thumbnail.size, thumbnail.width, thumbnail.height]), [[100, 100, 75], [300, 300, 225], [800, 800, 600]]);
    const image = await fetch(listed[0]!.url);
    assert.equal(image.status, 200);
    assert.deepEqual(jpegSize(new Uint8Array(await image.arrayBuffer())), { width: 100, height: 75 });
    assert.equal((await fetch(`${app.gateway}/uploads`, { method: 'POST', body: JSON.stringify({ fileName: 'x.txt', contentType: 'text/plain' }) })).status, 400);
  });
});
