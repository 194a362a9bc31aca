// Pushing to the pages that watch the totals. A viewer whose connection is gone (410) is forgotten.
import { ApiGatewayManagementApiClient, GoneException, PostToConnectionCommand } from '@aws-sdk/client-apigatewaymanagementapi';
import { DeleteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { db, tableName, type Viewer } from './tables';

const clients = new Map<string, ApiGatewayManagementApiClient>();

/**
 * The @connections endpoint of the API a request came through: https://<domain>/<stage> on AWS. A local
 * gateway (Lambkin, sam local) serves plain HTTP on a loopback address, so the scheme follows the host.
 */
export function managementEndpoint(domainName: string, stage: string): string {
  const host = domainName.replace(/:\d+$/, '');
  const local = host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
  return `${local ? 'http' : 'https'}://${domainName}/${stage}`;
}

async function viewers(): Promise<Viewer[]> {
  const all: Viewer[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName('VIEWERS_TABLE'), ExclusiveStartKey: start }));
    all.push(...((page.Items ?? []) as Viewer[]));
    start = page.LastEvaluatedKey;
  } while (start);
  return all;
}

/** Sends `message` (JSON) to every viewer; returns how many received it. */
export async function pushToViewers(message: unknown): Promise<number> {
  const data = JSON.stringify(message);
  const results = await Promise.all((await viewers()).map(async (viewer) => {
    let client = clients.get(viewer.endpoint);
    if (!client) clients.set(viewer.endpoint, (client = new ApiGatewayManagementApiClient({ endpoint: viewer.endpoint })));
    try {
      await client.send(new PostToConnectionCommand({ ConnectionId: viewer.connectionId, Data: data }));
      return true;
    } catch (error) {
      if (!(error instanceof GoneException)) throw error;
      await db.send(new DeleteCommand({ TableName: tableName('VIEWERS_TABLE'), Key: { connectionId: viewer.connectionId } }));
      return false;
    }
  }));
  return results.filter(Boolean).length;
}
