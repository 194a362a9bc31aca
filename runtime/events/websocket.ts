// API Gateway WebSocket API events: `websocket-connect`, `websocket-message`, `websocket-disconnect`.

import type { APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { defineEventGenerator } from './define';
import { requestTimeOf, shifted } from './format';
import {
  allValues, DEFAULT_SOURCE_IP, encodeBody, executeApiEndpoint, headerValue, lastValues, mergeHeaders, type ApiEndpoint, type HeaderList,
} from './http-common';
import { base64Id, traceHeader } from './ids';
import { multiValueParam } from './json-input';
import { EventInputError, type EventContext, type JsonValue } from './types';

type MessageContext = APIGatewayProxyWebsocketEventV2['requestContext'];
/** CONNECT and DISCONNECT contexts carry no messageId; @types/aws-lambda requires one. */
export type WebSocketRequestContext = Omit<MessageContext, 'messageId'> & {
  identity: { sourceIp: string; userAgent?: string };
  disconnectStatusCode?: number;
  disconnectReason?: string;
};

export interface WebSocketConnectEvent {
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters?: Record<string, string>;
  multiValueQueryStringParameters?: Record<string, string[]>;
  requestContext: WebSocketRequestContext;
  isBase64Encoded: boolean;
}

export type WebSocketDisconnectEvent = Omit<WebSocketConnectEvent, 'queryStringParameters' | 'multiValueQueryStringParameters'>;
export type WebSocketMessageEvent = APIGatewayProxyWebsocketEventV2 & { requestContext: { identity: { sourceIp: string } } };

const CONNECTED_FOR_MS = 60_000;

function connectionIdOf(ctx: EventContext, given: string): string {
  return given === '' ? base64Id(ctx.ids, 11).replace(/\+/g, 'A').replace(/\//g, 'B') : given;
}

function requestContext(
  ctx: EventContext, endpoint: ApiEndpoint, p: { routeKey: string; eventType: MessageContext['eventType']; stage: string; connectionId: string; connectedAt: number },
): Omit<MessageContext, 'messageId'> {
  return {
    routeKey: p.routeKey,
    eventType: p.eventType,
    extendedRequestId: base64Id(ctx.ids, 11),
    requestTime: requestTimeOf(ctx.now),
    messageDirection: 'IN',
    stage: p.stage,
    connectedAt: p.connectedAt,
    requestTimeEpoch: ctx.now.getTime(),
    requestId: base64Id(ctx.ids, 11),
    domainName: endpoint.domainName,
    connectionId: p.connectionId,
    apiId: endpoint.apiId,
  };
}

const common = {
  connectionId: { description: 'Connection id (empty: generated)', type: 'string', default: '' },
  stage: { description: 'Stage name', type: 'string', default: 'production' },
  sourceIp: { description: 'Client IP address', type: 'string', default: DEFAULT_SOURCE_IP },
} as const;

export type WebSocketConnectOptions = { connectionId: string; stage: string; sourceIp: string; headers: JsonValue; query: JsonValue };

export const webSocketConnectGenerator = defineEventGenerator<WebSocketConnectOptions, WebSocketConnectEvent>({
  name: 'websocket-connect',
  description: 'WebSocket API $connect request (headers and query string)',
  kind: 'websocket',
  params: {
    ...common,
    headers: { description: 'Extra handshake headers, e.g. {"Authorization":"Bearer x"}', type: 'json', default: {} },
    query: { description: 'Query string of the connect URL, e.g. {"token":"abc"}', type: 'json', default: {} },
  },
  build(o, ctx) {
    const endpoint = executeApiEndpoint(ctx);
    const defaults: HeaderList = [
      ['Host', [endpoint.domainName]],
      ['Sec-WebSocket-Extensions', ['permessage-deflate; client_max_window_bits']],
      ['Sec-WebSocket-Key', [base64Id(ctx.ids, 16)]],
      ['Sec-WebSocket-Version', ['13']],
      ['X-Amzn-Trace-Id', [traceHeader(ctx.ids, ctx.now)]],
      ['X-Forwarded-For', [o.sourceIp]],
      ['X-Forwarded-Port', ['443']],
      ['X-Forwarded-Proto', ['https']],
    ];
    const headers = mergeHeaders(defaults, multiValueParam('websocket-connect', 'headers', o.headers, '{"Authorization":"Bearer x"}'));
    const query = multiValueParam('websocket-connect', 'query', o.query, '{"token":"abc"}');
    const userAgent = headerValue(headers, 'User-Agent');
    const base = requestContext(ctx, endpoint, {
      routeKey: '$connect', eventType: 'CONNECT', stage: o.stage, connectionId: connectionIdOf(ctx, o.connectionId), connectedAt: ctx.now.getTime(),
    });
    return {
      headers: lastValues(headers),
      multiValueHeaders: allValues(headers),
      queryStringParameters: query.length > 0 ? lastValues(query) : undefined,
      multiValueQueryStringParameters: query.length > 0 ? allValues(query) : undefined,
      requestContext: { ...base, identity: userAgent ? { userAgent, sourceIp: o.sourceIp } : { sourceIp: o.sourceIp } },
      isBase64Encoded: false,
    };
  },
});

export type WebSocketMessageOptions = { connectionId: string; stage: string; sourceIp: string; body: string; routeKey: string; base64: boolean };

export const webSocketMessageGenerator = defineEventGenerator<WebSocketMessageOptions, WebSocketMessageEvent>({
  name: 'websocket-message',
  description: 'WebSocket API message on a route ($default or a custom route key)',
  kind: 'websocket',
  params: {
    ...common,
    body: { description: 'Message text', type: 'string', default: '{"action":"sendmessage","data":"hello"}' },
    routeKey: { description: 'Route the message matched: $default or a custom key such as sendmessage', type: 'string', default: '$default' },
    base64: { description: 'Binary frame: body base64-encoded (isBase64Encoded: true)', type: 'boolean', default: false },
  },
  build(o, ctx) {
    if (o.routeKey === '$connect' || o.routeKey === '$disconnect' || o.routeKey === '') {
      throw new EventInputError(`Parameter "routeKey" of websocket-message must be $default or a custom route; for ${o.routeKey || 'an empty key'} use websocket-connect / websocket-disconnect.`);
    }
    const endpoint = executeApiEndpoint(ctx);
    const connectionId = connectionIdOf(ctx, o.connectionId);
    const base = requestContext(ctx, endpoint, {
      routeKey: o.routeKey, eventType: 'MESSAGE', stage: o.stage, connectionId, connectedAt: shifted(ctx.now, -CONNECTED_FOR_MS).getTime(),
    });
    const { body, isBase64Encoded } = encodeBody(o.body, o.base64);
    return {
      requestContext: { ...base, messageId: base64Id(ctx.ids, 11), identity: { sourceIp: o.sourceIp } },
      body,
      isBase64Encoded,
    };
  },
});

export type WebSocketDisconnectOptions = { connectionId: string; stage: string; sourceIp: string; statusCode: number; reason: string };

export const webSocketDisconnectGenerator = defineEventGenerator<WebSocketDisconnectOptions, WebSocketDisconnectEvent>({
  name: 'websocket-disconnect',
  description: 'WebSocket API $disconnect notice (close code and reason)',
  kind: 'websocket',
  params: {
    ...common,
    statusCode: { description: 'WebSocket close code (1000 normal, 1001 going away, 1005 none given)', type: 'number', default: 1001 },
    reason: { description: 'Close reason text', type: 'string', default: '' },
  },
  build(o, ctx) {
    const endpoint = executeApiEndpoint(ctx);
    // API Gateway sends these four headers, three of them empty, with every $disconnect.
    const headers: HeaderList = [['Host', [endpoint.domainName]], ['x-api-key', ['']], ['X-Forwarded-For', ['']], ['x-restapi', ['']]];
    const base = requestContext(ctx, endpoint, {
      routeKey: '$disconnect', eventType: 'DISCONNECT', stage: o.stage, connectionId: connectionIdOf(ctx, o.connectionId),
      connectedAt: shifted(ctx.now, -CONNECTED_FOR_MS).getTime(),
    });
    return {
      headers: lastValues(headers),
      multiValueHeaders: allValues(headers),
      requestContext: { ...base, disconnectStatusCode: o.statusCode, disconnectReason: o.reason, identity: { sourceIp: o.sourceIp } },
      isBase64Encoded: false,
    };
  },
});

export const generateWebSocketConnect = (options?: Partial<WebSocketConnectOptions>, ctx?: Partial<EventContext>): WebSocketConnectEvent =>
  webSocketConnectGenerator.build(options, ctx);
export const generateWebSocketMessage = (options?: Partial<WebSocketMessageOptions>, ctx?: Partial<EventContext>): WebSocketMessageEvent =>
  webSocketMessageGenerator.build(options, ctx);
export const generateWebSocketDisconnect = (options?: Partial<WebSocketDisconnectOptions>, ctx?: Partial<EventContext>): WebSocketDisconnectEvent =>
  webSocketDisconnectGenerator.build(options, ctx);
