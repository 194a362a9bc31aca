// The relay's worker: GET the next request, POST a result, forever (the Runtime API loop, minus the API).
import http from 'node:http';
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const port = Number(process.argv[2]);
const call = (method, body) => new Promise((resolve) => { const r = http.request({ host: '127.0.0.1', port, method, path: '/', agent }, (res) => { const c = []; res.on('data', d => c.push(d)); res.on('end', () => resolve(Buffer.concat(c))); }); r.end(body); });
for (;;) { const ev = await call('GET'); await call('POST', JSON.stringify({ ok: true, ev: ev.toString() })); }
