// The local API Gateway's public surface: `lambkin start` serves it next to the Invoke API.
export { HttpGateway, type GatewayOptions } from './http-gateway';
export type { RouteListing, ApiKind, PayloadVersion } from './routes';
export { FUNCTION_URL_PREFIX } from './routes';
export type { WebSocketListing } from './websocket';
