// DynamoDB and DynamoDB Streams share one store (the stream is written by DynamoDB's writes, read by the
// Streams API and the mappings), so they are built together, as EventBridge and the Scheduler are.
import type { LocalService, ServiceContext } from '../service';
import { DynamoBackend } from './backend';
import { DynamoDbService, DynamoDbStreamsService } from './service';

export function dynamoDbServices(ctx: ServiceContext): LocalService[] {
  const opening = DynamoBackend.open(ctx);
  const dynamodb = new DynamoDbService(ctx, opening);
  // A store that cannot open (a folder held by another process) fails every request with the reason, not the runtime.
  opening.then((backend) => (dynamodb.ready = backend), (error: unknown) => ctx.log('error', `The local DynamoDB could not open its data: ${error instanceof Error ? error.message : String(error)}`));
  return [dynamodb, new DynamoDbStreamsService(ctx, opening)];
}
