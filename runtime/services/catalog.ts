// Every local AWS service, as the factories LocalAws builds them from. A service is added here and nowhere else.
import type { LambkinRuntime } from '../lambkin-runtime';
import { dynamoDbServices } from './dynamodb/factory';
import { eventBridgeServices } from './events/factory';
import { lambdaService } from './lambda/service';
import { s3Service } from './s3/service';
import type { ServiceFactory } from './service';
import { SnsService } from './sns/service';
import { SqsService } from './sqs/service';

export function serviceFactories(runtime: LambkinRuntime): ServiceFactory[] {
  return [
    () => lambdaService(runtime),
    (ctx) => eventBridgeServices(ctx),
    (ctx) => dynamoDbServices(ctx),
    (ctx) => s3Service(ctx),
    (ctx) => new SqsService(ctx),
    (ctx) => new SnsService(ctx),
  ];
}
