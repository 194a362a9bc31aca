// The JSON schemas describe what the generators produce, and detectEventKind names each kind.

import * as assert from 'node:assert/strict';
import { detectEventKind, EVENT_KINDS, eventSchemaPath, generateEvent, listEventGenerators } from '../../../runtime/events';
import { fixedContext } from './fixtures';
import { loadSchema, validate } from './json-schema-subset';

describe('events: schemas and detectEventKind', () => {
  it('has one draft-07 schema per kind', () => {
    for (const kind of EVENT_KINDS) {
      const schema = loadSchema(kind);
      assert.equal(schema['$schema'], 'http://json-schema.org/draft-07/schema#');
      assert.equal(eventSchemaPath(kind), `runtime/events/schemas/${kind}.schema.json`);
    }
  });

  it('every generator output validates against its kind schema and is detected as that kind', () => {
    for (const generator of listEventGenerators()) {
      const variants: Array<Record<string, string>> = [{}, generator.name === 'sqs' ? { queue: 'q.fifo', attributes: '{"a":1}' } : {}];
      for (const params of variants) {
        const event = generateEvent(generator.name, params, fixedContext());
        assert.deepEqual(validate(loadSchema(generator.kind), event), [], generator.name);
        assert.equal(detectEventKind(event), generator.kind, generator.name);
      }
    }
  });

  it('the schemas reject what Lambda never sends', () => {
    const s3 = generateEvent('s3-put', {}, fixedContext()) as { Records: Array<{ eventSource: string; s3: { object: { key: string } } }> };
    const record = s3.Records[0];
    assert.ok(record);
    record.s3.object.key = 'a b';
    assert.match(validate(loadSchema('s3'), s3).join('\n'), /key: does not match/);
    const v2 = generateEvent('apigateway-http', {}, fixedContext()) as { headers: Record<string, string> };
    v2.headers['Content-Type'] = 'x';
    assert.match(validate(loadSchema('apigateway-http'), v2).join('\n'), /Content-Type \(name\)/);
    const v1 = generateEvent('apigateway-rest', {}, fixedContext()) as Record<string, unknown>;
    delete v1['queryStringParameters'];
    assert.match(validate(loadSchema('apigateway-rest'), v1).join('\n'), /missing queryStringParameters/);
    const ddb = generateEvent('dynamodb-insert', {}, fixedContext()) as { Records: Array<{ dynamodb: { Keys: Record<string, unknown> } }> };
    const keys = ddb.Records[0]?.dynamodb.Keys;
    if (keys) keys['Id'] = { N: 101 };
    assert.match(validate(loadSchema('dynamodb-stream'), ddb).join('\n'), /Keys\/Id\/N: expected string/);
  });

  it('detects nothing in values that are no known event', () => {
    for (const value of [null, 42, 'x', [], {}, { Records: [] }, { Records: [{ eventSource: 'aws:kinesis' }] }, { requestContext: {} }]) {
      assert.equal(detectEventKind(value), undefined, JSON.stringify(value));
    }
  });
});
