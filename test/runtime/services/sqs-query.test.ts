// The local SQS's query protocol, with requests shaped as the AWS CLI v1 and older SDKs send them (a form
// posted to the queue URL, signed for `sqs`), answered in SQS's XML; and the JSON protocol's error headers.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { parseXml } from '../../../runtime/services/wire/xml';
import { startServicesRuntime, type ServicesRuntime } from './support';

const SQS_APP_TEMPLATE = path.resolve(__dirname, '../../fixtures/sqs-app/template.yaml');
const AUTHORIZATION = 'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000';

describe('local SQS query protocol (raw HTTP)', function () {
  this.timeout(30_000);
  let services: ServicesRuntime;

  before(async () => {
    services = await startServicesRuntime({ templates: [SQS_APP_TEMPLATE] });
  });
  after(() => services.close());

  async function query(pathname: string, params: Record<string, string>): Promise<{ status: number; xml: Record<string, unknown>; text: string }> {
    const response = await fetch(`${services.endpoint}${pathname}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8', Authorization: AUTHORIZATION, 'X-Amz-Date': '20260101T000000Z' },
      body: new URLSearchParams({ ...params, Version: '2012-11-05' }).toString(),
    });
    const text = await response.text();
    return { status: response.status, xml: parseXml(text), text };
  }

  it('sends to the queue URL and receives with flattened attributes, in SQS\'s XML', async () => {
    const sent = await query('/123456789012/plain', {
      Action: 'SendMessage', MessageBody: 'from the CLI',
      'MessageAttribute.1.Name': 'color', 'MessageAttribute.1.Value.DataType': 'String', 'MessageAttribute.1.Value.StringValue': 'red',
    });
    assert.equal(sent.status, 200, sent.text);
    assert.match(sent.text, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<SendMessageResponse xmlns="http:\/\/queue.amazonaws.com\/doc\/2012-11-05\/"><SendMessageResult><MessageId>[0-9a-f-]{36}<\/MessageId><MD5OfMessageBody>/);
    const result = (sent.xml.SendMessageResponse as Record<string, Record<string, string>>).SendMessageResult;
    assert.equal(result.MD5OfMessageBody, createHash('md5').update('from the CLI').digest('hex'));
    const received = await query('/123456789012/plain', { Action: 'ReceiveMessage', 'AttributeName.1': 'All', 'MessageAttributeName.1': 'All', MaxNumberOfMessages: '5' });
    assert.equal(received.status, 200, received.text);
    const message = ((received.xml.ReceiveMessageResponse as Record<string, Record<string, Record<string, unknown>>>).ReceiveMessageResult.Message);
    assert.equal(message.Body, 'from the CLI');
    assert.equal(message.MessageId, result.MessageId);
    assert.deepEqual(message.MessageAttribute, { Name: 'color', Value: { StringValue: 'red', DataType: 'String' } });
    assert.match(received.text, /<Attribute><Name>SenderId<\/Name><Value>AIDA[0-9A-F]{17}<\/Value><\/Attribute><Attribute><Name>SentTimestamp<\/Name>/);
    const deleted = await query('/', { Action: 'DeleteMessage', QueueUrl: `${services.endpoint}/123456789012/plain`, ReceiptHandle: message.ReceiptHandle as string });
    assert.equal(deleted.status, 200, deleted.text);
    assert.ok('DeleteMessageResponse' in deleted.xml);
  });

  it('creates, lists and reads the attributes of queues with the query protocol\'s lists', async () => {
    const created = await query('/', { Action: 'CreateQueue', QueueName: 'cli-queue', 'Attribute.1.Name': 'VisibilityTimeout', 'Attribute.1.Value': '45' });
    assert.equal(created.status, 200, created.text);
    assert.equal((created.xml.CreateQueueResponse as Record<string, Record<string, string>>).CreateQueueResult.QueueUrl, `${services.endpoint}/123456789012/cli-queue`);
    const listed = await query('/', { Action: 'ListQueues', QueueNamePrefix: 'cli' });
    assert.match(listed.text, /<ListQueuesResult><QueueUrl>http:\/\/127\.0\.0\.1:\d+\/123456789012\/cli-queue<\/QueueUrl><\/ListQueuesResult>/);
    const attributes = await query('/123456789012/cli-queue', { Action: 'GetQueueAttributes', 'AttributeName.1': 'VisibilityTimeout', 'AttributeName.2': 'QueueArn' });
    assert.match(attributes.text, /<GetQueueAttributesResult><Attribute><Name>VisibilityTimeout<\/Name><Value>45<\/Value><\/Attribute><Attribute><Name>QueueArn<\/Name><Value>arn:aws:sqs:us-east-1:123456789012:cli-queue<\/Value><\/Attribute><\/GetQueueAttributesResult>/);
    const batch = await query('/123456789012/cli-queue', {
      Action: 'SendMessageBatch',
      'SendMessageBatchRequestEntry.1.Id': 'one', 'SendMessageBatchRequestEntry.1.MessageBody': 'first',
      'SendMessageBatchRequestEntry.2.Id': 'two', 'SendMessageBatchRequestEntry.2.MessageBody': 'second', 'SendMessageBatchRequestEntry.2.DelaySeconds': '1000',
    });
    assert.match(batch.text, /<SendMessageBatchResultEntry><Id>one<\/Id><MessageId>/);
    assert.match(batch.text, /<BatchResultErrorEntry><Id>two<\/Id><SenderFault>true<\/SenderFault><Code>InvalidParameterValue<\/Code><Message>Value 1000 for parameter DelaySeconds is invalid. Reason: Must be &gt;= 0 and &lt;= 900, if provided.<\/Message><\/BatchResultErrorEntry>/);
  });

  it('answers errors as SQS\'s ErrorResponse with the query codes, and as JSON with x-amzn-query-error', async () => {
    const missing = await query('/', { Action: 'GetQueueUrl', QueueName: 'nowhere' });
    assert.equal(missing.status, 400);
    assert.deepEqual((missing.xml.ErrorResponse as Record<string, unknown>).Error, { Type: 'Sender', Code: 'AWS.SimpleQueueService.NonExistentQueue', Message: 'The specified queue does not exist.' });
    const unknown = await query('/', { Action: 'FlyAway' });
    assert.equal(unknown.status, 400);
    assert.equal(((unknown.xml.ErrorResponse as Record<string, Record<string, string>>).Error).Code, 'InvalidAction');
    const json = await fetch(services.endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AmazonSQS.SendMessage', Authorization: AUTHORIZATION },
      body: JSON.stringify({ QueueUrl: `${services.endpoint}/123456789012/plain` }),
    });
    assert.equal(json.status, 400);
    assert.equal(json.headers.get('x-amzn-query-error'), 'MissingParameter;Sender');
    assert.deepEqual(await json.json(), { __type: 'com.amazonaws.sqs#MissingRequiredParameterException', message: 'The request must contain the parameter MessageBody.' });
    const malformed = await fetch(services.endpoint, { method: 'POST', headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'AmazonSQS.ListQueues', Authorization: AUTHORIZATION }, body: '{oops' });
    assert.equal(malformed.status, 400);
    assert.match(((await malformed.json()) as { message: string }).message, /not valid JSON/);
  });
});
