// The AWS JSON protocols (DynamoDB and Streams 1.0, SQS 1.0, EventBridge 1.1): a JSON body in, a JSON body out,
// errors as `{"__type": "<namespace>#<Code>", "message": "…"}` with HTTP 400 (the SDK keys on the text after `#`).
import type * as http from 'node:http';

export interface JsonProtocol {
  /** `application/x-amz-json-1.0` or `-1.1`. */
  contentType: string;
}

export class JsonServiceError extends Error {
  constructor(
    /** `com.amazonaws.dynamodb.v20120810#ResourceNotFoundException` or a bare code. */
    readonly type: string,
    message: string,
    readonly status = 400,
    /** Extra headers, e.g. SQS's `x-amzn-query-error`. */
    readonly headers: http.OutgoingHttpHeaders = {},
  ) {
    super(message);
  }
}

export function sendJson(res: http.ServerResponse, protocol: JsonProtocol, requestId: string, body: unknown, status = 200, headers: http.OutgoingHttpHeaders = {}): void {
  const text = Buffer.from(JSON.stringify(body ?? {}));
  res.writeHead(status, { 'Content-Type': protocol.contentType, 'x-amzn-RequestId': requestId, 'Content-Length': text.length, ...headers });
  res.end(text);
}

export function sendJsonError(res: http.ServerResponse, protocol: JsonProtocol, requestId: string, error: JsonServiceError): void {
  sendJson(res, protocol, requestId, { __type: error.type, message: error.message }, error.status, error.headers);
}

/** The request's JSON object; a body that is not one is the protocol's SerializationException. */
export function parseJsonObject(body: Buffer, serializationType: string): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new JsonServiceError(serializationType, 'Start of structure or map found where not expected.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JsonServiceError(serializationType, 'Start of structure or map found where not expected.');
  }
  return value as Record<string, unknown>;
}
