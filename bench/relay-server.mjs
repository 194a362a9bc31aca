// A second baseline: the smallest possible relay with Lambkin's shape — an HTTP front that hands each request
// to a worker process waiting on a long-poll GET, and answers when the worker POSTs the result. Three
// processes and three loopback round trips per request, with no Lambda semantics at all: the floor any
// process-per-environment design pays on this machine.
import http from 'node:http';
let waiting = null, pending = null, queue = [];
const rt = http.createServer((req, res) => {
  if (req.method === 'GET') { if (queue.length) { const j = queue.shift(); pending = j; res.end(j.body); } else waiting = res; return; }
  const chunks = []; req.on('data', c => chunks.push(c)); req.on('end', () => { res.writeHead(202); res.end('{}'); const j = pending; pending = null; j.res.end(Buffer.concat(chunks)); });
});
rt.listen(0, '127.0.0.1', () => {
  const api = http.createServer((req, res) => { const chunks = []; req.on('data', c => chunks.push(c)); req.on('end', () => { const j = { body: Buffer.concat(chunks), res }; if (waiting) { const w = waiting; waiting = null; pending = j; w.end(j.body); } else queue.push(j); }); });
  api.listen(0, '127.0.0.1', () => console.log(JSON.stringify({ rt: rt.address().port, api: api.address().port })));
});
