// WebSocket API events: $connect (handshake headers and query), MESSAGE (the frame as body) and
// $disconnect (with the close code and reason), each with the connection's requestContext.
import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { requestTimeOf } from '../events/format';
import { extendedId } from './request';

export interface ConnectionInfo {
  connectionId: string;
  apiId: string;
  stage: string;
  domainName: string;
  connectedAt: number;
  sourceIp: string;
  userAgent: string;
}

type MessageContext = APIGatewayProxyWebsocketEventV2['requestContext'];

export type WebSocketRequestContext = Omit<MessageContext, 'messageId'> & {
  messageId?: string;
  identity: { sourceIp: string; userAgent: string };
  disconnectStatusCode?: number;
  disconnectReason?: string;
};

export interface WebSocketEvent {
  headers?: Record<string, string>;
  multiValueHeaders?: Record<string, string[]>;
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
  requestContext: WebSocketRequestContext;
  body?: string;
  isBase64Encoded: boolean;
}

function context(connection: ConnectionInfo, routeKey: string, eventType: MessageContext['eventType'], now: Date): WebSocketRequestContext {
  return {
    routeKey,
    eventType,
    extendedRequestId: extendedId(),
    requestTime: requestTimeOf(now),
    messageDirection: 'IN',
    stage: connection.stage,
    connectedAt: connection.connectedAt,
    requestTimeEpoch: now.getTime(),
    identity: { sourceIp: connection.sourceIp, userAgent: connection.userAgent },
    requestId: extendedId(),
    domainName: connection.domainName,
    connectionId: connection.connectionId,
    apiId: connection.apiId,
  };
}

export function connectEvent(connection: ConnectionInfo, rawHeaders: string[], query: Array<[string, string]>): WebSocketEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    headers[rawHeaders[i]] = rawHeaders[i + 1];
    (multiValueHeaders[rawHeaders[i]] ??= []).push(rawHeaders[i + 1]);
  }
  const event: WebSocketEvent = { headers, multiValueHeaders, requestContext: context(connection, '$connect', 'CONNECT', new Date()), isBase64Encoded: false };
  if (query.length > 0) {
    const single: Record<string, string> = {};
    const multi: Record<string, string[]> = {};
    for (const [name, value] of query) {
      single[name] = value;
      (multi[name] ??= []).push(value);
    }
    event.queryStringParameters = single;
    event.multiValueQueryStringParameters = multi;
  }
  return event;
}

export function messageEvent(connection: ConnectionInfo, routeKey: string, data: Buffer, binary: boolean): WebSocketEvent {
  const requestContext = context(connection, routeKey, 'MESSAGE', new Date());
  requestContext.messageId = extendedId();
  return { requestContext, body: data.toString(binary ? 'base64' : 'utf8'), isBase64Encoded: binary };
}

export function disconnectEvent(connection: ConnectionInfo, code: number, reason: string): WebSocketEvent {
  const requestContext = context(connection, '$disconnect', 'DISCONNECT', new Date());
  requestContext.disconnectStatusCode = code;
  requestContext.disconnectReason = reason;
  const host = connection.domainName;
  return { headers: { Host: host }, multiValueHeaders: { Host: [host] }, requestContext, isBase64Encoded: false };
}

/** The route a message goes to under a `$request.body.<path>` selection expression; undefined for none. */
export function selectRoute(expression: string, data: Buffer, binary: boolean, routeKeys: string[]): string | undefined {
  const path = /^\$request\.body\.(.+)$/.exec(expression.trim())?.[1]?.split('.');
  let selected: unknown;
  if (path && !binary) {
    try {
      selected = path.reduce<unknown>((value, key) => (typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined), JSON.parse(data.toString('utf8')));
    } catch {
      selected = undefined;
    }
  }
  if (typeof selected === 'string' && !selected.startsWith('$') && routeKeys.includes(selected)) return selected;
  return routeKeys.includes('$default') ? '$default' : undefined;
}
