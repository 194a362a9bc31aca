// sendMessage: {"action":"sendMessage","text":"…"} goes to everyone in the room; a /command also gets the
// bot's answer, sent to everyone after the question.
import type { APIGatewayProxyResultV2, APIGatewayProxyWebsocketEventV2 } from 'aws-lambda';
import { answer, BOT_NAME } from './lib/bot';
import { broadcast, managementEndpoint, member, members, send } from './lib/room';

const MAX_TEXT = 1000;

export async function handler(event: APIGatewayProxyWebsocketEventV2): Promise<APIGatewayProxyResultV2> {
  const { connectionId, domainName, stage } = event.requestContext;
  const endpoint = managementEndpoint(domainName, stage);
  const text = textOf(event.body);
  if (text === undefined) {
    await send(endpoint, connectionId, { type: 'error', text: `Send {"action":"sendMessage","text":"…"} with 1 to ${MAX_TEXT} characters of text.` });
    return { statusCode: 400 };
  }
  const sender = await member(connectionId);
  if (!sender) {
    // The table lost the connection (e.g. the data was reset while it stayed open): ask it to reconnect.
    await send(endpoint, connectionId, { type: 'error', text: 'This connection is not in the room any more: reconnect.' });
    return { statusCode: 410 };
  }
  const at = new Date().toISOString();
  const delivered = await broadcast(endpoint, { type: 'message', from: sender.name, text, at });
  const reply = answer(text, (await members()).map((entry) => entry.name));
  if (reply !== undefined) await broadcast(endpoint, { type: 'message', from: BOT_NAME, text: reply, at: new Date().toISOString() });
  console.log(`${sender.name}: ${text.length} characters to ${delivered} connection(s)${reply !== undefined ? ', and the bot answered' : ''}`);
  return { statusCode: 200 };
}

function textOf(body: string | undefined): string | undefined {
  try {
    const text = (JSON.parse(body ?? '') as { text?: unknown }).text;
    return typeof text === 'string' && text.trim().length > 0 && text.length <= MAX_TEXT ? text : undefined;
  } catch {
    return undefined;
  }
}
