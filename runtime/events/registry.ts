// The catalog: every generator by name, and generation from CLI strings.

import { apiGatewayHttpGenerator } from './apigateway-http';
import { apiGatewayRestGenerator } from './apigateway-rest';
import { createEventContext } from './context';
import { dynamoDbInsertGenerator, dynamoDbModifyGenerator, dynamoDbRemoveGenerator } from './dynamodb';
import { eventBridgeGenerator, scheduleGenerator } from './eventbridge';
import { functionUrlGenerator } from './function-url';
import { parseParamStrings } from './params';
import { s3DeleteGenerator, s3PutGenerator } from './s3';
import { snsGenerator } from './sns';
import { sqsGenerator } from './sqs';
import { closestName } from './suggest';
import { EventInputError, type EventContext, type EventGenerator } from './types';
import { webSocketConnectGenerator, webSocketDisconnectGenerator, webSocketMessageGenerator } from './websocket';

const CATALOG: readonly EventGenerator[] = Object.freeze([
  s3PutGenerator,
  s3DeleteGenerator,
  apiGatewayRestGenerator,
  apiGatewayHttpGenerator,
  functionUrlGenerator,
  dynamoDbInsertGenerator,
  dynamoDbModifyGenerator,
  dynamoDbRemoveGenerator,
  sqsGenerator,
  snsGenerator,
  eventBridgeGenerator,
  scheduleGenerator,
  webSocketConnectGenerator,
  webSocketMessageGenerator,
  webSocketDisconnectGenerator,
]);

export function listEventGenerators(): readonly EventGenerator[] {
  return CATALOG;
}

export function getEventGenerator(name: string): EventGenerator | undefined {
  return CATALOG.find((g) => g.name === name);
}

/** Like getEventGenerator, but an unknown name is an error listing the names, with a "did you mean". */
export function requireEventGenerator(name: string): EventGenerator {
  const generator = getEventGenerator(name);
  if (generator) return generator;
  const names = CATALOG.map((g) => g.name);
  const guess = closestName(name, names);
  throw new EventInputError(
    `Unknown event generator "${name}".${guess ? ` Did you mean "${guess}"?` : ''} Available: ${names.join(', ')}.`,
  );
}

/**
 * Generates an event from CLI-style string parameters (`--set key=value`), parsed to each
 * parameter's declared type. The context defaults to now, us-east-1, account 123456789012, random ids.
 */
export function generateEvent(name: string, params: Record<string, string> = {}, ctx?: Partial<EventContext>): unknown {
  const generator = requireEventGenerator(name);
  return generator.generate(parseParamStrings(generator.name, generator.params, params), createEventContext(ctx));
}
