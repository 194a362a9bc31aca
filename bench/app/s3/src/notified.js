// Tells the bench process which key arrived, so it can time upload → invocation.
const http = require('node:http');

exports.handler = async (event) => {
  const key = event.Records[0].s3.object.key;
  const port = Number(require('node:fs').readFileSync(`${__dirname}/../callback-port`, 'utf8'));
  await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/' }, (res) => res.resume().on('end', resolve));
    req.on('error', reject);
    req.end(key);
  });
};
