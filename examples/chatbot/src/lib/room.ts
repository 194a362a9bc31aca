// The chat room: who is connected (a DynamoDB table keyed by connection id) and sending to them through
// API Gateway's @connections API. A connection that closed without $disconnect answers 410 Gone: it is
// forgotten then, as on AWS, where $disconnect is best-effort.
import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';

export interface Member {
  connectionId: string;
  name: string;
  connectedAt: string;
}

/** What clients receive: one JSON object per frame. */
export type ChatFrame =
  | { type: 'message'; from: string; text: string; at: string }
  | { type: 'joined' | 'left'; name: string; at: string }
  | { type: 'error'; text: string };

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const clients = new Map<string, ApiGatewayManagementApiClient>();

function table(): string {
  const name = process.env.CONNECTIONS_TABLE;
  if (!name) throw new Error('CONNECTIONS_TABLE is not set: the template passes the table name to the function.');
  return name;
}

/**
 * The @connections endpoint of the API a request came through: https://<domain>/<stage> on AWS. A local
 * gateway (Lambkin, sam local) serves plain HTTP on a loopback address, so the scheme follows the host.
 */
export function managementEndpoint(domainName: string, stage: string): string {
  const host = domainName.replace(/:\d+$/, '');
  const local = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  return `${local ? 'http' : 'https'}://${domainName}/${stage}`;
}

function client(endpoint: string): ApiGatewayManagementApiClient {
  let found = clients.get(endpoint);
  if (!found) clients.set(endpoint, (found = new ApiGatewayManagementApiClient({ endpoint })));
  return found;
}

export async function join(member: Member): Promise<void> {
  await db.send(new PutCommand({ TableName: table(), Item: member }));
}

export async function leave(connectionId: string): Promise<Member | undefined> {
  const removed = await db.send(new DeleteCommand({ TableName: table(), Key: { connectionId }, ReturnValues: 'ALL_OLD' }));
  return removed.Attributes as Member | undefined;
}

export async function member(connectionId: string): Promise<Member | undefined> {
  const found = await db.send(new GetCommand({ TableName: table(), Key: { connectionId } }));
  return found.Item as Member | undefined;
}

export async function members(): Promise<Member[]> {
  const all: Member[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: table(), ExclusiveStartKey: start }));
    all.push(...((page.Items ?? []) as Member[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return all;
}

/** Sends one frame to one connection; false when the connection is gone (and then forgets it). */
export async function send(endpoint: string, connectionId: string, frame: ChatFrame): Promise<boolean> {
  try {
    await client(endpoint).send(new PostToConnectionCommand({ ConnectionId: connectionId, Data: JSON.stringify(frame) }));
    return true;
  } catch (error) {
    if (!(error instanceof GoneException)) throw error;
    await leave(connectionId);
    return false;
  }
}

/** Sends a frame to everyone in the room (but `except`), in parallel; returns how many received it. */
export async function broadcast(endpoint: string, frame: ChatFrame, except?: string): Promise<number> {
  const targets = (await members()).filter((entry) => entry.connectionId !== except);
  const delivered = await Promise.all(targets.map((entry) => send(endpoint, entry.connectionId, frame)));
  return delivered.filter(Boolean).length;
}
