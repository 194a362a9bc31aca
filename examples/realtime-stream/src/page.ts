// GET /: the live totals page. It reads the last hour once (GET /totals), then listens on the WebSocket API
// for the minutes the stream consumer changes. Its button places 100 random orders (POST /orders).
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page(liveUrl(event)) };
}

/**
 * On AWS the WebSocket API has a domain of its own (LIVE_URL, from the template). A local gateway serves the
 * WebSocket stages on the same loopback port as the HTTP API, so a page served locally connects there.
 */
function liveUrl(event: APIGatewayProxyEventV2): string {
  const host = event.requestContext.domainName;
  if (/^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/.test(host)) return `ws://${host}/live`;
  return process.env.LIVE_URL ?? '';
}

function page(live: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Orders per minute</title>
<style>
  body { font: 15px system-ui, sans-serif; margin: 2rem auto; max-width: 40rem; color: #222; }
  table { border-collapse: collapse; width: 100%; margin-top: 1rem; }
  th, td { text-align: right; padding: .3rem .6rem; border-bottom: 1px solid #ddd; }
  th:first-child, td:first-child { text-align: left; }
  tr.fresh td { background: #fff6c8; transition: background 1s; }
  #state { color: #666; }
</style>
</head>
<body>
<h1>Orders per minute</h1>
<p><button id="send">Send 100 orders</button> <span id="state">connecting…</span></p>
<table><thead><tr><th>Minute (UTC)</th><th>Orders</th><th>Amount</th></tr></thead><tbody id="rows"></tbody></table>
<script>
const LIVE = ${JSON.stringify(live)};
const totals = new Map();
const rows = document.getElementById('rows');
const state = document.getElementById('state');
const money = (cents) => (cents / 100).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
function render(fresh) {
  rows.replaceChildren(...[...totals.values()].sort((a, b) => b.minute.localeCompare(a.minute)).map((total) => {
    const row = document.createElement('tr');
    if (fresh.has(total.minute)) row.className = 'fresh';
    for (const text of [total.minute.replace('T', ' '), String(total.orders), money(total.amountCents)]) {
      const cell = document.createElement('td');
      cell.textContent = text;
      row.append(cell);
    }
    return row;
  }));
}
function merge(list) {
  for (const total of list) totals.set(total.minute, total);
  render(new Set(list.map((total) => total.minute)));
}
fetch('totals').then((response) => response.json()).then((body) => merge(body.totals));
const socket = new WebSocket(LIVE);
socket.onopen = () => { state.textContent = 'live'; };
socket.onclose = () => { state.textContent = 'disconnected: reload the page'; };
socket.onmessage = (message) => {
  const data = JSON.parse(message.data);
  if (data.type === 'totals') merge(data.totals);
};
document.getElementById('send').onclick = async () => {
  const response = await fetch('orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count: 100 }) });
  state.textContent = response.ok ? 'live: 100 orders placed' : 'could not place orders: ' + (await response.text());
};
</script>
</body>
</html>`;
}
