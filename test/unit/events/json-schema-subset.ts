// A validator for the part of JSON Schema draft-07 the event schemas use: type, const, enum, required,
// properties, additionalProperties, propertyNames, items, minItems, min/maxProperties, minLength,
// minimum, pattern and local $ref. Unknown keywords fail loudly so a schema cannot silently outgrow it.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

type Schema = Record<string, unknown>;

const KNOWN = new Set([
  '$schema', '$id', 'title', 'description', 'definitions', '$ref', 'type', 'const', 'enum', 'required', 'properties',
  'additionalProperties', 'propertyNames', 'items', 'minItems', 'minProperties', 'maxProperties', 'minLength', 'minimum', 'pattern',
]);

export function loadSchema(kind: string): Schema {
  return JSON.parse(readFileSync(join(__dirname, '../../../runtime/events/schemas', `${kind}.schema.json`), 'utf8')) as Schema;
}

function typeMatches(type: string, value: unknown): boolean {
  switch (type) {
    case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array': return Array.isArray(value);
    case 'integer': return Number.isInteger(value);
    case 'null': return value === null;
    default: return typeof value === type;
  }
}

/** Every violation as `path: problem`; empty when the value conforms. */
export function validate(root: Schema, value: unknown): string[] {
  const errors: string[] = [];
  const resolve = (schema: Schema): Schema => {
    const ref = schema['$ref'];
    if (typeof ref !== 'string') return schema;
    const name = ref.replace('#/definitions/', '');
    const target = (root['definitions'] as Record<string, Schema> | undefined)?.[name];
    if (!target) throw new Error(`unresolvable $ref ${ref}`);
    return target;
  };
  const check = (raw: Schema, v: unknown, path: string): void => {
    const schema = resolve(raw);
    for (const key of Object.keys(schema)) if (!KNOWN.has(key)) throw new Error(`schema keyword ${key} at ${path} is not supported`);
    const fail = (message: string): void => void errors.push(`${path || '/'}: ${message}`);
    if (schema['type'] !== undefined) {
      const types = ([] as string[]).concat(schema['type'] as string | string[]);
      if (!types.some((t) => typeMatches(t, v))) return fail(`expected ${types.join('|')}, got ${JSON.stringify(v)}`);
    }
    if ('const' in schema && JSON.stringify(schema['const']) !== JSON.stringify(v)) fail(`expected ${JSON.stringify(schema['const'])}`);
    if (Array.isArray(schema['enum']) && !schema['enum'].some((e) => JSON.stringify(e) === JSON.stringify(v))) fail(`not one of ${JSON.stringify(schema['enum'])}`);
    if (typeof v === 'string') {
      if (typeof schema['pattern'] === 'string' && !new RegExp(schema['pattern'], 'u').test(v)) fail(`does not match ${schema['pattern']}`);
      if (typeof schema['minLength'] === 'number' && v.length < schema['minLength']) fail('too short');
    }
    if (typeof v === 'number' && typeof schema['minimum'] === 'number' && v < schema['minimum']) fail(`below ${schema['minimum']}`);
    if (Array.isArray(v)) {
      if (typeof schema['minItems'] === 'number' && v.length < schema['minItems']) fail(`fewer than ${schema['minItems']} items`);
      if (schema['items']) v.forEach((item, i) => check(schema['items'] as Schema, item, `${path}/${i}`));
    }
    if (typeMatches('object', v)) {
      const object = v as Record<string, unknown>;
      const keys = Object.keys(object);
      if (typeof schema['minProperties'] === 'number' && keys.length < schema['minProperties']) fail('too few properties');
      if (typeof schema['maxProperties'] === 'number' && keys.length > schema['maxProperties']) fail('too many properties');
      for (const name of (schema['required'] as string[] | undefined) ?? []) if (!(name in object)) fail(`missing ${name}`);
      const properties = (schema['properties'] as Record<string, Schema> | undefined) ?? {};
      for (const key of keys) {
        if (schema['propertyNames']) check(schema['propertyNames'] as Schema, key, `${path}/${key} (name)`);
        if (properties[key]) check(properties[key], object[key], `${path}/${key}`);
        else if (schema['additionalProperties'] === false) fail(`unexpected property ${key}`);
        else if (typeof schema['additionalProperties'] === 'object') check(schema['additionalProperties'] as Schema, object[key], `${path}/${key}`);
      }
    }
  };
  check(root, value, '');
  return errors;
}
