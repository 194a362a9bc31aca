// Reads DynamoDB tables as the template writes them (AWS::DynamoDB::Table, AWS::Serverless::SimpleTable)
// into the CreateTable request the local DynamoDB makes of them, checking what CloudFormation would refuse:
// key attributes that are not defined, unknown types, a stream view type that does not exist.
import { isRecord, toText } from '../resolved';
import type { PropertyProblems } from './locate';
import type { ResourceCommon, TableDefinition, TableIndex } from './model';

const ATTRIBUTE_TYPES = new Set(['S', 'N', 'B']);
const STREAM_VIEW_TYPES = new Set(['KEYS_ONLY', 'NEW_IMAGE', 'OLD_IMAGE', 'NEW_AND_OLD_IMAGES']);
/** SimpleTable's PrimaryKey.Type spelled out, as SAM takes it. */
const SIMPLE_TYPES: Readonly<Record<string, string>> = { String: 'S', Number: 'N', Binary: 'B' };

type Json = Record<string, unknown>;

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

function keySchemaOf(value: unknown, path: string, defined: Set<string>, problems: PropertyProblems): TableDefinition['KeySchema'] | undefined {
  const entries = list(value);
  const hash = entries.filter((entry) => entry.KeyType === 'HASH');
  const range = entries.filter((entry) => entry.KeyType === 'RANGE');
  if (!Array.isArray(value) || hash.length !== 1 || range.length > 1 || entries.length !== hash.length + range.length) {
    problems.error([path], `${path} needs one HASH key and at most one RANGE key, e.g. [{AttributeName: id, KeyType: HASH}].`);
    return undefined;
  }
  const schema = [...hash, ...range].map((entry) => ({ AttributeName: toText(entry.AttributeName as string), KeyType: entry.KeyType as 'HASH' | 'RANGE' }));
  for (const key of schema) {
    if (!defined.has(key.AttributeName)) {
      problems.error([path], `${path}: key attribute ${key.AttributeName} is not in AttributeDefinitions; add {AttributeName: ${key.AttributeName}, AttributeType: S|N|B}.`);
      return undefined;
    }
  }
  return schema;
}

function indexesOf(value: unknown, name: string, defined: Set<string>, problems: PropertyProblems): TableIndex[] {
  if (value === undefined) return [];
  const indexes: TableIndex[] = [];
  for (const [position, index] of list(value).entries()) {
    const indexName = typeof index.IndexName === 'string' ? index.IndexName : undefined;
    const keySchema = keySchemaOf(index.KeySchema, `${name}[${position}].KeySchema`, defined, problems);
    if (!indexName || !keySchema) {
      if (!indexName) problems.error([name, position], `${name}[${position}] needs an IndexName.`);
      continue;
    }
    const projection = isRecord(index.Projection) ? index.Projection : { ProjectionType: 'ALL' };
    indexes.push({ IndexName: indexName, KeySchema: keySchema, Projection: projection as TableIndex['Projection'] });
  }
  return indexes;
}

function readSimpleTable(properties: Json, problems: PropertyProblems): TableDefinition | undefined {
  const key = isRecord(properties.PrimaryKey) ? properties.PrimaryKey : { Name: 'id', Type: 'String' };
  const name = typeof key.Name === 'string' ? key.Name : 'id';
  const type = SIMPLE_TYPES[typeof key.Type === 'string' ? key.Type : 'String'];
  if (!type) {
    problems.error(['PrimaryKey', 'Type'], 'PrimaryKey.Type must be String, Number or Binary.');
    return undefined;
  }
  return {
    AttributeDefinitions: [{ AttributeName: name, AttributeType: type as 'S' }],
    KeySchema: [{ AttributeName: name, KeyType: 'HASH' }],
    GlobalSecondaryIndexes: [],
    LocalSecondaryIndexes: [],
  };
}

/** The table a resource declares; undefined (with problems at their lines) when it cannot be created. */
export function readTableDefinition(common: ResourceCommon, problems: PropertyProblems): TableDefinition | undefined {
  const properties = common.properties as Json;
  if (common.type === 'AWS::Serverless::SimpleTable') return readSimpleTable(properties, problems);
  const definitions = list(properties.AttributeDefinitions).map((entry) => ({ AttributeName: toText(entry.AttributeName as string), AttributeType: toText(entry.AttributeType as string) }));
  if (definitions.length === 0) {
    problems.error(['AttributeDefinitions'], 'AttributeDefinitions must list the key attributes, e.g. [{AttributeName: id, AttributeType: S}].');
    return undefined;
  }
  for (const [position, definition] of definitions.entries()) {
    if (!ATTRIBUTE_TYPES.has(definition.AttributeType)) {
      problems.error(['AttributeDefinitions', position, 'AttributeType'], `AttributeType of ${definition.AttributeName} must be S, N or B, not "${definition.AttributeType}".`);
      return undefined;
    }
  }
  const defined = new Set(definitions.map((definition) => definition.AttributeName));
  const keySchema = keySchemaOf(properties.KeySchema, 'KeySchema', defined, problems);
  if (!keySchema) return undefined;
  const table: TableDefinition = {
    AttributeDefinitions: definitions as TableDefinition['AttributeDefinitions'],
    KeySchema: keySchema,
    GlobalSecondaryIndexes: indexesOf(properties.GlobalSecondaryIndexes, 'GlobalSecondaryIndexes', defined, problems),
    LocalSecondaryIndexes: indexesOf(properties.LocalSecondaryIndexes, 'LocalSecondaryIndexes', defined, problems),
  };
  if (properties.StreamSpecification !== undefined) {
    const viewType = isRecord(properties.StreamSpecification) ? properties.StreamSpecification.StreamViewType : undefined;
    if (typeof viewType !== 'string' || !STREAM_VIEW_TYPES.has(viewType)) {
      problems.error(['StreamSpecification', 'StreamViewType'], 'StreamSpecification.StreamViewType must be KEYS_ONLY, NEW_IMAGE, OLD_IMAGE or NEW_AND_OLD_IMAGES.');
    } else {
      table.StreamViewType = viewType as TableDefinition['StreamViewType'];
    }
  }
  const ttl = properties.TimeToLiveSpecification;
  if (isRecord(ttl) && (ttl.Enabled === true || ttl.Enabled === 'true')) {
    if (typeof ttl.AttributeName !== 'string' || ttl.AttributeName === '') problems.error(['TimeToLiveSpecification', 'AttributeName'], 'TimeToLiveSpecification needs the AttributeName that holds the expiry (epoch seconds).');
    else table.TimeToLiveAttribute = ttl.AttributeName;
  }
  return table;
}
