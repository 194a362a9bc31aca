// HTTP API (payload v2) handler in TypeScript. The `import type` disappears when the file is run,
// so the example needs no npm install.
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from './lambda-types';

const headers = { 'content-type': 'application/json' };

// Module scope runs once per execution environment: a warm invoke sees the count grow.
let invocations = 0;

export const handler = async (event: APIGatewayProxyEventV2, context: Context): Promise<APIGatewayProxyResultV2> => {
  invocations += 1;
  const name = event.pathParameters?.name ?? event.queryStringParameters?.name ?? 'world';
  console.log(`greeting ${name} (${event.requestContext?.http?.method ?? 'GET'} ${event.rawPath ?? '/'})`);
  return {
    statusCode: 200,
    headers,
    body: JSON.stringify({
      message: `${process.env.GREETING ?? 'Hello'}: hi, ${name}!`,
      stage: process.env.STAGE,
      functionName: context.functionName,
      requestId: context.awsRequestId,
      invocations,
    }),
  };
};
