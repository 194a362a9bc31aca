// The schema contributed for saved event files (dist/schemas/lambda-event.schema.json): each generator's
// event is recognised as its own kind only, and then valid against that kind's schema.
import '../../support/fresh-dist'; // runs dist/: built from the sources first
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, cpSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { detectEventKind, generateEvent, listEventGenerators } from '../../../runtime/events';
import { fixedContext } from './fixtures';
import { validate } from './json-schema-subset';

type Schema = Record<string, unknown>;

describe('events: the saved-event schema', function () {
  let combined: { definitions: Record<string, Schema>; allOf: Array<{ if: Schema; then: { $ref: string } }> };
  before(async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'lambkin-schema-'));
    mkdirSync(path.join(root, 'runtime/events'), { recursive: true });
    cpSync(path.resolve(__dirname, '../../../runtime/events/schemas'), path.join(root, 'runtime/events/schemas'), { recursive: true });
    const { writeEventSchemas } = (await import(path.resolve(__dirname, '../../../scripts/event-schemas.mjs'))) as { writeEventSchemas(root: string): void };
    writeEventSchemas(root);
    combined = JSON.parse(readFileSync(path.join(root, 'dist/schemas/lambda-event.schema.json'), 'utf8'));
    rmSync(root, { recursive: true, force: true });
  });

  it('recognises every generated event as exactly its own kind, and it validates', () => {
    for (const generator of listEventGenerators()) {
      const event = generateEvent(generator.name, {}, fixedContext());
      const matching = combined.allOf.filter((rule) => validate(rule.if, event).length === 0).map((rule) => rule.then.$ref.split('/').pop());
      const kind = detectEventKind(event);
      // function URLs share API Gateway v2's shape.
      const expected = kind === undefined ? [] : [kind === 'apigateway-http' || generator.name === 'function-url' ? 'apigateway-http' : kind];
      assert.deepEqual(matching, expected, generator.name);
      for (const name of matching) assert.deepEqual(validate({ ...combined.definitions[name!], definitions: combined.definitions }, event), [], generator.name);
    }
  });

  it('leaves custom events alone', () => {
    for (const custom of [{}, { orderId: 42 }, [1, 2], 'text', { Records: [] }, { message: 'Hello from AWS IoT console' }]) {
      assert.deepEqual(combined.allOf.filter((rule) => validate(rule.if, custom).length === 0), [], JSON.stringify(custom));
    }
  });
});
