// $connect and $disconnect of the live API: a page that connects is recorded with the endpoint to push to.
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { db, tableName } from './lib/tables';
import { managementEndpoint } from './lib/viewers';

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, domainName, stage, routeKey } = event.requestContext;
  if (routeKey === '$connect') {
    await db.send(new PutCommand({ TableName: tableName('VIEWERS_TABLE'), Item: { connectionId, endpoint: managementEndpoint(domainName, stage) } }));
  } else if (routeKey === '$disconnect') {
    await db.send(new DeleteCommand({ TableName: tableName('VIEWERS_TABLE'), Key: { connectionId } }));
  }
  return { statusCode: 200 };
}
