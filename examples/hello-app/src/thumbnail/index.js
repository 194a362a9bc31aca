// S3-triggered CommonJS handler: logs each uploaded object and says where its thumbnail would go.
const prefix = process.env.THUMBNAIL_PREFIX || 'thumbnails/';

exports.handler = async (event, context) => {
  const records = Array.isArray(event && event.Records) ? event.Records : [];
  const thumbnails = records
    .filter((record) => record.eventSource === 'aws:s3')
    .map((record) => {
      const bucket = record.s3.bucket.name;
      // S3 sends keys URL-form-encoded (a space arrives as "+").
      const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
      const size = record.s3.object.size;
      console.log(`${record.eventName}: s3://${bucket}/${key} (${size === undefined ? 'unknown' : size} bytes)`);
      const fileName = key.split('/').pop();
      return { bucket, source: key, thumbnail: `${prefix}${fileName.replace(/\.jpg$/i, '')}-128.jpg` };
    });
  console.log(`made ${thumbnails.length} thumbnail(s) in ${context.getRemainingTimeInMillis()} ms budget`);
  return { thumbnails };
};
