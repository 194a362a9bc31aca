// The template's tables over time: an index and a stream added by an edit while running (the table changed in
// place, its items indexed), a table removed from the template kept until `--prune`-style dropping,
// `lambkin data reset --table` on disk, and template problems at their lines.
import { DescribeTableCommand, DynamoDBClient, ResourceNotFoundException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dataCommand } from '../../../runtime/cli/commands/data';
import type { DynamoDbCalls } from '../../../runtime/services/dynamodb/calls';
import { parseTemplate } from '../../../runtime/template/load';
import { startServicesRuntime, type ServicesRuntime } from './support';

const HEADER = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
`;
const ITEMS = `  Items:
    Type: AWS::DynamoDB::Table
    Properties:
      TableName: items
      AttributeDefinitions:
        - { AttributeName: id, AttributeType: S }
KEYS_AND_MORE
`;
const PLAIN = ITEMS.replace('KEYS_AND_MORE', `      KeySchema:
        - { AttributeName: id, KeyType: HASH }`);
const WITH_INDEX = ITEMS.replace('KEYS_AND_MORE', `        - { AttributeName: colour, AttributeType: S }
      KeySchema:
        - { AttributeName: id, KeyType: HASH }
      GlobalSecondaryIndexes:
        - IndexName: byColour
          KeySchema: [{ AttributeName: colour, KeyType: HASH }]
          Projection: { ProjectionType: ALL }
      StreamSpecification:
        StreamViewType: NEW_IMAGE`);
const OLD = `  Old:
    Type: AWS::Serverless::SimpleTable
    Properties:
      TableName: old
`;

describe('local DynamoDB tables following the template', function () {
  this.timeout(90_000);
  let folder: string;
  let template: string;
  let services: ServicesRuntime | undefined;

  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'lambkin-ddb-template-'));
    template = path.join(folder, 'template.yaml');
  });
  afterEach(async () => {
    await services?.close();
    services = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  async function start(text: string): Promise<DynamoDBDocumentClient> {
    writeFileSync(template, text);
    services = await startServicesRuntime({ templates: [template], dataFolder: path.join(folder, 'data') });
    return DynamoDBDocumentClient.from(new DynamoDBClient(services.clientConfig));
  }

  it('adds an index and a stream to a table in place when the template gains them, indexing the items it has', async () => {
    const doc = await start(HEADER + PLAIN);
    await doc.send(new PutCommand({ TableName: 'items', Item: { id: 'a', colour: 'red' } }));
    writeFileSync(template, HEADER + WITH_INDEX);
    await services!.runtime.reload();
    const red = await doc.send(new QueryCommand({ TableName: 'items', IndexName: 'byColour', KeyConditionExpression: 'colour = :c', ExpressionAttributeValues: { ':c': 'red' } }));
    assert.deepEqual(red.Items, [{ id: 'a', colour: 'red' }]);
    const { Table } = await doc.send(new DescribeTableCommand({ TableName: 'items' }));
    assert.deepEqual(Table?.StreamSpecification, { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' });
  });

  it('keeps a table the template dropped, with its items, until it is pruned', async () => {
    let doc = await start(HEADER + PLAIN + OLD);
    await doc.send(new PutCommand({ TableName: 'old', Item: { id: 'kept' } }));
    await services!.close();
    doc = await start(HEADER + PLAIN);
    assert.deepEqual((await doc.send(new GetCommand({ TableName: 'old', Key: { id: 'kept' } }))).Item, { id: 'kept' });
    const aws = services!.runtime.services!;
    assert.deepEqual(await aws.call('dynamodb', 'removedTables', {}) as DynamoDbCalls['removedTables']['result'], { tables: ['old'] });
    await aws.call('dynamodb', 'dropTable', { table: 'old' });
    await assert.rejects(doc.send(new DescribeTableCommand({ TableName: 'old' })), (error: Error) => error instanceof ResourceNotFoundException);
    assert.deepEqual(await aws.call('dynamodb', 'removedTables', {}), { tables: [] });
  });

  it('empties one table on disk with lambkin data reset --table', async () => {
    const doc = await start(HEADER + PLAIN + OLD);
    await doc.send(new PutCommand({ TableName: 'items', Item: { id: 'gone' } }));
    await doc.send(new PutCommand({ TableName: 'old', Item: { id: 'stays' } }));
    await services!.close();
    services = undefined;
    const log = console.log;
    console.log = () => undefined;
    try {
      assert.equal(await dataCommand(['reset', '--table', 'items', '--data-dir', path.join(folder, 'data'), '--template', template]), 0);
    } finally {
      console.log = log;
    }
    const again = await start(HEADER + PLAIN + OLD);
    assert.equal((await again.send(new GetCommand({ TableName: 'items', Key: { id: 'gone' } }))).Item, undefined);
    assert.deepEqual((await again.send(new GetCommand({ TableName: 'old', Key: { id: 'stays' } }))).Item, { id: 'stays' });
  });

  it('reports a table and a stream event Lambda would refuse at their lines', () => {
    const text = `${HEADER}  Bad:
    Type: AWS::DynamoDB::Table
    Properties:
      AttributeDefinitions:
        - { AttributeName: id, AttributeType: S }
      KeySchema:
        - { AttributeName: missing, KeyType: HASH }
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs22.x
      Handler: index.handler
      CodeUri: src/
      Events:
        Changes:
          Type: DynamoDB
          Properties:
            Stream: arn:aws:dynamodb:us-east-1:123456789012:table/t/stream/2000-01-01T00:00:00.000
            StartingPosition: AT_TIMESTAMP
            BatchSize: 20000
`;
    const parsed = parseTemplate(text, path.join(folder, 'template.yaml'), { checkCode: false });
    const messages = parsed.problems.map((problem) => `${problem.location.line}: ${problem.message}`);
    assert.ok(messages.some((message) => /^10: .*Bad: KeySchema: key attribute missing is not in AttributeDefinitions/.test(message)), messages.join('\n'));
    assert.ok(messages.some((message) => /^22: .*Event Changes \(DynamoDB\): StartingPosition must be TRIM_HORIZON or LATEST for a DynamoDB stream \(AT_TIMESTAMP is for Kinesis\)/.test(message)), messages.join('\n'));
    assert.equal(parsed.resources.some((resource) => resource.name === 'Bad'), false);
  });
});
