// examples/rest-api end to end: `lambkin start` on a fresh copy, every route driven with fetch as a client
// of the API would, and the table read back with the DynamoDB client.
import assert from 'node:assert/strict';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { copyOfExample, LOCAL_CREDENTIALS, startExample, type RunningExample } from './support';

interface Item {
  id: string;
  name: string;
  price: number;
  tags: string[];
  version: number;
}

describe('examples/rest-api end to end', function () {
  this.timeout(120_000);
  let copy: Awaited<ReturnType<typeof copyOfExample>>;
  let app: RunningExample;
  let db: DynamoDBDocumentClient;

  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${app.gateway}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });

  before(async () => {
    copy = await copyOfExample('rest-api');
    app = await startExample(copy.folder);
    db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: app.aws, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }));
  });

  after(async () => {
    db?.destroy();
    await app?.stop();
    copy?.remove();
  });

  it('creates an item (201, Location, ETag) and stores it in the table', async () => {
    const response = await call('POST', '/items', { id: 'lamp-1', name: ' Desk lamp ', price: 24.5, tags: ['office'] });
    assert.equal(response.status, 201, await response.clone().text());
    assert.equal(response.headers.get('location'), '/items/lamp-1');
    assert.equal(response.headers.get('etag'), '"1"');
    const item = (await response.json()) as Item;
    assert.deepEqual({ ...item, createdAt: undefined, updatedAt: undefined }, { id: 'lamp-1', name: 'Desk lamp', price: 24.5, tags: ['office'], version: 1, createdAt: undefined, updatedAt: undefined });
    const stored = await db.send(new GetCommand({ TableName: 'ItemsTable', Key: { id: 'lamp-1' } }));
    assert.equal(stored.Item?.name, 'Desk lamp');
  });

  it('answers 409 for an id that exists, 400 with every problem of a bad body, 400 for bad JSON', async () => {
    const taken = await call('POST', '/items', { id: 'lamp-1', name: 'Again', price: 1 });
    assert.equal(taken.status, 409);
    assert.match(((await taken.json()) as { message: string }).message, /exists already/);

    const invalid = await call('POST', '/items', { name: '', price: -1, colour: 'red' });
    assert.equal(invalid.status, 400);
    const problems = ((await invalid.json()) as { problems: string[] }).problems;
    assert.equal(problems.length, 3, problems.join('; '));
    assert.ok(problems.some((problem) => problem.includes('colour')));

    const broken = await call('POST', '/items', '{"name": ');
    assert.equal(broken.status, 400);
    assert.match(((await broken.json()) as { message: string }).message, /not valid JSON/);
  });

  it('reads an item (200 with ETag) and answers 404 for one that does not exist', async () => {
    const found = await call('GET', '/items/lamp-1');
    assert.equal(found.status, 200);
    assert.equal(found.headers.get('etag'), '"1"');
    assert.equal(((await found.json()) as Item).name, 'Desk lamp');
    const missing = await call('GET', '/items/nothing-here');
    assert.equal(missing.status, 404);
    const badId = await call('GET', '/items/not%20an%20id');
    assert.equal(badId.status, 400);
  });

  it('pages through every item with limit and next, each item once', async () => {
    for (let index = 0; index < 6; index++) {
      const created = await call('POST', '/items', { name: `Item ${index}`, price: index });
      assert.equal(created.status, 201);
    }
    const seen: string[] = [];
    let next: string | undefined;
    let pages = 0;
    do {
      const response = await call('GET', `/items?limit=3${next ? `&next=${encodeURIComponent(next)}` : ''}`);
      assert.equal(response.status, 200);
      const page = (await response.json()) as { items: Item[]; next?: string };
      assert.ok(page.items.length <= 3);
      seen.push(...page.items.map((item) => item.id));
      next = page.next;
      pages++;
    } while (next && pages < 10);
    assert.equal(seen.length, 7, `ids: ${seen.join(', ')}`);
    assert.equal(new Set(seen).size, 7);
    assert.ok(pages >= 3);
    assert.equal((await call('GET', '/items?limit=0')).status, 400);
    assert.equal((await call('GET', '/items?next=garbage')).status, 400);
  });

  it('replaces only the version it was given: 200, then 409 for a stale version, 428 without one, 404 for none', async () => {
    const replaced = await call('PUT', '/items/lamp-1', { name: 'Desk lamp', price: 19, version: 1 });
    assert.equal(replaced.status, 200, await replaced.clone().text());
    assert.equal(((await replaced.json()) as Item).version, 2);
    const stale = await call('PUT', '/items/lamp-1', { name: 'Stale', price: 5, version: 1 });
    assert.equal(stale.status, 409);
    assert.equal(((await stale.json()) as { currentVersion: number }).currentVersion, 2);
    const byHeader = await call('PUT', '/items/lamp-1', { name: 'By header', price: 7 }, { 'if-match': '"2"' });
    assert.equal(byHeader.status, 200);
    assert.equal((await call('PUT', '/items/lamp-1', { name: 'No version', price: 5 })).status, 428);
    assert.equal((await call('PUT', '/items/ghost', { name: 'Ghost', price: 5, version: 1 })).status, 404);
    const stored = await db.send(new GetCommand({ TableName: 'ItemsTable', Key: { id: 'lamp-1' } }));
    assert.deepEqual([stored.Item?.name, stored.Item?.version], ['By header', 3]);
  });

  it('deletes (204), then answers 404', async () => {
    assert.equal((await call('DELETE', '/items/lamp-1')).status, 204);
    assert.equal((await call('DELETE', '/items/lamp-1')).status, 404);
    assert.equal((await call('GET', '/items/lamp-1')).status, 404);
  });

  it('answers CORS preflights and exposes its headers to browsers of any origin', async () => {
    const preflight = await fetch(`${app.gateway}/items`, {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example.com', 'access-control-request-method': 'PUT', 'access-control-request-headers': 'content-type' },
    });
    assert.ok(preflight.status === 200 || preflight.status === 204, `preflight answered ${preflight.status}`);
    assert.equal(preflight.headers.get('access-control-allow-origin'), '*');
    assert.match(preflight.headers.get('access-control-allow-methods') ?? '', /PUT/);
    const listed = await fetch(`${app.gateway}/items`, { headers: { origin: 'https://shop.example.com' } });
    assert.equal(listed.headers.get('access-control-allow-origin'), '*');
    assert.match(listed.headers.get('access-control-expose-headers') ?? '', /location/i);
  });
});
