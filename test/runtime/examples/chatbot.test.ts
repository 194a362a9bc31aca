// examples/chatbot end to end: two WebSocket clients talk through the chat API, the bot answers a command
// for both, $connect refuses a bad name, $default explains, leaving is announced; the connections table
// is read back with the DynamoDB client; the Lex V2 hook answers its sample events.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { LambdaClient, InvokeCommand } from '@aws-sdk/client-lambda';
import { copyOfExample, eventually, LOCAL_CREDENTIALS, startExample, type RunningExample } from './support';
import { connect, refusedStatus, type Frames } from './ws-client';

interface ChatFrame {
  type: 'message' | 'joined' | 'left' | 'error';
  from?: string;
  name?: string;
  text?: string;
}

describe('examples/chatbot end to end', function () {
  this.timeout(120_000);
  let copy: Awaited<ReturnType<typeof copyOfExample>>;
  let app: RunningExample;
  let db: DynamoDBDocumentClient;
  let chat: string;
  const open: Frames<ChatFrame>[] = [];

  const members = async () => ((await db.send(new ScanCommand({ TableName: 'ConnectionsTable' }))).Items ?? []).map((item) => String(item.name)).sort();

  before(async () => {
    copy = await copyOfExample('chatbot');
    app = await startExample(copy.folder);
    chat = `${app.gateway.replace(/^http/, 'ws')}/chat`;
    db = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: app.aws, region: 'us-east-1', credentials: LOCAL_CREDENTIALS }));
  });

  after(async () => {
    for (const client of open) await client.close();
    db?.destroy();
    await app?.stop();
    copy?.remove();
  });

  it('lets two people talk, and both see the bot answer a command', async () => {
    const alice = await connect<ChatFrame>(`${chat}?name=alice`);
    open.push(alice);
    const bob = await connect<ChatFrame>(`${chat}?name=bob`);
    open.push(bob);
    await alice.next((frame) => frame.type === 'joined' && frame.name === 'bob', 'alice to hear that bob joined');
    assert.deepEqual(await members(), ['alice', 'bob']);

    alice.socket.send(JSON.stringify({ action: 'sendMessage', text: 'hi bob' }));
    await bob.next((frame) => frame.type === 'message' && frame.from === 'alice' && frame.text === 'hi bob', "bob to get alice's message");

    bob.socket.send(JSON.stringify({ action: 'sendMessage', text: '/order 1002' }));
    for (const [client, who] of [[alice, 'alice'], [bob, 'bob']] as const) {
      await client.next((frame) => frame.from === 'bob' && frame.text === '/order 1002', `${who} to see bob's command`);
      const answer = await client.next((frame) => frame.from === 'bot', `${who} to see the bot's answer`);
      assert.match(answer.text ?? '', /Order 1002 \(1 item\) is on its way/);
    }
    bob.socket.send(JSON.stringify({ action: 'sendMessage', text: '/who' }));
    const who = await alice.next((frame) => frame.from === 'bot' && /^Here:/.test(frame.text ?? ''), 'the bot to say who is here');
    assert.equal(who.text, 'Here: alice, bob.');
  });

  it('refuses a connection whose name is not allowed ($connect answers 400)', async () => {
    assert.equal(await refusedStatus(`${chat}?name=${encodeURIComponent('no spaces')}`), 400);
    assert.equal(await refusedStatus(`${chat}?name=bot`), 400);
    assert.deepEqual(await members(), ['alice', 'bob']);
  });

  it('answers an unknown action through $default, and an empty message with an error, to the sender only', async () => {
    const [alice, bob] = open;
    bob!.socket.send(JSON.stringify({ action: 'dance' }));
    const hint = await bob!.next((frame) => frame.type === 'error' && /Unknown action/.test(frame.text ?? ''), 'the $default hint');
    assert.match(hint.text ?? '', /sendMessage/);
    bob!.socket.send(JSON.stringify({ action: 'sendMessage', text: '   ' }));
    await bob!.next((frame) => frame.type === 'error' && /1 to 1000 characters/.test(frame.text ?? ''), 'the empty-message error');
    assert.equal(alice!.frames.filter((frame) => frame.type === 'error').length, 0, 'alice got none of bob\'s errors');
  });

  it('announces who left and forgets their connection', async () => {
    const [alice, bob] = open;
    await bob!.close();
    await alice!.next((frame) => frame.type === 'left' && frame.name === 'bob', 'alice to hear that bob left');
    await eventually(async () => (await members()).join() === 'alice', 'the connections table to hold alice only');
  });

  it('answers the Lex V2 code hook events as Lex expects', async () => {
    const lambda = new LambdaClient({ endpoint: app.ready.invokeEndpoint, region: 'us-east-1', credentials: LOCAL_CREDENTIALS });
    try {
      const invoke = async (file: string) => {
        const result = await lambda.send(new InvokeCommand({ FunctionName: 'LexFulfilmentFunction', Payload: readFileSync(path.join(copy.folder, 'events', file)) }));
        assert.equal(result.FunctionError, undefined);
        return JSON.parse(Buffer.from(result.Payload!).toString('utf8')) as {
          sessionState: { dialogAction: { type: string; slotToElicit?: string }; intent: { state: string } };
          messages?: Array<{ content: string }>;
        };
      };
      const fulfilled = await invoke('lex-fulfilment.json');
      assert.deepEqual([fulfilled.sessionState.dialogAction.type, fulfilled.sessionState.intent.state], ['Close', 'Fulfilled']);
      assert.match(fulfilled.messages?.[0]?.content ?? '', /Order 1002/);
      const wrong = await invoke('lex-dialog-invalid-number.json');
      assert.deepEqual(wrong.sessionState.dialogAction, { type: 'ElicitSlot', slotToElicit: 'OrderNumber' });
      assert.match(wrong.messages?.[0]?.content ?? '', /four digits/);
      const missing = await invoke('lex-dialog-no-number.json');
      assert.equal(missing.sessionState.dialogAction.type, 'Delegate');
    } finally {
      lambda.destroy();
    }
  });
});
