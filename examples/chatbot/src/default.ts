// $default: a frame whose "action" names no route (or that is not JSON at all) gets a hint back.
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { managementEndpoint, send } from './lib/room';

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, domainName, stage } = event.requestContext;
  await send(managementEndpoint(domainName, stage), connectionId, {
    type: 'error',
    text: 'Unknown action. Send {"action":"sendMessage","text":"hello"}; "/help" as the text lists the bot\'s commands.',
  });
  return { statusCode: 200 };
}
