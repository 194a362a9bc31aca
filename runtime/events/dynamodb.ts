// DynamoDB Streams records (`dynamodb-insert`, `dynamodb-modify`, `dynamodb-remove`).

import type { DynamoDBRecord, DynamoDBStreamEvent, StreamRecord } from 'aws-lambda';
import { attributeMapSize, checkKeys, toAttributeMap, type AttributeMap } from './attribute-value';
import { defineEventGenerator } from './define';
import { regionalArn } from './format';
import { digits } from './ids';
import { objectParam } from './json-input';
import { EventInputError, type EventContext, type JsonObject, type JsonValue } from './types';

type ViewType = NonNullable<StreamRecord['StreamViewType']>;
const VIEW_TYPES: readonly ViewType[] = ['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES'];
type Change = 'INSERT' | 'MODIFY' | 'REMOVE';

/** The label of a stream ARN is its creation time: ISO without the zone. */
export function dynamoDbStreamArn(ctx: EventContext, table: string): string {
  return regionalArn(ctx, 'dynamodb', `table/${table}/stream/${ctx.now.toISOString().replace(/Z$/, '')}`);
}

/** An image always holds the item's key attributes; a differing value for one is a mistake. */
function imageWithKeys(generator: string, param: string, keys: JsonObject, image: JsonObject): JsonObject {
  for (const [name, value] of Object.entries(keys)) {
    if (name in image && JSON.stringify(image[name]) !== JSON.stringify(value)) {
      throw new EventInputError(
        `Parameter "${param}" of ${generator}: ${name} is ${JSON.stringify(image[name])} but keys say ${JSON.stringify(value)}; leave key attributes out of ${param} or make them agree.`,
      );
    }
  }
  return { ...keys, ...image };
}

interface ChangeInput {
  generator: string;
  change: Change;
  table: string;
  keys: JsonValue;
  newImage?: JsonValue;
  oldImage?: JsonValue;
  streamViewType: string;
}

function dynamoDbEvent(ctx: EventContext, c: ChangeInput): DynamoDBStreamEvent {
  if (!/^[A-Za-z0-9_.-]{3,255}$/.test(c.table)) {
    throw new EventInputError(`Parameter "table" of ${c.generator}: "${c.table}" is not a table name (3-255 letters, digits, _ . -).`);
  }
  const view = VIEW_TYPES.find((v) => v === c.streamViewType);
  if (!view) {
    throw new EventInputError(`Parameter "streamViewType" of ${c.generator} must be one of ${VIEW_TYPES.join(', ')}; got "${c.streamViewType}".`);
  }
  const keys = objectParam(c.generator, 'keys', c.keys, '{"Id":101}');
  checkKeys(c.generator, keys);
  const keyMap = toAttributeMap(keys);
  const image = (param: 'newImage' | 'oldImage', value: JsonValue | undefined): AttributeMap | undefined => {
    const wanted = param === 'newImage' ? view === 'NEW_IMAGE' || view === 'NEW_AND_OLD_IMAGES' : view === 'OLD_IMAGE' || view === 'NEW_AND_OLD_IMAGES';
    if (value === undefined || !wanted) return undefined;
    return toAttributeMap(imageWithKeys(c.generator, param, keys, objectParam(c.generator, param, value, '{"Message":"hi"}')));
  };
  const newImage = image('newImage', c.newImage);
  const oldImage = image('oldImage', c.oldImage);
  const record: DynamoDBRecord = {
    eventID: ctx.ids.hex(32),
    eventName: c.change,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: ctx.region,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(ctx.now.getTime() / 1000),
      Keys: keyMap,
      NewImage: newImage,
      OldImage: oldImage,
      SequenceNumber: digits(ctx.ids, 21),
      SizeBytes: [keyMap, newImage, oldImage].reduce((sum, map) => sum + (map ? attributeMapSize(map) : 0), 0),
      StreamViewType: view,
    },
    eventSourceARN: dynamoDbStreamArn(ctx, c.table),
  };
  return { Records: [record] };
}

const common = {
  table: { description: 'Table name', type: 'string', default: 'ExampleTableWithStream' },
  keys: { description: 'Key attributes as plain JSON, e.g. {"pk":"user#1","sk":1} (numbers become N strings)', type: 'json', default: { Id: 101 } },
  streamViewType: { description: 'KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES', type: 'string', default: 'NEW_AND_OLD_IMAGES' },
} as const;
const imageNote = 'as plain JSON; key attributes are added; sets cannot be expressed';

export type DynamoDbInsertOptions = { table: string; keys: JsonValue; newImage: JsonValue; streamViewType: string };
export type DynamoDbModifyOptions = DynamoDbInsertOptions & { oldImage: JsonValue };
export type DynamoDbRemoveOptions = { table: string; keys: JsonValue; oldImage: JsonValue; streamViewType: string };

export const dynamoDbInsertGenerator = defineEventGenerator<DynamoDbInsertOptions, DynamoDBStreamEvent>({
  name: 'dynamodb-insert',
  description: 'DynamoDB stream record for a new item (INSERT)',
  kind: 'dynamodb-stream',
  params: { ...common, newImage: { description: `New item ${imageNote}`, type: 'json', default: { Message: 'New item!' } } },
  build: (o, ctx) => dynamoDbEvent(ctx, { generator: 'dynamodb-insert', change: 'INSERT', ...o }),
});

export const dynamoDbModifyGenerator = defineEventGenerator<DynamoDbModifyOptions, DynamoDBStreamEvent>({
  name: 'dynamodb-modify',
  description: 'DynamoDB stream record for an updated item (MODIFY)',
  kind: 'dynamodb-stream',
  params: {
    ...common,
    newImage: { description: `Item after the change ${imageNote}`, type: 'json', default: { Message: 'This item has changed' } },
    oldImage: { description: `Item before the change ${imageNote}`, type: 'json', default: { Message: 'New item!' } },
  },
  build: (o, ctx) => dynamoDbEvent(ctx, { generator: 'dynamodb-modify', change: 'MODIFY', ...o }),
});

export const dynamoDbRemoveGenerator = defineEventGenerator<DynamoDbRemoveOptions, DynamoDBStreamEvent>({
  name: 'dynamodb-remove',
  description: 'DynamoDB stream record for a deleted item (REMOVE)',
  kind: 'dynamodb-stream',
  params: { ...common, oldImage: { description: `Deleted item ${imageNote}`, type: 'json', default: { Message: 'This item has changed' } } },
  build: (o, ctx) => dynamoDbEvent(ctx, { generator: 'dynamodb-remove', change: 'REMOVE', ...o }),
});

export const generateDynamoDbInsert = (options?: Partial<DynamoDbInsertOptions>, ctx?: Partial<EventContext>): DynamoDBStreamEvent =>
  dynamoDbInsertGenerator.build(options, ctx);
export const generateDynamoDbModify = (options?: Partial<DynamoDbModifyOptions>, ctx?: Partial<EventContext>): DynamoDBStreamEvent =>
  dynamoDbModifyGenerator.build(options, ctx);
export const generateDynamoDbRemove = (options?: Partial<DynamoDbRemoveOptions>, ctx?: Partial<EventContext>): DynamoDBStreamEvent =>
  dynamoDbRemoveGenerator.build(options, ctx);
