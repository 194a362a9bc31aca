// $disconnect: forgets the connection and tells the room. Best-effort on AWS (it may never come), which is
// why sending also forgets connections that answer 410 Gone.
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { broadcast, leave, managementEndpoint } from './lib/room';

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, domainName, stage } = event.requestContext;
  const gone = await leave(connectionId);
  if (gone) await broadcast(managementEndpoint(domainName, stage), { type: 'left', name: gone.name, at: new Date().toISOString() });
  console.log(`${gone?.name ?? 'An unknown connection'} left (${connectionId})`);
  return { statusCode: 200 };
}
