// Every route of the items API: POST /items, GET /items, GET|PUT|DELETE /items/{id} (HTTP API, payload 2.0).
// DynamoDB's condition expressions make the 404s and 409s exact even when two clients race.
import { randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { errorResult, HttpError, json, jsonBody, type Result } from './lib/http';
import { checkId, decodeCursor, encodeCursor, parseItemInput, parseLimit, type Item } from './lib/items';

// Created once per execution environment and reused by warm invocations.
const db = DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true } });
const table = process.env.TABLE_NAME;

export async function handler(event: APIGatewayProxyEventV2): Promise<Result> {
  try {
    if (!table) throw new Error('TABLE_NAME is not set: the template passes the table name to the function.');
    switch (event.routeKey) {
      case 'GET /items':
        return await listItems(event);
      case 'POST /items':
        return await createItem(event);
      case 'GET /items/{id}':
        return await getItem(checkId(event.pathParameters?.id));
      case 'PUT /items/{id}':
        return await replaceItem(checkId(event.pathParameters?.id), event);
      case 'DELETE /items/{id}':
        return await deleteItem(checkId(event.pathParameters?.id));
      default:
        return json(404, { message: `No route ${event.routeKey}.` });
    }
  } catch (error) {
    if (error instanceof HttpError) return errorResult(error);
    // Logged with the request id (CloudWatch on AWS, the invocation's log in Lambkin); the client gets no internals.
    console.error('Unexpected failure', error);
    return json(500, { message: 'Internal error: see the function log.' });
  }
}

async function listItems(event: APIGatewayProxyEventV2): Promise<Result> {
  const limit = parseLimit(event.queryStringParameters?.limit);
  const start = decodeCursor(event.queryStringParameters?.next);
  const page = await db.send(new ScanCommand({ TableName: table, Limit: limit, ExclusiveStartKey: start }));
  const next = encodeCursor(page.LastEvaluatedKey);
  return json(200, { items: page.Items ?? [], ...(next ? { next } : {}) });
}

async function createItem(event: APIGatewayProxyEventV2): Promise<Result> {
  const input = parseItemInput(jsonBody(event));
  const now = new Date().toISOString();
  const item: Item = { id: input.id ?? randomUUID(), name: input.name, price: input.price, tags: input.tags, version: 1, createdAt: now, updatedAt: now };
  try {
    await db.send(new PutCommand({ TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(id)' }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new HttpError(409, `An item with id ${item.id} exists already: PUT /items/${item.id} replaces it.`);
    throw error;
  }
  return json(201, item, { location: `/items/${encodeURIComponent(item.id)}`, etag: `"${item.version}"` });
}

async function getItem(id: string): Promise<Result> {
  const found = await db.send(new GetCommand({ TableName: table, Key: { id } }));
  if (!found.Item) throw new HttpError(404, `There is no item ${id}.`);
  return json(200, found.Item, { etag: `"${String(found.Item.version)}"` });
}

/** Replaces the item only if the client read the version it is replacing (in the body, or If-Match). */
async function replaceItem(id: string, event: APIGatewayProxyEventV2): Promise<Result> {
  const input = parseItemInput(jsonBody(event));
  if (input.id !== undefined && input.id !== id) throw new HttpError(400, `The body's id (${input.id}) is not the path's (${id}).`);
  const ifMatch = event.headers['if-match']?.replace(/"/g, '');
  const expected = input.version ?? (ifMatch !== undefined ? Number(ifMatch) : undefined);
  if (expected === undefined || !Number.isInteger(expected)) throw new HttpError(428, 'Say which version you are replacing: "version" in the body or an If-Match header.');
  const existing = await db.send(new GetCommand({ TableName: table, Key: { id } }));
  if (!existing.Item) throw new HttpError(404, `There is no item ${id}.`);
  const item: Item = { id, name: input.name, price: input.price, tags: input.tags, version: expected + 1, createdAt: String(existing.Item.createdAt), updatedAt: new Date().toISOString() };
  try {
    await db.send(new PutCommand({
      TableName: table,
      Item: item,
      ConditionExpression: 'attribute_exists(id) AND version = :expected',
      ExpressionAttributeValues: { ':expected': expected },
    }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) {
      throw new HttpError(409, `Item ${id} changed since version ${expected}: GET it again and reapply your change.`, { currentVersion: existing.Item.version });
    }
    throw error;
  }
  return json(200, item, { etag: `"${item.version}"` });
}

async function deleteItem(id: string): Promise<Result> {
  try {
    await db.send(new DeleteCommand({ TableName: table, Key: { id }, ConditionExpression: 'attribute_exists(id)' }));
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) throw new HttpError(404, `There is no item ${id}.`);
    throw error;
  }
  return { statusCode: 204 };
}
