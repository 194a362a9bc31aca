// $connect: admits a client that says who it is (?name=alice); any non-2xx answer refuses the upgrade.
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { broadcast, join, managementEndpoint } from './lib/room';
import { BOT_NAME } from './lib/bot';

// $connect events carry the query string, which the generic WebSocket event type leaves out.
type ConnectEvent = APIGatewayProxyWebsocketEventV2 & { queryStringParameters?: Record<string, string | undefined> };

const NAME = /^[A-Za-z0-9_-]{1,20}$/;

export async function handler(event: ConnectEvent): Promise<APIGatewayProxyResultV2> {
  const { connectionId, domainName, stage } = event.requestContext;
  const name = event.queryStringParameters?.name ?? `guest-${connectionId.slice(0, 4)}`;
  if (!NAME.test(name) || name === BOT_NAME) {
    console.warn(`Refused ${connectionId}: the name ${JSON.stringify(name)} is not 1 to 20 letters, digits, "-" or "_" (or is the bot's)`);
    return { statusCode: 400, body: 'Connect with ?name= of 1 to 20 letters, digits, "-" or "_".' };
  }
  await join({ connectionId, name, connectedAt: new Date().toISOString() });
  // The new connection opens only after this answer, so only the others hear about it.
  const told = await broadcast(managementEndpoint(domainName, stage), { type: 'joined', name, at: new Date().toISOString() }, connectionId);
  console.log(`${name} joined as ${connectionId}; ${told} other(s) told`);
  return { statusCode: 200 };
}
