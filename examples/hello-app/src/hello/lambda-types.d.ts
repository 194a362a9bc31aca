// The slice of @types/aws-lambda and @types/node this handler uses, so the example type-checks without
// an npm install. In your own project: `npm install -D @types/aws-lambda @types/node`, and import the
// types from 'aws-lambda'.
export interface APIGatewayProxyEventV2 {
  version: string;
  routeKey: string;
  rawPath: string;
  rawQueryString: string;
  cookies?: string[];
  headers: Record<string, string | undefined>;
  queryStringParameters?: Record<string, string | undefined>;
  pathParameters?: Record<string, string | undefined>;
  requestContext: { http: { method: string; path: string; protocol: string; sourceIp: string; userAgent: string }; requestId: string; routeKey: string; stage: string };
  body?: string;
  isBase64Encoded: boolean;
}

export type APIGatewayProxyResultV2 =
  | string
  | { statusCode?: number; headers?: Record<string, string | number | boolean>; body?: string; isBase64Encoded?: boolean; cookies?: string[] };

export interface Context {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  getRemainingTimeInMillis(): number;
}

declare global {
  const process: { env: Record<string, string | undefined> };
}
