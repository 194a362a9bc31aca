// Answers in API Gateway's payload 2.0 shape, always JSON, and the errors every route shares.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

export type Result = APIGatewayProxyStructuredResultV2;

/** A failure the client caused (or may retry): its status and a message that says what to change. */
export class HttpError extends Error {
  constructor(readonly statusCode: number, message: string, readonly details?: Record<string, unknown>) {
    super(message);
  }
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): Result {
  return { statusCode, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

export function errorResult(error: HttpError): Result {
  return json(error.statusCode, { message: error.message, ...error.details });
}

/** The request's JSON body (API Gateway base64-encodes bodies it considers binary). */
export function jsonBody(event: APIGatewayProxyEventV2): unknown {
  if (!event.body) throw new HttpError(400, 'The request has no body: send a JSON object.');
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'The body is not valid JSON.');
  }
}
